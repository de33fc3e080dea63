import type { EngineApi } from '../engine/api';
import { CANONICAL_SCHEMA } from './canonical';

/**
 * Bookkeeping tables of ingestion, beside the canonical ones:
 * - `load_files`: one row per loaded file, with its report as JSON;
 * - `load_rejects`: every rejected value (row, column, value, reason);
 * - `load_cancellations`: line-level cancellations and returns (invoice-style
 *   credit lines), which are not orders.
 */
export const INGEST_TABLES = `
CREATE TABLE IF NOT EXISTS load_files (
  source_file VARCHAR, kind VARCHAR, preset VARCHAR, format VARCHAR, rows_read BIGINT, loaded_at VARCHAR, report_json VARCHAR
);
CREATE TABLE IF NOT EXISTS load_rejects (
  source_file VARCHAR, row_number BIGINT, column_name VARCHAR, value VARCHAR, reason VARCHAR
);
CREATE TABLE IF NOT EXISTS load_cancellations (
  source_file VARCHAR, row_number BIGINT, order_id VARCHAR, customer_id VARCHAR, occurred_at TIMESTAMP,
  sku VARCHAR, quantity DOUBLE, unit_price DOUBLE, amount DOUBLE, status VARCHAR
);
`;

/**
 * Creates the canonical tables if needed and appends a `source_file` column to
 * `orders`, `order_lines` and `feedback` (after the canonical columns), so what
 * one file contributed can be removed. The canonical views are re-created
 * afterwards: DuckDB refuses a `SELECT *` view whose table gained a column.
 */
export const INGEST_SCHEMA = `${CANONICAL_SCHEMA}
ALTER TABLE orders ADD COLUMN IF NOT EXISTS source_file VARCHAR;
ALTER TABLE order_lines ADD COLUMN IF NOT EXISTS source_file VARCHAR;
ALTER TABLE feedback ADD COLUMN IF NOT EXISTS source_file VARCHAR;
${CANONICAL_SCHEMA}
${INGEST_TABLES}`;

/** Makes sure the tables loading writes exist, as `INGEST_SCHEMA` describes them. */
export async function ensureIngestSchema(engine: EngineApi): Promise<void> {
  await engine.exec(INGEST_SCHEMA);
}
