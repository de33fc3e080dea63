import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { benchLoad } from './dataset';
import { hasFloor, measureFloorInPage } from './floor';
import { MemorySampler } from './memory';
import { medianRun, type NotebookRun } from './runs';
import { notebookIdle, readNotebook, reportElapsed, runFinished, trackRuns } from './pageProbes';
import type { BenchFiles, BenchLoad, BrowserMemory, BrowserResult, CellTime, FileTime } from './types';

export interface BrowserBenchOptions {
  log?: (line: string) => void;
  /** Longest wait for any one step, in ms. */
  stepTimeoutMs?: number;
  /** How many times to press "Run all"; cell times are the medians. */
  runs?: number;
}

/** `✓ 85 ms`, `✓ 1.40 s`, `✓ 12.3 s` (see formatDuration) → milliseconds. */
export function parseStatusMs(status: string): number | null {
  const match = /^✓\s*([\d.]+)\s*(ms|s)$/.exec(status.trim());
  if (!match) return null;
  return Number(match[1]) * (match[2] === 's' ? 1000 : 1);
}

function regexpEscape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The app's side of the benchmark, on a page the caller owns (the bench's own
 * Chromium, or a Playwright test's page and server): open the app at
 * `baseUrl`, wait for the overview to have run on the sample data (and remove
 * it, for files given with --file), then load each file as a person would
 * (file input, mapping dialog, "Load …"), let the notebook re-run, and press
 * "Run all". Cell times are the ones their status
 * shows: the worker's time for the cell's `CREATE TABLE … AS <recipe SQL>`.
 */
export async function benchBrowser(page: Page, baseUrl: string, files: BenchFiles | BenchLoad, options: BrowserBenchOptions = {}): Promise<BrowserResult> {
  const load = benchLoad(files);
  const log = options.log ?? (() => undefined);
  const timeout = options.stepTimeoutMs ?? 30 * 60_000;
  const crashed = new Promise<never>((_, reject) => page.once('crash', () => reject(new Error('The page crashed (out of memory?).'))));
  crashed.catch(() => undefined);
  const step = <T>(work: Promise<T>): Promise<T> => Promise.race([work, crashed]);
  // Worker messages arrive here too: a DuckDB-WASM abort shows up as a console error, not as a rejected load.
  page.on('console', (message) => {
    if (message.type() === 'error') log(`page console error: ${message.text().slice(0, 500)}`);
  });
  page.on('pageerror', (error) => log(`page error: ${error.message.slice(0, 500)}`));
  // The data panel's alerts, but not the note that a file could not be kept for the next visit.
  const dataPanel = page.getByRole('region', { name: 'Data', exact: true });
  const dataErrors = dataPanel.getByRole('alert').filter({ hasNotText: /storage is full|kept for the next visit/ });
  /** Waits for `target`, or fails with the message the data panel shows instead. */
  const visibleOrDataError = async (target: Locator): Promise<void> => {
    const failure = dataErrors.first().waitFor({ timeout }).then(async () => {
      throw new Error(`The page says: ${(await dataErrors.allTextContents()).join(' ')}`);
    });
    failure.catch(() => undefined);
    await step(Promise.race([target.waitFor({ timeout }), failure]));
  };

  await page.goto(baseUrl);
  await step(page.getByRole('status', { name: 'Engine status' }).filter({ hasText: /DuckDB v1\.4/ }).waitFor({ timeout: 120_000 }));
  await step(page.getByRole('article', { name: /cell: crr$/ }).getByLabel('Explanation').filter({ hasText: 'CRR for' }).waitFor({ timeout: 120_000 }));
  await step(page.waitForFunction(notebookIdle, undefined, { timeout: 120_000, polling: 'raf' }));
  const charted = (await page.evaluate(readNotebook)).charted;
  log(`app ready at ${baseUrl}; ${charted.length} cells with charts`);

  const memory = await MemorySampler.start(page);
  const done: Record<string, number> = {};
  try {
    return await measure();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new BrowserBenchError(message, done, await memory.stop().catch(() => null));
  }

  async function measure(): Promise<BrowserResult> {
    const waitForRun = async (): Promise<void> => {
      await step(page.waitForFunction(runFinished, charted, { timeout, polling: 'raf' }));
      const state = await page.evaluate(readNotebook);
      if (state.failed.length > 0) throw new Error(`A cell failed in the page: ${state.failed.join('; ')}`);
    };

    /** Removes every loaded data set (the sample data) with the panel's ✕ and "Yes", letting the notebook re-run after each. */
    const removeAll = async (): Promise<void> => {
      const datasets = dataPanel.getByRole('list', { name: 'Loaded data sets' });
      const remove = datasets.getByRole('button', { name: /^Remove / }).first();
      while ((await remove.count()) > 0) {
        const name = (await remove.getAttribute('aria-label'))?.replace(/^Remove /, '');
        await page.evaluate(trackRuns);
        await remove.click();
        await datasets.getByRole('button', { name: 'Yes', exact: true }).click();
        await waitForRun();
        log(`removed ${name}`);
      }
    };

    const loadOne = async (file: string): Promise<{ inspectMs: number; loadMs: number; untilChartsMs: number }> => {
      const name = path.basename(file);
      await page.evaluate(trackRuns);
      const t0 = performance.now();
      await page.getByLabel('Choose files to load').setInputFiles(file);
      const dialog = page.getByRole('dialog', { name: new RegExp(regexpEscape(name)) });
      await visibleOrDataError(dialog);
      const t1 = performance.now();
      done[`inspect ${name}`] = t1 - t0;
      const loadButton = dialog.getByRole('button', { name: `Load ${name}`, exact: true });
      if (await loadButton.isDisabled()) {
        throw new Error(`The page will not load ${name} with the mapping it guessed: ${(await dialog.getByRole('alert').allTextContents()).join(' ')}`);
      }
      await loadButton.click();
      await visibleOrDataError(page.getByRole('region', { name: `Data-quality report for ${name}`, exact: true }));
      const t2 = performance.now();
      done[`load ${name}`] = t2 - t1;
      // Loading a file re-runs the notebook by itself.
      await waitForRun();
      const t3 = performance.now();
      log(`${name}: inspect ${Math.round(t1 - t0)} ms, load ${Math.round(t2 - t1)} ms, notebook re-run ${Math.round(t3 - t2)} ms`);
      await memory.checkpoint();
      return { inspectMs: t1 - t0, loadMs: t2 - t1, untilChartsMs: t3 - t0 };
    };

    if (load.withoutSample) await removeAll();
    const loaded: { file: string; inspectMs: number; loadMs: number; untilChartsMs: number }[] = [];
    for (const file of load.files) loaded.push({ file, ...(await loadOne(file)) });

    const runAll = async (): Promise<NotebookRun> => {
      await page.evaluate(trackRuns);
      const t0 = performance.now();
      await page.getByRole('button', { name: 'Run all', exact: true }).click();
      await waitForRun();
      const ms = performance.now() - t0;
      const state = await page.evaluate(readNotebook);
      const cells: CellTime[] = Object.entries(state.statuses).map(([cell, status]) => {
        const cellMs = parseStatusMs(status);
        if (cellMs === null) throw new Error(`Cell ${cell} shows "${status}", not a time.`);
        return { cell, ms: cellMs };
      });
      log(`run all ${Math.round(ms)} ms: ${cells.map((c) => `${c.cell} ${c.ms}`).join(', ')}`);
      return { cells, ms };
    };
    const runs: NotebookRun[] = [];
    for (let i = 0; i < Math.max(1, options.runs ?? 1); i++) runs.push(await runAll());
    const { cells, ms: runAllMs } = medianRun(runs);

    const fileTimes: FileTime[] = [];
    for (const { file, inspectMs, loadMs } of loaded) {
      const name = path.basename(file);
      fileTimes.push({ file: name, inspectMs, loadMs, reportMs: (await page.evaluate(reportElapsed, name)) ?? loadMs });
    }
    const used = await memory.stop();
    // After the memory is read: the floor's extra table is not the app's.
    const first = load.files[0];
    const floor = first && hasFloor(first) ? await measureFloorInPage(page, first) : null;
    if (floor) log(`floor: read_csv ${Math.round(floor.readCsvMs)} ms, repeat rate on it ${floor.repeatRateMs === null ? 'n/a' : `${Math.round(floor.repeatRateMs)} ms`}`);
    return { files: fileTimes, dropToChartsMs: loaded[0]?.untilChartsMs ?? 0, cells, runAllMs, memory: used, floor };
  }
}

/** The page part failed (a crash, an out-of-memory load…): what it did measure, and the memory it had used. */
export class BrowserBenchError extends Error {
  constructor(
    message: string,
    /** Step name (as in the report) → ms, for the steps that finished. */
    readonly done: Readonly<Record<string, number>>,
    readonly memory: BrowserMemory | null,
  ) {
    super(message);
  }
}
