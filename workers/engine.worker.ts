/// <reference lib="webworker" />
// The only browser module that imports DuckDB-WASM. It runs DuckDB's async
// build (which starts DuckDB's own worker) and exposes the one engine
// contract to the page with comlink. Bundles are served by the app itself.
import * as Comlink from 'comlink';
import * as duckdb from '@duckdb/duckdb-wasm';
import { Table, type RecordBatch } from 'apache-arrow';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import initParquet, * as parquetWasm from 'parquet-wasm/esm';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import type { BundleName, EngineApi, ParamValue } from '../src/lib/engine/api';
import { parquetCodec, type ParquetCodec, type ParquetWasm } from '../src/lib/engine/parquet';
import { createEngine } from '../src/lib/engine/createEngine';
import { SNAPSHOT_FILE, WASM_LOCKDOWN, dataPath, type Driver } from '../src/lib/engine/driver';
import { CRASH_FOR_TEST } from '../src/lib/engine/watchdog';
import { messageOf } from '../src/lib/errorMessage';
import { MODEL_STEPS } from '../src/lib/recipes/modelSteps';
import { INGEST_TASKS } from '../src/lib/ingest/tasks';
import { cachedObjectUrl, cachedResponse } from '../src/lib/engine/bundleCache';

/** This build's WebAssembly files: each is downloaded when first needed and kept (bundleCache.ts). */
const ENGINE_FILES = [ehWasm, mvpWasm, parquetWasmUrl];

function browserDriver(): Driver {
  let db: duckdb.AsyncDuckDB | null = null;
  let conn: duckdb.AsyncDuckDBConnection | null = null;
  let running = false;
  let bundle: BundleName = 'eh';
  let parquet: Promise<ParquetCodec> | null = null;

  function ready(): { db: duckdb.AsyncDuckDB; conn: duckdb.AsyncDuckDBConnection } {
    if (!db || !conn) throw new Error('The engine has not started.');
    return { db, conn };
  }

  return {
    get bundle() {
      return bundle;
    },
    lockdown: WASM_LOCKDOWN,
    async open() {
      const selected = await duckdb.selectBundle({
        mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
        eh: { mainModule: ehWasm, mainWorker: ehWorker },
      });
      bundle = selected.mainModule === ehWasm ? 'eh' : 'mvp';
      const worker = new Worker(selected.mainWorker!);
      const instance = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
      const module = await cachedObjectUrl(selected.mainModule, ENGINE_FILES);
      try {
        await instance.instantiate(module.url, selected.pthreadWorker);
      } finally {
        module.release();
      }
      await openWithSnapshot(instance);
      db = instance;
      conn = await instance.connect();
      return instance.getVersion();
    },
    async run(sql: string, values: readonly ParamValue[], maxRows?: number) {
      const { conn } = ready();
      running = true;
      try {
        const statement = values.length > 0 ? await conn.prepare(sql) : null;
        try {
          // Without streaming, DuckDB runs the whole query in the pending phase,
          // which it polls and so can cancel; a streamed result is computed
          // inside one blocking fetch.
          const reader = statement ? await statement.send(...values) : await conn.send(sql, false);
          const batches: RecordBatch[] = [];
          let rows = 0;
          for await (const batch of reader) {
            batches.push(batch);
            rows += batch.numRows;
            if (maxRows !== undefined && rows >= maxRows) {
              await conn.cancelSent();
              break;
            }
          }
          const table = new Table(reader.schema, batches);
          return maxRows !== undefined && table.numRows > maxRows ? table.slice(0, maxRows) : table;
        } finally {
          await statement?.close();
        }
      } finally {
        running = false;
      }
    },
    async registerFile(source) {
      const { db } = ready();
      const target = dataPath(source.name);
      if (source.file) {
        await db.registerFileHandle(target, source.file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
        return { path: target, size: source.file.size };
      }
      if (!source.bytes) throw new Error(`No content was given for ${source.name}.`);
      // Registering transfers the buffer to DuckDB's worker and empties it; the caller may still read its bytes
      // (a load in this worker inspects the head of a file it converted), so DuckDB gets a copy, as it did when
      // the bytes came from the page.
      const size = source.bytes.byteLength;
      await db.registerFileBuffer(target, source.bytes.slice());
      return { path: target, size };
    },
    async dropFile(target) {
      await ready().db.dropFile(target);
    },
    async createFile(name) {
      const target = dataPath(name);
      await ready().db.registerEmptyFileBuffer(target);
      return target;
    },
    async readFile(target) {
      return ready().db.copyFileToBuffer(target);
    },
    async insertArrow(table, ipc, create) {
      await ready().conn.insertArrowFromIPCStream(ipc, { name: table, create });
    },
    parquet() {
      parquet ??= initParquet({ module_or_path: cachedResponse(parquetWasmUrl, ENGINE_FILES) }).then(() => parquetCodec(parquetWasm as unknown as ParquetWasm));
      return parquet;
    },
    async cancel() {
      if (!running || !conn) return false;
      return conn.cancelSent();
    },
  };
}

const QUERY_CONFIG = { castBigIntToDouble: true, castDecimalToDouble: true };

/** DuckDB-WASM opens `opfs://` files with synchronous access handles, which only some browsers give workers. */
function hasOpfs(): boolean {
  return typeof navigator.storage?.getDirectory === 'function' && typeof FileSystemFileHandle !== 'undefined' && 'createSyncAccessHandle' in FileSystemFileHandle.prototype;
}

/**
 * Opens DuckDB with the snapshot file in the origin-private file system as its
 * main database (see SNAPSHOT_DATABASE), or in memory where that cannot be: no
 * OPFS, another tab holding the file, a private window. A file DuckDB cannot
 * read is deleted and made afresh. The tables live in `recur` either way.
 */
async function openWithSnapshot(instance: duckdb.AsyncDuckDB): Promise<void> {
  if (hasOpfs()) {
    const withFile = { query: QUERY_CONFIG, path: SNAPSHOT_FILE, accessMode: duckdb.DuckDBAccessMode.READ_WRITE };
    try {
      await openWhenFree(instance, withFile);
      return;
    } catch (error) {
      const message = messageOf(error);
      console.warn(`Recur could not open its saved tables (${message}); it loads the stored files instead.`);
      if (/not a valid DuckDB database/i.test(message) && (await discardSnapshotFile(instance))) {
        try {
          await instance.open(withFile);
          return;
        } catch {
          // Fall through to memory.
        }
      }
    }
  }
  await instance.open({ query: QUERY_CONFIG });
}

/** How long a start waits for the tab it replaces (a reload) to let go of the snapshot file; another open tab holds it for good. */
const FILE_RELEASE_WAIT_MS = 2000;

/** Opens with the snapshot file, retrying while another engine's access handle still holds it (the page being reloaded lets go a moment later). */
async function openWhenFree(instance: duckdb.AsyncDuckDB, config: duckdb.DuckDBConfig): Promise<void> {
  const until = performance.now() + FILE_RELEASE_WAIT_MS;
  for (;;) {
    try {
      return await instance.open(config);
    } catch (error) {
      const held = /Access Handles cannot be created/i.test(messageOf(error));
      if (!held || performance.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Deletes a snapshot file DuckDB could not read (after closing DuckDB's handles on it); false when it stays. */
async function discardSnapshotFile(instance: duckdb.AsyncDuckDB): Promise<boolean> {
  try {
    await instance.open({ query: QUERY_CONFIG });
    const root = await navigator.storage.getDirectory();
    for (const path of [SNAPSHOT_FILE, `${SNAPSHOT_FILE}.wal`]) {
      await instance.dropFile(path).catch(() => undefined);
      await root.removeEntry(path.slice('opfs://'.length)).catch((error: unknown) => {
        if (!(error instanceof DOMException && error.name === 'NotFoundError')) throw error;
      });
    }
    return true;
  } catch {
    return false;
  }
}

// The engine knows no feature: here it is composed with the model recipes' steps and ingestion's tasks.
const engine = createEngine(browserDriver(), MODEL_STEPS, INGEST_TASKS);

/** The worker's side of the contract: query results are transferred, not copied. */
const exposed = {
  ...engine,
  async query(...args: Parameters<EngineApi['query']>) {
    const result = await engine.query(...args);
    return Comlink.transfer(result, [result.ipc.buffer as ArrayBuffer]);
  },
  async exportQuery(...args: Parameters<EngineApi['exportQuery']>) {
    const bytes = await engine.exportQuery(...args);
    return Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]);
  },
  async runTask(...[id, input, onProgress]: Parameters<EngineApi['runTask']>) {
    try {
      return await engine.runTask(id, input, onProgress);
    } finally {
      // The page's listener arrives as a comlink proxy; let its port go once the task is over.
      (onProgress as Partial<Comlink.Remote<unknown>> | undefined)?.[Comlink.releaseProxy]?.();
    }
  },
} satisfies EngineApi;

Comlink.expose(exposed);

// Browser tests (see src/lib/engine/devtools.ts): die the way an aborted
// WebAssembly instance does, with an uncaught RuntimeError, so the page's
// restart path runs for real.
self.addEventListener('message', (event: MessageEvent) => {
  if (event.data !== CRASH_FOR_TEST) return;
  setTimeout(() => {
    throw new WebAssembly.RuntimeError('Aborted(simulated by a browser test)');
  });
});
