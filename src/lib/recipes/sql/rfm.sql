-- id: rfm
-- title: RFM segments
-- description: Every customer scored 1–5 on how recently (R), how often (F) and how much (M) they
--   bought, by quintiles of all customers, and placed in a segment such as Champions or At Risk.
--   To change the segments, edit the segment_map rows below (first matching row wins).
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
  coalesce(m.segment, 'Others') AS segment,
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
LEFT JOIN matched_segments m USING (customer_id)
ORDER BY c.monetary DESC, c.customer_id
