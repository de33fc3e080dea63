import { tableFromIPC, tableToIPC } from 'apache-arrow';
import type { EngineApi, EngineInfo, EngineTasks, ModelSteps, ExportFormat, FileSource, Params, QueryOptions, QueryResult, TableInfo } from './api';
import { columnsOf } from './arrowTypes';
import type { Driver } from './driver';
import { readOnly, readOnlyError } from './readOnly';
import { toRows } from './rows';
import { spreadsheetSafeSql } from './spreadsheetSafe';
import { bindAsVariables, quoteIdent, quoteLiteral } from './sql';

/**
 * Builds the engine every caller uses from a driver. Start-up is memoised
 * (concurrent callers share one promise, a failure clears it so a retry
 * works) and statements run one at a time, in the order they were asked for.
 * `steps` and `tasks` are the features it offers through `runModelStep` and `runTask`.
 */
export function createEngine(driver: Driver, steps: ModelSteps = {}, tasks: EngineTasks = {}): EngineApi {
  let starting: Promise<EngineInfo> | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  function serial<T>(work: () => Promise<T>): Promise<T> {
    const result = queue.then(work, work);
    queue = result.catch(() => undefined);
    return result;
  }

  async function start(): Promise<EngineInfo> {
    const t0 = performance.now();
    const duckdbVersion = await driver.open();
    for (const statement of driver.lockdown) await driver.run(statement, []);
    await driver.run('SELECT 1', []);
    return { duckdbVersion, bundle: driver.bundle, initMs: Math.round(performance.now() - t0) };
  }

  function init(): Promise<EngineInfo> {
    starting ??= start().catch((error: unknown) => {
      starting = null;
      throw readableError(error);
    });
    return starting;
  }

  async function query(sql: string, params: Params = {}, options: QueryOptions = {}): Promise<QueryResult> {
    await init();
    const guarded = options.readOnly === true || options.keepAs !== undefined;
    const bound = guarded ? readOnly(bindAsVariables(sql, params), options.keepAs) : bindAsVariables(sql, params);
    return serial(async () => {
      const t0 = performance.now();
      const table = await (async () => {
        for (const assignment of bound.assignments) await driver.run(assignment.sql, [assignment.value]);
        return driver.run(bound.sql, [], options.maxRows);
      })().catch((error: unknown) => {
        throw guarded ? readOnlyError(sql, readableError(error)) : readableError(error);
      });
      const elapsedMs = performance.now() - t0;
      return { ipc: tableToIPC(table, 'stream'), columns: columnsOf(table), rowCount: table.numRows, elapsedMs };
    });
  }

  async function exec(sql: string): Promise<void> {
    await init();
    await serial(() => driver.run(sql, []).catch((error: unknown) => {
      throw readableError(error);
    }));
  }

  let exports = 0;
  async function exportQuery(sql: string, params: Params = {}, format: ExportFormat): Promise<Uint8Array> {
    const statement = sql.trim().replace(/;\s*$/, '');
    if (format === 'csv') return copyTo(statement, params);
    const result = await query(statement, params);
    if (format === 'json') return new TextEncoder().encode(JSON.stringify(toRows(tableFromIPC(result.ipc)), null, 1));
    return (await driver.parquet()).write(result.ipc);
  }

  /**
   * CSV is written by DuckDB itself (COPY … TO), which handles quoting exactly as it reads it back.
   * Every CSV the app writes is meant for people and spreadsheets, so text that a spreadsheet would run
   * as a formula is escaped (spreadsheetSafe.ts).
   */
  async function copyTo(statement: string, params: Params): Promise<Uint8Array> {
    await init();
    const bound = bindAsVariables(statement, params);
    const name = `recur-export-${++exports}.csv`;
    return serial(async () => {
      let path: string | null = null;
      try {
        for (const assignment of bound.assignments) await driver.run(assignment.sql, [assignment.value]);
        const shape = await driver.run(`SELECT * FROM (${bound.sql}) AS shape LIMIT 0`, []);
        const safeSql = spreadsheetSafeSql(bound.sql, columnsOf(shape));
        path = await driver.createFile(name);
        // DuckDB writes to a temporary name and renames; the WASM file systems hold only the name created here.
        await driver.run(`COPY (${safeSql}) TO ${quoteLiteral(path)} (FORMAT csv, HEADER true, USE_TMP_FILE false)`, []);
        return await driver.readFile(path);
      } catch (error) {
        throw readableError(error);
      } finally {
        if (path) await driver.dropFile(path).catch(() => undefined);
      }
    });
  }

  async function importParquet(source: FileSource, table: string): Promise<number> {
    await init();
    const { path, name } = source;
    const readParquet = driver.readParquet?.bind(driver);
    let created: boolean;
    try {
      if (path && readParquet) created = await serial(() => readParquet(path, table).then(() => true));
      else created = await importParquetBatches(source, table);
    } catch (error) {
      throw new Error(`${name} could not be read as Parquet: ${readableError(error).message}`);
    }
    const count = created ? await query(`SELECT count(*) AS n FROM ${quoteIdent(table)}`) : null;
    const n = count ? Number(toRows(tableFromIPC(count.ipc))[0]?.n ?? 0) : 0;
    if (n === 0) {
      await exec(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
      throw new Error(`${name} has no rows.`);
    }
    return n;
  }

  /** Parquet through the engine's parquet-wasm, row group by row group as Arrow; false when it held no batch. */
  async function importParquetBatches(source: FileSource, table: string): Promise<boolean> {
    const codec = await driver.parquet();
    let create = true;
    for await (const ipc of codec.batches(source)) {
      const first = create;
      await serial(() => driver.insertArrow(table, ipc, first));
      create = false;
    }
    return !create;
  }

  async function describe(): Promise<TableInfo[]> {
    await init();
    const table = await serial(() =>
      driver.run(
        `SELECT t.table_name AS name, t.table_type AS kind, c.column_name AS column, c.data_type AS type
         FROM information_schema.tables t JOIN information_schema.columns c
           ON c.table_catalog = t.table_catalog AND c.table_schema = t.table_schema AND c.table_name = t.table_name
         WHERE t.table_catalog = current_database() AND t.table_schema = 'main'
         ORDER BY t.table_name, c.ordinal_position`,
        [],
      ),
    );
    const byName = new Map<string, TableInfo>();
    for (const row of toRows(table)) {
      const name = String(row.name);
      let info = byName.get(name);
      if (!info) {
        info = { name, kind: row.kind === 'VIEW' ? 'view' : 'table', columns: [] };
        byName.set(name, info);
      }
      info.columns.push({ name: String(row.column), type: String(row.type) });
    }
    return [...byName.values()];
  }

  async function insertArrow(table: string, ipc: Uint8Array): Promise<void> {
    await init();
    await serial(async () => {
      await driver.run(`DROP TABLE IF EXISTS ${quoteIdent(table)}`, []);
      await driver.insertArrow(table, ipc, true);
    }).catch((error: unknown) => {
      throw readableError(error);
    });
  }

  const engine: EngineApi = {
    init,
    async registerFile(source: FileSource) {
      await init();
      const { path, size } = await serial(() => driver.registerFile(source));
      return { path, name: source.name, size };
    },
    async dropFile(path: string) {
      await init();
      await serial(() => driver.dropFile(path));
    },
    query,
    exec,
    exportQuery,
    importParquet,
    describe,
    // Not queued: it must reach the driver while a statement is running.
    cancel: () => driver.cancel(),
    insertArrow,
    // A step's statements are queued one by one like any caller's; its computing runs in this thread between them.
    runModelStep(id: string, params: Params, keepAs?: string) {
      const step = Object.hasOwn(steps, id) ? steps[id] : undefined;
      if (!step) {
        const known = Object.keys(steps);
        return Promise.reject(new Error(`This engine has no model step "${id}"${known.length > 0 ? `; it has ${known.join(', ')}` : ''}.`));
      }
      return step(engine, params, keepAs);
    },
    // Like a model step: its statements are queued one by one, its own work runs in this thread between them.
    runTask(id: string, input: unknown, onProgress?: (progress: unknown) => void) {
      const task = Object.hasOwn(tasks, id) ? tasks[id] : undefined;
      if (!task) {
        const known = Object.keys(tasks);
        return Promise.reject(new Error(`This engine has no task "${id}"${known.length > 0 ? `; it has ${known.join(', ')}` : ''}.`));
      }
      return task(engine, input, onProgress ?? (() => undefined));
    },
  };
  return engine;
}

/** DuckDB's refusal of anything outside the tab: URLs, paths, extensions (the engine is locked down). */
const LOCKED_DOWN = /^Permission Error: .*disabled (by|through) configuration/;

/**
 * DuckDB's own message is what a person needs; keep it, drop wrappers and
 * stack noise. A lockdown refusal also says why, and what to do instead.
 */
export function readableError(error: unknown): Error {
  const message = unwrapJsonError(error instanceof Error ? error.message : String(error));
  if (LOCKED_DOWN.test(message)) {
    return new Error(
      'Recur keeps SQL inside this tab: it cannot read URLs, files on disk or extensions, so shared notebooks cannot reach the network. ' +
        `Load the file into Recur (drop it on the page) and query its table instead.\n\nDuckDB said: ${message}`,
    );
  }
  // A WebAssembly trap keeps its name, so the page can tell a dead engine from a SQL error (see watchdog.ts).
  return error instanceof Error && error.name === 'RuntimeError' ? Object.assign(new Error(message), { name: error.name }) : new Error(message);
}

/**
 * DuckDB 1.4 can hand errors over as JSON (`{"exception_type":"Parser","exception_message":…}`);
 * people read them as DuckDB's CLI prints them: `Parser Error: …`.
 */
function unwrapJsonError(message: string): string {
  if (!message.startsWith('{"exception_type"')) return message;
  try {
    const parsed = JSON.parse(message) as { exception_type?: string; exception_message?: string };
    return parsed.exception_message ? `${parsed.exception_type ?? 'DuckDB'} Error: ${parsed.exception_message}` : message;
  } catch {
    return message;
  }
}
