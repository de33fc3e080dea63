import { tableFromIPC } from 'apache-arrow';
import type { EngineApi, Params } from '../engine/api';
import { toRows, type Row } from '../engine/rows';

/** Runs one statement and returns its result as plain rows (small results only: reports, samples, counts). */
export async function queryRows(engine: EngineApi, sql: string, params: Params = {}, maxRows?: number): Promise<Row[]> {
  const result = await engine.query(sql, params, maxRows === undefined ? {} : { maxRows });
  return toRows(tableFromIPC(result.ipc));
}

/** The first column of the first row as a number (`0` when empty or NULL). */
export async function queryNumber(engine: EngineApi, sql: string, params: Params = {}): Promise<number> {
  const [row] = await queryRows(engine, sql, params);
  const value = row ? Object.values(row)[0] : null;
  return typeof value === 'number' ? value : Number(value ?? 0);
}
