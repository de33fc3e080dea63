/**
 * Benchmark: the app in Chromium side by side with native DuckDB, on generated data or given files.
 *   npm run bench [-- --orders N] [--seed S] [--parquet] [--json]
 *   npm run bench -- --file online_retail.csv.gz [--file …] [--runs K] [--native-threads T]
 * See scripts/bench/ and docs/benchmarks.md.
 */
import { rmSync } from 'node:fs';
import os from 'node:os';
import { chromium, type Browser, type Page } from '@playwright/test';
import playwrightConfig from '../playwright.config';
import { BENCH_USAGE, parseBenchArgs } from './bench/args';
import { BrowserBenchError, benchBrowser } from './bench/browser';
import { benchLoad, ensureDataset } from './bench/dataset';
import { describeMachine, machineNow } from './bench/machine';
import { benchNative } from './bench/native';
import { benchColdVisit, COLD_NETWORK } from './bench/coldVisit';
import { hasFloor } from './bench/floor';
import { runPandas, type PandasRun } from './bench/pandas';
import { benchReport, failedBenchReport, formatReport, pandasStep } from './bench/report';
import { buildApp, startPreview } from './bench/server';
import { benchReturnVisit } from './bench/returnVisit';
import type { BenchLoad, BrowserResult, ColdVisit, ReturnVisit } from './bench/types';

/** Not the test suite's 4173: tests may be running next to the bench. */
const PORT = 4180;

const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);

/** The page part failed; carries what it measured and the Chromium version for the report. */
class BrowserPageError extends Error {
  constructor(
    readonly failure: BrowserBenchError,
    readonly version: string,
  ) {
    super(failure.message);
  }
}

async function inBrowser(
  files: BenchLoad,
  runs: number,
): Promise<{ result: BrowserResult; version: string; cold: ColdVisit | { skipped: string }; back: ReturnVisit | { skipped: string } }> {
  log('building the app…');
  const outDir = await buildApp();
  const server = await startPreview(outDir, PORT);
  const browser = await chromium.launch(playwrightConfig.use?.launchOptions);
  const version = browser.version();
  log(`Chromium ${version}`);
  try {
    const page = await browser.newPage();
    const result = await benchBrowser(page, server.url, files, { log, runs });
    const back = await returnVisit(page);
    await page.close();
    return { result, version, cold: await coldVisit(browser, outDir), back };
  } catch (error) {
    throw error instanceof BrowserBenchError ? new BrowserPageError(error, version) : error;
  } finally {
    await browser.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** pandas on the orders file (the first), or why not: it reads CSV only, and only the columns pandas_overview.py knows. */
async function pandasYardstick(file: string | undefined): Promise<PandasRun> {
  if (!file || !hasFloor(file)) return { ran: false, reason: 'the yardstick reads CSV files only' };
  log('pandas…');
  try {
    const run = await runPandas(file);
    log(run.ran ? `pandas: ${Math.round(run.ms)} ms, peak RSS ${Math.round(run.peakRssBytes / 2 ** 20)} MB` : `pandas skipped: ${run.reason}`);
    return run;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log(`pandas failed: ${reason}`);
    return { ran: false, reason: `it failed: ${reason}` };
  }
}

/** Reloads the page the bench loaded the data in and times it to every chart; a failure is reported, not fatal. */
async function returnVisit(page: Page): Promise<ReturnVisit | { skipped: string }> {
  log('return visit…');
  try {
    const visit = await benchReturnVisit(page, 10 * 60_000);
    log(`return visit: all charts ${visit.all_charts_ms} ms, ${visit.restored ? 'restored' : 're-imported'}`);
    return visit;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log(`return visit failed: ${reason}`);
    return { skipped: `it failed: ${reason}` };
  }
}

/** A first visit over a throttled network, after the page's bench (its own fresh context); a failure is reported, not fatal. */
async function coldVisit(browser: Browser, outDir: string): Promise<ColdVisit | { skipped: string }> {
  log(`cold visit (${COLD_NETWORK.bitsPerSecond / 1e6} Mbit/s, ${COLD_NETWORK.latencyMs} ms)…`);
  const slow = await startPreview(outDir, PORT + 1, COLD_NETWORK);
  try {
    const visit = await benchColdVisit(browser, slow.url, COLD_NETWORK);
    log(`cold visit: first chart ${visit.first_chart_ms} ms, ${(visit.bytes / 2 ** 20).toFixed(1)} MB`);
    return visit;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log(`cold visit failed: ${reason}`);
    return { skipped: `it failed: ${reason}` };
  } finally {
    await slow.close();
  }
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  if (!args) {
    process.stdout.write(`${BENCH_USAGE}\n`);
    return;
  }
  const loadStart = os.loadavg()[0] ?? 0;
  // Given files are loaded alone (the sample data removed first); generated data next to the samples.
  const files: BenchLoad =
    args.files.length > 0 ? { files: args.files, withoutSample: true } : benchLoad(await ensureDataset({ orders: args.orders, seed: args.seed, parquet: args.parquet, log }));
  const orders = args.files.length > 0 ? null : args.orders;
  log(`data: ${files.files.join(', ')}`);
  const page = await inBrowser(files, args.runs).catch((error: unknown) => {
    if (!(error instanceof BrowserPageError)) throw error;
    log(`the page failed: ${error.failure.message}`);
    return error;
  });
  log(`native DuckDB${args.nativeThreads ? ` on ${args.nativeThreads} thread(s)` : ''}…`);
  const native = await benchNative(files, { log, runs: args.runs, threads: args.nativeThreads });
  const failed = page instanceof BrowserPageError;
  const report = failed ? failedBenchReport(orders, page.failure, native) : benchReport(orders, page.result, native);
  report.pandas = pandasStep(report.steps, await pandasYardstick(files.files[0]));
  if (!failed) report.cold_visit = page.cold;
  if (!failed) report.return_visit = page.back;
  const machine = describeMachine(machineNow(page.version, loadStart));
  log(machine);
  const text = failed ? formatReport(report, null, native, page.failure.memory) : formatReport(report, page.result, native);
  process.stdout.write(args.json ? `${JSON.stringify(report)}\n` : `${machine}\n${text}`);
  // A run the page could not finish is a failed run, even with the native figures printed.
  if (failed) process.exitCode = 1;
}

main().then(
  // The native engine keeps DuckDB open; nothing else is left to finish.
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
