import { parseArgs } from 'node:util';
import { DEMO } from '../generate/index';

export interface BenchArgs {
  orders: number;
  seed: number;
  json: boolean;
  parquet: boolean;
  /** Presses of "Run all" (and native runs) whose median is reported. */
  runs: number;
  /** Native DuckDB's thread count; null keeps its default (one per core). DuckDB-WASM here runs on one. */
  nativeThreads: number | null;
}

export const BENCH_USAGE = `Usage: npm run bench -- [--orders N] [--seed S] [--runs K] [--native-threads T] [--parquet] [--json]

Loads N generated orders (default 1,000,000) and their feedback into the built app in
Chromium and into native DuckDB, runs the "Retention overview" notebook in both and
prints step | browser ms | native ms | ratio. Recipe and "run all" times are the
median of K runs (default 3). --native-threads 1 compares with native DuckDB on
one thread, as DuckDB-WASM runs here (default: one per core). --parquet loads the
Parquet files instead of CSV; --json prints one JSON object instead of the table.`;

function count(name: string, raw: string | undefined, fallback: number, min = 1): number {
  if (raw === undefined) return fallback;
  const cleaned = raw.replaceAll(/[_,]/g, '');
  const value = /^\d+$/.test(cleaned) ? Number(cleaned) : NaN;
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`--${name} must be a whole number, at least ${min}, not "${raw}".`);
  return value;
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
      json: { type: 'boolean', default: false },
      parquet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return null;
  return {
    orders: count('orders', values.orders, 1_000_000),
    seed: count('seed', values.seed, DEMO.seed, 0),
    runs: count('runs', values.runs, 3),
    nativeThreads: values['native-threads'] === undefined ? null : count('native-threads', values['native-threads'], 1),
    json: values.json ?? false,
    parquet: values.parquet ?? false,
  };
}
