/**
 * Predictive LTV in Chromium: `npx tsx scripts/bench-predictive.ts [--runs K]`.
 * The browser side of `scripts/bench-models.ts`, on the same data: the CDNOW sample
 * (2,357 customers, calibration to 1997-09-30, weeks) and 100,000 customers (CDNOW
 * copied under new ids). Medians of K runs (default 3) after a warm-up:
 *
 * - fits alone: BG/NBD and Gamma-Gamma on the calibration summary, the models'
 *   module bundled with esbuild and run on a blank page (Chromium's V8, main thread);
 * - the `ltv-predictive` model step in the app (`runModelStep`): the whole run in the engine worker (SQL summary, both fits,
 *   per-customer forecasts, tracking curve, P(alive) grid, result table), timed in the
 *   page around the call, so the rows' trip back to the page is included;
 * - the notebook cell: the "Lifetime value" template's `ltv_predictive` cell, from the
 *   click on Run until it reads ✓ with both charts drawn; and the time its status shows.
 *
 * The data are loaded into the built app's `orders` through its devtools handle
 * (`window.__recur.engine`), as the Node bench loads them into its engine.
 */
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { build } from 'esbuild';
import playwrightConfig from '../playwright.config';
import type {} from '../src/lib/engine/devtools';
import { summarizeTransactions } from '../src/lib/models';
import { readCdnowTransactions } from '../test/unit/models/cdnowFixture';
import { CDNOW_COPIES_SQL, cdnowOrdersCsv, insertCdnowSql } from '../test/unit/models/cdnowOrders';
import { parseStatusMs } from './bench/browser';
import { notebookIdle, readNotebook, runFinished, trackRuns } from './bench/pageProbes';
import { buildApp, startPreview } from './bench/server';
import type { PredictiveLtvResult } from '../src/lib/recipes/ltvPredictive/types';

/** Not the test suite's port, nor the main bench's. */
const PORT = 4181;
const CALIBRATION_END = '1997-09-30';
const SIZES = [2357, 100_000] as const;

interface Row {
  task: string;
  customers: number;
  ms: number;
  note: string;
}

const log = (line: string): void => void process.stderr.write(`[bench-predictive] ${line}\n`);
const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const fmt = (v: number): string => v.toFixed(4);

/** The CDNOW calibration summary, repeated customer by customer up to `customers` (as the copies are). */
function summaryOf(customers: number): Record<'x' | 'tx' | 'T' | 'mbar', number[]> {
  const cdnow = summarizeTransactions(readCdnowTransactions(), { calibrationEnd: CALIBRATION_END, timeUnit: 'weeks' });
  const pick = (values: Float64Array) => Array.from({ length: customers }, (_, i) => values[i % values.length] as number);
  return { x: pick(cdnow.x), tx: pick(cdnow.tx), T: pick(cdnow.T), mbar: pick(cdnow.mbar) };
}

/** BG/NBD and Gamma-Gamma fitted on a blank page, the models' module bundled for the browser. */
async function fitsAlone(page: Page, runs: number): Promise<Row[]> {
  const bundle = await build({
    entryPoints: ['src/lib/models/index.ts'],
    bundle: true,
    format: 'iife',
    globalName: 'RecurModels',
    platform: 'browser',
    target: 'es2022',
    write: false,
  });
  await page.setContent('<!doctype html><title>fits</title>');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  const rows: Row[] = [];
  for (const customers of SIZES) {
    const out = await page.evaluate(
      ({ data, runs }) => {
        const models = (window as unknown as { RecurModels: typeof import('../src/lib/models') }).RecurModels;
        const summary = { x: Float64Array.from(data.x), tx: Float64Array.from(data.tx), T: Float64Array.from(data.T), mbar: Float64Array.from(data.mbar) };
        let bg = models.fitBgNbd(summary);
        let gg = models.fitGammaGamma(summary);
        const bgMs: number[] = [];
        const ggMs: number[] = [];
        for (let i = 0; i < runs; i++) {
          let start = performance.now();
          bg = models.fitBgNbd(summary);
          bgMs.push(performance.now() - start);
          start = performance.now();
          gg = models.fitGammaGamma(summary);
          ggMs.push(performance.now() - start);
        }
        return { bgMs, ggMs, bg: { r: bg.r, alpha: bg.alpha, a: bg.a, b: bg.b, evaluations: bg.evaluations }, gg: { p: gg.p, q: gg.q, gamma: gg.gamma, customers: gg.customers } };
      },
      { data: summaryOf(customers), runs },
    );
    rows.push(
      { task: 'BG/NBD fit alone (BFGS), page main thread', customers, ms: median(out.bgMs), note: `r=${fmt(out.bg.r)} α=${fmt(out.bg.alpha)} a=${fmt(out.bg.a)} b=${fmt(out.bg.b)} (${out.bg.evaluations} evals)` },
      { task: 'Gamma-Gamma fit alone, page main thread', customers: out.gg.customers, ms: median(out.ggMs), note: `p=${fmt(out.gg.p)} q=${fmt(out.gg.q)} γ=${fmt(out.gg.gamma)}` },
    );
    log(`fits alone, ${customers} customers: BG/NBD ${Math.round(median(out.bgMs))} ms, Gamma-Gamma ${Math.round(median(out.ggMs))} ms`);
  }
  return rows;
}

/** Replaces the app's orders with the CDNOW sample. */
async function loadCdnow(page: Page): Promise<void> {
  const path = await page.evaluate(async (csv) => {
    const { engine } = window.__recur!;
    await engine.exec('DELETE FROM orders');
    return (await engine.registerFile({ name: 'cdnow-orders.csv', bytes: new TextEncoder().encode(csv) })).path;
  }, cdnowOrdersCsv());
  await page.evaluate(
    async ({ sql, path }) => {
      const { engine } = window.__recur!;
      await engine.exec(sql);
      await engine.dropFile(path);
    },
    { sql: insertCdnowSql(path), path },
  );
}

/** The `ltv-predictive` model step as the page calls it, timed in the page. */
async function predictInPage(page: Page, runs: number): Promise<{ ms: number[]; note: string; customers: number }> {
  const out = await page.evaluate(
    async ({ calibrationEnd, runs }) => {
      const { engine } = window.__recur!;
      const params = { calibration_end: calibrationEnd, time_unit: 'weeks' };
      const step = async () => (await engine.runModelStep('ltv-predictive', params, 'bench_ltv')) as PredictiveLtvResult;
      let result = await step();
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        result = await step();
        ms.push(performance.now() - start);
      }
      return { ms, params: result.params, rows: result.rows.length };
    },
    { calibrationEnd: CALIBRATION_END, runs },
  );
  const p = out.params;
  const note = `r=${fmt(p.r)} α=${fmt(p.alpha)} a=${fmt(p.a)} b=${fmt(p.b)} p=${fmt(p.p)} q=${fmt(p.q)} γ=${fmt(p.gamma)}`;
  return { ms: out.ms, note, customers: out.rows };
}

/** Clicks Run on the predictive cell until it reads ✓ with its charts; the click-to-charts times and the status times. */
async function runCell(page: Page, runs: number): Promise<{ clickMs: number[]; statusMs: number[] }> {
  const cell = page.getByRole('article', { name: /cell: ltv_predictive$/ });
  const clickMs: number[] = [];
  const statusMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const charted = (await page.evaluate(readNotebook)).charted;
    await page.evaluate(trackRuns);
    const start = performance.now();
    await cell.getByRole('button', { name: 'Run', exact: true }).click();
    await page.waitForFunction(runFinished, charted, { timeout: 600_000, polling: 'raf' });
    clickMs.push(performance.now() - start);
    const state = await page.evaluate(readNotebook);
    if (state.failed.length > 0) throw new Error(`A cell failed: ${state.failed.join('; ')}`);
    const status = parseStatusMs(state.statuses.ltv_predictive ?? '');
    if (status === null) throw new Error(`The cell shows "${state.statuses.ltv_predictive}", not a time.`);
    statusMs.push(status);
  }
  return { clickMs, statusMs };
}

async function inApp(page: Page, url: string, runs: number): Promise<Row[]> {
  await page.goto(url);
  await page.getByRole('status', { name: 'Engine status' }).filter({ hasText: /DuckDB v1\.4/ }).waitFor({ timeout: 120_000 });
  await page.waitForFunction(notebookIdle, undefined, { timeout: 120_000, polling: 'raf' });
  await loadCdnow(page);
  // The template runs every cell on CDNOW; then the calibration end re-runs the predictive one.
  await page.getByLabel('New notebook from a template').selectOption('ltv');
  await page.getByRole('article', { name: /cell: ltv_predictive$/ }).getByLabel('Explanation').waitFor({ timeout: 600_000 });
  await page.waitForFunction(notebookIdle, undefined, { timeout: 600_000, polling: 'raf' });
  await page.getByLabel(/^Calibration end/).fill(CALIBRATION_END);
  await page.getByRole('article', { name: /cell: ltv_predictive$/ }).getByText('Holdout check: from 1997-10-01').waitFor({ timeout: 600_000 });
  await page.waitForFunction(notebookIdle, undefined, { timeout: 600_000, polling: 'raf' });

  const rows: Row[] = [];
  for (const size of SIZES) {
    if (size > 2357) {
      await page.evaluate(async ({ sql, customers }) => {
        const { engine } = window.__recur!;
        await engine.exec(sql.snapshot);
        await engine.query(sql.insert, { customers });
      }, { sql: CDNOW_COPIES_SQL, customers: size });
    }
    const direct = await predictInPage(page, runs);
    log(`runModelStep('ltv-predictive'), ${direct.customers} customers: ${direct.ms.map(Math.round).join(', ')} ms`);
    const cell = await runCell(page, runs);
    log(`cell, ${direct.customers} customers: click to charts ${cell.clickMs.map(Math.round).join(', ')} ms; status ${cell.statusMs.join(', ')} ms`);
    rows.push(
      { task: 'ltv-predictive model step, whole run in the engine worker', customers: direct.customers, ms: median(direct.ms), note: direct.note },
      { task: 'notebook cell: fit + table by CLV (its status)', customers: direct.customers, ms: median(cell.statusMs), note: 'the model step, then the kept table rewritten highest CLV first' },
      { task: 'notebook cell: Run → ✓ with both charts', customers: direct.customers, ms: median(cell.clickMs), note: 'adds the preview and count, explanation, charts and table' },
    );
  }
  return rows;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } }, strict: true });
  const runs = Math.max(1, Number.parseInt(values.runs ?? '3', 10) || 3);
  log('building the app…');
  const outDir = await buildApp();
  const server = await startPreview(outDir, PORT);
  const browser = await chromium.launch(playwrightConfig.use?.launchOptions);
  log(`Chromium ${browser.version()}`);
  try {
    const rows = [...(await fitsAlone(await browser.newPage(), runs)), ...(await inApp(await browser.newPage(), server.url, runs))];
    console.log(`Chromium ${browser.version()}, median of ${runs} runs after a warm-up`);
    console.log('| task | customers | median ms | result |');
    console.log('|---|---:|---:|---|');
    for (const row of rows) console.log(`| ${row.task} | ${row.customers.toLocaleString('en-US')} | ${row.ms.toFixed(0)} | ${row.note} |`);
  } finally {
    await browser.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
