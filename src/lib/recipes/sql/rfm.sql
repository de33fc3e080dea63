-- id: rfm
-- title: RFM segments
-- description: Every customer scored 1–5 on how recently (R), how often (F) and how much (M) they
--   bought, by quintiles of all customers, and placed in a segment such as Champions or At Risk.
--   To change the segments, put your own rows in the segment_map below (first matching row wins).
-- param: as_of DATE = NULL -- analysis date; NULL = the latest order date in the data; later orders are ignored
-- chart: rfm-grid x=f_score y=r_score color=segment
-- explain-row: first
-- explain: Customer {customer_id}: recency R = {recency_days} days from the last order to {as_of}, frequency F = {frequency} orders,
--   monetary M = {monetary:num}.
--   A score is 1 + the number of quintile thresholds (20, 40, 60, 80 %) the value is above, so ties share a score.
--   Recency thresholds {recency_q20:num}, {recency_q40:num}, {recency_q60:num}, {recency_q80:num} days give
--   R = 6 − {recency_rank} = {r_score}; order thresholds {frequency_q20:num}, {frequency_q40:num}, {frequency_q60:num},
--   {frequency_q80:num} give F = {f_score}; revenue thresholds {monetary_q20:num}, {monetary_q40:num}, {monetary_q60:num},
--   {monetary_q80:num} give M = {m_score}. R {r_score} with F {f_score} makes them {segment}.
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
)
SELECT
  c.customer_id,
  c.last_order_date,
  c.recency_days,
  c.frequency,
  c.monetary,
  c.r_score::INTEGER AS r_score,
  c.f_score::INTEGER AS f_score,
  c.m_score::INTEGER AS m_score,
  c.r_score || '-' || c.f_score || '-' || c.m_score AS rfm_cell,
  c.segment,
  c.as_of,
  c.recency_rank::INTEGER AS recency_rank,
  c.recency_thresholds[1] AS recency_q20,
  c.recency_thresholds[2] AS recency_q40,
  c.recency_thresholds[3] AS recency_q60,
  c.recency_thresholds[4] AS recency_q80,
  c.frequency_thresholds[1] AS frequency_q20,
  c.frequency_thresholds[2] AS frequency_q40,
  c.frequency_thresholds[3] AS frequency_q60,
  c.frequency_thresholds[4] AS frequency_q80,
  c.monetary_thresholds[1] AS monetary_q20,
  c.monetary_thresholds[2] AS monetary_q40,
  c.monetary_thresholds[3] AS monetary_q60,
  c.monetary_thresholds[4] AS monetary_q80
FROM scored c
ORDER BY c.monetary DESC, c.customer_id
