/**
 * The headless runner on real exports: a file without a customer column stops it (non-zero
 * exit, with the column to map) unless --map or --allow-guests says what is meant; the
 * dialog's choices (--map, --delim, --no-header, --date-format) exist on the command line.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../scripts/cli/args';
import { run } from '../../scripts/recur';
import { sharedData } from '../sharedData';
import { buildXlsx } from '../xlsxFixture';

const exec = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const WOO_PLUGIN = path.join(ROOT, 'test/fixtures/ingest/woocommerce_order_export_plugin.csv');
let dir: string;
let guests: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'recur-exports-'));
  guests = path.join(dir, 'till_export.csv');
  writeFileSync(guests, 'Receipt,Date,Total,Paid by\nR1,2024-01-05,12.50,ann@example.com\nR2,2024-01-09,8.00,ben@example.com\nR3,2024-02-01,20.00,ann@example.com\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Customers (cohort sizes at month 0) and revenue of the `ltv-historical` rows. */
function customersAndRevenue(rows: Record<string, unknown>[]): { customers: number; revenue: number } {
  const first = rows.filter((r) => r.months_since_first === 0);
  const last = new Map<unknown, Record<string, unknown>>();
  for (const r of rows) if (Number(r.months_since_first) >= Number(last.get(r.cohort)?.months_since_first ?? -1)) last.set(r.cohort, r);
  return {
    customers: first.reduce((s, r) => s + Number(r.cohort_size), 0),
    revenue: Math.round([...last.values()].reduce((s, r) => s + Number(r.cumulative_revenue), 0) * 100) / 100,
  };
}

describe('recur run: no silent guests', () => {
  it('exits non-zero naming the e-mail column when no customer column maps', async () => {
    const failed = await exec(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/recur.ts', 'run', 'ltv-historical', '--orders', guests], { cwd: ROOT })
      .then(() => null, (error: { code: number; stderr: string }) => error);
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toBe(
      'recur: till_export.csv: no column is mapped to the customer id, so every order would load as a guest and no customer would be counted. '
      + '“Paid by” looks like the customer (e-mail addresses): map it as the customer id. Give --map "customer_id=Paid by" or --allow-guests.\n',
    );
  });

  it('loads the same file with --map customer_id=<column>', async () => {
    const output = await run(parseArgs(['run', 'ltv-historical', '--orders', guests, '--map', 'customer_id=Paid by']));
    expect(customersAndRevenue(output.rows)).toEqual({ customers: 2, revenue: 40.5 });
  });

  it('loads it as guests with --allow-guests, and says so', async () => {
    const output = await run(parseArgs(['run', 'ltv-historical', '--orders', guests, '--allow-guests']));
    expect(customersAndRevenue(output.rows)).toEqual({ customers: 0, revenue: 0 });
    expect(output.warnings).toContain('till_export.csv: The file has no customer id column: every row is a guest order and counts in no customer metric.');
  });
});

describe('recur run on platform exports', () => {
  it('WooCommerce order-export plugin layout: customers by billing e-mail, repeated totals counted once', async () => {
    const output = await run(parseArgs(['run', 'ltv-historical', '--orders', WOO_PLUGIN]));
    // 3101 + 3102 + 3105 are completed (3103 refunded, 3104 pending payment): Ann and Ben.
    expect(customersAndRevenue(output.rows)).toEqual({ customers: 2, revenue: 48.2 + 25 + 1060 });
  });

  it.each([
    ['woocommerce_analytics_orders.csv', 2, 1065],
    ['bigcommerce_orders.csv', 2, 1130],
    ['magento_orders.csv', 2, 1133.2],
    ['etsy_sold_orders.csv', 2, 1125],
    ['stripe_payments.csv', 2, 1130],
    ['stripe_payments_cents.csv', 2, 1130],
    ['paypal_activity.csv', 2, 1130],
    ['stripe_partial_refunds.csv', 2, 150],
    ['paypal_refunds.csv', 2, 110],
  ])('%s: customers and revenue as the ingestion tests find them', async (name, customers, revenue) => {
    const output = await run(parseArgs(['run', 'ltv-historical', '--orders', path.join(ROOT, 'test/fixtures/ingest', name)]));
    expect(customersAndRevenue(output.rows)).toEqual({ customers, revenue });
  });

  it('the CDNOW master file (whitespace-separated, gzip) loads, with the separator given or detected', async () => {
    const master = sharedData('cdnow/CDNOW_master.txt.gz');
    const detected = await run(parseArgs(['run', 'ltv-historical', '--orders', master]));
    const given = await run(parseArgs(['run', 'ltv-historical', '--orders', master, '--delim', 'whitespace', '--date-format', 'YYYYMMDD']));
    expect(customersAndRevenue(detected.rows).customers).toBe(23570);
    expect(customersAndRevenue(given.rows)).toEqual(customersAndRevenue(detected.rows));
  });
});

describe('recur run on an .xlsx workbook', () => {
  it('reads the first sheet with its typed dates and amounts, and another sheet with --sheet', async () => {
    const book = path.join(dir, 'orders.xlsx');
    writeFileSync(book, buildXlsx([
      { name: 'Orders', rows: [['Order', 'Email', 'Date', 'Total'], ['A1', 'ann@example.com', { date: '2024-01-05' }, 12.5], ['A2', 'ben@example.com', { date: '2024-02-01' }, 1.234], ['A3', 'ann@example.com', { date: '2024-03-02' }, 30]] },
      { name: 'Wholesale', rows: [['Order', 'Email', 'Date', 'Total'], ['W1', 'shop@example.com', { date: '2024-01-09' }, 400]] },
    ]));
    const { stdout } = await exec(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/recur.ts', 'run', 'ltv-historical', '--orders', book], { cwd: ROOT });
    expect(customersAndRevenue((JSON.parse(stdout) as { rows: Record<string, unknown>[] }).rows)).toEqual({ customers: 2, revenue: 43.73 });
    const wholesale = await run(parseArgs(['run', 'ltv-historical', '--orders', book, '--sheet', 'Wholesale']));
    expect(customersAndRevenue(wholesale.rows)).toEqual({ customers: 1, revenue: 400 });
  });
});

describe('recur run arguments for the mapping dialog choices', () => {
  it('reads --map, --delim, --no-header, --date-format, --decimal-comma, --kind and --allow-guests', () => {
    expect(parseArgs(['run', 'crr', '--orders', 'a.txt', '--map', 'customer_id=Email (Billing)', '--map', 'channel=', '--delim', 'tab', '--no-header',
      '--date-format', 'DD/MM/YYYY', '--decimal-comma', 'yes', '--kind', 'order_lines', '--allow-guests']).read).toEqual({
      map: { customer_id: 'Email (Billing)', channel: null }, delimiter: '\t', header: false, dateOrder: 'dmy', decimalComma: true, kind: 'order_lines', allowGuests: true,
    });
  });

  it('reads --sheet and --encoding (latin-1 is Windows-1252)', () => {
    expect(parseArgs(['run', 'crr', '--orders', 'a.xlsx', '--sheet', 'Q1 orders', '--encoding', 'Latin-1']).read).toEqual({ sheet: 'Q1 orders', encoding: 'windows-1252' });
  });

  it('an --encoding choice reaches the file: Windows-1252 read as UTF-8 loses the € and ü', async () => {
    const cp1252 = path.join(ROOT, 'test/fixtures/ingest/cp1252.csv');
    const read = async (encoding: string): Promise<{ customers: unknown[]; warnings: string[] }> => {
      const output = await run(parseArgs(['run', 'rfm', '--orders', cp1252, '--encoding', encoding]));
      return { customers: output.rows.map((r) => r.customer_id).sort(), warnings: output.warnings };
    };
    expect(await read('windows-1252')).toEqual({ customers: ['Müller', 'Åström'], warnings: [] });
    const asUtf8 = await read('utf-8');
    expect(asUtf8.customers).toEqual([]);
    expect(asUtf8.warnings).toContain('cp1252.csv: 2 rows rejected (first: row 1, amount: unreadable number).');
  });

  it.each([
    [['--encoding', 'ebcdic'], /--encoding is utf-8, windows-1252 \(latin-1\) or utf-16/],
    [['--map', 'shoe_size=x'], /--map takes field=column/],
    [['--delim', 'x'], /--delim is one of/],
    [['--date-format', 'soon'], /--date-format is ymd, dmy or mdy/],
    [['--kind', 'people'], /--kind is orders, order_lines or feedback/],
  ])('refuses %j with a one-line reason', (extra, reason) => {
    expect(() => parseArgs(['run', 'crr', '--orders', 'a.csv', ...extra])).toThrow(reason);
  });
});
