-- id: rfm-segments
-- title: RFM segment summary
-- description: How many customers, and how much of your revenue, sit in each RFM segment
--   (Champions, Loyal Customers, At Risk …), with their typical recency, orders and spend.
--   It scores customers exactly as the rfm recipe does; give both the same segment_map rows to change the segments.
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
-- The segment map on (R score, F score): the contract's map, rfm_default_segment_map() (src/lib/ingest/canonical.ts).
-- The first matching row (lowest priority number) wins and customers matching no row are 'Others'. To change the
-- segments, put your own rows in place of the SELECT: VALUES rows of (priority, segment, r_min, r_max, f_min, f_max).
segment_map AS (
  SELECT unnest(rfm_default_segment_map(), recursive := true)
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
