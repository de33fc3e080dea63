import { readFileSync } from 'node:fs';
import type { EngineApi, ParamValue } from '../../src/lib/engine/api';
import { createNodeEngine } from '../../src/lib/engine/node/index';
import type { Row } from '../../src/lib/engine/rows';
import { CANONICAL_SCHEMA } from '../../src/lib/ingest/canonical';
import { EXTRACT_PATH } from './onlineRetail';
import { recipes, runRecipe, type ParamInput, type RecipeResult } from '../../src/lib/recipes/index';

/** One canonical `orders` row: [order_id, customer_id, ordered_at, revenue, status?, gross_margin?]. */
export type OrderRow = [string, string | null, string, number, ('completed' | 'cancelled' | 'refunded')?, (number | null)?];

/** One canonical `feedback` row: [customer_id, order_id, responded_at, score, scale, comment]. */
export type FeedbackRow = [string | null, string | null, string, number, 'nps_10' | 'csat_5' | 'rating_5', string | null];

/** A real DuckDB-WASM engine with the canonical tables; start one per test file (≈1.5 s). */
export async function startEngine(): Promise<EngineApi> {
  const engine = createNodeEngine();
  await engine.exec(CANONICAL_SCHEMA);
  return engine;
}

/** Empties the canonical tables and loads the rows (through a registered CSV file, so no value is pasted into SQL). */
export async function loadData(engine: EngineApi, orders: readonly OrderRow[], feedback: readonly FeedbackRow[] = []): Promise<void> {
  await engine.exec('DELETE FROM orders; DELETE FROM order_lines; DELETE FROM feedback;');
  const orderCsv = orders.map(([id, customer, at, revenue, status = 'completed', margin = null]) => [id, customer, at, revenue, margin, status, null]);
  await insertCsv(engine, 'orders', orderCsv, 'order_id VARCHAR, customer_id VARCHAR, ordered_at TIMESTAMP, revenue DOUBLE, gross_margin DOUBLE, status VARCHAR, channel VARCHAR');
  await insertCsv(engine, 'feedback', feedback, 'customer_id VARCHAR, order_id VARCHAR, responded_at TIMESTAMP, score DOUBLE, scale VARCHAR, comment VARCHAR');
}

async function insertCsv(engine: EngineApi, table: string, rows: readonly (readonly ParamValue[])[], columns: string): Promise<void> {
  if (rows.length === 0) return;
  // An unquoted empty field reads as NULL; every text is quoted, so '' and '   ' stay text.
  const field = (v: ParamValue) => (v === null ? '' : typeof v === 'string' ? `"${v.replaceAll('"', '""')}"` : String(v));
  const text = rows.map((r) => r.map(field).join(',')).join('\n') + '\n';
  const { path } = await engine.registerFile({ name: `test-${table}-${crypto.randomUUID()}.csv`, bytes: new TextEncoder().encode(text) });
  const types = columns.split(',').map((c) => c.trim().split(/\s+/)).map(([name, type]) => `'${name}': '${type}'`).join(', ');
  await engine.exec(`INSERT INTO ${table} SELECT * FROM read_csv('${path}', header = false, quote = '"', escape = '"', columns = {${types}})`);
  await engine.dropFile(path);
}

/**
 * A segmenting recipe's SQL with the default segment map replaced by these rows, as a person edits it
 * (rows: `(priority, 'segment', r_min, r_max, f_min, f_max)`).
 */
export function withSegmentMap(sql: string, rows: readonly string[]): string {
  const map = 'segment_map AS (\n  SELECT unnest(rfm_default_segment_map(), recursive := true)\n)';
  if (!sql.includes(map)) throw new Error('The SQL has no default segment map to replace.');
  return sql.replace(map, `segment_map(priority, segment, r_min, r_max, f_min, f_max) AS (\n  VALUES\n    ${rows.join(',\n    ')}\n)`);
}

export function run(engine: EngineApi, id: string, params: ParamInput = {}): Promise<RecipeResult> {
  return runRecipe(engine, recipes.get(id), params);
}

/** The named columns of each row, for compact expectations. */
export function pick(rows: readonly Row[], columns: readonly string[]): Record<string, ParamValue>[] {
  return rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c] as ParamValue])));
}

/** Rounds every number to 6 decimals so floating-point noise does not hide a real difference. */
export function rounded<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v)) as T;
}

/**
 * The Online Retail extract (test/fixtures/online_retail) into `orders`, test-only ingestion:
 * invoice lines → orders, revenue = Σ quantity × unit price, an invoice number starting with C a cancellation.
 */
export async function loadOnlineRetailExtract(engine: EngineApi): Promise<void> {
  const bytes = readFileSync(EXTRACT_PATH);
  const { path } = await engine.registerFile({ name: 'online_retail_extract.csv.gz', bytes });
  await engine.exec(`
    INSERT INTO orders
    SELECT InvoiceNo, CustomerID, min(InvoiceDate), sum(Quantity * UnitPrice), NULL,
           CASE WHEN InvoiceNo LIKE 'C%' THEN 'cancelled' ELSE 'completed' END, NULL
    FROM read_csv('${path}', header = true,
                  types = {'InvoiceNo': 'VARCHAR', 'CustomerID': 'VARCHAR', 'InvoiceDate': 'TIMESTAMP'})
    GROUP BY InvoiceNo, CustomerID`);
}
