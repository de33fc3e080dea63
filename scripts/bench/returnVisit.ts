import type { Page } from '@playwright/test';
import type {} from '../../src/lib/engine/devtools';
import { readNotebook } from './pageProbes';
import type { ReturnVisit } from './types';

/** The goal: a returning visit shows every chart within this. */
export const RETURN_VISIT_TARGET_MS = 2000;

/** In the page: the snapshot of the loaded tables has been written (store/tableSnapshot.ts). */
async function snapshotWritten(): Promise<boolean> {
  const recur = window.__recur;
  if (!recur) return false;
  const tables = recur.rows((await recur.engine.query("SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE database_name = 'recur_snapshot' AND table_name = 'snapshot_tag'")).ipc);
  if (Number(tables[0]?.n) === 0) return false;
  return recur.rows((await recur.engine.query('SELECT count(*)::INTEGER AS n FROM recur_snapshot.main.snapshot_tag')).ipc)[0]?.n === 1;
}

/** In the page: every cell that had a chart shows one again, every cell reads ✓, and the data panel says how the data came back. */
function allChartsBack(charted: string[]): string | null {
  const cells = [...document.querySelectorAll<HTMLElement>('article[aria-label^="SQL cell: "]')];
  if (cells.length === 0) return null;
  for (const cell of cells) {
    const name = (cell.getAttribute('aria-label') ?? '').replace(/^SQL cell: /, '');
    const status = (cell.querySelector('[aria-label="Cell status"]')?.textContent ?? '').trim();
    if (status === 'Failed') return `failed: ${name}`;
    if (!status.startsWith('✓') || (charted.includes(name) && !cell.querySelector('[role="img"]'))) return null;
  }
  return document.querySelector('[aria-label="How the data was opened"]')?.textContent?.trim() ?? null;
}

/**
 * A returning visit, on the page the bench loaded the data in: once the
 * snapshot of the loaded data is written, reload the page and time navigation
 * until every chart it showed is drawn again, and note whether the tables were
 * restored or re-imported.
 */
export async function benchReturnVisit(page: Page, timeoutMs: number): Promise<ReturnVisit> {
  const { charted } = await page.evaluate(readNotebook);
  await page.waitForFunction(snapshotWritten, undefined, { timeout: timeoutMs, polling: 500 });
  const t0 = performance.now();
  await page.reload();
  const said = String(await (await page.waitForFunction(allChartsBack, charted, { timeout: timeoutMs, polling: 'raf' })).jsonValue());
  const ms = performance.now() - t0;
  if (said.startsWith('failed: ')) throw new Error(`A cell failed after the reload (${said.slice('failed: '.length)}).`);
  return { all_charts_ms: Math.round(ms), restored: /^Restored/.test(said) };
}
