-- id: milestones
-- title: Order milestones
-- description: How many customers reach their 2nd, 5th and 10th order (the orders a loyalty
--   programme rewards), how many make it from one milestone to the next, and how long it takes.
-- param: as_of DATE = NULL -- analysis date; NULL = the latest order date in the data; later orders are ignored
-- chart: funnel x=milestone y=customers_reaching
-- explain-row: first where milestone = 2
-- explain: {customers_reaching} of {customers} customers placed a 2nd order: conversion 1→2 = {customers_reaching} / {customers_at_previous}
--   = {conversion:pct}, with a median of {median_days_from_first:num} days from the first order to the second.
-- explain-row: first where milestone = 5
-- explain: Conversion 2→5 = customers with 5 or more orders / customers with 2 or more = {customers_reaching} / {customers_at_previous} = {conversion:pct}
--   (median {median_days_from_first:num} days from the first order to the 5th).
-- explain-row: first where milestone = 10
-- explain: Conversion 5→10 = {customers_reaching} / {customers_at_previous} = {conversion:pct}
--   (median {median_days_from_first:num} days from the first order to the 10th).
-- empty: There are no orders up to as_of.
WITH
settings AS (
  SELECT coalesce(CAST($as_of AS DATE), (SELECT max(ordered_at)::DATE FROM orders)) AS as_of
),
-- Each customer's orders numbered 1, 2, … by date: the canonical schema's order_numbers macro (src/lib/ingest/canonical.ts).
numbered_orders AS (
  FROM order_numbers((SELECT as_of FROM settings))
),
milestone_steps(milestone, previous_milestone) AS (
  VALUES (2, 1), (5, 2), (10, 5)
),
reached AS (
  SELECT
    m.milestone,
    n.customer_id,
    n.order_date - f.order_date AS days_from_first,
    n.order_date - p.order_date AS days_from_previous
  FROM milestone_steps m
  JOIN numbered_orders n ON n.order_number = m.milestone
  JOIN numbered_orders f ON f.customer_id = n.customer_id AND f.order_number = 1
  JOIN numbered_orders p ON p.customer_id = n.customer_id AND p.order_number = m.previous_milestone
),
reached_counts AS (
  SELECT
    milestone,
    count(*) AS customers_reaching,
    quantile_cont(days_from_first, 0.5) AS median_days_from_first,
    quantile_cont(days_from_previous, 0.5) AS median_days_from_previous
  FROM reached
  GROUP BY milestone
),
previous_counts AS (
  SELECT m.milestone, count(n.customer_id) AS customers_at_previous
  FROM milestone_steps m
  LEFT JOIN numbered_orders n ON n.order_number = m.previous_milestone
  GROUP BY m.milestone
)
SELECT
  m.milestone,
  m.previous_milestone,
  (SELECT count(DISTINCT customer_id) FROM numbered_orders)::INTEGER AS customers,
  p.customers_at_previous::INTEGER AS customers_at_previous,
  coalesce(r.customers_reaching, 0)::INTEGER AS customers_reaching,
  100.0 * coalesce(r.customers_reaching, 0) / nullif(p.customers_at_previous, 0) AS conversion,
  r.median_days_from_first,
  r.median_days_from_previous
FROM milestone_steps m
JOIN previous_counts p USING (milestone)
LEFT JOIN reached_counts r USING (milestone)
ORDER BY m.milestone
