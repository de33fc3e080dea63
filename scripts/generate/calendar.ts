/**
 * The simulated calendar: 2023-01-01 00:00:00 to 2024-12-31 23:59:59, in whole
 * seconds from the start. Timestamps are naive local shop time (no zone).
 */

export const RANGE_START = '2023-01-01';
export const RANGE_END = '2024-12-31';
export const SECONDS_PER_DAY = 86_400;

const START_MS = Date.UTC(2023, 0, 1);
export const DAYS = Math.round((Date.UTC(2024, 11, 31) - START_MS) / 86_400_000) + 1;
/** First second after the range. */
export const END_SECOND = DAYS * SECONDS_PER_DAY;

// Responses may arrive a fortnight after the last order; labels cover that too.
const LABELED_DAYS = DAYS + 15;
const DAY_LABELS: readonly string[] = Array.from({ length: LABELED_DAYS }, (_, d) =>
  new Date(START_MS + d * 86_400_000).toISOString().slice(0, 10),
);
const TWO_DIGITS: readonly string[] = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

export function formatTimestamp(second: number): string {
  const day = Math.floor(second / SECONDS_PER_DAY);
  const label = DAY_LABELS[day];
  if (label === undefined) throw new Error(`timestamp outside the calendar: ${second}`);
  const s = second - day * SECONDS_PER_DAY;
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  return `${label} ${TWO_DIGITS[hh] ?? ''}:${TWO_DIGITS[mm] ?? ''}:${TWO_DIGITS[s % 60] ?? ''}`;
}

// Retail shape: January hangover, summer dip, Black Friday to Christmas peak.
const MONTH_FACTOR = [0.82, 0.8, 0.92, 0.97, 0.95, 0.84, 0.74, 0.77, 0.95, 1.04, 1.4, 1.62] as const;
// Monday first.
const WEEKDAY_FACTOR = [0.94, 0.95, 0.97, 1.0, 1.05, 1.12, 1.0] as const;

function seasonOf(day: number): number {
  const date = new Date(START_MS + day * 86_400_000);
  const month = date.getUTCMonth();
  const dom = date.getUTCDate();
  let factor = MONTH_FACTOR[month] ?? 1;
  if (month === 10 && dom >= 24) factor *= 1.6; // Black Friday week
  if (month === 11 && dom >= 24) factor *= dom <= 26 ? 0.45 : 0.8; // shops shut, post-Christmas lull
  return factor;
}

function weekdayOf(day: number): number {
  const dow = (new Date(START_MS + day * 86_400_000).getUTCDay() + 6) % 7;
  return WEEKDAY_FACTOR[dow] ?? 1;
}

function normalised(values: Float64Array): Float64Array {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  return values.map((v) => v / mean);
}

/** Relative purchase intensity per day for existing customers (mean 1). */
export const PURCHASE_DAY_WEIGHT: Float64Array = normalised(
  Float64Array.from({ length: DAYS }, (_, d) => seasonOf(d) * weekdayOf(d)),
);

/**
 * Relative acquisition intensity per day (mean 1): stronger seasonality than
 * repeat buying (gift shoppers) on top of a business growing ~40% over the range.
 */
export const ACQUISITION_DAY_WEIGHT: Float64Array = normalised(
  Float64Array.from({ length: DAYS }, (_, d) => Math.pow(seasonOf(d), 1.3) * weekdayOf(d) * (1 + 0.4 * (d / DAYS))),
);

export const MAX_PURCHASE_DAY_WEIGHT = Math.max(...PURCHASE_DAY_WEIGHT);
