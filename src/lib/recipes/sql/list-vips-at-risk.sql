-- id: list-vips-at-risk
-- title: VIPs at risk
-- description: Your best customers (Champions, Loyal Customers, Can't Lose Them) who have now gone longer without
--   an order than they usually do between orders: call them before they drift away. Most valuable first.
-- param: as_of DATE = NULL -- analysis date; NULL = the latest order date in the data; later orders are ignored
-- chart: table
-- explain-row: first
-- explain: On the list: {list_customers} of your best customers, each now longer without an order than their own average
--   gap between orders. Revenue at stake, what they have spent so far: {list_revenue:num}. First on the list: {customer_id} ({segment}), {reason}.
-- empty: None of your best customers is overdue: each ordered within their usual gap.
WITH
settings AS (
  SELECT CAST($as_of AS DATE) AS as_of
),
-- The segments counted as "best"; edit the list to change who is watched.
best_segments(segment) AS (
  VALUES ('Champions'), ('Loyal Customers'), ('Can''t Lose Them')
),
-- Per-customer facts: the canonical schema's customer_profile macro (src/lib/ingest/canonical.ts).
-- typical_gap_days is the customer's own average gap: (last − first order) / (orders − 1).
listed AS (
  SELECT p.*
  FROM customer_profile((SELECT as_of FROM settings)) p
  WHERE p.segment IN (SELECT segment FROM best_segments)
    AND p.days_since_last_order > p.typical_gap_days
),
-- The list's rows (its columns, totals and order): the canonical schema's customer_list macro
-- (src/lib/ingest/canonical.ts). details holds the list's own columns, shown after the reason.
shown AS (
  SELECT
    *,
    'last order ' || days_since_last_order || ' days ago, usually every ' || round(typical_gap_days)::INTEGER || ' days' AS reason,
    {
      'days_since_last_order': days_since_last_order,
      'typical_gap_days': typical_gap_days
    } AS details
  FROM listed
)
FROM customer_list(shown)
