-- id: feedback-retention
-- title: Repeat purchase by first feedback
-- description: Do unhappy customers come back? Customers grouped by the score of their first
--   feedback, with the share of each group that has ordered at least twice.
-- param: as_of DATE = NULL -- analysis date; NULL = the latest order date in the data; later orders are ignored (feedback is cut off only when as_of is set)
-- chart: bar x=score y=repeat_rate series=scale
-- explain-row: min repeat_rate
-- explain: Lowest: customers whose first feedback scored {score} on {scale} ({score_band}): {repeat_customers} of {customers}
--   ordered at least twice = repeat purchase rate {repeat_rate:pct}.
-- explain-row: max repeat_rate
-- explain: Highest: first feedback {score} on {scale} ({score_band}): {repeat_customers} of {customers} = {repeat_rate:pct}.
-- empty: No feedback could be linked to a customer with orders.
WITH
settings AS (
  SELECT
    CAST($as_of AS DATE) AS as_of_param,
    coalesce(CAST($as_of AS DATE), (SELECT max(ordered_at)::DATE FROM orders)) AS as_of
),
-- A response belongs to the customer of its order when it names one, else to its own customer_id:
-- the canonical schema's linked_feedback macro (src/lib/ingest/canonical.ts).
first_feedback AS (
  SELECT customer_id, scale, score
  FROM linked_feedback((SELECT as_of_param FROM settings))
  WHERE customer_id IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY responded_at, score, order_id) = 1
),
customer_order_counts AS (
  SELECT o.customer_id, count(*) AS orders
  FROM customer_orders o, settings s
  WHERE o.ordered_at::DATE <= s.as_of
  GROUP BY o.customer_id
)
SELECT
  f.scale,
  f.score,
  CASE
    WHEN f.scale = 'nps_10' AND f.score >= 9 THEN 'promoter'
    WHEN f.scale = 'nps_10' AND f.score >= 7 THEN 'passive'
    WHEN f.scale = 'nps_10' THEN 'detractor'
    WHEN f.score >= 4 THEN 'satisfied'
    WHEN f.score >= 3 THEN 'neutral'
    ELSE 'dissatisfied'
  END AS score_band,
  count(*)::INTEGER AS customers,
  count(*) FILTER (WHERE c.orders >= 2)::INTEGER AS repeat_customers,
  100.0 * count(*) FILTER (WHERE c.orders >= 2) / count(*) AS repeat_rate,
  sum(c.orders) / count(*) AS orders_per_customer
FROM first_feedback f
JOIN customer_order_counts c USING (customer_id)
GROUP BY f.scale, f.score
ORDER BY f.scale, f.score
