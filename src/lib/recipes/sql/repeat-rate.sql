-- id: repeat-rate
-- title: Repeat purchase rate
-- description: How many of your customers have bought more than once, how often a customer
--   buys, and what an order is worth. Guest orders (no customer id) are counted apart;
--   cancelled and refunded orders are left out.
-- param: as_of DATE = NULL -- analysis date; NULL = the latest order date in the data; later orders are ignored
-- chart: kpi
-- explain-row: first where customers > 0
-- explain: Repeat purchase rate = customers with 2 or more orders / customers = {repeat_customers} / {customers}
--   = {repeat_rate:pct}. Purchase frequency = orders / customers = {orders} / {customers} = {orders_per_customer:num}
--   orders per customer. Average order value = revenue / orders = {revenue:num} / {orders} = {aov:num}
--   (orders of identified customers; {guest_orders} guest orders worth {guest_revenue:num} are not in these figures).
-- explain-row: otherwise first
-- explain: No customer has a completed order up to {as_of}.
-- empty: There are no orders up to as_of.
WITH
settings AS (
  SELECT coalesce(CAST($as_of AS DATE), (SELECT max(ordered_at)::DATE FROM orders)) AS as_of
),
customer_totals AS (
  SELECT o.customer_id, count(*) AS orders, sum(o.revenue) AS revenue
  FROM customer_orders o, settings s
  WHERE o.ordered_at::DATE <= s.as_of
  GROUP BY o.customer_id
),
guest_totals AS (
  SELECT count(*) AS guest_orders, coalesce(sum(o.revenue), 0) AS guest_revenue
  FROM orders o, settings s
  WHERE o.status = 'completed' AND o.customer_id IS NULL AND o.ordered_at::DATE <= s.as_of
),
totals AS (
  SELECT
    count(*)::INTEGER AS customers,
    count(*) FILTER (WHERE orders >= 2)::INTEGER AS repeat_customers,
    coalesce(sum(orders), 0)::INTEGER AS orders,
    coalesce(sum(revenue), 0) AS revenue
  FROM customer_totals
)
SELECT
  s.as_of,
  t.customers,
  t.repeat_customers,
  100.0 * t.repeat_customers / nullif(t.customers, 0) AS repeat_rate,
  t.orders,
  t.orders / nullif(t.customers, 0) AS orders_per_customer,
  t.revenue,
  t.revenue / nullif(t.orders, 0) AS aov,
  g.guest_orders::INTEGER AS guest_orders,
  g.guest_revenue
FROM totals t, guest_totals g, settings s
