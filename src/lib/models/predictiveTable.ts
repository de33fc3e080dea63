/**
 * Keeps the per-customer predictions as a DuckDB table, so notebook cells can
 * query, sort and export them like any other result.
 */

import { Table, Utf8, makeVector, tableToIPC, vectorFromArray } from 'apache-arrow';
import type { EngineApi } from '../engine/api';
import { PREDICTIVE_LTV_COLUMNS, type PredictiveLtvRow } from './predictiveTypes';

/** The rows as an Arrow IPC stream with the column types of {@link PREDICTIVE_LTV_COLUMNS}. */
export function predictionsToIpc(rows: readonly PredictiveLtvRow[]): Uint8Array {
  const vectors = Object.fromEntries(
    PREDICTIVE_LTV_COLUMNS.map(({ name, type }) => {
      if (type === 'VARCHAR') return [name, vectorFromArray(rows.map((row) => row[name]), new Utf8())];
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
