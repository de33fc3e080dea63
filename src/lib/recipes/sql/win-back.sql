-- id: win-back
-- title: Customers to win back
-- description: Customers who have not ordered for longer than the win-back threshold (about six
--   months by default), most valuable first: the list for a "we miss you" campaign.
-- param: as_of DATE = NULL -- analysis date; NULL = the latest order date in the data; later orders are ignored
-- param: lapsed_after_days INTEGER = 180 -- a customer is lapsed when their last order is more than this many days before as_of
-- chart: table
-- explain-row: first
-- explain: {lapsed_customers} of {customers} customers = {lapsed_share:pct} last ordered more than {$lapsed_after_days} days
--   before {as_of}. Together they spent {lapsed_revenue:num}; the most valuable, {customer_id}, spent {revenue:num}
--   over {orders} orders and last ordered {days_since_last_order} days ago.
-- empty: No customer has been away for more than lapsed_after_days days.
WITH
settings AS (
  SELECT
    coalesce(CAST($as_of AS DATE), (SELECT max(ordered_at)::DATE FROM orders)) AS as_of,
    CASE WHEN CAST($lapsed_after_days AS INTEGER) >= 0 THEN CAST($lapsed_after_days AS INTEGER)
         ELSE error('lapsed_after_days must be a whole number of days, 0 or more')
    END AS lapsed_after_days
),
customer_values AS (
  SELECT
    o.customer_id,
    min(o.ordered_at)::DATE AS first_order_date,
    max(o.ordered_at)::DATE AS last_order_date,
    count(*)::INTEGER AS orders,
    sum(o.revenue) AS revenue
  FROM customer_orders o, settings s
  WHERE o.ordered_at::DATE <= s.as_of
  GROUP BY o.customer_id
),
lapsed AS (
  SELECT v.*, (s.as_of - v.last_order_date)::INTEGER AS days_since_last_order, s.as_of
  FROM customer_values v, settings s
  WHERE s.as_of - v.last_order_date > s.lapsed_after_days
)
SELECT
  customer_id,
  first_order_date,
  last_order_date,
  days_since_last_order,
  orders,
  revenue,
  revenue / orders AS avg_order_value,
  count(*) OVER ()::INTEGER AS lapsed_customers,
  (SELECT count(*) FROM customer_values)::INTEGER AS customers,
  100.0 * count(*) OVER () / (SELECT count(*) FROM customer_values) AS lapsed_share,
  sum(revenue) OVER () AS lapsed_revenue,
  as_of
FROM lapsed
ORDER BY revenue DESC, customer_id
