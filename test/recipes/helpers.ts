import type { EngineApi, ParamValue } from '../../src/lib/engine/api';
import { createNodeEngine } from '../../src/lib/engine/node/index';
import type { Row } from '../../src/lib/engine/rows';
import { CANONICAL_SCHEMA } from '../../src/lib/ingest/canonical';
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

/** Empties the canonical tables and inserts the rows, each bound as parameters. */
export async function loadData(engine: EngineApi, orders: readonly OrderRow[], feedback: readonly FeedbackRow[] = []): Promise<void> {
  await engine.exec('DELETE FROM orders; DELETE FROM order_lines; DELETE FROM feedback;');
  for (const [order_id, customer_id, ordered_at, revenue, status = 'completed', gross_margin = null] of orders) {
    await engine.query(
      'INSERT INTO orders VALUES ($order_id, $customer_id, CAST($ordered_at AS TIMESTAMP), $revenue, $gross_margin, $status, NULL)',
      { order_id, customer_id, ordered_at, revenue, gross_margin, status },
    );
  }
  for (const [customer_id, order_id, responded_at, score, scale, comment] of feedback) {
    await engine.query(
      'INSERT INTO feedback VALUES ($customer_id, $order_id, CAST($responded_at AS TIMESTAMP), $score, $scale, $comment)',
      { customer_id, order_id, responded_at, score, scale, comment },
    );
  }
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
