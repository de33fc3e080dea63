/**
 * Seeded order + feedback generator.
 *   npm run gen                      regenerate the committed demo in sample-data/
 *   npm run gen -- --orders 1000000 [--seed 7] [--out DIR] [--parquet]
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO, generateDataset, type DatasetSummary, type Phase } from './generate/index';
import { csvToParquet, FEEDBACK_TYPES, ORDER_TYPES } from './generate/toParquet';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEMO_DIR = resolve(REPO_ROOT, 'sample-data');
const GENERATED_DIR = resolve(REPO_ROOT, 'sample-data', 'generated');

const USAGE = `Usage: npm run gen -- [--orders N] [--seed S] [--out DIR] [--parquet]

With no arguments, rewrites the committed demo (sample-data/orders.csv and
feedback.csv: seed ${DEMO.seed}, ${DEMO.orders} orders). With any argument, writes to
--out (default sample-data/generated/, git-ignored).

  --orders N   rows in orders.csv, exact (default ${DEMO.orders})
  --seed S     integer 0..4294967295 (default ${DEMO.seed}); same seed + N = same bytes
  --out DIR    output directory
  --parquet    also write orders.parquet and feedback.parquet (DuckDB)`;

function parseCount(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const cleaned = raw.replaceAll(/[_,]/g, '');
  const value = /^\d+$/.test(cleaned) ? Number(cleaned) : NaN;
  if (!Number.isSafeInteger(value) || value > max) throw new Error(`--${name} must be an integer from 0 to ${max}, got "${raw}"`);
  return value;
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)}s`;
}

function progressPrinter(started: number): (phase: Phase, fraction: number) => void {
  let last = '';
  return (phase, fraction) => {
    const step = `${phase}:${Math.floor(fraction * 10)}`;
    if (step === last) return;
    last = step;
    const label = phase === 'simulate' ? 'pass 1/2 simulating customers' : 'pass 2/2 writing CSV';
    process.stderr.write(`[gen] ${label} ${Math.floor(fraction * 100)}%  (${seconds(started)})\n`);
  };
}

function describe(summary: DatasetSummary): string {
  const pct = (n: number, of: number): string => `${((100 * n) / Math.max(1, of)).toFixed(1)}%`;
  const orders = summary.distinctOrders;
  return [
    `orders.csv    ${summary.orderRows.toLocaleString('en-US')} rows (${summary.duplicateRows} exact duplicates), ${summary.firstOrderAt} .. ${summary.lastOrderAt}`,
    `  customers   ${summary.customers.toLocaleString('en-US')}, repeat-purchase rate ${pct(summary.repeatRate, 1)}`,
    `  guests      ${summary.guestOrders.toLocaleString('en-US')} (${pct(summary.guestOrders, orders)})`,
    `  status      completed ${pct(summary.status.completed, orders)}, refunded ${pct(summary.status.refunded, orders)}, cancelled ${pct(summary.status.cancelled, orders)}`,
    `feedback.csv  ${summary.feedbackRows.toLocaleString('en-US')} rows, ${pct(summary.feedbackWithComment, summary.feedbackRows)} with a comment`,
  ].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const { values } = parseArgs({
    args,
    options: {
      orders: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      parquet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const orders = parseCount('orders', values.orders, DEMO.orders, 1_000_000_000);
  const seed = parseCount('seed', values.seed, DEMO.seed, 0xffffffff);
  // Only the bare command may touch the committed demo files.
  const outDir = values.out !== undefined ? resolve(values.out) : args.length === 0 ? DEMO_DIR : GENERATED_DIR;

  const started = performance.now();
  process.stderr.write(`[gen] ${orders.toLocaleString('en-US')} orders, seed ${seed} -> ${outDir}\n`);
  const summary = await generateDataset({ orders, seed, outDir, onProgress: progressPrinter(started) });
  process.stderr.write(`[gen] CSV done in ${seconds(started)}\n`);

  if (values.parquet) {
    const converting = performance.now();
    const parquet = (csv: string): string => csv.replace(/\.csv$/, '.parquet');
    await csvToParquet([
      { csvPath: summary.ordersPath, parquetPath: parquet(summary.ordersPath), types: ORDER_TYPES },
      { csvPath: summary.feedbackPath, parquetPath: parquet(summary.feedbackPath), types: FEEDBACK_TYPES },
    ]);
    process.stderr.write(`[gen] Parquet done in ${seconds(converting)}\n`);
  }
  process.stdout.write(`${describe(summary)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`[gen] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
