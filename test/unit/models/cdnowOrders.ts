import type { EngineApi } from '../../../src/lib/engine/api';
import { CANONICAL_SCHEMA } from '../../../src/lib/ingest/canonical';
import { readCdnowTransactions } from './cdnowFixture';

/** The CDNOW sample as CSV lines `order_id,customer_id,date,dollars` (no header): one order per record. */
export function cdnowOrdersCsv(): string {
  return `${readCdnowTransactions()
    .map((t, i) => `${i + 1},${t.customerId},${t.date},${t.amount}`)
    .join('\n')}\n`;
}

/** Inserts the CSV of {@link cdnowOrdersCsv}, registered at `path`, into `orders` as completed orders. */
export function insertCdnowSql(path: string): string {
  return `INSERT INTO orders (order_id, customer_id, ordered_at, revenue, status)
     SELECT order_id, customer_id, ordered_at, revenue, 'completed'
     FROM read_csv('${path}', header = false,
       columns = {'order_id': 'VARCHAR', 'customer_id': 'VARCHAR', 'ordered_at': 'TIMESTAMP', 'revenue': 'DOUBLE'})`;
}

/**
 * Grows the CDNOW `orders` to `$customers` customers (bound): copy k of customer i gets
 * the id k·2357 + i, so 100,000 customers are 42 full copies and part of a 43rd, with a
 * fit close to CDNOW's but not identical. Run `snapshot`, then `insert`.
 */
export const CDNOW_COPIES_SQL = {
  snapshot: `CREATE OR REPLACE TABLE cdnow_once AS SELECT * FROM orders WHERE order_id NOT LIKE '%-%'`,
  insert: `INSERT INTO orders (order_id, customer_id, ordered_at, revenue, gross_margin, status, channel)
      SELECT o.order_id || '-' || k, lpad(CAST(k * 2357 + CAST(o.customer_id AS INTEGER) AS VARCHAR), 6, '0'),
             o.ordered_at, o.revenue, o.gross_margin, o.status, o.channel
      FROM cdnow_once o CROSS JOIN range(1, 43) r(k)
      WHERE k * 2357 + CAST(o.customer_id AS INTEGER) <= $customers`,
} as const;

/**
 * Loads the CDNOW sample into the canonical `orders` table as completed orders:
 * customer_id = the sample id (0001..2357), ordered_at = the date, revenue = dollars.
 * Goes through a registered CSV, so no value is pasted into SQL.
 */
export async function loadCdnowOrders(engine: EngineApi): Promise<void> {
  await engine.exec(CANONICAL_SCHEMA);
  await engine.exec('DELETE FROM orders');
  const { path } = await engine.registerFile({ name: 'cdnow-orders.csv', bytes: new TextEncoder().encode(cdnowOrdersCsv()) });
  await engine.exec(insertCdnowSql(path));
  await engine.dropFile(path);
}

/** Copies the loaded CDNOW customers until there are `customers` of them (see {@link CDNOW_COPIES_SQL}). */
export async function growCdnowOrders(engine: EngineApi, customers: number): Promise<void> {
  await engine.exec(CDNOW_COPIES_SQL.snapshot);
  await engine.query(CDNOW_COPIES_SQL.insert, { customers });
}
