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
-- explain-if: crr > 100 and reactivated_customers = 1 -- E − N exceeds S because 1 customer who had lapsed came back:
--   they are in E but in neither S nor N.
-- explain-if: crr > 100 and reactivated_customers > 1 -- E − N exceeds S because {reactivated_customers:count} customers
--   who had lapsed came back: they are in E but in neither S nor N.
-- explain-row: otherwise last where partial_period = false and crr is not null
-- explain: Too little history for a {$active_window_days}-day active window: the data cover less than the window plus
--   one {$period}, so no {$period} has complete history yet and every CRR here is inflated (nobody could have lapsed).
--   The latest: CRR for {period_label} = (E − N) / S = ({E} − {N}) / {S} = {crr:pct}, with S = {S} customers active
--   on the day before the period, E = {E} active on {period_end} and N = {N} new in the period.
-- explain-if: suggested_window_days is not null -- A {suggested_window_days}-day window leaves complete {$period}s from {suggested_from}.
-- explain-if: short_history = true and suggested_window_days is null -- No window of 90, 60 or 30 days leaves a complete {$period} either: choose a shorter period.
-- explain-row: otherwise last
-- explain: No complete {$period} with customers at its start has full history for a {$active_window_days}-day active
--   window yet, so no CRR here can be read as real.
-- explain-if: suggested_window_days is not null -- A {suggested_window_days}-day window leaves complete {$period}s from {suggested_from}.
-- explain-if: short_history = true and suggested_window_days is null -- No window of 90, 60 or 30 days leaves a complete {$period} either: choose a shorter period.
-- suggest: active_window_days = suggested_window_days -- Use a {suggested_window_days}-day window (complete periods from {suggested_from})
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
-- Each day a customer ordered on, with their order days before and after it.
customer_days AS (
  SELECT customer_id, day,
         first_value(day) OVER by_customer AS first_day,
         lag(day) OVER by_customer AS previous_day,
         coalesce(lead(day) OVER by_customer, DATE '9999-12-31') AS next_day
  FROM (
    SELECT DISTINCT o.customer_id, o.ordered_at::DATE AS day
    FROM customer_orders o, settings s
    WHERE o.ordered_at::DATE <= s.as_of
  )
  WINDOW by_customer AS (PARTITION BY customer_id ORDER BY day)
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
-- Every figure follows from one or two order days per customer and period, so
-- the joins below yield about S and E rows per period instead of every order day
-- in the window (active on day t = the last order day up to t is after t − window).
-- last_before: the customer's last order day before the period and the next one
-- (the first in or after the period), when it can matter: in the window or in P−1.
last_before AS (
  SELECT p.period_start, p.period_end, p.window_days, p.previous_start, d.customer_id, d.day, d.next_day
  FROM periods p
  JOIN customer_days d
    ON d.day < p.period_start AND d.next_day >= p.period_start
   AND d.day >= least(p.previous_start, p.period_start - p.window_days)
),
-- last_in_window: the customer's last order day up to period_end, when active then.
last_in_window AS (
  SELECT p.period_start, p.period_end - p.window_days >= p.period_start AS short_window, d.customer_id, d.previous_day,
         d.first_day >= p.period_start AS new_in_period
  FROM periods p
  JOIN customer_days d
    ON d.day <= p.period_end AND d.next_day > p.period_end
   AND d.day > p.period_end - p.window_days
),
start_counts AS (
  SELECT
    period_start,
    count(*) FILTER (WHERE day >= period_start - window_days) AS start_customers,
    -- Active at the start and at the end: the last order before the period is still
    -- in the window at its end, or the first order in the period is.
    count(*) FILTER (WHERE day >= period_start - window_days AND (
      day > period_end - window_days
      OR (next_day <= period_end AND next_day > period_end - window_days))) AS kept_early,
    count(*) FILTER (WHERE day >= previous_start) AS previous_buyers,
    count(*) FILTER (WHERE day >= previous_start AND next_day <= period_end) AS returning_buyers
  FROM last_before
  GROUP BY period_start
),
-- Only when the window is shorter than the period: active at the start, a first
-- order in the period too early to count at its end, and a later one that does.
kept_late AS (
  SELECT b.period_start, count(*) AS kept_late
  FROM (
    SELECT * FROM last_before
    WHERE day >= period_start - window_days AND next_day <= period_end - window_days
  ) b
  JOIN (SELECT * FROM last_in_window WHERE short_window) e
    ON e.period_start = b.period_start AND e.customer_id = b.customer_id
  GROUP BY b.period_start
),
end_counts AS (
  SELECT period_start, count(*) AS end_customers, count(*) FILTER (WHERE new_in_period) AS new_at_end
  FROM last_in_window GROUP BY period_start
),
period_counts AS (
  SELECT
    p.period_start,
    s.start_customers,
    e.end_customers,
    e.new_at_end,
    coalesce(s.kept_early, 0) + coalesce(k.kept_late, 0) AS kept_customers,
    s.previous_buyers,
    s.returning_buyers
  FROM periods p
  LEFT JOIN start_counts s USING (period_start)
  LEFT JOIN end_counts e USING (period_start)
  LEFT JOIN kept_late k USING (period_start)
),
new_counts AS (
  SELECT p.period_start, count(*) AS new_customers
  FROM periods p
  JOIN customer_days d ON d.previous_day IS NULL AND d.day BETWEEN p.period_start AND p.period_end
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
    coalesce(c.new_at_end, 0)::INTEGER AS new_at_end,
    coalesce(c.previous_buyers, 0)::INTEGER AS previous_buyers,
    coalesce(c.returning_buyers, 0)::INTEGER AS returning_buyers,
    p.incomplete_history,
    p.partial_period
  FROM periods p
  LEFT JOIN period_counts c USING (period_start)
  LEFT JOIN new_counts n USING (period_start)
),
-- With less data than the window plus one period, no period has complete history.
-- Then offer the longest usual shorter window (90, 60 or 30 days) that leaves
-- complete periods, and the first of them.
history AS (
  SELECT NOT coalesce(bool_or(NOT partial_period AND NOT incomplete_history), FALSE) AS short_history FROM periods
),
shorter_window AS (
  SELECT w.days AS window_days, arg_min(p.period_label, p.period_start) AS complete_from
  FROM (VALUES (90), (60), (30)) w(days), periods p, settings s
  WHERE w.days < s.window_days AND NOT p.partial_period AND p.period_start - w.days >= s.data_start
  GROUP BY w.days
  ORDER BY w.days DESC
  LIMIT 1
),
suggestion AS (
  SELECT h.short_history,
         CASE WHEN h.short_history THEN w.window_days END AS suggested_window_days,
         CASE WHEN h.short_history THEN w.complete_from END AS suggested_from
  FROM history h LEFT JOIN shorter_window w ON TRUE
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
  -- In E but in neither S nor N: customers who had lapsed and came back. E − N − |E ∩ S|
  -- whenever the window is at least a period long (then every new customer is in E).
  E - kept - new_at_end AS reactivated_customers,
  previous_buyers,
  returning_buyers,
  incomplete_history,
  partial_period,
  short_history,
  suggested_window_days,
  suggested_from
FROM figures, suggestion
ORDER BY period_start
