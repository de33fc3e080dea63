/**
 * The SQL that turns `customer_orders` into what the BG/NBD and Gamma-Gamma models
 * are fitted on. Bound parameters: `$calibration_end` (DATE or NULL = the latest order
 * date in `orders`, as recipes' `as_of`) and `$unit_days` (7 for weeks, 1 for days).
 *
 * A customer's orders on one calendar day are one transaction, spend summed (as
 * Fader, Hardie & Lee built the CDNOW calibration data). Customers whose first
 * purchase is after the calibration end are not modelled.
 */

const COMMON = `
WITH settings AS (
  SELECT CAST($calibration_end AS DATE) AS requested_end,
         (SELECT CAST(max(ordered_at) AS DATE) FROM orders) AS data_end,
         CAST($unit_days AS DOUBLE) AS unit_days
),
bounds AS (
  SELECT coalesce(requested_end, data_end) AS calibration_end, data_end, unit_days FROM settings
),
purchase_days AS (
  SELECT customer_id, CAST(ordered_at AS DATE) AS day, sum(revenue) AS amount
  FROM customer_orders
  WHERE ordered_at IS NOT NULL
  GROUP BY customer_id, CAST(ordered_at AS DATE)
),
modelled AS (
  SELECT customer_id, min(day) AS first_day
  FROM purchase_days
  GROUP BY customer_id
  HAVING min(day) <= (SELECT calibration_end FROM bounds)
),
cohort AS (
  SELECT min(first_day) AS cohort_start, CAST(count(*) AS INTEGER) AS customers FROM modelled
)`;

/** One row: `calibration_end`, `data_end`, `cohort_start` (DATE, NULL without data) and `customers`. */
export const PERIOD_SQL = `${COMMON}
SELECT b.calibration_end, b.data_end, c.cohort_start, c.customers
FROM bounds b, cohort c`;

/**
 * One row per modelled customer, sorted by id: `frequency` (x), `recency` (t_x), `T`,
 * `monetary` (mean repeat spend, NULL when x = 0 or the amounts are missing),
 * `holdout_purchases` (purchase days after the calibration end) and `birth_day`
 * (days from the cohort start to the first purchase).
 */
export const SUMMARY_SQL = `${COMMON}
SELECT m.customer_id,
       CAST(count(*) FILTER (WHERE p.day > m.first_day AND p.day <= b.calibration_end) AS INTEGER) AS frequency,
       date_diff('day', m.first_day, max(p.day) FILTER (WHERE p.day <= b.calibration_end)) / b.unit_days AS recency,
       date_diff('day', m.first_day, b.calibration_end) / b.unit_days AS "T",
       CAST(avg(p.amount) FILTER (WHERE p.day > m.first_day AND p.day <= b.calibration_end) AS DOUBLE) AS monetary,
       CAST(count(*) FILTER (WHERE p.day > b.calibration_end) AS INTEGER) AS holdout_purchases,
       CAST(date_diff('day', c.cohort_start, m.first_day) AS INTEGER) AS birth_day
FROM modelled m
JOIN purchase_days p USING (customer_id)
CROSS JOIN bounds b
CROSS JOIN cohort c
GROUP BY m.customer_id, m.first_day, b.calibration_end, b.unit_days, c.cohort_start
ORDER BY m.customer_id`;

/** Repeat purchase days of the modelled customers (calibration and holdout) per week since the cohort start. */
export const WEEKLY_REPEATS_SQL = `${COMMON}
SELECT CAST(date_diff('day', c.cohort_start, p.day) // 7 AS INTEGER) AS week_index,
       CAST(count(*) AS INTEGER) AS repeat_purchases
FROM modelled m
JOIN purchase_days p USING (customer_id)
CROSS JOIN cohort c
WHERE p.day > m.first_day
GROUP BY week_index
ORDER BY week_index`;
