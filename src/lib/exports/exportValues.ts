import type { ColumnInfo } from '../engine/api';
import type { Row } from '../engine/rows';
import { quoteIdent } from '../engine/sql';

/**
 * How every exported file writes a result (a customer list in a tool's layout,
 * or any result with the CSV, Parquet and JSON buttons): money rounded to the
 * cent, timestamps in ISO 8601, and a file name that says what it holds and its date.
 */

/** Money by its name: rounded to the cent on export. Rates, shares and scores are not money. */
const MONEY = /revenue|monetary|spend|spent|clv|ltv|margin|aov|amount|price|sales|total|value/i;
const NOT_MONEY = /pct|percent|rate|share|ratio|score|count|days|orders|frequency|rank|p_alive|probability/i;
const NUMBER = /^(DOUBLE|FLOAT|REAL|DECIMAL)/;

/** Whether a column holds money (rounded to the cent on export). */
export function isMoney(column: ColumnInfo): boolean {
  return NUMBER.test(column.type) && MONEY.test(column.name) && !NOT_MONEY.test(column.name);
}

/** One column as it is exported: money to the cent, timestamps in ISO 8601 (a date alone at midnight). */
export function exportExpression(column: ColumnInfo): string {
  const name = quoteIdent(column.name);
  if (isMoney(column)) return `round(${name}, 2)`;
  if (column.type.startsWith('TIMESTAMP')) {
    return `CASE WHEN ${name} = date_trunc('day', ${name}) THEN strftime(${name}, '%Y-%m-%d') ELSE strftime(${name}, '%Y-%m-%dT%H:%M:%S') END`;
  }
  return name;
}

/** The SELECT that exports every column of `table` as it is, values written as {@link exportExpression} says. */
export function plainExportQuery(table: string, columns: readonly ColumnInfo[]): string {
  return `SELECT ${columns.map((c) => `${exportExpression(c)} AS ${quoteIdent(c.name)}`).join(', ')} FROM ${quoteIdent(table)}`;
}

/** Lower-case words joined by `-`, accents dropped: `rfm_segments` → `rfm-segments`; `fallback` when nothing is left. */
export function slugify(text: string, fallback = 'result'): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || fallback
  );
}

/** A file named by what it holds and the date of its figures: `rfm-segments-2011-12-09.csv` (no date: `rfm-segments.csv`). */
export function datedFileName(parts: readonly (string | null)[], extension: string): string {
  return parts.filter(Boolean).join('-') + `.${extension}`;
}

/** The file name of a result exported as it is: `rfm_segments` on 2011-12-09 as CSV → `rfm-segments-2011-12-09.csv`. */
export function resultFileName(resultName: string, asOf: string | null, extension: string): string {
  return datedFileName([slugify(resultName), asOf], extension);
}

/** The `as_of` of a result: its own `as_of` column when every row has the same, else the given fallback. */
export function resultAsOf(rows: readonly Row[], fallback: string | null): string | null {
  const values = new Set(rows.map((row) => row.as_of).filter((v) => v !== undefined && v !== null));
  const [only] = values;
  return values.size === 1 && typeof only === 'string' ? only.slice(0, 10) : fallback;
}

/** The media type of an exported file. */
export const EXPORT_MEDIA_TYPES = { csv: 'text/csv', parquet: 'application/vnd.apache.parquet', json: 'application/json' } as const;
