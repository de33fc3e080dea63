-- id: list-milestone-due
-- title: Milestone orders due
-- description: Customers whose next order will be their 2nd, 5th or 10th, and who are due to order: the time
--   since their last order has reached their usual gap between orders (for one-order customers, the shop's
--   median time to a second order), but they have not lapsed yet. Reward the milestone before it slips.
-- param: as_of DATE = NULL -- analysis date; NULL = the latest order date in the data; later orders are ignored
-- param: lapsed_after_days INTEGER = 180 -- customers away longer than this are on the win-back list instead
-- chart: table
-- explain-row: first
-- explain: On the list: {list_customers}, each due an order that would be their 2nd, 5th or 10th: the days since their last
--   order have reached their usual gap (one-order customers: the shop's median {median_days_to_second:num} days to a second order),
--   and none has been away more than {$lapsed_after_days} days. Revenue at stake, what they have spent so far:
--   {list_revenue:num}. First on the list: {customer_id}, {reason}.
-- empty: Nobody is due a 2nd, 5th or 10th order: each is within their usual gap, or already lapsed.
WITH
settings AS (
  SELECT
    coalesce(CAST($as_of AS DATE), (SELECT max(ordered_at)::DATE FROM orders)) AS as_of,
    CASE WHEN CAST($lapsed_after_days AS INTEGER) >= 0 THEN CAST($lapsed_after_days AS INTEGER)
         ELSE error('lapsed_after_days must be a whole number of days, 0 or more')
    END AS lapsed_after_days
),
milestones(milestone) AS (VALUES (2), (5), (10)),
-- Each customer's orders numbered 1, 2, … by date: the canonical schema's order_numbers macro (src/lib/ingest/canonical.ts).
numbered AS (
  SELECT customer_id, order_date AS day, order_number AS n
  FROM order_numbers((SELECT as_of FROM settings))
),
-- Customers with one order have no gap of their own: they get the shop's median days from a first order to a second.
shop_gap AS (
  SELECT quantile_cont(second_day - first_day, 0.5) AS median_days_to_second
  FROM (
    SELECT min(day) FILTER (WHERE n = 1) AS first_day, min(day) FILTER (WHERE n = 2) AS second_day
    FROM numbered WHERE n <= 2 GROUP BY customer_id
  )
  WHERE second_day IS NOT NULL
),
-- Per-customer facts: the canonical schema's customer_profile macro (src/lib/ingest/canonical.ts).
-- typical_gap_days is the customer's own average gap: (last − first order) / (orders − 1).
expected AS (
  SELECT p.*, p.orders + 1 AS next_order, coalesce(p.typical_gap_days, g.median_days_to_second) AS expected_gap_days,
         g.median_days_to_second
  FROM customer_profile((SELECT as_of FROM settings)) p, shop_gap g
  WHERE p.orders + 1 IN (SELECT milestone FROM milestones)
),
listed AS (
  SELECT e.*
  FROM expected e, settings s
  WHERE e.days_since_last_order >= e.expected_gap_days AND e.days_since_last_order <= s.lapsed_after_days
),
-- The list's rows (its columns, totals and order): the canonical schema's customer_list macro
-- (src/lib/ingest/canonical.ts). details holds the list's own columns, shown after the reason.
shown AS (
  SELECT
    *,
    'next order is their ' || next_order || CASE next_order WHEN 2 THEN 'nd' ELSE 'th' END || '; last order '
      || days_since_last_order || ' days ago, usually ' || round(expected_gap_days)::INTEGER || ' days between orders' AS reason,
    {
      'next_order': next_order,
      'due_since': (last_order_date + ceil(expected_gap_days)::INTEGER),
      'days_since_last_order': days_since_last_order,
      'expected_gap_days': expected_gap_days,
      'median_days_to_second': median_days_to_second
    } AS details
  FROM listed
)
FROM customer_list(shown)
