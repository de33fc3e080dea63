/**
 * The number formats of the whole app (result tables, charts, explanations),
 * kept in one place so a table, its chart and its explanation print a value alike.
 */
import type { JsonValue } from './engine/rows';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const decimals = new Map<number, Intl.NumberFormat>();

/** A number with thousands separators and at most `digits` decimals: `1,234.57`. */
export function formatDecimal(value: number, digits = 2): string {
  let format = decimals.get(digits);
  if (!format) decimals.set(digits, (format = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits })));
  return format.format(value);
}

/** A number with thousands separators and at most two decimals (`1,234.5`); NaN and infinities as JavaScript writes them. */
export function formatNumber(value: number): string {
  return Number.isFinite(value) ? formatDecimal(value, 2) : String(value);
}

/** A whole number with thousands separators: `13,000`. */
export function formatCount(value: number): string {
  return Number.isFinite(value) ? integer.format(value) : String(value);
}

/** A value already in percent (0–100) with one decimal, as the recipes write it: `35.4 %`. */
export function formatPct(value: number): string {
  return Number.isFinite(value) ? `${oneDecimal.format(value)} %` : String(value);
}

/** An axis tick in percent: `20 %`. */
export function formatPctTick(value: number): string {
  return `${formatNumber(value)} %`;
}

/** A formatted number with a true minus sign (−3), as in the formulas of explanations. */
export function withTrueMinus(text: string): string {
  return text.replace(/^-/, '−');
}

/** How a cell value reads in a result table: thousands separators, at most two decimals, dates as written. */
export function formatCell(value: JsonValue): string {
  if (value === null) return '∅';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') {
    // Only timestamps (as rows.ts writes them) get their `T` turned into a space.
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(value)) return value;
    return value.endsWith('T00:00:00') ? value.slice(0, 10) : value.replace('T', ' ');
  }
  return JSON.stringify(value);
}

/** Milliseconds as a person reads them: `85 ms`, `1.4 s`. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** Bytes as `12.3 MB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}
