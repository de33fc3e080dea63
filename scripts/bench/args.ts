import { statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO } from '../generate/index';

export interface BenchArgs {
  orders: number;
  seed: number;
  json: boolean;
  parquet: boolean;
  /** Files to load instead of the generated orders and feedback (absolute paths, in order); empty: generated data. */
  files: string[];
  /** Presses of "Run all" (and native runs) whose median is reported. */
  runs: number;
  /** Native DuckDB's thread count; null keeps its default (one per core). DuckDB-WASM here runs on one. */
  nativeThreads: number | null;
}

export const BENCH_USAGE = `Usage: npm run bench -- [--orders N] [--seed S] [--runs K] [--native-threads T] [--parquet] [--json]
       npm run bench -- --file F [--file G …] [--runs K] [--native-threads T] [--json]

Loads N generated orders (default 1,000,000) and their feedback into the built app in
Chromium and into native DuckDB, runs the "Retention overview" notebook in both and
prints step | browser ms | native ms | ratio. Recipe and "run all" times are the
median of K runs (default 3). Beside them: DuckDB's own read_csv of the first file
(and the repeat rate on that typed table) in each engine, pandas computing the same
overview figures from the file (where /usr/bin/python3 has pandas), and a cold first
visit over a 20 Mbit/s, 40 ms link to the first chart. --native-threads 1 compares with native DuckDB on
one thread, as DuckDB-WASM runs here (default: one per core). --parquet loads the
Parquet files instead of CSV; --json prints one JSON object instead of the table.

--file (repeatable) loads the given files instead, in that order: any file the app
reads (CSV, TSV, gzip, Parquet, JSON; Shopify, WooCommerce, invoice lines…) with the
mapping it guesses. The app's sample data is removed first, so the notebook reads
these files alone; without a feedback file the feedback recipes run on no feedback.`;

function count(name: string, raw: string | undefined, fallback: number, min = 1): number {
  if (raw === undefined) return fallback;
  const cleaned = raw.replaceAll(/[_,]/g, '');
  const value = /^\d+$/.test(cleaned) ? Number(cleaned) : NaN;
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`--${name} must be a whole number, at least ${min}, not "${raw}".`);
  return value;
}

/**
 * The files `--file` names, as absolute paths. Each must be a file, and their
 * names must differ: the app keeps one data set per file name, so a second
 * file of the same name would replace the first.
 */
function benchFiles(raw: readonly string[]): string[] {
  const files = raw.map((file) => path.resolve(file));
  const seen = new Map<string, string>();
  for (const file of files) {
    if (!statSync(file, { throwIfNoEntry: false })?.isFile()) throw new Error(`--file ${file}: there is no such file.`);
    const name = path.basename(file);
    const earlier = seen.get(name);
    if (earlier !== undefined) throw new Error(`--file ${file} and ${earlier} have the same name; the app would keep only one of them.`);
    seen.set(name, file);
  }
  return files;
}

/** Parses the bench's flags; `null` when help was asked for. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs | null {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      orders: { type: 'string' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      'native-threads': { type: 'string' },
      file: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
      parquet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return null;
  const files = benchFiles(values.file ?? []);
  if (files.length > 0) {
    const generated = (['orders', 'seed', 'parquet'] as const).filter((name) => values[name] !== undefined && values[name] !== false);
    if (generated.length > 0) throw new Error(`--${generated[0]} is for generated data; --file loads the files it names.`);
  }
  return {
    orders: count('orders', values.orders, 1_000_000),
    seed: count('seed', values.seed, DEMO.seed, 0),
    runs: count('runs', values.runs, 3),
    nativeThreads: values['native-threads'] === undefined ? null : count('native-threads', values['native-threads'], 1),
    json: values.json ?? false,
    parquet: values.parquet ?? false,
    files,
  };
}
