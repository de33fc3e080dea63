-- id: ltv-formula
-- title: Customer lifetime value (formula)
-- description: LTV = lifespan × average gross margin per order × purchases per customer per year,
--   with each factor measured on your data: churn over the last 365 days gives the lifespan,
--   all orders so far give the margin per order, and the last 365 days give the yearly purchases.
-- param: as_of DATE = NULL -- analysis date; NULL = the latest order date in the data; later orders are ignored
-- param: active_window_days INTEGER = 365 -- a customer is active on a day if they ordered in the window of this many days ending that day
-- param: margin_rate DOUBLE = 1.0 -- share of revenue kept as gross margin, used for orders whose gross_margin is empty (1.0 = revenue)
-- param: max_lifespan_years DOUBLE = 10 -- upper limit on the lifespan
-- param: lifespan_years DOUBLE = NULL -- your own lifespan in years; NULL = 1 / annual churn rate, capped at max_lifespan_years
-- chart: kpi
-- explain-row: first
-- explain: LTV = lifespan × gross margin per order × purchases per year = {lifespan_years:num} years × {avg_margin_per_order:num}
--   × {purchases_per_year:num} = {ltv:num}.
--   Lifespan: {lifespan_source}. Annual churn = 100 − CRR over the year {year_start} – {as_of}, where
--   CRR = (E − N) / S = ({E} − {N}) / {S} = {annual_crr:pct}, so churn = {annual_churn_rate:pct}
--   (S = customers active on the day before the year, E = active on {as_of}, N = first ordered during the year).
--   Margin per order = {gross_margin:num} / {orders} orders ({margin_source}).
--   Purchases per year = {year_orders} orders in the year / {year_customers} customers who ordered in it.
-- warn-if: history_incomplete = true -- The data start less than active_window_days before the year used for churn: nobody could have lapsed yet, so churn is understated and the lifespan overstated.
-- empty: There are no orders up to as_of.
WITH
settings AS (
  SELECT
    CASE WHEN CAST($active_window_days AS INTEGER) >= 1 THEN CAST($active_window_days AS INTEGER)
         ELSE error('active_window_days must be a whole number of days, 1 or more')
    END AS window_days,
    CASE WHEN CAST($margin_rate AS DOUBLE) BETWEEN 0 AND 1 THEN CAST($margin_rate AS DOUBLE)
         ELSE error('margin_rate must be between 0 and 1')
    END AS margin_rate,
    CASE WHEN CAST($max_lifespan_years AS DOUBLE) > 0 THEN CAST($max_lifespan_years AS DOUBLE)
         ELSE error('max_lifespan_years must be more than 0')
    END AS max_lifespan_years,
    CASE WHEN $lifespan_years IS NULL OR CAST($lifespan_years AS DOUBLE) > 0 THEN CAST($lifespan_years AS DOUBLE)
         ELSE error('lifespan_years must be more than 0, or NULL to measure it')
    END AS lifespan_param,
    coalesce(CAST($as_of AS DATE), (SELECT max(ordered_at)::DATE FROM orders)) AS as_of,
    (SELECT min(ordered_at)::DATE FROM orders) AS data_start
),
-- The year is the 365 days ending on as_of; S is measured on the day before it.
year_bounds AS (
  SELECT *, as_of - 364 AS year_start, as_of - 365 AS start_probe FROM settings
),
scoped_orders AS (
  SELECT o.customer_id, o.ordered_at::DATE AS day,
         coalesce(o.gross_margin, o.revenue * y.margin_rate) AS margin, o.gross_margin IS NOT NULL AS has_margin
  FROM customer_orders o, year_bounds y
  WHERE o.ordered_at::DATE <= y.as_of
),
customer_activity AS (
  SELECT
    d.customer_id,
    bool_or(d.day > y.start_probe - y.window_days AND d.day <= y.start_probe) AS active_at_start,
    bool_or(d.day > y.as_of - y.window_days) AS active_at_end,
    min(d.day) >= y.year_start AS new_in_year,
    count(*) FILTER (WHERE d.day >= y.year_start) AS year_orders
  FROM scoped_orders d, year_bounds y
  GROUP BY d.customer_id, y.start_probe, y.window_days, y.as_of, y.year_start
),
churn AS (
  SELECT
    count(*) FILTER (WHERE active_at_start)::INTEGER AS S,
    count(*) FILTER (WHERE active_at_end)::INTEGER AS E,
    count(*) FILTER (WHERE new_in_year)::INTEGER AS N,
    coalesce(sum(year_orders), 0)::INTEGER AS year_orders,
    count(*) FILTER (WHERE year_orders > 0)::INTEGER AS year_customers
  FROM customer_activity
),
margins AS (
  SELECT
    count(*)::INTEGER AS orders,
    coalesce(sum(margin), 0) AS gross_margin,
    count(*) FILTER (WHERE has_margin)::INTEGER AS orders_with_margin
  FROM scoped_orders
),
factors AS (
  SELECT
    y.as_of,
    y.year_start,
    c.S,
    c.E,
    c.N,
    CASE WHEN c.S > 0 THEN 100.0 * (c.E - c.N) / c.S END AS annual_crr,
    CASE WHEN c.S > 0 THEN 100.0 - 100.0 * (c.E - c.N) / c.S END AS annual_churn_rate,
    y.max_lifespan_years,
    y.lifespan_param,
    m.orders,
    m.gross_margin,
    m.orders_with_margin,
    y.margin_rate,
    m.gross_margin / nullif(m.orders, 0) AS avg_margin_per_order,
    c.year_orders,
    c.year_customers,
    c.year_orders / nullif(c.year_customers, 0) AS purchases_per_year,
    y.year_start - y.window_days < y.data_start AS history_incomplete
  FROM churn c, margins m, year_bounds y
),
lifespans AS (
  SELECT
    *,
    CASE WHEN annual_churn_rate > 0 THEN 100.0 / annual_churn_rate END AS measured_lifespan_years,
    CASE
      WHEN lifespan_param IS NOT NULL THEN lifespan_param
      WHEN annual_churn_rate IS NULL THEN NULL
      WHEN annual_churn_rate <= 0 THEN max_lifespan_years
      ELSE least(100.0 / annual_churn_rate, max_lifespan_years)
    END AS lifespan_years
  FROM factors
)
SELECT
  as_of,
  year_start,
  S,
  E,
  N,
  annual_crr,
  annual_churn_rate,
  measured_lifespan_years,
  max_lifespan_years,
  lifespan_years,
  CASE
    WHEN lifespan_param IS NOT NULL THEN 'set by the lifespan_years parameter'
    WHEN annual_churn_rate IS NULL THEN 'not measurable: no customer was active on the day before the year'
    WHEN annual_churn_rate <= 0 THEN 'no churn measured, so the cap of max_lifespan_years = ' || max_lifespan_years || ' years'
    WHEN measured_lifespan_years > max_lifespan_years
      THEN '1 / annual churn rate = ' || round(measured_lifespan_years, 1) || ' years, capped at max_lifespan_years = ' || max_lifespan_years
    ELSE '1 / annual churn rate = 1 / ' || round(annual_churn_rate / 100, 4) || ' = ' || round(measured_lifespan_years, 2) || ' years'
  END AS lifespan_source,
  orders,
  gross_margin,
  avg_margin_per_order,
  orders_with_margin,
  margin_rate,
  CASE
    WHEN orders_with_margin = orders THEN 'the gross_margin column'
    WHEN orders_with_margin = 0 THEN 'revenue × margin_rate ' || margin_rate
    ELSE 'the gross_margin column for ' || orders_with_margin || ' orders, revenue × margin_rate ' || margin_rate || ' for the rest'
  END AS margin_source,
  year_orders,
  year_customers,
  purchases_per_year,
  lifespan_years * avg_margin_per_order * purchases_per_year AS ltv,
  history_incomplete
FROM lifespans
