-- id: list-second-purchase
-- title: Second-purchase nudge
-- description: Customers whose first and only order was 3–4 weeks ago: the moment to nudge a second
--   purchase (the seeds send it 21–28 days after the first order). Most valuable first, ready to export.
-- param: as_of DATE = NULL -- analysis date; NULL = the latest order date in the data; later orders are ignored
-- param: from_days INTEGER = 21 -- the list starts this many days after the first order
-- param: to_days INTEGER = 28 -- and ends this many days after it
-- chart: table
-- explain-row: first
-- explain: On the list: {list_customers}, each with a first and only order {$from_days}–{$to_days} days before {as_of}.
--   Revenue at stake, what they have spent so far: {list_revenue:num}. First on the list: {customer_id}, {reason}.
-- empty: No customer placed a first order between from_days and to_days days before as_of without ordering again.
WITH
settings AS (
  SELECT CAST($as_of AS DATE) AS as_of, CAST($from_days AS INTEGER) AS from_days, CAST($to_days AS INTEGER) AS to_days
),
window_days AS (
  SELECT
    CASE WHEN from_days >= 0 AND to_days >= from_days THEN from_days
         ELSE error('from_days must be 0 or more and to_days at least from_days')
    END AS from_days,
    to_days
  FROM settings
),
-- Per-customer facts: the canonical schema's customer_profile macro (src/lib/ingest/canonical.ts).
listed AS (
  SELECT p.*
  FROM customer_profile((SELECT as_of FROM settings)) p, window_days w
  WHERE p.orders = 1 AND p.days_since_last_order BETWEEN w.from_days AND w.to_days
),
-- The list's rows (its columns, totals and order): the canonical schema's customer_list macro
-- (src/lib/ingest/canonical.ts). details holds the list's own columns, shown after the reason.
shown AS (
  SELECT
    *,
    'first order ' || days_since_last_order || ' days ago, no second yet' AS reason,
    {
      'days_since_first_order': days_since_last_order
    } AS details
  FROM listed
)
FROM customer_list(shown)
