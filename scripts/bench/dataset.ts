import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDataset } from '../generate/index';
import { csvToParquet, FEEDBACK_TYPES, ORDER_TYPES } from '../generate/toParquet';
import type { BenchFiles, BenchLoad } from './types';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const GENERATED = path.join(REPO_ROOT, 'sample-data', 'generated');

interface Manifest {
  orders: number;
  seed: number;
  parquet: boolean;
}

export interface DatasetRequest extends Manifest {
  log?: (line: string) => void;
}

/**
 * What a run loads: the generated orders and feedback, next to the app's
 * sample data as on a first visit; or a load as given (files named with --file).
 */
export function benchLoad(input: BenchFiles | BenchLoad): BenchLoad {
  return 'files' in input ? input : { files: [input.orders, input.feedback], withoutSample: false };
}

function readManifest(dir: string): Manifest | null {
  try {
    return JSON.parse(readFileSync(path.join(dir, 'bench.json'), 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

function filesIn(dir: string, format: BenchFiles['format']): BenchFiles {
  return { orders: path.join(dir, `orders.${format}`), feedback: path.join(dir, `feedback.${format}`), format };
}

/**
 * The generated orders and feedback for N orders and a seed, in
 * sample-data/generated/bench-N/: reused when its manifest matches (and has
 * Parquet when asked for), else generated into a scratch folder and moved in
 * whole, so a run cut short or a concurrent run never leaves half a file behind.
 */
export async function ensureDataset(request: DatasetRequest): Promise<BenchFiles> {
  const { orders, seed, parquet, log = () => undefined } = request;
  const dir = path.join(GENERATED, `bench-${orders}`);
  const format = parquet ? 'parquet' : 'csv';
  const cached = readManifest(dir);
  if (cached && cached.orders === orders && cached.seed === seed && (cached.parquet || !parquet)) {
    const files = filesIn(dir, format);
    if (existsSync(files.orders) && existsSync(files.feedback)) return files;
  }
  const scratch = `${dir}.tmp-${process.pid}`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  try {
    const started = performance.now();
    log(`generating ${orders.toLocaleString('en-US')} orders (seed ${seed})…`);
    const summary = await generateDataset({ orders, seed, outDir: scratch });
    if (parquet) {
      const toParquet = (csv: string): string => csv.replace(/\.csv$/, '.parquet');
      await csvToParquet([
        { csvPath: summary.ordersPath, parquetPath: toParquet(summary.ordersPath), types: ORDER_TYPES },
        { csvPath: summary.feedbackPath, parquetPath: toParquet(summary.feedbackPath), types: FEEDBACK_TYPES },
      ]);
    }
    writeFileSync(path.join(scratch, 'bench.json'), `${JSON.stringify({ orders, seed, parquet } satisfies Manifest)}\n`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(scratch, dir);
    log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return filesIn(dir, format);
}
