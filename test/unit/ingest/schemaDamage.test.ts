import { describe, expect, test } from 'vitest';
import { createNativeEngine, createNodeEngine } from '../../../src/lib/engine/node/index';
import { listDatasets } from '../../../src/lib/ingest/index';
import { damagedTables, dropIngestTables } from '../../../src/lib/ingest/schemaDamage';
import { load, rows } from './helpers';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const orders = utf8('order_id,customer_id,ordered_at,revenue\nO1,a,2024-01-05,10\nO2,b,2024-01-20,20\n');

describe.each([
  ['DuckDB-WASM', createNodeEngine],
  ['native DuckDB', createNativeEngine],
])('damaged data tables are found and rebuilt (%s)', (_label, create) => {
  const engine = create();

  test('a fresh engine and a normal load have nothing damaged', async () => {
    expect(await damagedTables(engine)).toEqual([]);
    await load(engine, 'jan.csv', orders);
    expect(await damagedTables(engine)).toEqual([]);
  });

  test.each([
    ['a replaced bookkeeping table', 'CREATE OR REPLACE TABLE load_files AS SELECT 1 AS x', ['load_files']],
    ['a dropped data table', 'DROP VIEW customers; DROP VIEW customer_orders; DROP TABLE orders', ['customer_orders', 'customers', 'orders']],
    ['a missing column', 'ALTER TABLE feedback DROP COLUMN comment', ['feedback']],
    ['a table where a view was', 'DROP VIEW customers; CREATE TABLE customers AS SELECT 1 AS customer_id', ['customers']],
  ])('%s is found; dropping them all lets the next load make them afresh', async (_what, damage, expected) => {
    await engine.exec(damage);
    expect(await damagedTables(engine)).toEqual(expected);
    await dropIngestTables(engine);
    expect(await damagedTables(engine)).toEqual([]);
    await load(engine, 'jan.csv', orders);
    expect(await damagedTables(engine)).toEqual([]);
    expect(await rows(engine, 'SELECT customer_id, revenue FROM customers ORDER BY customer_id')).toEqual([
      { customer_id: 'a', revenue: 10 },
      { customer_id: 'b', revenue: 20 },
    ]);
    expect((await listDatasets(engine)).map((d) => d.sourceFile)).toEqual(['jan.csv']);
  });

  test('the check leaves the working database the default, and no scratch database behind', async () => {
    const [before] = await rows(engine, 'SELECT current_database() AS db');
    await damagedTables(engine);
    expect(await rows(engine, 'SELECT current_database() AS db')).toEqual([before]);
    expect(await rows(engine, "SELECT database_name FROM duckdb_databases() WHERE database_name = 'recur_blueprint'")).toEqual([]);
  });
});
