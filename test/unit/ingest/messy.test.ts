import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, test } from 'vitest';
import type { EngineApi } from '../../../src/lib/engine/api';
import { createNodeEngine } from '../../../src/lib/engine/node/index';
import { detectFormat, inspectFile, loadFile, openFile, parquetTable, readHead, removeDataset } from '../../../src/lib/ingest/index';
import { expectAccounted, fixture, load, ordersOf, rows } from './helpers';

let engine: EngineApi;
beforeAll(() => {
  engine = createNodeEngine();
});

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const brief = (orders: Array<Record<string, unknown>>): unknown[][] => orders.map((o) => [o.order_id, o.customer_id, o.ordered_at, o.revenue, o.status]);

describe('separators, decimal commas and European dates', () => {
  test('semicolons, 1.234,56, €12,50, 12,50 EUR, (5,00), dd.mm.yyyy; a bad date and a bad amount are rejected, the rest loads', async () => {
    const { inspection, report } = await load(engine, 'semicolon.csv', fixture('semicolon_decimal_comma.csv'));
    expect(inspection.dialect).toEqual({ delimiter: ';', quote: '"', escape: '"' });
    expect(inspection.mapping.options).toMatchObject({ decimalComma: true, dateOrder: 'dmy', dateOrderAmbiguous: false });
    expect(brief(await ordersOf(engine, 'semicolon.csv'))).toEqual([
      ['1001', 'K-1', '2024-01-05T00:00:00', 1234.56, 'completed'],
      ['1002', 'K-2', '2024-01-06T14:30:00', 12.5, 'completed'],
      ['1003', 'K-1', '2024-02-07T00:00:00', 12.5, 'completed'],
      ['1006', 'K-2', '2024-03-16T00:00:00', -5, 'refunded'],
      ['1007', 'K-4', '2024-03-17T00:00:00', 2500, 'completed'],
    ]);
    expect(report.rejects).toEqual([
      { row: 4, column: 'Datum', value: '31.02.2024', reason: 'unreadable date' },
      { row: 5, column: 'Betrag', value: 'abc', reason: 'unreadable number' },
    ]);
    expect(report.rows).toMatchObject({ read: 7, loaded: 5, rejected: 2 });
    expect(report.currencies).toEqual(['EUR']);
    expect(report.warnings).toEqual([]);
  });

  test('tab-separated', async () => {
    const { inspection } = await load(engine, 'orders.tsv', fixture('orders.tsv'));
    expect(inspection.dialect?.delimiter).toBe('\t');
    expect(brief(await ordersOf(engine, 'orders.tsv'))).toEqual([
      ['T1', 'u1', '2024-05-01T00:00:00', 10, 'completed'],
      ['T2', 'u2', '2024-05-02T00:00:00', 20.5, 'completed'],
      ['T3', 'u1', '2024-05-03T00:00:00', 30, 'completed'],
    ]);
  });

  test('quoted fields holding separators, quotes and newlines', async () => {
    const { inspection, report } = await load(engine, 'quoted.csv', fixture('quoted_newlines.csv'));
    expect(inspection.sampleRows.map((r) => r.note)).toEqual(['first line\nsecond line, with comma', 'she said "hello"', 'plain']);
    expect(report.rows).toMatchObject({ read: 3, loaded: 3 });
    expect((await ordersOf(engine, 'quoted.csv')).map((o) => o.revenue)).toEqual([10, 20, 30]);
  });
});

describe('encodings', () => {
  test('UTF-8 with a byte-order mark', async () => {
    const { inspection, report } = await load(engine, 'bom.csv', fixture('bom.csv'));
    expect(inspection).toMatchObject({ encoding: 'utf-8', bom: true });
    expect(inspection.columns[0]).toBe('order_id');
    expect(report.rows.loaded).toBe(2);
  });

  test('UTF-16 with its byte-order mark (Excel "Unicode text")', async () => {
    const text = 'order_id\tcustomer_id\tordered_at\trevenue\nU1\tMüller\t2024-01-01\t5\n';
    const { inspection } = await load(engine, 'unicode.txt', new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]));
    expect(inspection).toMatchObject({ encoding: 'utf-16', bom: true, dialect: { delimiter: '\t' } });
    expect(brief(await ordersOf(engine, 'unicode.txt'))).toEqual([['U1', 'Müller', '2024-01-01T00:00:00', 5, 'completed']]);
  });

  test('Latin-1 read by DuckDB itself', async () => {
    const file = await engine.registerFile({ name: 'latin1_direct.csv', bytes: fixture('latin1.csv') });
    const inspection = await inspectFile(engine, file, await readHead({ name: file.name, bytes: fixture('latin1.csv') }));
    expect(inspection.encoding).toBe('latin-1');
    expect(inspection.columns).toEqual(['Tilausnumero', 'Asiakas', 'Päivämäärä', 'Summa']);
    const report = await loadFile(engine, inspection);
    expectAccounted(report);
    expect(brief(await ordersOf(engine, 'latin1_direct.csv'))).toEqual([
      ['L1', 'Müller', '2024-08-01T00:00:00', 12.5, 'completed'],
      ['L2', 'Åström', '2024-08-02T00:00:00', 7, 'completed'],
      ['L3', 'Gómez', '2024-08-03T00:00:00', 3.2, 'completed'],
    ]);
  });

  test('Windows-1252 (€ and curly quotes) converted by openFile', async () => {
    const { inspection, report } = await load(engine, 'cp1252.csv', fixture('cp1252.csv'));
    expect(inspection.encoding).toBe('windows-1252');
    expect(inspection.sampleRows[0]).toMatchObject({ customer: 'Müller', amount: '12.50 €', comment: '“great” – thanks' });
    expect(report.currencies).toEqual(['EUR']);
    expect(brief(await ordersOf(engine, 'cp1252.csv'))).toEqual([
      ['W1', 'Müller', '2024-08-01T00:00:00', 12.5, 'completed'],
      ['W2', 'Åström', '2024-08-02T00:00:00', 7, 'completed'],
    ]);
  });

  test('a file that stops being UTF-8 after inspection looked is read again as Latin-1', async () => {
    const head = 'order_id,customer_id,ordered_at,revenue\n';
    const body = Array.from({ length: 25000 }, (_, i) => `Z${i},c${i % 50},2024-01-01,1`).join('\n');
    const bytes = new Uint8Array([...utf8(head + body + '\n'), ...utf8('Z-last,M'), 0xfc, ...utf8('ller,2024-01-02,2\n')]);
    const { inspection, report } = await load(engine, 'late_latin1.csv.gz', gzipSync(bytes));
    expect(inspection.encoding).toBe('utf-8');
    expect(report.encoding).toBe('latin-1');
    expect(report.warnings[0]).toMatch(/^late_latin1\.csv\.gz is not valid UTF-8 further down than inspection looked; it was read as Latin-1/);
    expect(report.rows.loaded).toBe(25001);
    expect((await ordersOf(engine, 'late_latin1.csv.gz')).at(-1)).toMatchObject({ order_id: 'Z-last', customer_id: 'Müller' });
  });
});

describe('day/month order', () => {
  test('undecidable dates are read day-first and the report says so', async () => {
    const { inspection, report } = await load(engine, 'ambiguous.csv', fixture('ambiguous_dates.csv'));
    expect(inspection.mapping.options).toMatchObject({ dateOrder: 'dmy', dateOrderAmbiguous: true });
    expect(report.warnings).toEqual(['Day/month order was ambiguous (no day above 12): read as dd/mm/yyyy.']);
    expect((await ordersOf(engine, 'ambiguous.csv')).map((o) => o.ordered_at)).toEqual(['2024-02-01T00:00:00', '2024-04-03T00:00:00', '2024-06-05T10:30:00']);
  });

  test('the user can choose month-first', async () => {
    await removeDataset(engine, 'ambiguous.csv'); // same order ids: they would count as already loaded
    const { report } = await load(engine, 'ambiguous_us.csv', fixture('ambiguous_dates.csv'), (m) => ({
      ...m, options: { ...m.options, dateOrder: 'mdy', dateOrderAmbiguous: false },
    }));
    expect(report.warnings).toEqual([]);
    expect((await ordersOf(engine, 'ambiguous_us.csv')).map((o) => o.ordered_at)).toEqual(['2024-01-02T00:00:00', '2024-03-04T00:00:00', '2024-05-06T10:30:00']);
  });

  test('a value past the sample settles the order for the whole file', async () => {
    const lines = ['order,customer,date,amount'];
    for (let i = 0; i < 1500; i++) lines.push(`P${i},c${i % 7},0${1 + (i % 9)}/0${1 + (i % 8)}/2024,${i}`);
    lines.push('P-last,c1,01/13/2024,5');
    const { inspection, report } = await load(engine, 'late_decides.csv', utf8(lines.join('\n')));
    expect(inspection.mapping.options.dateOrderAmbiguous).toBe(true);
    expect(report.dateOrder).toBe('mdy');
    expect(report.warnings).toEqual([]);
    const orders = await ordersOf(engine, 'late_decides.csv');
    expect(orders.find((o) => o.order_id === 'P-last')?.ordered_at).toBe('2024-01-13T00:00:00');
    expect(orders.find((o) => o.order_id === 'P1')?.ordered_at).toBe('2024-02-02T00:00:00');
  });
});

describe('compressed and non-CSV formats', () => {
  test('gzip-compressed CSV', async () => {
    const { inspection, report } = await load(engine, 'shopify.csv.gz', gzipSync(fixture('shopify.csv')));
    expect(inspection).toMatchObject({ gzip: true, format: 'csv', preset: 'shopify' });
    expect(report.produced).toEqual({ orders: 5, orderLines: 8, responses: 0 });
  });

  test('gzip-compressed Latin-1 is converted like a plain one', async () => {
    await removeDataset(engine, 'latin1_direct.csv');
    const { inspection } = await load(engine, 'latin1.csv.gz', gzipSync(fixture('latin1.csv')));
    expect(inspection.encoding).toBe('windows-1252');
    expect((await ordersOf(engine, 'latin1.csv.gz')).map((o) => o.customer_id)).toEqual(['Müller', 'Åström', 'Gómez']);
  });

  test('JSON array with nested objects; offsets in timestamps are dropped, not applied', async () => {
    const { inspection, report } = await load(engine, 'orders.json', fixture('orders.json'));
    expect(inspection.format).toBe('json');
    expect(inspection.columns).toEqual(['order_id', 'customer.id', 'customer.email', 'created_at', 'total', 'tags']);
    expect(inspection.mapping.fields).toMatchObject({ order_id: 'order_id', customer_id: 'customer.id', ordered_at: 'created_at', revenue: 'total' });
    expect(report.format).toBe('json');
    expect(brief(await ordersOf(engine, 'orders.json'))).toEqual([
      ['J1', 'p1', '2024-09-01T10:00:00', 12.5, 'completed'],
      ['J2', 'p2', '2024-09-02T11:30:00', 7.25, 'completed'],
      ['J3', null, '2024-09-03T00:00:00', 100, 'completed'],
    ]);
  });

  test('NDJSON', async () => {
    const { inspection } = await load(engine, 'orders.ndjson', fixture('orders.ndjson'));
    expect(inspection).toMatchObject({ format: 'ndjson', preset: 'canonical' });
    expect(brief(await ordersOf(engine, 'orders.ndjson'))).toEqual([
      ['N1', 'q1', '2024-10-01T09:00:00', 10, 'completed'],
      ['N2', 'q2', '2024-10-02T09:00:00', 20.5, 'completed'],
      ['N3', 'q1', '2024-10-03T09:00:00', 30, 'refunded'],
    ]);
  });

});

describe('Parquet (imported by the engine through parquet-wasm)', () => {
  test('typed columns load like text ones; the import is dropped once staged and imported again for another load', async () => {
    const bytes = await engine.exportQuery(
      `SELECT * FROM (VALUES
         ('PQ1', 'x1', TIMESTAMP '2024-11-01 10:00:00', 12.5::DOUBLE, 4::INTEGER, 'completed'),
         ('PQ2', NULL, TIMESTAMP '2024-11-02 11:30:00', 99.99::DOUBLE, 40::INTEGER, 'refunded'),
         ('PQ3', 'x1', TIMESTAMP '2024-11-03 12:00:00', 5.0::DOUBLE, 2::INTEGER, 'completed'))
       t(order_id, customer_id, ordered_at, revenue, gross_margin, status)`,
      undefined,
      'parquet',
    );
    expect(detectFormat('orders.parquet', bytes)).toEqual({ format: 'parquet', gzip: false });
    const { inspection, report } = await load(engine, 'orders.parquet', bytes);
    expect(inspection).toMatchObject({ format: 'parquet', preset: 'canonical', table: parquetTable('orders.parquet') });
    expect(inspection.sampleRows[0]).toEqual({ order_id: 'PQ1', customer_id: 'x1', ordered_at: '2024-11-01 10:00:00', revenue: '12.5', gross_margin: '4', status: 'completed' });
    expect(report).toMatchObject({ format: 'parquet', rows: { read: 3, loaded: 3 } });
    expect(await ordersOf(engine, 'orders.parquet')).toEqual([
      { order_id: 'PQ1', customer_id: 'x1', ordered_at: '2024-11-01T10:00:00', revenue: 12.5, gross_margin: 4, status: 'completed', channel: null },
      { order_id: 'PQ2', customer_id: null, ordered_at: '2024-11-02T11:30:00', revenue: 99.99, gross_margin: 40, status: 'refunded', channel: null },
      { order_id: 'PQ3', customer_id: 'x1', ordered_at: '2024-11-03T12:00:00', revenue: 5, gross_margin: 2, status: 'completed', channel: null },
    ]);
    const imported = "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = $t";
    expect(await rows(engine, imported, { t: inspection.table })).toEqual([{ n: 0 }]);
    // Loading the same inspection again (as after a failed load) imports the file again.
    const again = await loadFile(engine, inspection);
    expect(again).toMatchObject({ rows: { read: 3, loaded: 3 }, warnings: ['orders.parquet had been loaded before; what it loaded then was replaced.'] });
    expect(await ordersOf(engine, 'orders.parquet')).toHaveLength(3);
    expect(await rows(engine, imported, { t: inspection.table })).toEqual([{ n: 0 }]);
  });

  test('bytes that start like Parquet but are not are refused with the file name', async () => {
    const fake = new Uint8Array([...utf8('PAR1'), 0, 0, 0, 0, ...utf8('PAR1')]);
    await expect(openFile(engine, { name: 'broken.parquet', bytes: fake })).rejects.toThrow(/^broken\.parquet could not be read as Parquet/);
  });
});
