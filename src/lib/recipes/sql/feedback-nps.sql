-- id: feedback-nps
-- title: NPS, CSAT and ratings
-- description: What customers say: Net Promoter Score on 0–10 answers, CSAT (share of 4s and 5s)
--   on 1–5 answers, and the mean score, for each scale in total and per period.
-- param: period VARCHAR = 'month' [month|quarter|year] -- the calendar period of the per-period rows
-- param: as_of DATE = NULL -- last response date counted; NULL = no cut-off, every response counts
-- chart: nps x=period_start y=nps series=scale
-- explain-row: first where scale = 'nps_10' and is_total = true
-- explain: NPS = % promoters (9–10) − % detractors (0–6) = {promoters_pct:pct} − {detractors_pct:pct} = {nps:num}
--   ({promoters} promoters, {passives} passives and {detractors} detractors among {responses} answers on the 0–10 scale).
-- explain-row: first where scale = 'csat_5' and is_total = true
-- explain: CSAT = answers of 4 or 5 / all answers = {satisfied} / {responses} = {csat:pct} on the 1–5 CSAT question
--   (mean {mean_score:num}).
-- explain-row: first where scale = 'rating_5' and is_total = true
-- explain: Ratings: {satisfied} of {responses} ratings are 4 or 5 stars = {csat:pct} (mean {mean_score:num} of 5).
-- empty: There is no feedback to summarise.
WITH
settings AS (
  SELECT
    CASE WHEN CAST($period AS VARCHAR) IN ('month', 'quarter', 'year') THEN CAST($period AS VARCHAR)
         ELSE error('period must be month, quarter or year, not ' || coalesce(CAST($period AS VARCHAR), 'NULL'))
    END AS period,
    CAST($as_of AS DATE) AS as_of
),
responses AS (
  SELECT f.scale, f.score, date_trunc(s.period, f.responded_at)::DATE AS period_start, s.period
  FROM feedback f, settings s
  WHERE f.score IS NOT NULL AND (s.as_of IS NULL OR f.responded_at::DATE <= s.as_of)
),
grouped AS (
  SELECT
    scale,
    period_start,
    GROUPING(period_start) = 1 AS is_total,
    any_value(period) AS period,
    count(*)::INTEGER AS responses,
    avg(score) AS mean_score,
    count(*) FILTER (WHERE scale = 'nps_10' AND score >= 9)::INTEGER AS promoters,
    count(*) FILTER (WHERE scale = 'nps_10' AND score >= 7 AND score < 9)::INTEGER AS passives,
    count(*) FILTER (WHERE scale = 'nps_10' AND score < 7)::INTEGER AS detractors,
    count(*) FILTER (WHERE scale IN ('csat_5', 'rating_5') AND score >= 4)::INTEGER AS satisfied
  FROM responses
  GROUP BY GROUPING SETS ((scale), (scale, period_start))
)
SELECT
  scale,
  is_total,
  period_start,
  CASE
    WHEN is_total THEN 'all'
    WHEN period = 'month' THEN strftime(period_start, '%Y-%m')
    WHEN period = 'quarter' THEN strftime(period_start, '%Y') || '-Q' || quarter(period_start)
    ELSE strftime(period_start, '%Y')
  END AS period_label,
  responses,
  mean_score,
  CASE WHEN scale = 'nps_10' THEN promoters END AS promoters,
  CASE WHEN scale = 'nps_10' THEN passives END AS passives,
  CASE WHEN scale = 'nps_10' THEN detractors END AS detractors,
  CASE WHEN scale = 'nps_10' THEN 100.0 * promoters / responses END AS promoters_pct,
  CASE WHEN scale = 'nps_10' THEN 100.0 * detractors / responses END AS detractors_pct,
  CASE WHEN scale = 'nps_10' THEN 100.0 * (promoters - detractors) / responses END AS nps,
  CASE WHEN scale IN ('csat_5', 'rating_5') THEN satisfied END AS satisfied,
  CASE WHEN scale IN ('csat_5', 'rating_5') THEN 100.0 * satisfied / responses END AS csat
FROM grouped
ORDER BY scale, is_total DESC, period_start
