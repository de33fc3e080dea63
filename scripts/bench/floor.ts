import path from 'node:path';
import type { Page } from '@playwright/test';
import type { EngineApi } from '../../src/lib/engine/api';
import type {} from '../../src/lib/engine/devtools';
import type { FloorTimes } from './types';

/**
 * The floor under `load`: DuckDB's own typed `read_csv` of the same file into a
 * table, in the same engine (the page's worker, or native DuckDB), and one
 * recipe's work done straight on that typed table. What is left between the
 * floor and our step is our pipeline, not the engine.
 */

export const FLOOR_TABLE = 'bench_floor';

/** The files DuckDB-WASM can read itself: CSV, plain or gzipped (Parquet needs a download it is not allowed). */
export function hasFloor(file: string): boolean {
  return /\.(csv|tsv|txt)(\.gz)?$/i.test(file);
}

/** `read_csv` with everything sniffed: the types, the dialect, the header. */
export function readCsvSql(path: string): string {
  return `CREATE OR REPLACE TABLE ${FLOOR_TABLE} AS SELECT * FROM read_csv('${path.replaceAll("'", "''")}')`;
}

/**
 * The repeat-rate recipe's figures straight from the typed table, where it has
 * the generated orders' columns (the `repeat_rate` cell's work without our
 * canonical tables, views and parameters); null for other files.
 */
export function repeatRateFloorSql(columns: readonly string[]): string | null {
  if (!['customer_id', 'ordered_at', 'revenue', 'status'].every((c) => columns.includes(c))) return null;
  return `CREATE OR REPLACE TABLE ${FLOOR_TABLE}_repeat AS
    WITH per_customer AS (
      SELECT customer_id, count(*) AS orders, sum(revenue) AS revenue FROM ${FLOOR_TABLE}
      WHERE status = 'completed' AND customer_id IS NOT NULL
        AND ordered_at::DATE <= (SELECT max(ordered_at)::DATE FROM ${FLOOR_TABLE})
      GROUP BY customer_id)
    SELECT count(*) AS customers, count(*) FILTER (WHERE orders >= 2) AS repeat_customers,
           100.0 * count(*) FILTER (WHERE orders >= 2) / count(*) AS repeat_rate, sum(orders) AS orders, sum(revenue) AS revenue
    FROM per_customer`;
}

export const DROP_FLOOR_SQL = `DROP TABLE IF EXISTS ${FLOOR_TABLE}; DROP TABLE IF EXISTS ${FLOOR_TABLE}_repeat`;

/** The floor on an engine this process holds (native DuckDB): the file registered in place, read, queried, dropped. */
export async function measureFloor(engine: EngineApi, file: { name: string; path: string; blob: Blob }): Promise<FloorTimes> {
  const registered = await engine.registerFile({ name: `floor-${file.name}`, path: file.path, file: file.blob });
  try {
    const t0 = performance.now();
    await engine.exec(readCsvSql(registered.path));
    const readCsvMs = performance.now() - t0;
    const columns = (await engine.describe()).find((t) => t.name === FLOOR_TABLE)?.columns.map((c) => c.name) ?? [];
    const repeat = repeatRateFloorSql(columns);
    const t1 = performance.now();
    if (repeat) await engine.exec(repeat);
    return { readCsvMs, repeatRateMs: repeat ? performance.now() - t1 : null };
  } finally {
    await engine.exec(DROP_FLOOR_SQL);
    await engine.dropFile(registered.path);
  }
}

/** One statement run by the page's engine (`window.__recur`), timed in the page. */
async function timedInPage(page: Page, sql: string): Promise<number> {
  return page.evaluate(async (statement) => {
    const t0 = performance.now();
    await window.__recur!.engine.exec(statement);
    return performance.now() - t0;
  }, sql);
}

/**
 * The floor in the page's engine: the file handed to DuckDB-WASM as a dropped
 * file is (a File read in place, through an input of the bench's own), then
 * read, queried and dropped exactly as `measureFloor` does natively.
 */
export async function measureFloorInPage(page: Page, file: string): Promise<FloorTimes> {
  const input = `bench-floor-${Date.now()}`;
  await page.evaluate((id) => {
    const element = document.createElement('input');
    element.type = 'file';
    element.id = id;
    element.hidden = true;
    document.body.append(element);
  }, input);
  await page.locator(`#${input}`).setInputFiles(file);
  const registered = await page.evaluate(async ({ id, name }) => {
    const element = document.getElementById(id) as HTMLInputElement;
    const chosen = element.files?.[0];
    element.remove();
    if (!chosen) throw new Error('The bench could not hand the file to the page.');
    return window.__recur!.engine.registerFile({ name, file: chosen });
  }, { id: input, name: `floor-${path.basename(file)}` });
  try {
    const readCsvMs = await timedInPage(page, readCsvSql(registered.path));
    const columns = await page.evaluate(async (table) => (await window.__recur!.engine.describe()).find((t) => t.name === table)?.columns.map((c) => c.name) ?? [], FLOOR_TABLE);
    const repeat = repeatRateFloorSql(columns);
    return { readCsvMs, repeatRateMs: repeat ? await timedInPage(page, repeat) : null };
  } finally {
    await timedInPage(page, DROP_FLOOR_SQL);
    await page.evaluate((target) => window.__recur!.engine.dropFile(target), registered.path);
  }
}
