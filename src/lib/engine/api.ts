/**
 * The one contract between the page and the DuckDB engine. The browser worker,
 * the Node WASM engine (tests, headless runner) and the native engine all
 * implement it; nothing else crosses the worker boundary.
 */

/** A value bound into SQL as a prepared-statement parameter, never pasted into the text. */
export type ParamValue = string | number | boolean | null;

/** Named parameters: `$name` in the SQL text binds `params.name`. */
export type Params = Readonly<Record<string, ParamValue>>;

export type BundleName = 'eh' | 'mvp' | 'coi' | 'node-wasm' | 'native';

export interface EngineInfo {
  duckdbVersion: string;
  bundle: BundleName;
  /** Milliseconds from the first `init` call until the engine answered a query. */
  initMs: number;
}

export interface ColumnInfo {
  name: string;
  /** DuckDB's type name, e.g. `VARCHAR`, `DOUBLE`, `TIMESTAMP`. */
  type: string;
}

export interface QueryResult {
  /** The result as an Arrow IPC stream (transferred, not copied, out of the worker). */
  ipc: Uint8Array;
  columns: ColumnInfo[];
  rowCount: number;
  elapsedMs: number;
}

export interface QueryOptions {
  /** Stop reading the result after this many rows; `rowCount` still reports what was read. */
  maxRows?: number;
  /**
   * For SQL a person wrote (notebook cells, shared links): DuckDB's parser must
   * find exactly one query, so nothing can write, change settings or run a second
   * statement; anything else is refused with a message naming what it is.
   */
  readOnly?: boolean;
  /** Keep the whole result as this table (created or replaced) instead of returning it; implies `readOnly`. */
  keepAs?: string;
}

export interface TableInfo {
  name: string;
  kind: 'table' | 'view';
  columns: ColumnInfo[];
}

/** A file handed to the engine: a browser `File` (read in place) or bytes. */
export interface FileSource {
  name: string;
  file?: Blob;
  bytes?: Uint8Array;
  /** Node only: a path on disk, read in place by the native engine. */
  path?: string;
}

export interface RegisteredFile {
  /** The path SQL uses to read the file, e.g. `/data/orders.csv`. */
  path: string;
  name: string;
  size: number;
}

export type ExportFormat = 'csv' | 'parquet' | 'json';

export interface EngineApi {
  /** Starts DuckDB once; concurrent and later calls share the same start. */
  init(): Promise<EngineInfo>;
  /** Makes a file readable from SQL at the returned path. */
  registerFile(source: FileSource): Promise<RegisteredFile>;
  /** Forgets a registered file and frees what the engine held for it. */
  dropFile(path: string): Promise<void>;
  /** Runs one statement with bound named parameters and returns the result as Arrow IPC. */
  query(sql: string, params?: Params, options?: QueryOptions): Promise<QueryResult>;
  /** Runs statements that return nothing worth transferring (DDL, several statements). */
  exec(sql: string): Promise<void>;
  /** Loads a Parquet file into a new table, row group by row group; returns the number of rows. */
  importParquet(source: FileSource, table: string): Promise<number>;
  /** Runs a query and returns its whole result as a file's bytes (transferred), for download. */
  exportQuery(sql: string, params: Params | undefined, format: ExportFormat): Promise<Uint8Array>;
  /** Tables and views in the main schema with their columns, for completion and mapping. */
  describe(): Promise<TableInfo[]>;
  /** Interrupts the running query, if any; resolves `true` when one was interrupted. */
  cancel(): Promise<boolean>;
  /** Creates the table `table`, or replaces it, with the rows and column types of an Arrow IPC stream. */
  insertArrow(table: string, ipc: Uint8Array): Promise<void>;
  /**
   * Runs the model step registered under `id` (see {@link ModelStep}) where the engine
   * runs: in the browser, inside the worker. With `keepAs`, the step also keeps its
   * rows as that table. Rejects with a readable message for an unknown id.
   */
  runModelStep(id: string, params: Params, keepAs?: string): Promise<unknown>;
  /**
   * Runs the task registered under `id` (see {@link EngineTask}) where the engine runs,
   * as one call: in the browser, inside the worker, so its many statements make no
   * round trips. `onProgress` hears what the task reports as it goes. Rejects with a
   * readable message for an unknown id.
   */
  runTask(id: string, input: unknown, onProgress?: TaskProgress): Promise<unknown>;
}

/** What a task reports while it runs; plain data (it crosses the worker boundary). */
export type TaskProgress = (progress: unknown) => void;

/**
 * Work of many statements run beside DuckDB as one call (a file's inspection or
 * load): it reads and writes through `engine`, reports progress, and takes and
 * returns plain data (structured-cloneable: files, not functions). Like model steps,
 * the engine knows none: whoever builds it composes it with the tasks it offers.
 */
export type EngineTask = (engine: EngineApi, input: unknown, onProgress: TaskProgress) => Promise<unknown>;

/** Tasks by id. */
export type EngineTasks = Readonly<Record<string, EngineTask>>;

/**
 * A computation SQL cannot do well, run beside DuckDB: it reads with SQL through
 * `engine`, computes, optionally keeps its rows as the table `keepAs`, and returns
 * plain data (it crosses the worker boundary). The engine knows none: whoever builds
 * it (the worker, the headless runner, a test) composes it with the steps it offers.
 */
export type ModelStep = (engine: EngineApi, params: Params, keepAs?: string) => Promise<unknown>;

/** Model steps by id. */
export type ModelSteps = Readonly<Record<string, ModelStep>>;
