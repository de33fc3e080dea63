import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { EngineApi } from '../../../src/lib/engine/api';
import { createNodeEngine } from '../../../src/lib/engine/node/index';
import { splitRecords } from '../../../src/lib/ingest/csvText';
import { loadFile, openFile } from '../../../src/lib/ingest/index';
import { sharedData } from '../../sharedData';
import { expectAccounted, fixture, rows } from './helpers';


/** Distinct invoices and customers across orders and cancellation lines of one file. */
async function distinctIds(engine: EngineApi, file: string): Promise<{ invoices: number; customers: number }> {
  const [row] = await rows(
    engine,
    `SELECT count(DISTINCT order_id) AS invoices, count(DISTINCT customer_id) AS customers FROM (
       SELECT order_id, customer_id FROM orders WHERE source_file = $file
       UNION ALL SELECT order_id, customer_id FROM load_cancellations WHERE source_file = $file)`,
    { file },
  );
  return { invoices: Number(row.invoices), customers: Number(row.customers) };
}

/** The extract's figures, worked out in plain TypeScript from the CSV text, without DuckDB. */
function deriveByHand(text: string) {
  const [header, ...lines] = splitRecords(text, ',').map((r) => r.fields);
  const col = (name: string): number => header.indexOf(name);
  const [inv, qty, price, cust] = [col('InvoiceNo'), col('Quantity'), col('UnitPrice'), col('CustomerID')];
  const seen = new Set<string>();
  let duplicates = 0;
  let revenue = 0;
  let returns = 0;
  const orders = new Set<string>();
  for (const line of lines) {
    const key = line.join('\u0000');
    if (seen.has(key)) {
      duplicates++;
      continue;
    }
    seen.add(key);
    const amount = Number(line[qty]) * Number(line[price]);
    if (line[inv].startsWith('C')) continue;
    if (Number(line[qty]) < 0 || amount < 0) {
      returns++;
      continue;
    }
    revenue += amount;
    orders.add(line[inv]);
  }
  return {
    lines: lines.length,
    invoices: new Set(lines.map((l) => l[inv])).size,
    customers: new Set(lines.map((l) => l[cust]).filter((c) => c !== '')).size,
    withoutCustomer: lines.filter((l) => l[cust] === '').length,
    cancellationLines: lines.filter((l) => l[inv].startsWith('C')).length,
    duplicates,
    returns,
    orders: orders.size,
    revenue,
  };
}

describe('Online Retail extract (UCI, CC BY 4.0)', () => {
  let engine: EngineApi;
  beforeAll(() => {
    engine = createNodeEngine();
  });

  test('loads with the figures worked out independently from the CSV', async () => {
    const bytes = fixture('online_retail_extract.csv');
    const expected = deriveByHand(new TextDecoder().decode(bytes));
    const inspection = await openFile(engine, { name: 'online_retail_extract.csv', bytes });
    expect(inspection).toMatchObject({ preset: 'invoice_lines', kind: 'order_lines', encoding: 'utf-8' });
    const report = await loadFile(engine, inspection);
    expectAccounted(report);

    expect(report.rows.read).toBe(expected.lines);
    expect(report.rows.rejected).toBe(0);
    expect(report.rows.duplicates).toBe(expected.duplicates);
    expect(report.rowsWithoutCustomer).toBe(expected.withoutCustomer);
    expect(report.cancellations.rowsByStatus.cancelled).toBe(expected.cancellationLines);
    const [returned] = await rows(engine, "SELECT count(*) AS n FROM load_cancellations WHERE source_file = 'online_retail_extract.csv' AND status = 'returned'");
    expect(Number(returned.n)).toBe(expected.returns);
    expect(report.produced.orders).toBe(expected.orders);
    expect(await distinctIds(engine, 'online_retail_extract.csv')).toEqual({ invoices: expected.invoices, customers: expected.customers });
    const [sum] = await rows(engine, "SELECT sum(revenue) AS revenue FROM orders WHERE source_file = 'online_retail_extract.csv'");
    expect(Number(sum.revenue)).toBeCloseTo(expected.revenue, 6);
    expect(report.dateRange?.from).toBe('2010-12-01T08:26:00');
  });
});

describe('Online Retail, full file (541,909 lines, gzip, from ../shared/data)', () => {
  test('matches the published facts', async () => {
    const FULL = sharedData('online_retail/online_retail.csv.gz');
    const engine = createNodeEngine();
    await engine.init();
    const t0 = performance.now();
    const inspection = await openFile(engine, { name: 'online_retail.csv.gz', bytes: new Uint8Array(readFileSync(FULL)) });
    const inspectMs = performance.now() - t0;
    const report = await loadFile(engine, inspection);
    console.info(`Online Retail: inspected in ${Math.round(inspectMs)} ms, loaded in ${report.elapsedMs} ms`);
    expectAccounted(report);
    expect(report.rows.read).toBe(541909);
    expect(await distinctIds(engine, 'online_retail.csv.gz')).toEqual({ invoices: 25900, customers: 4372 });
    expect(report.rowsWithoutCustomer).toBe(135080);
    expect(report.cancellations.rowsByStatus.cancelled).toBe(9288);
    expect(report.rows.duplicates).toBe(5268);
    expect(report.rows.rejected).toBe(0);
  }, 120_000);
});
