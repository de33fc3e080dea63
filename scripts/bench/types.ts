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
  /** DuckDB's own typed read of the first file in the page's engine; null when it has none (Parquet). */
  floor: FloorTimes | null;
}

/** The floor under our steps (see floor.ts), for the first loaded file. */
export interface FloorTimes {
  /** `CREATE TABLE … AS SELECT * FROM read_csv(file)`, everything sniffed. */
  readCsvMs: number;
  /** The repeat-rate figures straight from that typed table; null when the file lacks the generated orders' columns. */
  repeatRateMs: number | null;
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
  floor: FloorTimes | null;
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
  /** Our steps over DuckDB's own work on the same file in the same engine (floor.ts). */
  floors: FloorRatio[];
  /** The pandas yardstick (pandas.ts), or why it did not run. */
  pandas?: PandasStep | { skipped: string };
  /** A first visit over a throttled network (coldVisit.ts), or why it did not run. */
  cold_visit?: ColdVisit | { skipped: string };
  /** Reloading the page once the loaded data was kept (returnVisit.ts), or why it did not run. */
  return_visit?: ReturnVisit | { skipped: string };
  /** Only when the page failed: why. */
  browser_error?: string;
}

export interface FloorRatio {
  /** Our step, e.g. `load orders.csv`. */
  step: string;
  /** DuckDB's own, e.g. `floor: read_csv orders.csv`. */
  floor: string;
  /** Our step's time over the floor's, in the page; null when the page did not finish it. */
  browser_ratio: number | null;
  native_ratio: number;
}

export interface PandasStep {
  /** The overview figures computed by pandas from the orders file, as a whole process. */
  ms: number;
  peak_rss_mb: number;
  version: string;
  /** `drop <orders> to all charts` over the pandas time: in the page (null if it failed) and natively. */
  browser_ratio: number | null;
  native_ratio: number;
}

export interface ColdVisit {
  /** The server's link: bits per second, latency in ms; null when not throttled. */
  network: { bitsPerSecond: number; latencyMs: number } | null;
  /** Navigation until the first chart is in the DOM: the build-time figures' where the build has them. */
  first_chart_ms: number;
  /** Whether that first chart was one computed when the app was built (not yet the engine's). */
  first_chart_build_time: boolean;
  /** Bytes received until the first chart. */
  first_chart_bytes: number;
  /** Navigation until the first chart drawn from the engine's own run. */
  first_live_chart_ms: number;
  /** Bytes received over the network by the page, its workers and its service worker until the first live chart. */
  bytes: number;
  /** Each URL with the times it was fetched from the server, when more than once. */
  fetched_twice: string[];
}

export interface ReturnVisit {
  /** Reload until every chart is drawn again. */
  all_charts_ms: number;
  /** Whether the tables came back from the snapshot in this browser's storage (else the stored files were loaded again). */
  restored: boolean;
}
