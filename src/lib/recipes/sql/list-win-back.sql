-- id: list-win-back
-- title: Win-back list
-- description: Customers who have not ordered for longer than the win-back threshold (about six months by
--   default), most valuable first, with their e-mail and segment: the send list for a "we miss you" campaign.
-- param: as_of DATE = NULL -- analysis date; NULL = the latest order date in the data; later orders are ignored
-- param: lapsed_after_days INTEGER = 180 -- a customer is lapsed when their last order is more than this many days before as_of
-- chart: table
-- explain-row: first
-- explain: On the list: {list_customers}, each with a last order more than {$lapsed_after_days} days before {as_of}. Revenue at stake,
--   what they have spent so far: {list_revenue:num}. First on the list: {customer_id} ({segment}), {reason}.
-- empty: No customer has been away for more than lapsed_after_days days.
WITH
settings AS (
  SELECT
    CAST($as_of AS DATE) AS as_of,
    CASE WHEN CAST($lapsed_after_days AS INTEGER) >= 0 THEN CAST($lapsed_after_days AS INTEGER)
         ELSE error('lapsed_after_days must be a whole number of days, 0 or more')
    END AS lapsed_after_days
),
-- Per-customer facts: the canonical schema's customer_profile macro (src/lib/ingest/canonical.ts).
listed AS (
  SELECT p.*
  FROM customer_profile((SELECT as_of FROM settings)) p, settings s
  WHERE p.days_since_last_order > s.lapsed_after_days
),
-- The list's rows (its columns, totals and order): the canonical schema's customer_list macro
-- (src/lib/ingest/canonical.ts). details holds the list's own columns, shown after the reason.
shown AS (
  SELECT
    *,
    'last order ' || days_since_last_order || ' days ago, ' || orders || (CASE WHEN orders = 1 THEN ' order' ELSE ' orders' END)
      || ' in all' AS reason,
    {
      'days_since_last_order': days_since_last_order
    } AS details
  FROM listed
)
FROM customer_list(shown)
