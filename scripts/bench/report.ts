import type { BrowserBenchError } from './browser';
import { RETURN_VISIT_TARGET_MS } from './returnVisit';
import type { PandasRun } from './pandas';
import type { BenchReport, BrowserMemory, BrowserResult, FloorRatio, NativeResult, PandasStep, Step } from './types';

/** Targets from the issue: every recipe within 1.5× native, CSV load within 2× native. */
export const RECIPE_TARGET = 1.5;
export const LOAD_TARGET = 2;

const MB = 1024 * 1024;

function step(name: string, browserMs: number | null, nativeMs: number): Step {
  const native_ms = Math.round(nativeMs * 10) / 10;
  if (browserMs === null) return { step: name, browser_ms: null, native_ms, ratio: null };
  const browser_ms = Math.round(browserMs * 10) / 10;
  return { step: name, browser_ms, native_ms, ratio: Math.round((browserMs / Math.max(nativeMs, 0.1)) * 100) / 100 };
}

/** The cell whose work the floor repeats on DuckDB's typed table (floor.ts). */
const FLOOR_RECIPE = 'repeat_rate';
export const RECIPE_FLOOR_STEP = `floor: ${FLOOR_RECIPE} on read_csv's table`;

export function readCsvStep(file: string): string {
  return `floor: read_csv ${file}`;
}

/** Pairs each browser step with the same native step, in the order they ran. */
export function benchSteps(browser: BrowserResult, native: NativeResult): Step[] {
  const steps: Step[] = [];
  browser.files.forEach((file, i) => {
    const other = native.files[i];
    if (!other || other.file !== file.file) throw new Error(`The two runs loaded different files: ${file.file} and ${other?.file}.`);
    steps.push(step(`inspect ${file.file}`, file.inspectMs, other.inspectMs));
    steps.push(step(`load ${file.file}`, file.loadMs, other.loadMs));
    if (i === 0 && browser.floor && native.floor) steps.push(step(readCsvStep(file.file), browser.floor.readCsvMs, native.floor.readCsvMs));
    if (i === 0) steps.push(step(`drop ${file.file} to all charts`, browser.dropToChartsMs, native.dropToChartsMs));
  });
  for (const cell of browser.cells) {
    const other = native.cells.find((c) => c.cell === cell.cell);
    if (!other) throw new Error(`Cell ${cell.cell} ran in the page but not natively.`);
    steps.push(step(`recipe ${cell.cell}`, cell.ms, other.ms));
    if (cell.cell === FLOOR_RECIPE && browser.floor?.repeatRateMs != null && native.floor?.repeatRateMs != null) {
      steps.push(step(RECIPE_FLOOR_STEP, browser.floor.repeatRateMs, native.floor.repeatRateMs));
    }
  }
  steps.push(step('run all', browser.runAllMs, native.runAllMs));
  return steps;
}

/**
 * The native steps alone with what the page finished before it failed, so a
 * run that is too big for the browser still says how far it got.
 */
export function failedBenchReport(orders: number | null, failure: BrowserBenchError, native: NativeResult): BenchReport {
  const steps: Step[] = [];
  native.files.forEach((file, i) => {
    steps.push(step(`inspect ${file.file}`, failure.done[`inspect ${file.file}`] ?? null, file.inspectMs));
    steps.push(step(`load ${file.file}`, failure.done[`load ${file.file}`] ?? null, file.loadMs));
    if (i === 0 && native.floor) steps.push(step(readCsvStep(file.file), null, native.floor.readCsvMs));
    if (i === 0) steps.push(step(`drop ${file.file} to all charts`, null, native.dropToChartsMs));
  });
  for (const cell of native.cells) steps.push(step(`recipe ${cell.cell}`, null, cell.ms));
  steps.push(step('run all', null, native.runAllMs));
  return { orders, files: loadedFiles(native), steps, peak_memory_mb: failure.memory ? peakMemoryMb(failure.memory) : null, floors: floorRatios(steps), browser_error: failure.message };
}

/** The page's peak memory: the renderer's peak resident set, else the JS heap and WASM memory added up. */
export function peakMemoryMb(memory: BrowserMemory): number {
  const { rendererPeakRss, mainHeapPeak, wasmMemory, workerHeapPeak } = memory;
  const bytes = rendererPeakRss ?? (mainHeapPeak ?? 0) + (wasmMemory ?? 0) + Object.values(workerHeapPeak).reduce((a, b) => a + b, 0);
  return Math.round((bytes / MB) * 10) / 10;
}

/** Each file the run loaded and its data rows (the native load report's; both sides read the same file). */
function loadedFiles(native: NativeResult): BenchReport['files'] {
  return native.files.map(({ file, rows }) => ({ file, rows }));
}

/** `orders`: the number of generated orders, or null for files given with --file. */
export function benchReport(orders: number | null, browser: BrowserResult, native: NativeResult): BenchReport {
  const steps = benchSteps(browser, native);
  return { orders, files: loadedFiles(native), steps, peak_memory_mb: peakMemoryMb(browser.memory), floors: floorRatios(steps) };
}

function ratio(ours: number | null, theirs: number | null): number | null {
  return ours === null || theirs === null ? null : Math.round((ours / Math.max(theirs, 0.1)) * 100) / 100;
}

/** Each step that has a floor beside it: `load <first file>` over `read_csv`, the repeat_rate recipe over the same on the typed table. */
export function floorRatios(steps: readonly Step[]): FloorRatio[] {
  const readCsv = steps.find((s) => s.step.startsWith(readCsvStep('')));
  const pairs = [
    ...(readCsv ? [[`load ${readCsv.step.slice(readCsvStep('').length)}`, readCsv.step]] : []),
    [`recipe ${FLOOR_RECIPE}`, RECIPE_FLOOR_STEP],
  ];
  return pairs.flatMap(([ours, floor]) => {
    const a = steps.find((s) => s.step === ours);
    const b = steps.find((s) => s.step === floor);
    if (!a || !b) return [];
    return [{ step: a.step, floor: b.step, browser_ratio: ratio(a.browser_ms, b.browser_ms), native_ratio: ratio(a.native_ms, b.native_ms) ?? 0 }];
  });
}

/** The pandas run beside `drop <orders> to all charts` (the first drop step), or why pandas did not run. */
export function pandasStep(steps: readonly Step[], run: PandasRun): PandasStep | { skipped: string } {
  if (!run.ran) return { skipped: run.reason };
  const drop = steps.find((s) => s.step.startsWith('drop '));
  return {
    ms: Math.round(run.ms * 10) / 10,
    peak_rss_mb: Math.round((run.peakRssBytes / MB) * 10) / 10,
    version: run.figures.pandas,
    browser_ratio: ratio(drop?.browser_ms ?? null, run.ms),
    native_ratio: ratio(drop?.native_ms ?? null, run.ms) ?? 0,
  };
}

/** What the run loaded, for the report's first line: `1,000,000 orders`, or each file with its rows. */
export function describeData(report: BenchReport): string {
  if (report.orders !== null) return `${report.orders.toLocaleString('en-US')} orders`;
  return report.files.map((f) => `${f.file} (${f.rows.toLocaleString('en-US')} rows)`).join(', ');
}

function mb(bytes: number | null): string {
  return bytes === null ? 'n/a' : `${(bytes / MB).toFixed(1)} MB`;
}

function pad(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ');
}

/** Each target with the worst step it covers: `met` or `missed`. */
export function targetLines(report: BenchReport): string[] {
  const recipes = report.steps.filter((s) => s.step.startsWith('recipe ') && s.ratio !== null);
  const worst = recipes.reduce<Step | null>((w, s) => (w === null || (s.ratio ?? 0) > (w.ratio ?? 0) ? s : w), null);
  const lines = [
    worst
      ? `every recipe ≤ ${RECIPE_TARGET}× native: ${recipes.every((s) => (s.ratio ?? 0) <= RECIPE_TARGET) ? 'met' : 'missed'} (worst: ${worst.step} ${worst.ratio}×)`
      : 'every recipe: no recipe ran in the page',
  ];
  for (const inspect of report.steps.filter((s) => s.step.startsWith('inspect '))) {
    const file = inspect.step.slice('inspect '.length);
    const load = report.steps.find((s) => s.step === `load ${file}`);
    if (inspect.browser_ms === null || !load || load.browser_ms === null) {
      lines.push(`${file} inspect + load ≤ ${LOAD_TARGET}× native: missed (the page did not load it)`);
      continue;
    }
    const ratio = (inspect.browser_ms + load.browser_ms) / (inspect.native_ms + load.native_ms);
    lines.push(`${file} inspect + load ≤ ${LOAD_TARGET}× native: ${ratio <= LOAD_TARGET ? 'met' : 'missed'} (${ratio.toFixed(2)}×)`);
  }
  return lines;
}

function msText(value: number): string {
  return `${Math.round(value).toLocaleString('en-US')} ms`;
}

function times(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(2)}×`;
}

/** What the run measured against: the floors, pandas and the cold visit, one line each. */
export function yardstickLines(report: BenchReport): string[] {
  const ms = (name: string, side: 'browser_ms' | 'native_ms'): string => {
    const value = report.steps.find((s) => s.step === name)?.[side];
    return value == null ? '—' : `${Math.round(value).toLocaleString('en-US')} ms`;
  };
  const lines = report.floors.map(
    (f) =>
      `${f.step} / ${f.floor}: page ${ms(f.step, 'browser_ms')} / ${ms(f.floor, 'browser_ms')} = ${times(f.browser_ratio)}, ` +
      `native ${ms(f.step, 'native_ms')} / ${ms(f.floor, 'native_ms')} = ${times(f.native_ratio)}` +
      (f.step.startsWith('load ') ? ` (target ≤ ${LOAD_TARGET}×)` : ''),
  );
  const pandas = report.pandas;
  if (pandas && 'skipped' in pandas) lines.push(`pandas: skipped, ${pandas.skipped}`);
  else if (pandas) {
    const drop = report.steps.find((s) => s.step.startsWith('drop '));
    lines.push(
      `pandas ${pandas.version}, the overview figures from the file as a whole process: ${Math.round(pandas.ms).toLocaleString('en-US')} ms, peak RSS ${pandas.peak_rss_mb.toFixed(1)} MB; ` +
        `${drop?.step ?? 'drop'}: page ${times(pandas.browser_ratio)}, native ${times(pandas.native_ratio)} the pandas time (target: page ≤ 1×)`,
    );
  }
  const cold = report.cold_visit;
  if (cold && 'skipped' in cold) lines.push(`cold visit: skipped, ${cold.skipped}`);
  else if (cold) {
    lines.push(
      `cold visit (${cold.network ? `${cold.network.bitsPerSecond / 1e6} Mbit/s, ${cold.network.latencyMs} ms` : 'no throttling'}): ` +
        `first chart${cold.first_chart_build_time ? ' (build-time figures)' : ''} ${msText(cold.first_chart_ms)} (target ≤ 4,000 ms: ${cold.first_chart_ms <= 4000 ? 'met' : 'missed'}), ${mb(cold.first_chart_bytes)} received; ` +
        `first live chart ${msText(cold.first_live_chart_ms)}, ${mb(cold.bytes)} received` +
        (cold.fetched_twice.length > 0 ? `, fetched more than once: ${cold.fetched_twice.join(', ')}` : ', every URL fetched once'),
    );
  }
  const back = report.return_visit;
  if (back && 'skipped' in back) lines.push(`return visit: skipped, ${back.skipped}`);
  else if (back) {
    lines.push(
      `return visit (reload) to all charts: ${Math.round(back.all_charts_ms).toLocaleString('en-US')} ms, ${back.restored ? 'tables restored from the snapshot' : 'stored files re-imported'} ` +
        `(target ≤ ${RETURN_VISIT_TARGET_MS.toLocaleString('en-US')} ms: ${back.restored && back.all_charts_ms <= RETURN_VISIT_TARGET_MS ? 'met' : 'missed'})`,
    );
  }
  return lines;
}

/** The human-readable table, memory and targets; `browser` is null when the page failed. */
export function formatReport(report: BenchReport, browser: BrowserResult | null, native: NativeResult, pageMemory: BrowserMemory | null = browser?.memory ?? null): string {
  const header = ['step', 'browser ms', 'native ms', 'ratio browser/native'];
  const rows = report.steps.map((s) => [s.step, s.browser_ms?.toFixed(0) ?? '—', s.native_ms.toFixed(0), s.ratio === null ? '—' : `${s.ratio.toFixed(2)}×`]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [
    `${describeData(report)} · native DuckDB on ${native.threads} thread(s), DuckDB-WASM on 1`,
    '',
    pad(header, widths),
    widths.map((w) => '-'.repeat(w)).join('-|-'),
    ...rows.map((r) => pad(r, widths)),
    '',
    ...(report.browser_error ? [`the page failed: ${report.browser_error}`, ''] : []),
    ...(browser
      ? [`loadFile's own time (report): ${browser.files.map((f, i) => `${f.file} ${Math.round(f.reportMs)} ms in the page, ${Math.round(native.files[i]?.reportMs ?? 0)} ms native`).join('; ')}`, '']
      : []),
    pageMemory
      ? `peak memory, page: renderer process ${mb(pageMemory.rendererPeakRss)} (VmHWM), main-thread JS heap ${mb(pageMemory.mainHeapPeak)}, ` +
        `${Object.entries(pageMemory.workerHeapPeak).map(([w, b]) => `${w} heap ${mb(b)}`).join(', ') || 'worker heaps n/a'}, ` +
        `DuckDB-WASM memory ${mb(pageMemory.wasmMemory)}, duckdb_memory() ${mb(pageMemory.duckdbMemoryPeak)}`
      : 'peak memory, page: n/a',
    `peak memory, native: node process RSS ${mb(native.memory.processPeakRss)} (${mb(native.memory.processRssStart)} before DuckDB started), duckdb_memory() ${mb(native.memory.duckdbMemoryPeak)}`,
    '',
    ...yardstickLines(report),
    '',
    ...targetLines(report),
    '',
  ].join('\n');
}
