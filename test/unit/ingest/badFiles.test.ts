import { beforeAll, describe, expect, test } from 'vitest';
import type { EngineApi } from '../../../src/lib/engine/api';
import { createNodeEngine } from '../../../src/lib/engine/node/index';
import { loadFile, openFile } from '../../../src/lib/ingest/index';
import { fixture, load, rows } from './helpers';

let engine: EngineApi;
beforeAll(() => {
  engine = createNodeEngine();
});

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('files that cannot be read say why, naming the file', () => {
  test.each([
    ['empty.csv', fixture('empty.csv'), 'empty.csv is empty.'],
    ['blank.csv', utf8('\n \r\n'), 'blank.csv is empty.'],
    ['header_only.csv', fixture('header_only.csv'), 'header_only.csv has a header but no data rows.'],
    ['orders.csv', fixture('binary.csv'), 'orders.csv is not a text file (it looks binary).'],
    ['ragged.csv', fixture('ragged.csv'), 'ragged.csv has ragged rows: line 3 has 5 fields where the header has 4. Check the delimiter and the quoting of that line.'],
    ['noheader.csv', utf8('1001,c1,2024-01-05,12.50\n1002,c2,2024-01-06,13.00\n1003,c3,2024-01-07,14.00\n'),
      'noheader.csv has no header row: its first line (1001,c1,2024-01-05,12.50) looks like data. Add a first line naming the columns.'],
    ['bad.json', utf8('[{"order_id": 1}, '), /^bad\.json is not valid JSON/],
  ] as const)('%s', async (name, bytes, message) => {
    await expect(openFile(engine, { name, bytes })).rejects.toThrow(message);
  });

  test('an unclosed quote', async () => {
    await expect(openFile(engine, { name: 'quote.csv', bytes: utf8('id,date,amount\n1,2024-01-01,"5\n2,2024-01-02,6\n') })).rejects.toThrow(
      'quote.csv has a quoted field that is never closed (from line 2). Check the quoting of that line.',
    );
  });

  test('a quote inside an unquoted field is just a character', async () => {
    const { inspection, report } = await load(engine, 'inch.csv', utf8('id,date,amount,product\nInch1,2024-01-01,5,12" pizza\n'));
    expect(inspection.sampleRows[0].product).toBe('12" pizza');
    expect(report.rows.loaded).toBe(1);
  });

  test('a ragged row far down the file stops the load before anything is written', async () => {
    const lines = ['order_id,customer_id,ordered_at,revenue'];
    for (let i = 0; i < 30000; i++) lines.push(`G${i},c${i % 100},2024-01-01,${i}`);
    lines.splice(25000, 0, 'G-bad,c1,2024-01-01,1,surprise');
    const inspection = await openFile(engine, { name: 'late_ragged.csv', bytes: utf8(lines.join('\n')) });
    await expect(loadFile(engine, inspection)).rejects.toThrow(
      'late_ragged.csv has ragged rows: line 25001 has 5 fields where the header has 4. Check the delimiter and the quoting of that line.',
    );
    expect(await rows(engine, "SELECT count(*) AS n FROM orders WHERE source_file = 'late_ragged.csv'")).toEqual([{ n: 0 }]);
  });
});

describe('mappings that cannot load', () => {
  test('no date column', async () => {
    const inspection = await openFile(engine, { name: 'no_date.csv', bytes: fixture('no_date.csv') });
    expect(inspection.issues).toEqual([
      'no_date.csv has no date column: none of its columns (order_id, customer_id, amount) looks like an order date. Choose the date column in the mapping.',
    ]);
    await expect(loadFile(engine, inspection)).rejects.toThrow(/^no_date\.csv has no date column/);
  });

  test('no amount column', async () => {
    const inspection = await openFile(engine, { name: 'no_amount.csv', bytes: fixture('no_amount.csv') });
    expect(inspection.issues[0]).toMatch(/^no_amount\.csv has no amount column/);
    await expect(loadFile(engine, inspection)).rejects.toThrow(/^no_amount\.csv has no amount column/);
  });

  test('a date column chosen by hand makes the same file load', async () => {
    const csv = 'id,when,amount\nH1,2024-01-01,10\n';
    const inspection = await openFile(engine, { name: 'by_hand.csv', bytes: utf8(csv) });
    expect(inspection.mapping.fields.ordered_at).toBeNull();
    const report = await loadFile(engine, inspection, { ...inspection.mapping, fields: { ...inspection.mapping.fields, ordered_at: 'when' } });
    expect(report.rows.loaded).toBe(1);
  });
});

describe('rows that cannot be read are rejected with row, column and reason; the rest loads', () => {
  test('unreadable, missing and out-of-range dates', async () => {
    const { report } = await load(engine, 'bad_dates.csv', fixture('bad_dates.csv'));
    expect(report.rejects).toEqual([
      { row: 2, column: 'ordered_at', value: 'yesterday', reason: 'unreadable date' },
      { row: 3, column: 'ordered_at', value: '2024-13-45', reason: 'unreadable date' },
      { row: 5, column: 'ordered_at', value: null, reason: 'missing date' },
      { row: 6, column: 'ordered_at', value: '0001-01-01', reason: 'date out of range' },
    ]);
    expect(report.rows).toEqual({ read: 6, loaded: 2, cancelled: 0, rejected: 4, duplicates: 0, alreadyLoaded: 0 });
    expect(report.rejectReasons).toEqual([
      { column: 'ordered_at', reason: 'unreadable date', count: 2 },
      { column: 'ordered_at', reason: 'date out of range', count: 1 },
      { column: 'ordered_at', reason: 'missing date', count: 1 },
    ]);
    expect((await rows(engine, "SELECT order_id FROM orders WHERE source_file = 'bad_dates.csv' ORDER BY 1")).map((r) => r.order_id)).toEqual(['D1', 'D4']);
  });

  test('the report lists the first 100 rejects; load_rejects has them all', async () => {
    const lines = ['order_id,customer_id,ordered_at,revenue'];
    for (let i = 1; i <= 250; i++) lines.push(i % 5 === 0 ? `B${i},c1,2024-01-01,${i}` : `B${i},c1,soon,${i}`);
    const { report } = await load(engine, 'many_bad.csv', utf8(lines.join('\n')));
    expect(report.rows).toMatchObject({ read: 250, loaded: 50, rejected: 200 });
    expect(report.rejects).toHaveLength(100);
    expect(report.rejects[99]).toEqual({ row: 124, column: 'ordered_at', value: 'soon', reason: 'unreadable date' });
    expect(await rows(engine, "SELECT count(*) AS n FROM load_rejects WHERE source_file = 'many_bad.csv'")).toEqual([{ n: 200 }]);
  });

  test('line files: missing quantity, unreadable price and missing order id', async () => {
    const csv = 'invoice,date,product,qty,price\nI1,2024-01-01,a,2,3.00\nI1,2024-01-01,b,,3.00\nI2,2024-01-02,c,1,x\n,2024-01-03,d,1,1\n';
    const { inspection, report } = await load(engine, 'bad_lines.csv', utf8(csv));
    expect(inspection.kind).toBe('order_lines');
    expect(report.rejects).toEqual([
      { row: 2, column: 'qty', value: null, reason: 'missing quantity' },
      { row: 3, column: 'price', value: 'x', reason: 'unreadable number' },
      { row: 4, column: 'invoice', value: null, reason: 'missing order id' },
    ]);
    expect(await rows(engine, "SELECT order_id, revenue FROM orders WHERE source_file = 'bad_lines.csv'")).toEqual([{ order_id: 'I1', revenue: 6 }]);
  });

  test('orders without an order id get one made from the file and row', async () => {
    const { report } = await load(engine, 'no_ids.csv', utf8('customer,date,amount\nc1,2024-01-01,5\nc2,2024-01-02,6\n'));
    expect(report.warnings).toContain('The file has no order id column: each row was loaded as one order, with the id "no_ids.csv#<row>".');
    expect((await rows(engine, "SELECT order_id FROM orders WHERE source_file = 'no_ids.csv' ORDER BY 1")).map((r) => r.order_id)).toEqual(['no_ids.csv#1', 'no_ids.csv#2']);
  });
});
