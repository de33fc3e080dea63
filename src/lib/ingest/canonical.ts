import type { RowKind } from './types';

/**
 * The canonical tables every recipe reads (see docs/retention-math.md,
 * "Canonical tables"). Ingestion fills `orders`, `order_lines` and `feedback`;
 * the views encode the rules once so no recipe repeats them:
 * - `customer_orders`: the orders that count for customer metrics — completed
 *   (not cancelled or refunded) and with a customer id.
 * - `customers`: one row per customer, from `customer_orders`.
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
`;

/**
 * The canonical tables, and the views over them, whose rows change when a file
 * of this kind is loaded or removed: what the notebook must re-run after it.
 * Order and line files both fill `orders` (see insertCanonical).
 */
export function tablesChangedBy(kind: RowKind): string[] {
  return kind === 'feedback' ? ['feedback'] : ['orders', 'order_lines', 'customer_orders', 'customers'];
}

export const ORDER_STATUSES = ['completed', 'cancelled', 'refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const FEEDBACK_SCALES = ['rating_5', 'nps_10', 'csat_5'] as const;
export type FeedbackScale = (typeof FEEDBACK_SCALES)[number];
