-- id: cohort-retention
-- title: Cohort retention
-- description: Customers grouped by the period of their first order (their cohort): the share of
--   each cohort that ordered again 1, 2, 3 … periods later, and the revenue a cohort customer
--   brought in each period and in total so far.
-- param: period VARCHAR = 'month' [month|quarter|year] -- the calendar period of cohorts and offsets
-- param: as_of DATE = NULL -- analysis date; NULL = the latest order date in the data; later orders are ignored
-- chart: cohort-heatmap y=cohort x=offset value=retention flag=partial_period
-- explain-row: last where offset = 1 and partial_period = false
-- explain: Retention of the {cohort_label} cohort one period on = customers of the cohort who ordered in {period_label}
--   / cohort size = {active_customers} / {cohort_size} = {retention:pct}. Offset 0 is the cohort's first period (100 %).
--   Revenue per cohort customer so far: {cumulative_revenue_per_customer:num}.
-- empty: There are no orders up to as_of.
WITH
settings AS (
  SELECT
    CASE WHEN CAST($period AS VARCHAR) IN ('month', 'quarter', 'year') THEN CAST($period AS VARCHAR)
         ELSE error('period must be month, quarter or year, not ' || coalesce(CAST($period AS VARCHAR), 'NULL'))
    END AS period,
    coalesce(CAST($as_of AS DATE), (SELECT max(ordered_at)::DATE FROM orders)) AS as_of
),
steps AS (
  SELECT
    period,
    as_of,
    CASE period WHEN 'month' THEN 1 WHEN 'quarter' THEN 3 ELSE 12 END AS step_months,
    date_trunc(period, as_of)::DATE AS last_period
  FROM settings
),
dated_orders AS (
  SELECT o.customer_id, date_trunc(s.period, o.ordered_at)::DATE AS order_period, o.revenue
  FROM customer_orders o, steps s
  WHERE o.ordered_at::DATE <= s.as_of
),
cohorts AS (
  SELECT customer_id, min(order_period) AS cohort FROM dated_orders GROUP BY customer_id
),
cohort_sizes AS (
  SELECT cohort, count(*) AS cohort_size FROM cohorts GROUP BY cohort
),
-- Every period from the cohort's own up to the one containing as_of, so that
-- periods in which nobody ordered show as 0 % instead of being skipped.
cohort_periods AS (
  SELECT
    c.cohort,
    c.cohort_size,
    unnest(generate_series(c.cohort, s.last_period, to_months(s.step_months)))::DATE AS period_start
  FROM cohort_sizes c, steps s
),
activity AS (
  SELECT c.cohort, d.order_period AS period_start,
         count(DISTINCT d.customer_id) AS active_customers, sum(d.revenue) AS revenue
  FROM dated_orders d
  JOIN cohorts c USING (customer_id)
  GROUP BY c.cohort, d.order_period
),
labelled AS (
  SELECT
    p.cohort,
    p.period_start,
    (datediff('month', p.cohort, p.period_start) // s.step_months)::INTEGER AS "offset",
    p.cohort_size::INTEGER AS cohort_size,
    coalesce(a.active_customers, 0)::INTEGER AS active_customers,
    coalesce(a.revenue, 0) AS revenue,
    p.period_start = s.last_period AND s.as_of < (p.period_start + to_months(s.step_months))::DATE - 1 AS partial_period,
    s.period
  FROM cohort_periods p
  CROSS JOIN steps s
  LEFT JOIN activity a USING (cohort, period_start)
)
SELECT
  cohort,
  CASE period
    WHEN 'month' THEN strftime(cohort, '%Y-%m')
    WHEN 'quarter' THEN strftime(cohort, '%Y') || '-Q' || quarter(cohort)
    ELSE strftime(cohort, '%Y')
  END AS cohort_label,
  "offset",
  period_start,
  CASE period
    WHEN 'month' THEN strftime(period_start, '%Y-%m')
    WHEN 'quarter' THEN strftime(period_start, '%Y') || '-Q' || quarter(period_start)
    ELSE strftime(period_start, '%Y')
  END AS period_label,
  cohort_size,
  active_customers,
  100.0 * active_customers / cohort_size AS retention,
  revenue,
  revenue / cohort_size AS revenue_per_customer,
  sum(revenue) OVER (PARTITION BY cohort ORDER BY "offset") / cohort_size AS cumulative_revenue_per_customer,
  partial_period
FROM labelled
ORDER BY cohort, "offset"
