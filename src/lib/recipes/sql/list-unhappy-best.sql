-- id: list-unhappy-best
-- title: Unhappy best customers
-- description: High-value customers whose latest feedback was low (0–6 on a 0–10 scale, 1–2 on a 1–5 scale):
--   listen to them first, they are the ones a complaint costs most. Most valuable first.
-- param: as_of DATE = NULL -- analysis date; NULL = the latest order date in the data; later orders are ignored (feedback is cut off only when as_of is set)
-- param: min_m_score INTEGER = 4 -- high value = an RFM monetary score of at least this (4 = the top 40 % by revenue)
-- chart: table
-- explain-row: first
-- explain: On the list: {list_customers}, each with a monetary score of {$min_m_score} or more and a low latest feedback.
--   Revenue at stake, what they have spent so far: {list_revenue:num}. First on the list: {customer_id} ({segment}), {reason}.
-- empty: None of your high-value customers gave a low score in their latest feedback.
WITH
settings AS (
  SELECT
    CAST($as_of AS DATE) AS as_of_param,
    CASE WHEN CAST($min_m_score AS INTEGER) BETWEEN 1 AND 5 THEN CAST($min_m_score AS INTEGER)
         ELSE error('min_m_score must be a score from 1 to 5')
    END AS min_m_score
),
-- A response belongs to the customer of its order when it names one, else to its own customer_id:
-- the canonical schema's linked_feedback macro (src/lib/ingest/canonical.ts).
latest_feedback AS (
  SELECT *
  FROM linked_feedback((SELECT as_of_param FROM settings))
  WHERE customer_id IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY responded_at DESC, score, order_id) = 1
),
-- Per-customer facts: the canonical schema's customer_profile macro (src/lib/ingest/canonical.ts).
listed AS (
  SELECT p.*, f.score AS feedback_score, f.scale AS feedback_scale, f.responded_at::DATE AS feedback_date, f.comment
  FROM customer_profile((SELECT as_of_param FROM settings)) p
  JOIN latest_feedback f USING (customer_id)
  CROSS JOIN settings s
  WHERE p.m_score >= s.min_m_score
    AND CASE WHEN f.scale = 'nps_10' THEN f.score <= 6 ELSE f.score <= 2 END
),
-- The list's rows (its columns, totals and order): the canonical schema's customer_list macro
-- (src/lib/ingest/canonical.ts). details holds the list's own columns, shown after the reason.
shown AS (
  SELECT
    *,
    'latest feedback ' || regexp_replace(feedback_score::VARCHAR, '[.]0$', '') || ' on ' || feedback_scale || ' on ' || feedback_date
      || coalesce(': "' || nullif(trim(comment), '') || '"', '') AS reason,
    {
      'feedback_score': feedback_score,
      'feedback_scale': feedback_scale,
      'feedback_date': feedback_date,
      'comment': comment,
      'm_score': m_score
    } AS details
  FROM listed
)
FROM customer_list(shown)
