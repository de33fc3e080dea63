import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Debian's Python, where `apt-get install python3-pandas` puts pandas (CI may lack it). */
export const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./pandas_overview.py', import.meta.url));

/** What scripts/bench/pandas_overview.py prints (the figures a test compares with the recipes'). */
export interface PandasFigures {
  as_of: string;
  customers: number;
  repeat_customers: number;
  repeat_rate: number | null;
  cohorts: Record<string, number>;
  first_cohort_month1_active: number;
  ltv_by_cohort: Record<string, number>;
  rfm_cells: number;
  crr_by_month: Record<string, number | null>;
  peak_rss_bytes: number;
  pandas: string;
}

export type PandasRun = { ran: true; ms: number; peakRssBytes: number; figures: PandasFigures } | { ran: false; reason: string };

/** Why pandas cannot run here, or null when `python3 -c "import pandas"` works. */
export function pandasUnavailable(): string | null {
  const probe = spawnSync(PYTHON, ['-c', 'import pandas'], { encoding: 'utf8' });
  if (probe.error) return `${PYTHON} could not start (${probe.error.message}); install python3-pandas to run the pandas yardstick`;
  if (probe.status !== 0) return `${PYTHON} has no pandas (${probe.stderr.trim().split('\n').pop() ?? 'import failed'}); install python3-pandas to run the pandas yardstick`;
  return null;
}

/**
 * The overview figures computed by pandas from `file`, as a whole process (Python's
 * start-up, the imports, read_csv and every groupby), timed from spawn to exit.
 */
export async function runPandas(file: string): Promise<PandasRun> {
  const missing = pandasUnavailable();
  if (missing) return { ran: false, reason: missing };
  const t0 = performance.now();
  const child = spawn(PYTHON, [SCRIPT, file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve, reject) => child.on('error', reject).on('close', resolve));
  const ms = performance.now() - t0;
  if (code !== 0) throw new Error(`pandas_overview.py ${file} exited with ${code}: ${stderr.trim().slice(-1000)}`);
  const figures = JSON.parse(stdout) as PandasFigures;
  return { ran: true, ms, peakRssBytes: figures.peak_rss_bytes, figures };
}
