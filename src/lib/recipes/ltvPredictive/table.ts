/**
 * Keeps the per-customer predictions as a DuckDB table, so notebook cells can
 * query, sort and export them like any other result.
 */

import { Table, Utf8, makeData, makeVector, tableToIPC } from 'apache-arrow';
import type { EngineApi } from '../../engine/api';
import { PREDICTIVE_LTV_COLUMNS, type PredictiveLtvRow } from './types';

/**
 * A text column built from its bytes and offsets. Not `vectorFromArray`: Arrow's
 * builders compile their null check with `new Function`, which the app's
 * Content-Security-Policy (no 'unsafe-eval') refuses inside the worker.
 */
function utf8Vector(values: readonly string[]) {
  const encoder = new TextEncoder();
  const encoded = values.map((v) => encoder.encode(v));
  const valueOffsets = new Int32Array(values.length + 1);
  encoded.forEach((bytes, i) => {
    valueOffsets[i + 1] = (valueOffsets[i] as number) + bytes.length;
  });
  const data = new Uint8Array(valueOffsets[values.length] as number);
  encoded.forEach((bytes, i) => data.set(bytes, valueOffsets[i] as number));
  return makeVector(makeData({ type: new Utf8(), length: values.length, nullCount: 0, valueOffsets, data }));
}

/** The rows as an Arrow IPC stream with the column types of {@link PREDICTIVE_LTV_COLUMNS}. */
export function predictionsToIpc(rows: readonly PredictiveLtvRow[]): Uint8Array {
  const vectors = Object.fromEntries(
    PREDICTIVE_LTV_COLUMNS.map(({ name, type }) => {
      if (type === 'VARCHAR') return [name, utf8Vector(rows.map((row) => row[name]))];
      const values = type === 'INTEGER' ? new Int32Array(rows.length) : new Float64Array(rows.length);
      rows.forEach((row, i) => {
        values[i] = row[name] as number;
      });
      return [name, makeVector(values)];
    }),
  );
  return tableToIPC(new Table(vectors), 'stream');
}

/** Creates (or replaces) the table `tableName` holding one row per customer. */
export async function writePredictions(engine: EngineApi, tableName: string, rows: readonly PredictiveLtvRow[]): Promise<void> {
  await engine.insertArrow(tableName, predictionsToIpc(rows));
}
