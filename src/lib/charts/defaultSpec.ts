import type { ColumnInfo } from '../engine/api';
import type { Row } from '../engine/rows';
import type { ChartSpec } from './spec';
import { columnNames, kindOf } from './data';

/** A text column with more distinct values than this is a label, not a category to group by. */
const MAX_CATEGORIES = 50;
/** A text column with at most this many values colours a default line chart. */
const MAX_SERIES = 10;

function distinctCount(rows: readonly Row[], name: string): number {
  return new Set(rows.map((r) => (r[name] === undefined ? null : JSON.stringify(r[name])))).size;
}

/**
 * A sensible first chart for a result, from its column types (rows only to skip
 * columns with one value throughout and to tell categories from labels):
 * - a date/timestamp and a number → line (coloured by a text column with 2–10 values, if any);
 * - two category texts and a number → cell heat-map;
 * - a text and a number → bar, largest first;
 * - two numbers → dot;
 * - anything else → `null`: nothing chartable.
 */
export function defaultChartSpec(columns: readonly ColumnInfo[], rows: readonly Row[]): ChartSpec | null {
  const varies = (name: string) => rows.length < 2 || distinctCount(rows, name) > 1;
  const names = columnNames(columns, rows).filter(varies);
  const of = (kind: string) => names.filter((n) => kindOf(n, columns, rows) === kind);
  const numbers = of('number');
  const dates = of('date');
  const texts = of('text');
  const categories = texts.filter((n) => rows.length === 0 || distinctCount(rows, n) <= MAX_CATEGORIES);
  if (numbers.length === 0) return null;
  const y = numbers[0];
  if (dates.length > 0) {
    const series = rows.length > 0 ? categories.find((n) => distinctCount(rows, n) <= MAX_SERIES) : undefined;
    return { mark: 'line', x: dates[0], y, ...(series ? { color: series } : {}), sort: 'x' };
  }
  if (categories.length >= 2) return { mark: 'cell', x: categories[0], y: categories[1], color: y };
  if (texts.length > 0) return { mark: 'bar', x: categories[0] ?? texts[0], y, sort: '-y' };
  if (numbers.length >= 2) return { mark: 'dot', x: numbers[0], y: numbers[1] };
  return null;
}
