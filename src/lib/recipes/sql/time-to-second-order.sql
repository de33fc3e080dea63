-- id: time-to-second-order
-- title: Time to second order
-- description: How long customers take to come back for a second order: one row per customer who
--   has one, with the median and the share who returned within 30 days (the window in which
--   a second-purchase nudge, 3–4 weeks after the first, can still help).
-- param: as_of DATE = NULL -- analysis date; NULL = the latest order date in the data; later orders are ignored
-- chart: histogram x=days_to_second_order
-- explain-row: first
-- explain: {customers_with_second_order} of {customers} customers have placed a second order. Half of them did so
--   within {median_days:num} days of their first (median); {within_30_days_customers} of {customers_with_second_order}
--   = {within_30_days_pct:pct} came back within 30 days.
-- empty: No customer has placed a second order by as_of.
WITH
settings AS (
  SELECT coalesce(CAST($as_of AS DATE), (SELECT max(ordered_at)::DATE FROM orders)) AS as_of
),
-- Each customer's orders numbered 1, 2, … by date: the canonical schema's order_numbers macro (src/lib/ingest/canonical.ts).
numbered_orders AS (
  FROM order_numbers((SELECT as_of FROM settings))
),
first_two AS (
  SELECT
    customer_id,
    min(order_date) FILTER (WHERE order_number = 1) AS first_order_date,
    min(order_date) FILTER (WHERE order_number = 2) AS second_order_date
  FROM numbered_orders
  WHERE order_number <= 2
  GROUP BY customer_id
),
second_orders AS (
  SELECT customer_id, first_order_date, second_order_date,
         (second_order_date - first_order_date)::INTEGER AS days_to_second_order
  FROM first_two
  WHERE second_order_date IS NOT NULL
),
summary AS (
  SELECT
    (SELECT count(*) FROM first_two)::INTEGER AS customers,
    count(*)::INTEGER AS customers_with_second_order,
    quantile_cont(days_to_second_order, 0.5) AS median_days,
    count(*) FILTER (WHERE days_to_second_order <= 30)::INTEGER AS within_30_days_customers
  FROM second_orders
)
SELECT
  o.customer_id,
  o.first_order_date,
  o.second_order_date,
  o.days_to_second_order,
  o.days_to_second_order <= 30 AS within_30_days,
  m.customers,
  m.customers_with_second_order,
  m.median_days,
  m.within_30_days_customers,
  100.0 * m.within_30_days_customers / m.customers_with_second_order AS within_30_days_pct
FROM second_orders o, summary m
ORDER BY o.days_to_second_order, o.customer_id
