/** The data files one benchmark run loads: an orders file and a feedback file of one format. */
export interface BenchFiles {
  orders: string;
  feedback: string;
  format: 'csv' | 'parquet';
}

/** What one run loads, in order, each file as if dropped on the page. */
export interface BenchLoad {
  files: string[];
  /**
   * Remove the app's sample data before the first file, so the notebook reads
   * these files alone (files given with --file). The generated data is loaded
   * next to the sample data, as a first visit has it.
   */
  withoutSample: boolean;
}

/** One SQL cell's time in a run of the whole notebook. */
export interface CellTime {
  cell: string;
  /** The engine's time for the cell's `CREATE OR REPLACE TABLE … AS <recipe SQL>` (what its status shows). */
  ms: number;
}

/** Inspecting and loading one file. */
export interface FileTime {
  file: string;
  /** Reading the head, registering and inspecting it (`openFile`); in the page, drop until the mapping dialog. */
  inspectMs: number;
  /** `loadFile`; in the page, the click on "Load …" until the data-quality report. */
  loadMs: number;
  /** `loadFile`'s own time from its report (`LoadReport.elapsedMs`). */
  reportMs: number;
}

/** What the page used, in bytes; null where the browser did not say. */
export interface BrowserMemory {
  /** Peak resident set of the renderer process that hosts the page and its workers (Linux /proc VmHWM). */
  rendererPeakRss: number | null;
  /** Peak used JS heap of the page's main thread (sampled). */
  mainHeapPeak: number | null;
  /** Peak used JS heap of each worker (sampled), by script name. */
  workerHeapPeak: Record<string, number>;
  /** DuckDB-WASM's linear memory at the end (it only grows, so this is its peak). */
  wasmMemory: number | null;
  /** DuckDB's own accounting (`duckdb_memory()`), the largest seen after a step. */
  duckdbMemoryPeak: number | null;
}

export interface BrowserResult {
  files: FileTime[];
  /** Drop of the first file (the orders) until every cell has re-run on it and drawn its chart. */
  dropToChartsMs: number;
  cells: CellTime[];
  /** The click on "Run all" until every cell reads ✓ and its chart is drawn. */
  runAllMs: number;
  memory: BrowserMemory;
}

/** A file as the native run loaded it, with the number of data rows its load report read. */
export interface NativeFileTime extends FileTime {
  rows: number;
}

export interface NativeResult {
  /** DuckDB's thread count in this run. */
  threads: number;
  files: NativeFileTime[];
  /** `openFile` + `loadFile` of the first file (the orders) + running every cell. */
  dropToChartsMs: number;
  cells: CellTime[];
  /** Running every cell through the notebook runner (result table, preview and count, as the page does); median of the runs. */
  runAllMs: number;
  /** DuckDB's own accounting; the Node process's resident set when the native part began and at its peak. */
  memory: { duckdbMemoryPeak: number | null; processRssStart: number; processPeakRss: number };
}

export interface Step {
  step: string;
  /** null when the page failed before this step finished. */
  browser_ms: number | null;
  native_ms: number;
  ratio: number | null;
}

export interface BenchReport {
  /** Generated orders; null when the run loaded files given with --file. */
  orders: number | null;
  /** Each loaded file and the data rows it had (rows read, from its load report). */
  files: { file: string; rows: number }[];
  steps: Step[];
  peak_memory_mb: number | null;
  /** Only when the page failed: why. */
  browser_error?: string;
}
