import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, DuckDBTypeId, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import {
  Bool,
  DateDay,
  Float64,
  Int16,
  Int32,
  Int8,
  TimestampMillisecond,
  Utf8,
  Table,
  vectorFromArray,
  type DataType,
  type Vector,
} from 'apache-arrow';
import * as parquetWasm from 'parquet-wasm/node';
import type { ParamValue } from '../api';
import type { Driver } from '../driver';
import { parquetCodec, type ParquetWasm } from '../parquet';

/**
 * Native DuckDB (`@duckdb/node-api`, the same DuckDB version as the WASM
 * build) behind the same contract: for the headless runner on files beyond
 * the browser's 4 GB, and as the speed reference in the benchmark. Results are
 * converted to Arrow with the WASM engine's typing (BIGINT and DECIMAL as
 * DOUBLE), so both engines give identical rows.
 */
export function nativeDriver(): Driver {
  let connection: DuckDBConnection | null = null;
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'recur-native-'));
  const files = new Map<string, string>();
  let running = false;

  function conn(): DuckDBConnection {
    if (!connection) throw new Error('The engine has not started.');
    return connection;
  }

  return {
    bundle: 'native',
    lockdown: ['SET autoinstall_known_extensions = false'],
    async open() {
      const instance = await DuckDBInstance.create(':memory:');
      connection = await instance.connect();
      const reader = await connection.runAndReadAll('SELECT version() AS v');
      return String(reader.getRowsJS()[0][0]);
    },
    async run(sql: string, values: readonly ParamValue[], maxRows?: number): Promise<Table> {
      running = true;
      const reader = await (maxRows === undefined
        ? conn().runAndReadAll(sql, values.length ? [...values] : undefined)
        : conn().runAndReadUntil(sql, maxRows, values.length ? [...values] : undefined)
      ).finally(() => (running = false));
      const names = reader.columnNames();
      const types = reader.columnTypes();
      const columns = reader.getColumnsJS();
      const rowCount = Math.min(reader.currentRowCount, maxRows ?? Infinity);
      const children: Record<string, Vector> = {};
      names.forEach((name, i) => {
        children[uniqueName(name, children)] = toVector(types[i], (columns[i] ?? []).slice(0, rowCount));
      });
      return new Table(children);
    },
    async registerFile(source) {
      // Native DuckDB reads real paths: a file that already is one is read in place.
      if (source.path) {
        files.set(source.path, source.path);
        return { path: source.path, size: readFileSync(source.path).byteLength };
      }
      const bytes = source.bytes ?? (source.file ? new Uint8Array(await source.file.arrayBuffer()) : null);
      if (!bytes) throw new Error(`No content was given for ${source.name}.`);
      const target = path.join(workDir, source.name.replaceAll('/', '_'));
      writeFileSync(target, bytes);
      files.set(target, target);
      return { path: target, size: bytes.byteLength };
    },
    async dropFile(target) {
      if (target.startsWith(workDir)) rmSync(target, { force: true });
      files.delete(target);
    },
    async createFile(name) {
      const target = path.join(workDir, name);
      writeFileSync(target, '');
      return target;
    },
    async readFile(target) {
      return new Uint8Array(readFileSync(target));
    },
    async insertArrow(table, ipc, create) {
      // node-api has no Arrow import: go through a Parquet file, which native DuckDB reads directly.
      const file = path.join(workDir, `insert-${Date.now()}-${Math.random().toString(36).slice(2)}.parquet`);
      writeFileSync(file, parquetCodec(parquetWasm as unknown as ParquetWasm).write(ipc));
      const target = `"${table.replaceAll('"', '""')}"`;
      await conn().run(create ? `CREATE TABLE ${target} AS SELECT * FROM read_parquet('${file}')` : `INSERT INTO ${target} SELECT * FROM read_parquet('${file}')`);
      rmSync(file, { force: true });
    },
    async parquet() {
      return parquetCodec(parquetWasm as unknown as ParquetWasm);
    },
    async readParquet(file, table) {
      // DuckDB reads the file in parallel, in place: no parquet-wasm → Arrow → Parquet round trip.
      await conn().run(`CREATE TABLE "${table.replaceAll('"', '""')}" AS SELECT * FROM read_parquet('${file.replaceAll("'", "''")}')`);
    },
    async cancel() {
      if (!running || !connection) return false;
      connection.interrupt();
      return true;
    },
  };
}

function uniqueName(name: string, taken: Record<string, unknown>): string {
  let candidate = name;
  for (let i = 1; candidate in taken; i++) candidate = `${name}_${i}`;
  return candidate;
}

/** Converts one column of node-api JS values to an Arrow vector typed as the WASM engine would type it. */
function toVector(type: DuckDBType, values: unknown[]): Vector {
  const arrowType = arrowTypeFor(type.typeId);
  const converted = values.map((value) => convert(value, arrowType));
  return vectorFromArray(converted as never[], arrowType as DataType);
}

function arrowTypeFor(typeId: DuckDBTypeId): DataType {
  switch (typeId) {
    case DuckDBTypeId.BOOLEAN:
      return new Bool();
    case DuckDBTypeId.TINYINT:
      return new Int8();
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.UTINYINT:
      return new Int16();
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.USMALLINT:
      return new Int32();
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.DECIMAL:
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return new Float64();
    case DuckDBTypeId.DATE:
      return new DateDay();
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return new TimestampMillisecond();
    default:
      return new Utf8();
  }
}

function convert(value: unknown, type: DataType): unknown {
  if (value === null || value === undefined) return null;
  if (type instanceof Float64 || type instanceof Int32 || type instanceof Int16 || type instanceof Int8) return Number(value);
  if (type instanceof Bool) return Boolean(value);
  if (type instanceof DateDay || type instanceof TimestampMillisecond) return value instanceof Date ? value : new Date(Number(value));
  if (typeof value === 'string') return value;
  return typeof value === 'object' ? JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)) : String(value);
}

