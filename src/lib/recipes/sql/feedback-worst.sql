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
  SELECT
    CAST($as_of AS DATE) AS as_of_param,
    coalesce(CAST($as_of AS DATE), (SELECT max(ordered_at)::DATE FROM orders)) AS as_of
),
-- Each customer's segment (the rfm recipe's default map), orders, revenue and last order:
-- the canonical schema's customer_profile macro (src/lib/ingest/canonical.ts).
customer_segments AS (
  SELECT p.customer_id, p.orders, p.revenue, p.last_order_date, p.segment
  FROM customer_profile((SELECT as_of FROM settings)) p
),
-- A response belongs to the customer of its order when it names one, else to its own customer_id:
-- the canonical schema's linked_feedback macro (src/lib/ingest/canonical.ts).
comments AS (
  SELECT
    f.responded_at,
    f.scale,
    f.score,
    CASE WHEN f.scale = 'nps_10' THEN 100.0 * f.score / 10 ELSE 100.0 * (f.score - 1) / 4 END AS score_pct,
    f.comment,
    f.customer_id,
    f.order_id
  FROM linked_feedback((SELECT as_of_param FROM settings)) f
  WHERE trim(coalesce(f.comment, '')) <> ''
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
