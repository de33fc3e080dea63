import { beforeAll, describe, expect, test } from 'vitest';
import type { EngineApi } from '../../../src/lib/engine/api';
import { createNodeEngine } from '../../../src/lib/engine/node/index';
import { listDatasets, loadFile, loadedReport, openFile, removeDataset, type LoadProgress } from '../../../src/lib/ingest/index';
import { fixture, load, rows } from './helpers';

let engine: EngineApi;
beforeAll(() => {
  engine = createNodeEngine();
});

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const header = 'order_id,customer_id,ordered_at,revenue\n';
const count = async (sql: string): Promise<number> => Number((await rows(engine, sql))[0].n);

describe('several files of one kind combine', () => {
  test('monthly exports add up; an overlapping export skips the orders already loaded', async () => {
    await load(engine, 'jan.csv', utf8(header + 'O1,a,2024-01-05,10\nO2,b,2024-01-20,20\n'));
    await load(engine, 'feb.csv', utf8(header + 'O3,a,2024-02-03,30\n'));
    const { report } = await load(engine, 'feb_mar.csv', utf8(header + 'O3,a,2024-02-03,30\nO4,c,2024-03-01,40\n'));
    expect(report.rows).toEqual({ read: 2, loaded: 1, cancelled: 0, rejected: 0, duplicates: 0, alreadyLoaded: 1 });
    expect(await rows(engine, 'SELECT order_id, source_file FROM orders ORDER BY order_id')).toEqual([
      { order_id: 'O1', source_file: 'jan.csv' },
      { order_id: 'O2', source_file: 'jan.csv' },
      { order_id: 'O3', source_file: 'feb.csv' },
      { order_id: 'O4', source_file: 'feb_mar.csv' },
    ]);
    expect(await rows(engine, "SELECT customer_id, orders, revenue FROM customers WHERE customer_id = 'a'")).toEqual([{ customer_id: 'a', orders: 2, revenue: 40 }]);
    expect((await listDatasets(engine)).map((d) => [d.sourceFile, d.kind, d.preset, d.rowsRead])).toEqual([
      ['jan.csv', 'orders', 'canonical', 2],
      ['feb.csv', 'orders', 'canonical', 1],
      ['feb_mar.csv', 'orders', 'canonical', 2],
    ]);
  });

  test('loading a file again under the same name replaces what it loaded', async () => {
    const { report } = await load(engine, 'jan.csv', utf8(header + 'O1,a,2024-01-05,11\n'));
    expect(report.warnings).toContain('jan.csv had been loaded before; what it loaded then was replaced.');
    expect(await rows(engine, "SELECT order_id, revenue FROM orders WHERE source_file = 'jan.csv'")).toEqual([{ order_id: 'O1', revenue: 11 }]);
    expect(await count("SELECT count(*) AS n FROM load_files WHERE source_file = 'jan.csv'")).toBe(1);
  });

  test('removeDataset drops one file’s orders, lines, cancellations, rejects and report, and nothing else', async () => {
    await load(engine, 'lines.csv', fixture('invoice_lines.csv'));
    await load(engine, 'bad.csv', fixture('bad_dates.csv'));
    expect(await count("SELECT count(*) AS n FROM order_lines WHERE source_file = 'lines.csv'")).toBe(6);
    expect((await loadedReport(engine, 'lines.csv'))?.rows.duplicates).toBe(1);
    await removeDataset(engine, 'lines.csv');
    await removeDataset(engine, 'bad.csv');
    for (const table of ['orders', 'order_lines', 'load_cancellations', 'load_rejects', 'load_files']) {
      expect(await count(`SELECT count(*) AS n FROM ${table} WHERE source_file IN ('lines.csv', 'bad.csv')`), table).toBe(0);
    }
    expect(await loadedReport(engine, 'lines.csv')).toBeNull();
    expect(await count('SELECT count(*) AS n FROM orders')).toBe(3); // O1 (jan.csv, replaced), O3, O4
  });

  test('feedback files are datasets too', async () => {
    await load(engine, 'nps.csv', fixture('feedback_nps.csv'));
    expect(await count("SELECT count(*) AS n FROM feedback WHERE source_file = 'nps.csv'")).toBe(4);
    await removeDataset(engine, 'nps.csv');
    expect(await count('SELECT count(*) AS n FROM feedback')).toBe(0);
  });
});

describe('progress', () => {
  test('each step is announced, ending with done', async () => {
    const inspection = await openFile(engine, { name: 'progress.csv', bytes: utf8(header + 'P1,a,2024-01-01,1\n') });
    const steps: LoadProgress[] = [];
    await loadFile(engine, inspection, inspection.mapping, { onProgress: (p) => steps.push(p) });
    expect(steps.map((s) => s.step)).toEqual(['reading', 'checking', 'loading', 'reporting', 'done']);
    expect(steps.at(-1)).toEqual({ step: 'done', done: 4, total: 4 });
  });
});

describe('what a load keeps', () => {
  test('orders with one row each go in in file order, skipped rows left out', async () => {
    const file = header + 'Z3,a,2024-01-03,3\nZ1,b,2024-01-01,1\nZ3,a,2024-01-03,3\nZ9,c,someday,9\nZ2,,2024-01-02,2\n';
    const { report } = await load(engine, 'file_order.csv', utf8(file));
    expect(report.rows).toEqual({ read: 5, loaded: 3, cancelled: 0, rejected: 1, duplicates: 1, alreadyLoaded: 0 });
    expect(await rows(engine, "SELECT order_id, customer_id, revenue FROM orders WHERE source_file = 'file_order.csv' ORDER BY rowid")).toEqual([
      { order_id: 'Z3', customer_id: 'a', revenue: 3 },
      { order_id: 'Z1', customer_id: 'b', revenue: 1 },
      { order_id: 'Z2', customer_id: null, revenue: 2 },
    ]);
  });

  test('no temporary table or view outlives a load, whether it loaded or failed part-way', async () => {
    const leftovers = "SELECT count(*) AS n FROM (SELECT table_name AS name FROM duckdb_tables() UNION ALL SELECT view_name FROM duckdb_views()) WHERE name LIKE 'recur\\_%' ESCAPE '\\'";
    const own = createNodeEngine();
    await load(own, 'one_row_each.csv', utf8(header + 'T1,a,2024-01-01,1\n'));
    await load(own, 'lines.csv', fixture('invoice_lines.csv'));
    expect(Number((await rows(own, leftovers))[0].n)).toBe(0);
    // A bookkeeping table the checks cannot write to makes the load fail after staging, inside its transaction.
    await own.exec('DROP TABLE load_rejects; CREATE TABLE load_rejects (x INTEGER)');
    const failing = await openFile(own, { name: 'fails.csv', bytes: utf8(header + 'T2,a,2024-01-01,1\n') });
    await expect(loadFile(own, failing)).rejects.toThrow(/source_file/);
    expect(Number((await rows(own, leftovers))[0].n)).toBe(0);
    expect(await rows(own, "SELECT count(*) AS n FROM orders WHERE source_file = 'fails.csv'")).toEqual([{ n: 0 }]);
  });
});
