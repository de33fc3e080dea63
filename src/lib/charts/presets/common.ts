import type { Row } from '../../engine/rows';
import { missingColumns, parseDate, toNumber } from '../data';
import { formatPctTick } from '../../format';
import { problem, type ChartContext, type ChartProblem } from '../types';

/** The preset's defaults with the recipe header's options laid over them. */
export function settings<T extends Record<string, string>>(context: ChartContext, defaults: T): T {
  const merged: Record<string, string> = { ...defaults };
  for (const [key, value] of Object.entries(context.options)) if (value !== '') merged[key] = value;
  return merged as T;
}

/** A problem naming the columns a preset needs and the result lacks, or `null` when all are there. */
export function needColumns(context: ChartContext, chart: string, names: readonly string[]): ChartProblem | null {
  const missing = missingColumns(context.columns, context.rows, names);
  if (missing.length === 0) return null;
  const list = missing.map((m) => `"${m}"`).join(', ');
  return problem(`The ${chart} chart needs the column${missing.length > 1 ? 's' : ''} ${list}, which this result does not have`);
}

/** Whether the result has the column. */
export function hasColumn(context: ChartContext, name: string): boolean {
  return missingColumns(context.columns, context.rows, [name]).length === 0;
}

/** A y (or x) scale in percent from 0 to 100. */
export const PERCENT_AXIS = { domain: [0, 100], ticks: [0, 20, 40, 60, 80, 100], tickFormat: formatPctTick, grid: true } as const;

/** A point on a series, open when its value is not final (incomplete history, partial period). */
export interface SeriesPoint {
  x: Date | number;
  y: number;
  open: boolean;
  series: string;
}

/** A dashed step between two points of a series. */
export interface Segment {
  x1: Date | number;
  y1: number;
  x2: Date | number;
  y2: number;
  series: string;
}

/**
 * Splits ordered series points into solid runs (consecutive closed points, one
 * `run` id each, for `Plot.line` with `z: 'run'`) and dashed segments (any step
 * that touches an open point). A missing value breaks the line: pass the points
 * with `y: null` filtered out but their order kept via `gapBefore`.
 */
export function splitRuns<P extends SeriesPoint>(points: readonly (P & { gapBefore?: boolean })[]): { solid: (P & { run: string })[]; dashed: Segment[] } {
  const solid: (P & { run: string })[] = [];
  const dashed: Segment[] = [];
  let run = 0;
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    const prev = i > 0 ? points[i - 1] : null;
    const joined = prev !== null && prev.series === p.series && !p.gapBefore;
    if (!joined) run++;
    if (joined && (prev.open || p.open)) {
      dashed.push({ x1: prev.x, y1: prev.y, x2: p.x, y2: p.y, series: p.series });
      run++;
    }
    if (!p.open) solid.push({ ...p, run: `${p.series}#${run}` });
  }
  return { solid, dashed };
}

/** The column's value as a time in ms (dates) or number, for sorting rows. */
export function sortKey(row: Row, column: string): number {
  const v = row[column];
  if (typeof v === 'number') return v;
  return parseDate(v)?.getTime() ?? Number.NaN;
}

/** The row's values in these columns as numbers, in order; `null` when any is missing or not a number. */
export function rowNumbers<const N extends readonly string[]>(row: Row, names: N): { [K in keyof N]: number } | null {
  const values: number[] = [];
  for (const name of names) {
    const value = toNumber(row[name]);
    if (value === null) return null;
    values.push(value);
  }
  return values as { [K in keyof N]: number };
}
