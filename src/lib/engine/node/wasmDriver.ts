import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { tableFromIPC, type Table } from 'apache-arrow';
import * as parquetWasm from 'parquet-wasm/node';
import type { ParamValue } from '../api';
import { parquetCodec, type ParquetWasm } from '../parquet';
import { WASM_LOCKDOWN, dataPath, type Driver } from '../driver';

/**
 * DuckDB-WASM in Node: the same engine build the browser runs, used by unit
 * tests and the headless runner. It is the blocking build, so a statement
 * cannot be cancelled part-way.
 */
// The blocking build is CommonJS and makes its tables with the CommonJS copy of
// apache-arrow; the ESM copy's writer does not recognise them (instanceof
// fails and it writes nothing). Serialise with the copy that made the table.
const cjsArrow = createRequire(import.meta.url)('apache-arrow') as typeof import('apache-arrow');

export function nodeWasmDriver(): Driver {
  let db: duckdb.DuckDBBindings | null = null;
  let conn: duckdb.DuckDBConnection | null = null;
  const outputs = new Map<string, string>();

  function connection(): duckdb.DuckDBConnection {
    if (!conn) throw new Error('The engine has not started.');
    return conn;
  }

  return {
    bundle: 'node-wasm',
    lockdown: WASM_LOCKDOWN,
    async open() {
      const dist = path.dirname(createRequire(import.meta.url).resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
      db = await duckdb.createDuckDB(
        {
          mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
          eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') },
        },
        new duckdb.VoidLogger(),
        duckdb.NODE_RUNTIME,
      );
      await db.instantiate(() => {});
      db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
      conn = db.connect();
      return db.getVersion();
    },
    async run(sql: string, values: readonly ParamValue[], maxRows?: number): Promise<Table> {
      const c = connection();
      let table: Table;
      if (values.length === 0) table = c.query(sql);
      else {
        const statement = c.prepare(sql);
        try {
          table = statement.query(...values);
        } finally {
          statement.close();
        }
      }
      const kept = maxRows !== undefined && table.numRows > maxRows ? table.slice(0, maxRows) : table;
      return tableFromIPC(cjsArrow.tableToIPC(kept, 'stream'));
    },
    async registerFile(source) {
      if (!db) throw new Error('The engine has not started.');
      const bytes =
        source.bytes ?? (source.file ? new Uint8Array(await source.file.arrayBuffer()) : source.path ? new Uint8Array(readFileSync(source.path)) : null);
      if (!bytes) throw new Error(`No content was given for ${source.name}.`);
      const target = dataPath(source.name);
      db.registerFileBuffer(target, bytes);
      return { path: target, size: bytes.byteLength };
    },
    async dropFile(target) {
      db?.dropFile(target);
      const real = outputs.get(target);
      if (real) rmSync(real, { force: true });
      outputs.delete(target);
    },
    async createFile(name) {
      if (!db) throw new Error('The engine has not started.');
      const target = dataPath(name);
      // Node's WASM file system maps names to real paths: point this one at a temporary file.
      const real = path.join(os.tmpdir(), `recur-${process.pid}-${outputs.size}-${path.basename(target)}`);
      writeFileSync(real, '');
      outputs.set(target, real);
      db.registerFileURL(target, real, duckdb.DuckDBDataProtocol.NODE_FS, false);
      return target;
    },
    async readFile(target) {
      if (!db) throw new Error('The engine has not started.');
      const real = outputs.get(target);
      return real ? new Uint8Array(readFileSync(real)) : db.copyFileToBuffer(target);
    },
    async insertArrow(table, ipc, create) {
      connection().insertArrowFromIPCStream(ipc, { name: table, create });
    },
    async parquet() {
      return parquetCodec(parquetWasm as unknown as ParquetWasm);
    },
    async cancel() {
      return false;
    },
  };
}
