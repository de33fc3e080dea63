-- id: ltv-historical
-- title: Historical lifetime value by cohort
-- description: What a customer has been worth so far: cumulative revenue and gross margin per
--   customer of each monthly cohort, by months since their first order.
-- param: as_of DATE = NULL -- analysis date; NULL = the latest order date in the data; later orders are ignored
-- param: margin_rate DOUBLE = 1.0 -- share of revenue kept as gross margin, used for orders whose gross_margin is empty (1.0 = revenue)
-- chart: cohort-curves x=months_since_first y=cumulative_revenue_per_customer series=cohort flag=partial_period
-- explain-row: max months_since_first where partial_period = false
-- explain: Historical LTV = cumulative revenue of a cohort / its size. {months_since_first} months after their first
--   month, the {cohort_size} customers of the {cohort_label} cohort have brought {cumulative_revenue:num} in all,
--   {cumulative_revenue:num} / {cohort_size} = {cumulative_revenue_per_customer:num} per customer
--   ({cumulative_margin_per_customer:num} per customer in gross margin).
-- empty: There are no orders up to as_of.
WITH
settings AS (
  SELECT
    coalesce(CAST($as_of AS DATE), (SELECT max(ordered_at)::DATE FROM orders)) AS as_of,
    CASE WHEN CAST($margin_rate AS DOUBLE) BETWEEN 0 AND 1 THEN CAST($margin_rate AS DOUBLE)
         ELSE error('margin_rate must be between 0 and 1')
    END AS margin_rate
),
dated_orders AS (
  SELECT
    o.customer_id,
    date_trunc('month', o.ordered_at)::DATE AS order_month,
    o.revenue,
    coalesce(o.gross_margin, o.revenue * s.margin_rate) AS margin
  FROM customer_orders o, settings s
  WHERE o.ordered_at::DATE <= s.as_of
),
cohorts AS (
  SELECT customer_id, min(order_month) AS cohort FROM dated_orders GROUP BY customer_id
),
cohort_sizes AS (
  SELECT cohort, count(*) AS cohort_size FROM cohorts GROUP BY cohort
),
-- Every month from the cohort's first up to the one containing as_of, so that
-- months without orders still extend the curve.
cohort_months AS (
  SELECT
    c.cohort,
    c.cohort_size,
    unnest(generate_series(c.cohort, date_trunc('month', s.as_of)::DATE, INTERVAL 1 MONTH))::DATE AS order_month
  FROM cohort_sizes c, settings s
),
cohort_value AS (
  SELECT c.cohort, d.order_month, sum(d.revenue) AS revenue, sum(d.margin) AS margin
  FROM dated_orders d
  JOIN cohorts c USING (customer_id)
  GROUP BY c.cohort, d.order_month
)
SELECT
  m.cohort,
  strftime(m.cohort, '%Y-%m') AS cohort_label,
  datediff('month', m.cohort, m.order_month)::INTEGER AS months_since_first,
  m.order_month,
  m.cohort_size::INTEGER AS cohort_size,
  coalesce(v.revenue, 0) AS revenue,
  coalesce(v.margin, 0) AS margin,
  coalesce(v.revenue, 0) / m.cohort_size AS revenue_per_customer,
  coalesce(v.margin, 0) / m.cohort_size AS margin_per_customer,
  sum(coalesce(v.revenue, 0)) OVER cohort_so_far AS cumulative_revenue,
  sum(coalesce(v.margin, 0)) OVER cohort_so_far AS cumulative_margin,
  sum(coalesce(v.revenue, 0)) OVER cohort_so_far / m.cohort_size AS cumulative_revenue_per_customer,
  sum(coalesce(v.margin, 0)) OVER cohort_so_far / m.cohort_size AS cumulative_margin_per_customer,
  m.order_month = date_trunc('month', s.as_of)::DATE AND s.as_of < last_day(s.as_of) AS partial_period
FROM cohort_months m
CROSS JOIN settings s
LEFT JOIN cohort_value v USING (cohort, order_month)
WINDOW cohort_so_far AS (PARTITION BY m.cohort ORDER BY m.order_month)
ORDER BY m.cohort, m.order_month
