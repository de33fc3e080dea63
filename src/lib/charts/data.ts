import type { ColumnInfo } from '../engine/api';
import type { JsonValue, Row } from '../engine/rows';
import { formatNumber } from '../format';

/** What a column holds, as far as a chart cares. */
export type ColumnKind = 'number' | 'date' | 'text' | 'boolean' | 'other';

const NUMBER_TYPES = /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DECIMAL|NUMERIC|INT1|INT2|INT4|INT8|FLOAT4|FLOAT8)\b/;
const DATE_TYPES = /^(DATE|TIMESTAMP|DATETIME|TIMESTAMPTZ)\b/;
const TEXT_TYPES = /^(VARCHAR|TEXT|STRING|CHAR|BPCHAR|UUID|ENUM)\b/;

/** The kind of a DuckDB type name (`DECIMAL(18,3)`, `TIMESTAMP WITH TIME ZONE`, `VARCHAR` …). */
export function columnKind(type: string): ColumnKind {
  const t = type.trim().toUpperCase();
  if (/\[\d*\]$/.test(t) || /^(STRUCT|MAP|LIST|UNION|ARRAY)\b/.test(t)) return 'other';
  if (NUMBER_TYPES.test(t)) return 'number';
  if (DATE_TYPES.test(t)) return 'date';
  if (t === 'BOOLEAN' || t === 'BOOL') return 'boolean';
  if (TEXT_TYPES.test(t)) return 'text';
  return 'other';
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A `YYYY-MM-DD` date or `YYYY-MM-DDTHH:MM:SS` timestamp as a UTC `Date`
 * (DuckDB's DATE and TIMESTAMP have no zone; reading them as UTC keeps the
 * calendar day). Anything else, including impossible days, is `null`.
 */
export function parseDate(value: JsonValue | undefined): Date | null {
  if (typeof value !== 'string') return null;
  const m = ISO.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m;
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  let time = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const date = new Date(time);
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return null;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    time -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
    return new Date(time);
  }
  return date;
}

/** A finite number, or `null` (strings, booleans, NaN and ±Infinity are not numbers to a chart). */
export function toNumber(value: JsonValue | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** `true` for true, `'true'` and 1 (flags may arrive as any of them). */
export function isTrue(value: JsonValue | undefined): boolean {
  return value === true || value === 1 || (typeof value === 'string' && value.toLowerCase() === 'true');
}

/** A value as a category label: dates as written, numbers with separators, null as "(empty)". */
export function toLabel(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return '(empty)';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return value;
    return value.endsWith('T00:00:00') ? value.slice(0, 10) : value.replace('T', ' ');
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value);
}

/**
 * The kind of column `name`: from its DuckDB type when `columns` lists it,
 * else guessed from the first non-null value. `null` when the column is in
 * neither.
 */
export function kindOf(name: string, columns: readonly ColumnInfo[], rows: readonly Row[]): ColumnKind | null {
  const info = columns.find((c) => c.name === name);
  if (info) return columnKind(info.type);
  const sample = rows.find((r) => r[name] !== null && r[name] !== undefined)?.[name];
  if (sample === undefined) return rows.some((r) => name in r) ? 'other' : null;
  if (typeof sample === 'number') return 'number';
  if (typeof sample === 'boolean') return 'boolean';
  if (typeof sample === 'string') return parseDate(sample) ? 'date' : 'text';
  return 'other';
}

/** The column names a result has: the listed columns, or the first row's keys when none are listed. */
export function columnNames(columns: readonly ColumnInfo[], rows: readonly Row[]): string[] {
  if (columns.length > 0) return columns.map((c) => c.name);
  return rows.length > 0 ? Object.keys(rows[0]) : [];
}

/** The names in `wanted` that the result does not have. */
export function missingColumns(columns: readonly ColumnInfo[], rows: readonly Row[], wanted: readonly string[]): string[] {
  const have = new Set(columnNames(columns, rows));
  return wanted.filter((name) => !have.has(name));
}

/** A UTC date as `YYYY-MM-DD`. */
export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The middle value (mean of the two middle ones for an even count); `null` for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Distinct values in first-seen order. */
export function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** The calendar period a set of period labels is in (`2024-03` month, `2024-Q1` quarter, `2024` year), if they agree. */
export function periodName(labels: readonly (JsonValue | undefined)[]): 'month' | 'quarter' | 'year' | null {
  const texts = labels.filter((l): l is string => typeof l === 'string');
  if (texts.length === 0) return null;
  if (texts.every((l) => /^\d{4}-\d{2}$/.test(l))) return 'month';
  if (texts.every((l) => /^\d{4}-Q[1-4]$/.test(l))) return 'quarter';
  if (texts.every((l) => /^\d{4}$/.test(l))) return 'year';
  return null;
}

/** `snake_case` column name as words: `repeat_rate` → `repeat rate`. */
export function humanize(name: string): string {
  return name.replace(/_/g, ' ').trim();
}
