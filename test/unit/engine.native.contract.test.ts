import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { createNativeEngine } from '../../src/lib/engine/node';
import { toRows } from '../../src/lib/engine/rows';
import { ENGINE_CONTRACT } from '../contract/engineContract';
import { nodeKit } from '../contract/kit';

// Native DuckDB shares the contract, except for the lock-down (it reads real
// paths for files beyond the browser's reach) and the version check, which
// the WASM suites cover.
const WASM_ONLY = new Set(['the engine is locked down: no network, no files outside /data/, no config changes']);

describe('EngineApi contract — native DuckDB (@duckdb/node-api)', () => {
  const kit = nodeKit(createNativeEngine());
  for (const c of ENGINE_CONTRACT.filter((c) => !WASM_ONLY.has(c.name))) it(c.name, () => c.run(kit));
});

describe('native DuckDB reads a Parquet file on disk itself', () => {
  it('with the same columns, types and rows as the parquet-wasm import of its bytes', async () => {
    const engine = createNativeEngine();
    const bytes = await engine.exportQuery(
      `SELECT 'O' || range AS order_id, CASE WHEN range % 7 = 0 THEN NULL ELSE 'c' || (range % 40) END AS customer_id,
              TIMESTAMP '2024-01-01 08:00:00' + INTERVAL (range) HOUR AS ordered_at, DATE '2024-01-01' + range::INTEGER AS day,
              range * 1.25 AS revenue, (range % 3)::INTEGER AS n, range % 2 = 0 AS flag
       FROM range(2500)`,
      {},
      'parquet',
    );
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'recur-pq-')), 'orders.parquet');
    writeFileSync(file, bytes);
    // Only a path, no bytes: parquet-wasm could not read this, DuckDB's own reader does.
    expect(await engine.importParquet({ name: 'orders.parquet', path: file }, 'from_disk')).toBe(2500);
    expect(await engine.importParquet({ name: 'orders.parquet', bytes }, 'from_bytes')).toBe(2500);
    const tables = await engine.describe();
    const columns = (name: string) => tables.find((t) => t.name === name)?.columns.map((c) => `${c.name}:${c.type}`);
    expect(columns('from_disk')).toEqual(columns('from_bytes'));
    const read = async (table: string) => toRows(tableFromIPC((await engine.query(`SELECT * FROM ${table} ORDER BY order_id`)).ipc));
    expect(await read('from_disk')).toEqual(await read('from_bytes'));

    const broken = path.join(path.dirname(file), 'broken.parquet');
    writeFileSync(broken, 'not parquet');
    await expect(engine.importParquet({ name: 'broken.parquet', path: broken }, 'broken')).rejects.toThrow(/broken\.parquet could not be read as Parquet/);
  });
});
