import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../scripts/bench/args';
import { describeData } from '../../scripts/bench/report';
import type { BenchReport } from '../../scripts/bench/types';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ORDERS = path.join(ROOT, 'sample-data', 'orders.csv');
const FEEDBACK = path.join(ROOT, 'sample-data', 'feedback.csv');

describe('npm run bench arguments', () => {
  it('defaults to 1,000,000 generated orders, 3 runs and native DuckDB on its own thread count', () => {
    expect(parseBenchArgs([])).toEqual({ orders: 1_000_000, seed: 42, runs: 3, nativeThreads: null, json: false, parquet: false, files: [] });
  });

  it('reads the generated-data options', () => {
    expect(parseBenchArgs(['--orders', '10_000', '--seed', '0', '--runs', '1', '--native-threads', '1', '--parquet', '--json'])).toEqual({
      orders: 10_000,
      seed: 0,
      runs: 1,
      nativeThreads: 1,
      json: true,
      parquet: true,
      files: [],
    });
  });

  it('takes --file as often as given, in order, as absolute paths', () => {
    const relative = path.relative(process.cwd(), FEEDBACK);
    const args = parseBenchArgs(['--file', ORDERS, '--file', relative, '--runs', '5', '--native-threads', '1']);
    expect(args?.files).toEqual([ORDERS, FEEDBACK]);
    expect(args).toMatchObject({ runs: 5, nativeThreads: 1 });
  });

  it('returns null for --help', () => {
    expect(parseBenchArgs(['--help'])).toBeNull();
    expect(parseBenchArgs(['-h', '--file', ORDERS])).toBeNull();
  });

  it.each([
    [['--file', '/no/such/orders.csv'], /--file \/no\/such\/orders\.csv: there is no such file/],
    [['--file', path.join(ROOT, 'sample-data')], /there is no such file/],
    [['--file', ORDERS, '--file', ORDERS], /same name/],
    [['--file', ORDERS, '--orders', '1000'], /--orders is for generated data/],
    [['--file', ORDERS, '--parquet'], /--parquet is for generated data/],
    [['--file', ORDERS, '--seed', '7'], /--seed is for generated data/],
    [['--file'], /argument missing/],
    [['--runs', '0'], /--runs must be a whole number, at least 1/],
    [['--native-threads', 'two'], /--native-threads must be a whole number/],
    [['--files', ORDERS], /Unknown option '--files'/],
  ])('refuses %j', (argv, reason) => {
    expect(() => parseBenchArgs(argv)).toThrow(reason);
  });
});

describe('the report names what it loaded', () => {
  const report = (orders: number | null): BenchReport => ({
    orders,
    files: [
      { file: 'online_retail.csv.gz', rows: 541_909 },
      { file: 'reviews.csv', rows: 1_200 },
    ],
    steps: [],
    peak_memory_mb: null,
    floors: [],
  });

  it('generated orders by their number, given files by name and rows', () => {
    expect(describeData(report(1_000_000))).toBe('1,000,000 orders');
    expect(describeData(report(null))).toBe('online_retail.csv.gz (541,909 rows), reviews.csv (1,200 rows)');
  });
});
