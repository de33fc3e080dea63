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
  SELECT coalesce(CAST($as_of AS DATE), (SELECT max(ordered_at)::DATE FROM orders)) AS as_of
),
customer_values AS (
  SELECT
    o.customer_id,
    max(o.ordered_at)::DATE AS last_order_date,
    count(*)::INTEGER AS frequency,
    sum(o.revenue) AS monetary
  FROM customer_orders o, settings s
  WHERE o.ordered_at::DATE <= s.as_of
  GROUP BY o.customer_id
),
measures AS (
  SELECT v.*, (s.as_of - v.last_order_date)::INTEGER AS recency_days, s.as_of
  FROM customer_values v, settings s
),
thresholds AS (
  SELECT
    quantile_cont(recency_days, [0.2, 0.4, 0.6, 0.8]) AS recency_thresholds,
    quantile_cont(frequency, [0.2, 0.4, 0.6, 0.8]) AS frequency_thresholds,
    quantile_cont(monetary, [0.2, 0.4, 0.6, 0.8]) AS monetary_thresholds
  FROM measures
),
scores AS (
  SELECT
    m.*,
    t.*,
    1 + (m.recency_days > t.recency_thresholds[1])::INTEGER + (m.recency_days > t.recency_thresholds[2])::INTEGER
      + (m.recency_days > t.recency_thresholds[3])::INTEGER + (m.recency_days > t.recency_thresholds[4])::INTEGER
      AS recency_rank,
    1 + (m.frequency > t.frequency_thresholds[1])::INTEGER + (m.frequency > t.frequency_thresholds[2])::INTEGER
      + (m.frequency > t.frequency_thresholds[3])::INTEGER + (m.frequency > t.frequency_thresholds[4])::INTEGER
      AS f_score,
    1 + (m.monetary > t.monetary_thresholds[1])::INTEGER + (m.monetary > t.monetary_thresholds[2])::INTEGER
      + (m.monetary > t.monetary_thresholds[3])::INTEGER + (m.monetary > t.monetary_thresholds[4])::INTEGER
      AS m_score
  FROM measures m, thresholds t
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
scored AS (
  SELECT *, 6 - recency_rank AS r_score FROM scores
),
-- Each (R, F) cell's segment first, then customers join their cell on equality:
-- the same first match as joining every customer with the map's ranges, without
-- that range join (most of this query's time at a million orders).
cell_segments AS (
  SELECT r.r_score, f.f_score, arg_min(g.segment, g.priority) AS segment
  FROM (SELECT DISTINCT r_score FROM scored) r, (SELECT DISTINCT f_score FROM scored) f, segment_map g
  WHERE r.r_score BETWEEN g.r_min AND g.r_max AND f.f_score BETWEEN g.f_min AND g.f_max
  GROUP BY r.r_score, f.f_score
),
matched_segments AS (
  SELECT c.customer_id, any_value(s.segment) AS segment
  FROM scored c
  JOIN cell_segments s ON s.r_score = c.r_score AND s.f_score = c.f_score
  GROUP BY c.customer_id
),
segment_customers AS (
  SELECT c.*, coalesce(m.segment, 'Others') AS segment
  FROM scored c
  LEFT JOIN matched_segments m USING (customer_id)
),
segment_list AS (
  SELECT priority, segment FROM segment_map
  UNION ALL
  SELECT 99, 'Others'
)
SELECT
  l.segment,
  count(c.customer_id)::INTEGER AS customers,
  100.0 * count(c.customer_id) / (SELECT count(*) FROM segment_customers) AS customer_share,
  coalesce(sum(c.monetary), 0) AS revenue,
  100.0 * coalesce(sum(c.monetary), 0) / (SELECT sum(monetary) FROM segment_customers) AS revenue_share,
  avg(c.recency_days) AS avg_recency_days,
  avg(c.frequency) AS avg_frequency,
  avg(c.monetary) AS avg_monetary,
  (SELECT count(*) FROM segment_customers)::INTEGER AS all_customers
FROM segment_list l
LEFT JOIN segment_customers c USING (segment)
GROUP BY l.priority, l.segment
HAVING l.segment <> 'Others' OR count(c.customer_id) > 0
ORDER BY l.priority
