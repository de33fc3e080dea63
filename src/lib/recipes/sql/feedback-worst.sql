-- id: feedback-worst
-- title: Worst feedback from your best customers
-- description: The lowest-scored comments, each with the customer's RFM segment and what they have
--   spent, so the worst experiences of the most valuable customers come first.
-- param: as_of DATE = NULL -- analysis date; NULL = the latest order date in the data; later orders are ignored (feedback is cut off only when as_of is set)
-- param: max_rows INTEGER = 50 -- how many comments to list
-- chart: table
-- explain-row: first
-- explain: The lowest score with a comment is {score} on {scale} ({score_pct:pct} of the scale), from customer {customer_id}
--   ({segment}, {orders} orders worth {revenue:num}): "{comment}". Comments are sorted by score as a share of the scale
--   (0–10: score / 10; 1–5: (score − 1) / 4), then by the customer's revenue, highest first.
-- empty: There are no comments in the feedback.
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
customer_segments AS (
  SELECT c.customer_id, c.frequency AS orders, c.monetary AS revenue, c.last_order_date,
         coalesce(m.segment, 'Others') AS segment
  FROM scored c
  LEFT JOIN matched_segments m USING (customer_id)
),
comments AS (
  SELECT
    f.responded_at,
    f.scale,
    f.score,
    CASE WHEN f.scale = 'nps_10' THEN 100.0 * f.score / 10 ELSE 100.0 * (f.score - 1) / 4 END AS score_pct,
    f.comment,
    coalesce(o.customer_id, f.customer_id) AS customer_id,
    f.order_id
  FROM feedback f
  CROSS JOIN settings s
  -- Only the orders that have feedback: the distinct pairs of every order would cost more.
  LEFT JOIN (
    SELECT DISTINCT order_id, customer_id FROM orders
    WHERE customer_id IS NOT NULL AND order_id IN (SELECT order_id FROM feedback)
  ) o
    ON o.order_id = f.order_id
  WHERE f.score IS NOT NULL AND trim(coalesce(f.comment, '')) <> ''
    AND (CAST($as_of AS DATE) IS NULL OR f.responded_at::DATE <= s.as_of)
)
SELECT
  f.responded_at,
  f.scale,
  f.score,
  f.score_pct,
  f.comment,
  f.customer_id,
  f.order_id,
  c.segment,
  c.orders,
  c.revenue,
  c.last_order_date
FROM comments f
LEFT JOIN customer_segments c USING (customer_id)
ORDER BY f.score_pct, c.revenue DESC NULLS LAST, f.responded_at DESC, f.customer_id
LIMIT (SELECT CASE WHEN CAST($max_rows AS INTEGER) >= 1 THEN CAST($max_rows AS INTEGER)
                   ELSE error('max_rows must be 1 or more') END)
