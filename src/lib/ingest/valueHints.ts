import type { FeedbackScale } from './canonical';
import type { DateOrder } from './types';

export interface DateOrderGuess {
  order: DateOrder;
  /** No value decided between day/month and month/day. */
  ambiguous: boolean;
  /** Some values say day first and others month first. */
  conflicting: boolean;
}

const NUMERIC_DATE = /^\s*(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})/;

/**
 * Reads day/month order from date texts. ISO (`2024-01-05`) is `ymd`. For
 * `a/b/yyyy`, a first part above 12 means `dmy`, a second part above 12
 * `mdy`; when no value decides, dots suggest `dmy` (the European style) and
 * otherwise `fallback` is used and the guess is flagged ambiguous.
 */
export function guessDateOrder(values: readonly (string | null)[], fallback: DateOrder = 'dmy'): DateOrderGuess {
  let ymd = 0;
  let dayFirst = 0;
  let monthFirst = 0;
  let dots = 0;
  let numeric = 0;
  for (const value of values) {
    if (!value) continue;
    const m = NUMERIC_DATE.exec(value);
    if (!m) continue;
    if (m[1].length === 4) {
      ymd++;
      continue;
    }
    numeric++;
    if (value.includes('.')) dots++;
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12 && b <= 12) dayFirst++;
    if (b > 12 && a <= 12) monthFirst++;
  }
  if (numeric === 0) return { order: 'ymd', ambiguous: false, conflicting: false };
  if (dayFirst > 0 && monthFirst > 0) return { order: dayFirst >= monthFirst ? 'dmy' : 'mdy', ambiguous: false, conflicting: true };
  if (dayFirst > 0) return { order: 'dmy', ambiguous: false, conflicting: false };
  if (monthFirst > 0) return { order: 'mdy', ambiguous: false, conflicting: false };
  if (dots === numeric) return { order: 'dmy', ambiguous: false, conflicting: false };
  return { order: fallback, ambiguous: true, conflicting: false };
}

/**
 * Whether amounts use a decimal comma, from sample texts: `12,50` or
 * `1.234,56` say yes, `12.50` or `1,234.56` say no. Undecided → `fallback`
 * (true for `;`-separated files, where the comma is the decimal mark).
 */
export function guessDecimalComma(values: readonly (string | null)[], fallback: boolean): boolean {
  let comma = 0;
  let dot = 0;
  for (const value of values) {
    if (!value) continue;
    const v = value.replace(/[\s\u00a0']/g, '');
    if (/\d\.\d{3},\d/.test(v) || /\d,\d{1,2}(\D*)$/.test(v) || /\d,\d{4,}(\D*)$/.test(v)) comma++;
    else if (/\d,\d{3}\.\d/.test(v) || /\d\.\d{1,2}(\D*)$/.test(v) || /\d\.\d{4,}(\D*)$/.test(v)) dot++;
  }
  if (comma === dot) return fallback;
  return comma > dot;
}

/**
 * The feedback scale a score column is on: the header decides when it says
 * NPS or CSAT; otherwise values within 1–5 are a 5-point rating and values
 * within 0–10 an NPS question. `null` when the values fit no scale.
 */
export function guessScale(header: string, range: { min: number; max: number } | null): FeedbackScale | null {
  const h = header.toLowerCase();
  if (/nps|recommend/.test(h)) return 'nps_10';
  if (/csat|satisf/.test(h) && (range === null || (range.min >= 1 && range.max <= 5))) return 'csat_5';
  if (range === null) return null;
  if (range.min >= 1 && range.max <= 5) return 'rating_5';
  if (range.min >= 0 && range.max <= 10) return 'nps_10';
  return null;
}
