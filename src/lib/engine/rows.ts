import { DataType, type Table } from 'apache-arrow';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type Row = Record<string, JsonValue>;

/**
 * Turns an Arrow table into plain rows that JSON, tables and charts can use:
 * bigints and decimals become numbers, dates `YYYY-MM-DD`, timestamps
 * `YYYY-MM-DDTHH:MM:SS` (DuckDB's TIMESTAMP has no time zone, so none is added).
 * This is the one place where Arrow values are converted.
 */
export function toRows(table: Table): Row[] {
  const fields = table.schema.fields;
  const converters = fields.map((field) => converterFor(field.type));
  const columns = fields.map((_, i) => table.getChildAt(i));
  const rows: Row[] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Row = {};
    for (let c = 0; c < fields.length; c++) row[fields[c].name] = converters[c](columns[c]?.get(r));
    rows[r] = row;
  }
  return rows;
}

type Converter = (value: unknown) => JsonValue;

function converterFor(type: DataType): Converter {
  if (DataType.isDate(type)) return (v) => (v == null ? null : isoDate(toMillis(v)));
  if (DataType.isTimestamp(type)) return (v) => (v == null ? null : isoTimestamp(toMillis(v)));
  if (DataType.isDecimal(type)) return (v) => (v == null ? null : decimalToNumber(v, type.scale));
  return plain;
}

function plain(value: unknown): JsonValue {
  if (value == null) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return isoTimestamp(value.getTime());
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, Number);
  if (typeof value === 'object' && 'toArray' in value && typeof value.toArray === 'function') {
    return Array.from(value.toArray() as Iterable<unknown>, plain);
  }
  if (typeof value === 'object' && 'toJSON' in value && typeof value.toJSON === 'function') {
    const json = value.toJSON() as Record<string, unknown>;
    return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, plain(v)]));
  }
  return String(value);
}

function toMillis(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  return Number(value);
}

/** Arrow JS hands decimals over as their unscaled 128-bit integer; divide by 10^scale. */
function decimalToNumber(value: unknown, scale: number): number {
  const text = typeof value === 'object' && value !== null ? String(value) : String(value);
  return Number(text) / 10 ** scale;
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}
