/** The tables a loaded file's rows go into, one per kind of file (`RowKind`). */
export const LOADED_TABLES = ['orders', 'order_lines', 'feedback'] as const;
export type LoadedTable = (typeof LOADED_TABLES)[number];
export function isLoadedTable(name: unknown): name is LoadedTable {
  return (LOADED_TABLES as readonly unknown[]).includes(name);
}
/** The views over them that encode the rules once (see `CANONICAL_SCHEMA`). */
export const CANONICAL_VIEWS = ['customer_orders', 'customers'] as const;
/** Every table and view notebook SQL reads by name. */
export const DATA_TABLES: readonly string[] = [...LOADED_TABLES, ...CANONICAL_VIEWS];
/** Ingestion's bookkeeping, one row per rejected value, cancellation and loaded file. */
export const BOOKKEEPING_TABLES = ['load_rejects', 'load_cancellations', 'load_files'] as const;
/** The tables whose rows carry the `source_file` they came from: what removing or replacing a file deletes. */
export const SOURCE_FILE_TABLES: readonly string[] = [...LOADED_TABLES, ...BOOKKEEPING_TABLES];

/**
 * RFM scoring, written once for the recipes that segment customers (`rfm`,
 * `rfm-segments`, `feedback-worst`, the lists; definitions in retention-math.md, "RFM segments"):
 * - `rfm_scores(as_of)`: one row per customer with an order up to `as_of`
 *   (NULL = the latest order date in `orders`): recency, frequency, monetary,
 *   the three lists of quintile thresholds and the scores.
 * - `rfm_customer_segments(as_of, segment_map)`: the same rows with the segment
 *   of each customer's (R, F) cell. `segment_map` is the recipe's editable map as
 *   a list of structs (priority, segment, r_min, r_max, f_min, f_max): the first
 *   matching row (lowest priority) wins, no match is 'Others'.
 * - `rfm_default_segment_map()`: the contract's default map as such a list, written
 *   only here: `rfm` and `rfm-segments` start their editable map from it.
 * - `customer_profile(as_of)`: per customer, what a customer list shows (e-mail,
 *   segment, first and last order, orders, revenue, days since the last order, the
 *   customer's own typical gap between orders, scores). The `list-*` recipes,
 *   `feedback-worst` and drill-through read it, so none repeats these facts.
 * - `order_numbers(as_of)`: each customer order with its number in the customer's
 *   history (`milestones`, `time-to-second-order`, `list-milestone-due`).
 * - `customer_list(listed)`: the rows of a `list-*` recipe from its chosen profile
 *   rows, their reason and own columns, so every list has the same columns and order.
 * Inside a macro every column is qualified: an unqualified `as_of` would be the
 * macro's parameter.
 */
const RFM_MACROS = `
CREATE OR REPLACE MACRO rfm_scores(as_of) AS TABLE
WITH
scoring_date AS (
  SELECT coalesce(as_of, (SELECT max(o.ordered_at)::DATE FROM orders o)) AS day
),
customer_values AS (
  SELECT
    o.customer_id,
    min(o.ordered_at)::DATE AS first_order_date,
    max(o.ordered_at)::DATE AS last_order_date,
    count(*)::INTEGER AS frequency,
    sum(o.revenue) AS monetary
  FROM customer_orders o, scoring_date s
  WHERE o.ordered_at::DATE <= s.day
  GROUP BY o.customer_id
),
measures AS (
  SELECT v.*, (s.day - v.last_order_date)::INTEGER AS recency_days, s.day AS as_of
  FROM customer_values v, scoring_date s
),
thresholds AS (
  SELECT
    quantile_cont(m.recency_days, [0.2, 0.4, 0.6, 0.8]) AS recency_thresholds,
    quantile_cont(m.frequency, [0.2, 0.4, 0.6, 0.8]) AS frequency_thresholds,
    quantile_cont(m.monetary, [0.2, 0.4, 0.6, 0.8]) AS monetary_thresholds
  FROM measures m
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
)
SELECT c.*, 6 - c.recency_rank AS r_score FROM scores c;
CREATE OR REPLACE MACRO rfm_customer_segments(as_of, segment_map) AS TABLE
WITH
scored AS (FROM rfm_scores(as_of)),
map_rows AS (SELECT unnest(segment_map, recursive := true)),
-- Each (R, F) cell's segment first, then customers join their cell on equality:
-- the same first match as joining every customer with the map's ranges, without
-- that range join (most of the recipes' time at a million orders).
cell_segments AS (
  SELECT r.r_score, f.f_score, arg_min(g.segment, g.priority) AS segment
  FROM (SELECT DISTINCT c.r_score FROM scored c) r, (SELECT DISTINCT c.f_score FROM scored c) f, map_rows g
  WHERE r.r_score BETWEEN g.r_min AND g.r_max AND f.f_score BETWEEN g.f_min AND g.f_max
  GROUP BY r.r_score, f.f_score
),
matched_segments AS (
  SELECT c.customer_id, any_value(s.segment) AS segment
  FROM scored c
  JOIN cell_segments s ON s.r_score = c.r_score AND s.f_score = c.f_score
  GROUP BY c.customer_id
)
SELECT c.*, coalesce(m.segment, 'Others') AS segment
FROM scored c
LEFT JOIN matched_segments m USING (customer_id);
CREATE OR REPLACE MACRO rfm_default_segment_map() AS (
  SELECT list({'priority': priority, 'segment': segment, 'r_min': r_min, 'r_max': r_max, 'f_min': f_min, 'f_max': f_max} ORDER BY priority)
  FROM (VALUES
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
  ) AS g(priority, segment, r_min, r_max, f_min, f_max)
);
-- One row per customer with an order up to as_of: the facts a customer list shows,
-- segmented by the default map. typical_gap_days = their own average days between
-- orders (NULL with one order); email = the customer id when it is an e-mail address.
CREATE OR REPLACE MACRO customer_profile(as_of) AS TABLE
SELECT
  c.customer_id,
  CASE WHEN regexp_full_match(c.customer_id, '[^@ ]+@[^@ ]+[.][^@ ]+') THEN c.customer_id END AS email,
  c.segment,
  c.first_order_date,
  c.last_order_date,
  c.frequency AS orders,
  c.monetary AS revenue,
  c.recency_days AS days_since_last_order,
  CASE WHEN c.frequency >= 2 THEN (c.last_order_date - c.first_order_date) / (c.frequency - 1) END AS typical_gap_days,
  c.r_score::INTEGER AS r_score,
  c.f_score::INTEGER AS f_score,
  c.m_score::INTEGER AS m_score,
  c.as_of
FROM rfm_customer_segments(as_of, rfm_default_segment_map()) c;
-- Each customer order up to as_of (NULL = the latest order date in orders) numbered 1, 2, …
-- in the customer's history, by ordered_at then order_id: milestones, time to a second order.
CREATE OR REPLACE MACRO order_numbers(as_of) AS TABLE
SELECT
  o.customer_id,
  o.ordered_at::DATE AS order_date,
  row_number() OVER (PARTITION BY o.customer_id ORDER BY o.ordered_at, o.order_id) AS order_number
FROM customer_orders o
WHERE o.ordered_at::DATE <= coalesce(as_of, (SELECT max(x.ordered_at)::DATE FROM orders x));
-- A customer list's rows, as every list-* recipe shows them: the profile's list columns,
-- the reason, the list's own columns (the fields of the struct details, in order), the
-- list's size and revenue at stake on every row, and as_of; most valuable first.
-- listed names a query (a CTE) of customer_profile rows with reason and details.
CREATE OR REPLACE MACRO customer_list(listed) AS TABLE
SELECT
  l.customer_id,
  l.email,
  l.segment,
  l.first_order_date,
  l.last_order_date,
  l.orders,
  l.revenue,
  l.reason,
  unnest(l.details),
  count(*) OVER ()::INTEGER AS list_customers,
  sum(l.revenue) OVER () AS list_revenue,
  l.as_of
FROM query_table(listed) l
ORDER BY l.revenue DESC, l.customer_id;
`;

/**
 * Feedback linked to customers, written once for the feedback recipes and lists
 * (`feedback-retention`, `feedback-worst`, `list-unhappy-best`):
 * - `linked_feedback(as_of)`: every scored response with the customer it belongs to:
 *   the customer of its `order_id` when that order exists and has one, else its own
 *   `customer_id` (NULL when neither). Responses after `as_of` are left out only when
 *   `as_of` is given: with NULL every response counts.
 */
const FEEDBACK_MACROS = `
CREATE OR REPLACE MACRO linked_feedback(as_of) AS TABLE
SELECT
  coalesce(o.customer_id, f.customer_id) AS customer_id,
  f.responded_at,
  f.score,
  f.scale,
  f.comment,
  f.order_id
FROM feedback f
-- Only the orders that have feedback: the distinct pairs of every order would cost more.
LEFT JOIN (
  SELECT DISTINCT x.order_id, x.customer_id FROM orders x
  WHERE x.customer_id IS NOT NULL AND x.order_id IN (SELECT y.order_id FROM feedback y)
) o
  ON o.order_id = f.order_id
WHERE f.score IS NOT NULL AND (as_of IS NULL OR f.responded_at::DATE <= as_of);
`;

/**
 * The canonical tables every recipe reads (see docs/retention-math.md,
 * "Canonical tables"). Ingestion fills `orders`, `order_lines` and `feedback`;
 * the views encode the rules once so no recipe repeats them:
 * - `customer_orders`: the orders that count for customer metrics — completed
 *   (not cancelled or refunded) and with a customer id.
 * - `customers`: one row per customer, from `customer_orders`.
 *
 * and the macros the recipes share (see `RFM_MACROS`, `FEEDBACK_MACROS`).
 */
export const CANONICAL_SCHEMA = `
CREATE TABLE IF NOT EXISTS orders (
  order_id VARCHAR,
  customer_id VARCHAR,
  ordered_at TIMESTAMP,
  revenue DOUBLE,
  gross_margin DOUBLE,
  status VARCHAR,
  channel VARCHAR
);
CREATE TABLE IF NOT EXISTS order_lines (
  order_id VARCHAR,
  customer_id VARCHAR,
  ordered_at TIMESTAMP,
  sku VARCHAR,
  quantity DOUBLE,
  unit_price DOUBLE,
  line_revenue DOUBLE
);
CREATE TABLE IF NOT EXISTS feedback (
  customer_id VARCHAR,
  order_id VARCHAR,
  responded_at TIMESTAMP,
  score DOUBLE,
  scale VARCHAR,
  comment VARCHAR
);
CREATE OR REPLACE VIEW customer_orders AS
  SELECT * FROM orders WHERE status = 'completed' AND customer_id IS NOT NULL;
CREATE OR REPLACE VIEW customers AS
  SELECT customer_id,
         min(ordered_at) AS first_order_at,
         max(ordered_at) AS last_order_at,
         count(*) AS orders,
         sum(revenue) AS revenue,
         sum(gross_margin) AS gross_margin
  FROM customer_orders
  GROUP BY customer_id;
${RFM_MACROS}${FEEDBACK_MACROS}`;

/**
 * The canonical tables, and the views over them, whose rows change when a file
 * of this kind is loaded or removed: what the notebook must re-run after it.
 * Order and line files both fill `orders` (see insertCanonical).
 */
export function tablesChangedBy(kind: LoadedTable): string[] {
  return kind === 'feedback' ? ['feedback'] : ['orders', 'order_lines', ...CANONICAL_VIEWS];
}

export const ORDER_STATUSES = ['completed', 'cancelled', 'refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const FEEDBACK_SCALES = ['rating_5', 'nps_10', 'csat_5'] as const;
export type FeedbackScale = (typeof FEEDBACK_SCALES)[number];
