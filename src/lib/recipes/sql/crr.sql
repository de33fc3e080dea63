-- id: crr
-- title: Customer retention rate
-- description: Of the customers you had at the start of each period, how many did you keep?
--   CRR = (E − N) / S, the seeds' formula, per calendar period, with churn, the strict
--   share of starting customers still active, and the returning-customer variant beside it.
-- param: period VARCHAR = 'month' [month|quarter|year] -- the calendar period of each row
-- param: as_of DATE = NULL -- analysis date; NULL = the latest order date in the data; later orders are ignored
-- param: active_window_days INTEGER = 365 -- a customer is active on a day if they ordered in the window of this many days ending that day
-- chart: crr x=period_start y=crr flag=incomplete_history
-- explain-row: last where partial_period = false and incomplete_history = false and crr is not null
-- explain: CRR for {period_label} = (E − N) / S = ({E} − {N}) / {S} = {crr:pct}.
--   S = {S} customers were active on the day before the period began, E = {E} were active on
--   {period_end}, and N = {N} of them ordered for the first time during the period
--   (active = at least one order in the {$active_window_days} days up to that day).
--   Strictly, {strict_retained_pct:pct} of the S customers were still active at the end;
--   churn rate = 100 − CRR = {churn_rate:pct}.
-- explain-row: otherwise last where partial_period = false and crr is not null
-- explain: CRR for {period_label} = (E − N) / S = ({E} − {N}) / {S} = {crr:pct}: S = {S} customers active on the day
--   before the period, E = {E} active on {period_end}, N = {N} new in the period. Careful: this period begins less than
--   {$active_window_days} days after the first order in the data, so no customer could have lapsed yet and the rate is
--   inflated; later periods will be complete.
-- warn-if: incomplete_history = true -- Periods flagged incomplete_history start less than active_window_days after the first order in the data: nobody could have lapsed yet, so their CRR is inflated.
-- empty: There are no orders up to as_of.
WITH
settings AS (
  SELECT
    CASE WHEN CAST($period AS VARCHAR) IN ('month', 'quarter', 'year') THEN CAST($period AS VARCHAR)
         ELSE error('period must be month, quarter or year, not ' || coalesce(CAST($period AS VARCHAR), 'NULL'))
    END AS period,
    CASE WHEN CAST($active_window_days AS INTEGER) >= 1 THEN CAST($active_window_days AS INTEGER)
         ELSE error('active_window_days must be a whole number of days, 1 or more')
    END AS window_days,
    coalesce(CAST($as_of AS DATE), (SELECT max(ordered_at)::DATE FROM orders)) AS as_of,
    (SELECT min(ordered_at)::DATE FROM orders) AS data_start
),
steps AS (
  SELECT *, CASE period WHEN 'month' THEN 1 WHEN 'quarter' THEN 3 ELSE 12 END AS step_months FROM settings
),
customer_days AS (
  SELECT DISTINCT o.customer_id, o.ordered_at::DATE AS day
  FROM customer_orders o, settings s
  WHERE o.ordered_at::DATE <= s.as_of
),
first_days AS (
  SELECT customer_id, min(day) AS first_day FROM customer_days GROUP BY customer_id
),
period_starts AS (
  SELECT
    unnest(generate_series(date_trunc(period, data_start)::DATE, as_of, to_months(step_months)))::DATE AS period_start,
    *
  FROM steps
),
periods AS (
  SELECT
    period_start,
    (period_start + to_months(step_months))::DATE - 1 AS calendar_end,
    least(calendar_end, as_of) AS period_end,
    (period_start - to_months(step_months))::DATE AS previous_start,
    CASE period
      WHEN 'month' THEN strftime(period_start, '%Y-%m')
      WHEN 'quarter' THEN strftime(period_start, '%Y') || '-Q' || quarter(period_start)
      ELSE strftime(period_start, '%Y')
    END AS period_label,
    window_days,
    period_start - window_days < data_start AS incomplete_history,
    as_of < calendar_end AS partial_period
  FROM period_starts
),
-- One row per (period, customer) with an order anywhere in the days that decide
-- S (the window ending the day before the period), E (the window ending on
-- period_end) and the returning-customer variant (periods P−1 and P).
period_customers AS (
  SELECT
    p.period_start,
    d.customer_id,
    bool_or(d.day >= p.period_start - p.window_days AND d.day < p.period_start) AS active_at_start,
    bool_or(d.day > p.period_end - p.window_days) AS active_at_end,
    bool_or(d.day >= p.period_start) AS ordered_in_period,
    bool_or(d.day >= p.previous_start AND d.day < p.period_start) AS ordered_in_previous
  FROM periods p
  JOIN customer_days d
    ON d.day >= least(p.previous_start, p.period_start - p.window_days) AND d.day <= p.period_end
  GROUP BY p.period_start, d.customer_id
),
period_counts AS (
  SELECT
    period_start,
    count(*) FILTER (WHERE active_at_start) AS start_customers,
    count(*) FILTER (WHERE active_at_end) AS end_customers,
    count(*) FILTER (WHERE active_at_start AND active_at_end) AS kept_customers,
    count(*) FILTER (WHERE ordered_in_previous) AS previous_buyers,
    count(*) FILTER (WHERE ordered_in_previous AND ordered_in_period) AS returning_buyers
  FROM period_customers
  GROUP BY period_start
),
new_counts AS (
  SELECT p.period_start, count(*) AS new_customers
  FROM periods p
  JOIN first_days f ON f.first_day BETWEEN p.period_start AND p.period_end
  GROUP BY p.period_start
),
figures AS (
  SELECT
    p.period_start,
    p.period_end,
    p.period_label,
    coalesce(c.start_customers, 0)::INTEGER AS S,
    coalesce(c.end_customers, 0)::INTEGER AS E,
    coalesce(n.new_customers, 0)::INTEGER AS N,
    coalesce(c.kept_customers, 0)::INTEGER AS kept,
    coalesce(c.previous_buyers, 0)::INTEGER AS previous_buyers,
    coalesce(c.returning_buyers, 0)::INTEGER AS returning_buyers,
    p.incomplete_history,
    p.partial_period
  FROM periods p
  LEFT JOIN period_counts c USING (period_start)
  LEFT JOIN new_counts n USING (period_start)
)
SELECT
  period_start,
  period_end,
  period_label,
  S,
  E,
  N,
  CASE WHEN S > 0 THEN 100.0 * (E - N) / S END AS crr,
  CASE WHEN S > 0 THEN 100.0 * kept / S END AS strict_retained_pct,
  CASE WHEN S > 0 THEN 100.0 - 100.0 * (E - N) / S END AS churn_rate,
  CASE WHEN previous_buyers > 0 THEN 100.0 * returning_buyers / previous_buyers END AS returning_rate,
  kept AS retained_customers,
  previous_buyers,
  returning_buyers,
  incomplete_history,
  partial_period
FROM figures
ORDER BY period_start
