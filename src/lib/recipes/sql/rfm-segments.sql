-- id: rfm-segments
-- title: RFM segment summary
-- description: How many customers, and how much of your revenue, sit in each RFM segment
--   (Champions, Loyal Customers, At Risk …), with their typical recency, orders and spend.
--   It scores customers exactly as the rfm recipe does; edit the segment_map rows in both to change the segments.
-- param: as_of DATE = NULL -- analysis date; NULL = the latest order date in the data; later orders are ignored
-- chart: bar x=segment y=customers
-- explain-row: first where customers > 0
-- explain: {segment}: {customers} customers = {customer_share:pct} of all {all_customers}, who brought
--   {revenue:num} = {revenue_share:pct} of customer revenue; on average {avg_recency_days:num} days since
--   their last order, {avg_frequency:num} orders and {avg_monetary:num} spent.
-- empty: There are no customers with orders up to as_of.
WITH
settings AS (
  SELECT CAST($as_of AS DATE) AS as_of
),
-- The editable segment map on (R score, F score); the first matching row (lowest
-- priority number) wins and customers matching no row are 'Others'.
segment_map(priority, segment, r_min, r_max, f_min, f_max) AS (
  VALUES
    (1, 'Champions', 5, 5, 4, 5),
    (2, 'Loyal Customers', 3, 4, 4, 5),
    (3, 'Potential Loyalists', 4, 5, 2, 3),
    (4, 'New Customers', 5, 5, 1, 1),
    (5, 'Promising', 4, 4, 1, 1),
    (6, 'Need Attention', 3, 3, 3, 3),
    (7, 'About to Sleep', 3, 3, 1, 2),
    (8, 'At Risk', 1, 2, 3, 4),
    (9, 'Can''t Lose Them', 1, 2, 5, 5),
    (10, 'Hibernating', 1, 2, 1, 2)
),
-- Scores and segments: the macros of the canonical schema (src/lib/ingest/canonical.ts).
scored AS (
  FROM rfm_customer_segments((SELECT as_of FROM settings), (SELECT list(g) FROM segment_map g))
),
segment_list AS (
  SELECT priority, segment FROM segment_map
  UNION ALL
  SELECT 99, 'Others'
)
SELECT
  l.segment,
  count(c.customer_id)::INTEGER AS customers,
  100.0 * count(c.customer_id) / (SELECT count(*) FROM scored) AS customer_share,
  coalesce(sum(c.monetary), 0) AS revenue,
  100.0 * coalesce(sum(c.monetary), 0) / (SELECT sum(monetary) FROM scored) AS revenue_share,
  avg(c.recency_days) AS avg_recency_days,
  avg(c.frequency) AS avg_frequency,
  avg(c.monetary) AS avg_monetary,
  (SELECT count(*) FROM scored)::INTEGER AS all_customers
FROM segment_list l
LEFT JOIN scored c USING (segment)
GROUP BY l.priority, l.segment
HAVING l.segment <> 'Others' OR count(c.customer_id) > 0
ORDER BY l.priority
