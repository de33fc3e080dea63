/**
 * Runs the predictive-LTV SQL and reads its results into the typed arrays the
 * models take.
 */

import { tableFromIPC, type Table } from 'apache-arrow';
import type { EngineApi } from '../../engine/api';
import { toRows } from '../../engine/rows';
import { PERIOD_SQL, SUMMARY_SQL, WEEKLY_REPEATS_SQL } from './sql';
import { daysPerUnit, type TimeUnit } from '../../models/summary';

/** The calibration window, in calendar dates. */
export interface Period {
  calibrationEnd: string;
  dataEnd: string;
  cohortStart: string;
  customers: number;
}

/** The per-customer calibration summary computed in SQL (one entry per customer in each array). */
export interface SqlSummary {
  customerIds: string[];
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** Mean repeat spend; NaN when x = 0 or the amounts are missing. */
  mbar: Float64Array;
  holdout: Float64Array;
  /** Days from the cohort start to the first purchase. */
  birthDay: Float64Array;
}

function sqlParams(calibrationEnd: string | null, unit: TimeUnit) {
  return { calibration_end: calibrationEnd, unit_days: daysPerUnit(unit) };
}

/** The resolved calibration end, the end of the data and the number of modelled customers; null without orders. */
export async function queryPeriod(engine: EngineApi, calibrationEnd: string | null, unit: TimeUnit): Promise<Period | null> {
  const result = await engine.query(PERIOD_SQL, sqlParams(calibrationEnd, unit));
  const [row] = toRows(tableFromIPC(result.ipc));
  if (!row || row.data_end === null || row.calibration_end === null) return null;
  return {
    calibrationEnd: String(row.calibration_end),
    dataEnd: String(row.data_end),
    cohortStart: row.cohort_start === null ? '' : String(row.cohort_start),
    customers: Number(row.customers),
  };
}

function numbers(table: Table, name: string): Float64Array {
  const column = table.getChild(name);
  if (!column) throw new Error(`The summary has no column ${name}.`);
  // toArray is one copy per batch; get(i) is slow, so it is only for columns with NULLs.
  if (column.nullCount === 0) return Float64Array.from(column.toArray() as ArrayLike<number>);
  const out = new Float64Array(table.numRows);
  for (let i = 0; i < out.length; i++) {
    const value: unknown = column.get(i);
    out[i] = value === null || value === undefined ? Number.NaN : Number(value);
  }
  return out;
}

/** Frequency, recency, age, mean repeat spend and holdout purchases per customer, sorted by id. */
export async function querySummary(engine: EngineApi, calibrationEnd: string, unit: TimeUnit): Promise<SqlSummary> {
  const table = tableFromIPC((await engine.query(SUMMARY_SQL, sqlParams(calibrationEnd, unit))).ipc);
  const ids = table.getChild('customer_id');
  return {
    customerIds: Array.from({ length: table.numRows }, (_, i) => String(ids?.get(i))),
    x: numbers(table, 'frequency'),
    tx: numbers(table, 'recency'),
    T: numbers(table, 'T'),
    mbar: numbers(table, 'monetary'),
    holdout: numbers(table, 'holdout_purchases'),
    birthDay: numbers(table, 'birth_day'),
  };
}

/** Repeat purchase days per week since the cohort start: index = week (0-based), value = count. */
export async function queryWeeklyRepeats(engine: EngineApi, calibrationEnd: string, unit: TimeUnit): Promise<number[]> {
  const rows = toRows(tableFromIPC((await engine.query(WEEKLY_REPEATS_SQL, sqlParams(calibrationEnd, unit))).ipc));
  const weeks: number[] = [];
  for (const row of rows) {
    const week = Number(row.week_index);
    while (weeks.length <= week) weeks.push(0);
    weeks[week] = Number(row.repeat_purchases);
  }
  return weeks;
}
