import { openAsBlob } from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import type { EngineApi } from '../../src/lib/engine/api';
import { createNativeEngine } from '../../src/lib/engine/node';
import { toRows } from '../../src/lib/engine/rows';
import { loadFile, openFile, removeDataset, tablesChangedBy } from '../../src/lib/ingest';
import { runOrder } from '../../src/lib/notebook/dependencies';
import type { Notebook, SqlCell } from '../../src/lib/notebook/model';
import { notebookParams } from '../../src/lib/notebook/params';
import { runSqlCell } from '../../src/lib/notebook/runner';
import { templateById } from '../../src/lib/notebook/templates';
import { loadRecipes, resolveParams, type RecipeCatalog } from '../../src/lib/recipes/node';
import { benchLoad, REPO_ROOT } from './dataset';
import { hasFloor, measureFloor } from './floor';
import { medianRun, type NotebookRun } from './runs';
import type { BenchFiles, BenchLoad, CellTime, NativeFileTime, NativeResult } from './types';

const SAMPLES = [
  { name: 'sample-orders.csv', file: path.join(REPO_ROOT, 'sample-data', 'orders.csv') },
  { name: 'sample-feedback.csv', file: path.join(REPO_ROOT, 'sample-data', 'feedback.csv') },
];

async function inspectAndLoad(engine: EngineApi, name: string, file: string): Promise<Omit<NativeFileTime, 'file'> & { tables: string[] }> {
  const t0 = performance.now();
  const inspection = await openFile(engine, { name, file: await openAsBlob(file), path: file });
  const t1 = performance.now();
  const report = await loadFile(engine, inspection);
  return { inspectMs: t1 - t0, loadMs: performance.now() - t1, reportMs: report.elapsedMs, rows: report.rows.read, tables: tablesChangedBy(report.kind) };
}

/**
 * Runs every SQL cell of the notebook (or, given changed tables, the cells that
 * read them and their dependants, as the page does after a load) in dependency
 * order exactly as the page does (`runSqlCell`: the result kept as a table, then
 * its preview and row count read), with the same parameters. The cell time is
 * the engine's time for the `CREATE TABLE … AS`, as the page's status shows.
 */
async function runAll(engine: EngineApi, notebook: Notebook, catalog: RecipeCatalog, changedTables?: string[]): Promise<NotebookRun> {
  const all = notebookParams(notebook, catalog);
  const t0 = performance.now();
  const cells: CellTime[] = [];
  for (const name of runOrder(notebook, changedTables && { tables: changedTables }).order) {
    const cell = notebook.cells.find((c): c is SqlCell => c.kind === 'sql' && c.name === name);
    if (!cell) continue;
    const recipe = cell.recipe && catalog.has(cell.recipe) ? catalog.get(cell.recipe) : null;
    const params = recipe ? { ...all, ...resolveParams(recipe, all) } : all;
    const output = await runSqlCell(engine, cell.name, cell.source, params);
    toRows(tableFromIPC(output.preview));
    cells.push({ cell: cell.name, ms: output.elapsedMs });
  }
  return { cells, ms: performance.now() - t0 };
}

/** DuckDB's own count of the memory it holds. */
async function duckdbMemory(engine: EngineApi): Promise<number> {
  const result = await engine.query('SELECT sum(memory_usage_bytes)::DOUBLE AS bytes FROM duckdb_memory()');
  return Number(toRows(tableFromIPC(result.ipc))[0]?.bytes ?? 0);
}

export interface NativeBenchOptions {
  log?: (line: string) => void;
  /** Runs of the notebook whose median is reported. */
  runs?: number;
  /** DuckDB's thread count; by default one per core. */
  threads?: number | null;
}

/**
 * The same work on native DuckDB (`createNativeEngine`), in the same order as
 * the page: the sample files and a first run of the overview (untimed, as the
 * app does on start; for files given with --file the samples are then removed
 * and the notebook run again), then each file inspected and loaded followed by
 * a run of the notebook, then a timed run of every cell.
 */
export async function benchNative(files: BenchFiles | BenchLoad, options: NativeBenchOptions = {}): Promise<NativeResult> {
  const load = benchLoad(files);
  const log = options.log ?? (() => undefined);
  const engine = createNativeEngine();
  await engine.init();
  if (options.threads) await engine.exec(`SET threads = ${Math.floor(options.threads)}`);
  const threads = Number(toRows(tableFromIPC((await engine.query("SELECT current_setting('threads') AS n")).ipc))[0]?.n ?? 0);
  const catalog = loadRecipes();
  const notebook = templateById('overview').build(catalog);
  const rssStart = process.memoryUsage().rss;
  let rssPeak = rssStart;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 200);
  let duckdbPeak = 0;
  const checkpoint = async (): Promise<void> => {
    duckdbPeak = Math.max(duckdbPeak, await duckdbMemory(engine));
  };
  try {
    for (const sample of SAMPLES) await inspectAndLoad(engine, sample.name, sample.file);
    await runAll(engine, notebook, catalog);
    if (load.withoutSample) {
      // As the page does: one data set removed, the notebook re-run, then the next.
      for (const sample of SAMPLES) {
        await removeDataset(engine, sample.name);
        await runAll(engine, notebook, catalog);
      }
    }

    const times: NativeFileTime[] = [];
    let dropToChartsMs = 0;
    for (const file of load.files) {
      const name = path.basename(file);
      const t0 = performance.now();
      const { tables, ...loaded } = await inspectAndLoad(engine, name, file);
      const rerun = await runAll(engine, notebook, catalog, tables);
      if (file === load.files[0]) dropToChartsMs = performance.now() - t0;
      times.push({ file: name, ...loaded });
      log(`${name}: inspect ${Math.round(loaded.inspectMs)} ms, load ${Math.round(loaded.loadMs)} ms, notebook re-run ${Math.round(rerun.ms)} ms`);
      await checkpoint();
    }
    const runs: NotebookRun[] = [];
    for (let i = 0; i < Math.max(1, options.runs ?? 1); i++) {
      const run = await runAll(engine, notebook, catalog);
      log(`run all ${Math.round(run.ms)} ms: ${run.cells.map((c) => `${c.cell} ${Math.round(c.ms)}`).join(', ')}`);
      runs.push(run);
    }
    const final = medianRun(runs);
    await checkpoint();
    const memory = { duckdbMemoryPeak: duckdbPeak, processRssStart: rssStart, processPeakRss: rssPeak };
    // After the memory is read: the floor's extra table is not the app's.
    const first = load.files[0];
    const floor = first && hasFloor(first) ? await measureFloor(engine, { name: path.basename(first), path: first, blob: await openAsBlob(first) }) : null;
    if (floor) log(`floor: read_csv ${Math.round(floor.readCsvMs)} ms, repeat rate on it ${floor.repeatRateMs === null ? 'n/a' : `${Math.round(floor.repeatRateMs)} ms`}`);
    return { threads, files: times, dropToChartsMs, cells: final.cells, runAllMs: final.ms, memory, floor };
  } finally {
    clearInterval(sampler);
  }
}
