import { beforeAll, describe, expect, test } from 'vitest';
import type { EngineApi } from '../../../src/lib/engine/api';
import { createNodeEngine } from '../../../src/lib/engine/node/index';
import { guessMapping } from '../../../src/lib/ingest/guessMapping';
import { refusedColumn, typedColumns } from '../../../src/lib/ingest/typedRead';
import type { Mapping } from '../../../src/lib/ingest/types';
import { load, rows } from './helpers';

let engine: EngineApi;
/** The staging statements of the last load: one per attempt of the typed read. */
let staged: string[] = [];

beforeAll(() => {
  const real = createNodeEngine();
  engine = {
    ...real,
    init: () => real.init(),
    registerFile: (source) => real.registerFile(source),
    exec: (sql) => real.exec(sql),
    query: (sql, params, options) => {
      if (sql.includes('CREATE OR REPLACE TEMP TABLE "recur_staged_')) staged.push(sql);
      return real.query(sql, params, options);
    },
  };
});

const csv = (text: string): Uint8Array => new TextEncoder().encode(text);
/** The type the reader was asked to give `column` in a staging statement. */
const readAs = (sql: string, column: string): string | undefined => new RegExp(`"${column}": '(\\w+)'`).exec(sql)?.[1];

function mappingFor(columns: string[], sample: Record<string, string>[]): Mapping {
  return guessMapping(columns, sample);
}

describe('typedColumns', () => {
  test('amounts, quantities and prices are DOUBLE, the date TIMESTAMP, ids and text stay text', () => {
    const m = mappingFor(['InvoiceNo', 'StockCode', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID'], [
      { InvoiceNo: '536365', StockCode: '85123A', Quantity: '6', InvoiceDate: '2010-12-01 08:26:00', UnitPrice: '2.55', CustomerID: '17850' },
    ]);
    expect(typedColumns(m)).toEqual({ Quantity: 'DOUBLE', UnitPrice: 'DOUBLE', InvoiceDate: 'TIMESTAMP' });
  });

  test('a column that also fills a text field is read as text', () => {
    const m = mappingFor(['id', 'customer', 'date', 'total'], [{ id: '1', customer: 'a', date: '2024-01-01', total: '5' }]);
    expect(typedColumns({ ...m, fields: { ...m.fields, order_id: 'total' } })).toEqual({ date: 'TIMESTAMP' });
  });

  test('refusedColumn names the typed column in DuckDB\'s conversion error and in the staging query\'s own refusal, and nothing else', () => {
    const m = mappingFor(['id', 'customer', 'date', 'total'], [{ id: '1', customer: 'a', date: '2024-01-01', total: '5' }]);
    const types = typedColumns(m);
    expect(refusedColumn(new Error('Conversion Error: CSV Error on Line: 4\nError when converting column "total". Could not convert string "€5" to \'DOUBLE\''), m, types)).toBe('total');
    expect(refusedColumn(new Error('Invalid Input Error: recur: the typed read refused ordered_at'), m, types)).toBe('date');
    expect(refusedColumn(new Error('Error when converting column "customer".'), m, types)).toBeNull();
    expect(refusedColumn(new Error('CSV Error on Line: 3 Expected Number of Columns: 4 Found: 5'), m, types)).toBeNull();
  });
});

describe('loading reads typed columns with DuckDB\'s reader and falls back to text per column', () => {
  test('a clean file is staged in one typed read', async () => {
    staged = [];
    const { report } = await load(engine, 'typed_clean.csv', csv('order_id,customer_id,ordered_at,revenue\nA1,c1,2024-01-05 10:00:00,12.5\nA2,c2,2024-02-05T11:00:00Z,7\nA3,c1,2024-03-05,3.25\n'));
    expect(staged).toHaveLength(1);
    expect(readAs(staged[0]!, 'revenue')).toBe('DOUBLE');
    expect(readAs(staged[0]!, 'ordered_at')).toBe('TIMESTAMP');
    expect(report.rows).toMatchObject({ read: 3, loaded: 3, rejected: 0 });
    const orders = await rows(engine, `SELECT order_id, CAST(ordered_at AS VARCHAR) AS at, revenue FROM orders WHERE source_file = 'typed_clean.csv' ORDER BY order_id`);
    expect(orders).toEqual([
      { order_id: 'A1', at: '2024-01-05 10:00:00', revenue: 12.5 },
      { order_id: 'A2', at: '2024-02-05 11:00:00', revenue: 7 },
      { order_id: 'A3', at: '2024-03-05 00:00:00', revenue: 3.25 },
    ]);
  });

  test('an amount only the text path reads turns that column to text; the date stays typed', async () => {
    staged = [];
    const { report } = await load(engine, 'typed_currency.csv', csv('order_id,customer_id,ordered_at,revenue\nB1,c1,2024-01-05 10:00:00,12.5\nB2,c2,2024-02-05 11:00:00,$1200.00\nB3,c3,2024-03-05 12:00:00,n/a\n'));
    expect(staged).toHaveLength(2);
    expect(readAs(staged[1]!, 'revenue')).toBe('VARCHAR');
    expect(readAs(staged[1]!, 'ordered_at')).toBe('TIMESTAMP');
    expect(report.rows).toMatchObject({ read: 3, loaded: 2, rejected: 1 });
    expect(report.rejects).toEqual([{ row: 3, column: 'revenue', value: 'n/a', reason: 'unreadable number' }]);
    expect(await rows(engine, `SELECT order_id, revenue FROM orders WHERE source_file = 'typed_currency.csv' ORDER BY order_id`)).toEqual([
      { order_id: 'B1', revenue: 12.5 },
      { order_id: 'B2', revenue: 1200 },
    ]);
  });

  test('values the reader types but the text path rejects are still rejected with their text', async () => {
    staged = [];
    const { report } = await load(engine, 'typed_refused.csv', csv('order_id,customer_id,ordered_at,revenue\nC1,c1,2024-01-05 10:00:00,12.5\nC2,c2,1850-02-05 11:00:00,4\nC3,c3,2024-03-05 12:00:00,Infinity\n'));
    expect(staged).toHaveLength(3);
    expect(readAs(staged[2]!, 'revenue')).toBe('VARCHAR');
    expect(readAs(staged[2]!, 'ordered_at')).toBe('VARCHAR');
    expect(report.rejects).toEqual([
      { row: 2, column: 'ordered_at', value: '1850-02-05 11:00:00', reason: 'date out of range' },
      { row: 3, column: 'revenue', value: 'Infinity', reason: 'unreadable number' },
    ]);
  });

  test('decimal-comma amounts are typed with the comma as the decimal mark', async () => {
    staged = [];
    const { report } = await load(engine, 'typed_comma.csv', csv('order_id;customer_id;ordered_at;revenue\nD1;c1;2024-01-05;12,5\nD2;c2;2024-02-05;7,25\n'));
    expect(report.rows).toMatchObject({ read: 2, loaded: 2 });
    expect(readAs(staged.at(-1)!, 'revenue')).toBe('DOUBLE');
    expect(await rows(engine, `SELECT revenue FROM orders WHERE source_file = 'typed_comma.csv' ORDER BY order_id`)).toEqual([{ revenue: 12.5 }, { revenue: 7.25 }]);
  });
});
