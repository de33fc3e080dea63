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
customer_segments AS (
  SELECT c.customer_id, c.frequency AS orders, c.monetary AS revenue, c.last_order_date, c.segment
  FROM scored c
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
