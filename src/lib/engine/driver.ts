import type { Table } from 'apache-arrow';
import type { BundleName, FileSource, ParamValue } from './api';
import type { ParquetCodec } from './parquet';

/**
 * What one DuckDB build must provide so `createEngine` can turn it into an
 * `EngineApi`. Drivers are thin: the browser's AsyncDuckDB (in the worker),
 * the blocking WASM build in Node, and native DuckDB for Node.
 */
export interface Driver {
  readonly bundle: BundleName;
  /** Starts the database and returns DuckDB's version string. */
  open(): Promise<string>;
  /** Statements run once after `open`, in order, to lock the engine down. */
  readonly lockdown: readonly string[];
  /** Runs SQL with positional values (`$1`, `$2`, …); stops reading after `maxRows` rows. */
  run(sql: string, values: readonly ParamValue[], maxRows?: number): Promise<Table>;
  /** Makes a file readable from SQL; returns the path SQL must use and its size. */
  registerFile(source: FileSource): Promise<{ path: string; size: number }>;
  dropFile(path: string): Promise<void>;
  /** Makes an empty file called `name` that DuckDB can write into, and returns the path SQL uses for it. */
  createFile(name: string): Promise<string>;
  /** The bytes of a file DuckDB wrote into its file system (e.g. by COPY … TO). */
  readFile(path: string): Promise<Uint8Array>;
  /** Appends an Arrow IPC stream to a table, creating it from the stream's schema when `create`. */
  insertArrow(table: string, ipc: Uint8Array, create: boolean): Promise<void>;
  /** Parquet reading and writing, loaded on first use. */
  parquet(): Promise<ParquetCodec>;
  /**
   * Only where DuckDB has its own Parquet reader (native; the WASM build has none
   * without a download): creates `table` from a Parquet file on disk in one statement.
   */
  readParquet?(path: string, table: string): Promise<void>;
  /** Interrupts the running statement; `false` when the build cannot or nothing ran. */
  cancel(): Promise<boolean>;
}

/**
 * The database a returning visit's tables are restored from (`store/tableSnapshot.ts`).
 * In the browser it is a DuckDB file in the origin-private file system, opened as
 * the main database before the lock-down (which forbids attaching files later,
 * not writing to one already open); the tables themselves live in `recur`.
 */
export const SNAPSHOT_DATABASE = 'recur_snapshot';
export const SNAPSHOT_FILE = `opfs://${SNAPSHOT_DATABASE}.db`;

/** Where registered files live inside the WASM engines' virtual file system. */
export const DATA_DIR = '/data/';

/**
 * Where the WASM engines keep tables: a compressed in-memory database, the
 * default for every statement. Compressed, 10M orders hold 180 MB instead of
 * 1 GB of the 3.1 GiB DuckDB-WASM can use, which leaves the recipes' hash
 * tables room (the first crr needed 2 GB more at 10M orders). DuckDB compresses at a checkpoint: automatic
 * ones are off, because they would also compress a Parquet import that is
 * dropped moments later (20 s at 10M rows), and `loadFile` checkpoints once a
 * load has left more than 256 MiB of tables. Temporary tables are never compressed.
 */
const WASM_STORAGE: readonly string[] = [`ATTACH ':memory:' AS recur (COMPRESS)`, 'USE recur', `SET checkpoint_threshold = '1TB'`];

/** The set-up shared by the WASM engines: compressed storage, then the lock-down: only registered files are readable, nothing from the network. */
export const WASM_LOCKDOWN: readonly string[] = [
  ...WASM_STORAGE,
  `SET allowed_directories = ['${DATA_DIR}']`,
  'SET enable_external_access = false',
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  'SET lock_configuration = true',
];

/** The virtual path for a file name: one flat folder, names made safe and unique by the caller. */
export function dataPath(name: string): string {
  return DATA_DIR + name.replaceAll('/', '_');
}
