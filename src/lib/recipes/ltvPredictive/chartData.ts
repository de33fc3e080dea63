/**
 * The data behind the predictive-LTV charts: the tracking curve (actual against
 * expected cumulative repeat purchases, calibration and holdout) and the P(alive)
 * heat map over frequency × recency.
 */

import { probabilityAlive, type BgNbdParams } from '../../models/bgnbd';
import { expectedCumulativeRepeatPurchases } from '../../models/clv';
import type { AliveBand, AliveGridCell, PredictiveLtvRow, TrackingPoint } from './types';
import { daysPerUnit, type TimeUnit } from '../../models/summary';

/** Most rows or columns a grid axis gets. */
const GRID_STEPS = 50;

/**
 * Cumulative repeat purchases at the end of each week since the cohort start, up to
 * the last day of data (a fractional last week when the data end mid-week).
 * `weeklyRepeats[k]` counts repeat purchase days in week k (0-based); `birthDays` are
 * the customers' first purchases as days since the cohort start; `spanDays` is the
 * number of days from the cohort start to the end of the data, both included.
 */
export function trackingCurve(
  params: BgNbdParams,
  birthDays: ArrayLike<number>,
  weeklyRepeats: readonly number[],
  spanDays: number,
  unit: TimeUnit,
): TrackingPoint[] {
  const weeks: number[] = [];
  for (let w = 1; w * 7 <= spanDays; w++) weeks.push(w);
  if (spanDays % 7 !== 0) weeks.push(spanDays / 7);
  const unitDays = daysPerUnit(unit);
  const births = Array.from(birthDays, (d) => d / unitDays);
  const expected = expectedCumulativeRepeatPurchases(params, births, weeks.map((w) => (w * 7) / unitDays));
  let actual = 0;
  let counted = 0;
  return weeks.map((week, i) => {
    // Week k holds days 7k … 7k + 6, all before the end of any week w > k.
    for (; counted < weeklyRepeats.length && counted < week; counted++) actual += weeklyRepeats[counted] as number;
    return { week, actual, expected: expected[i] as number };
  });
}

/** 0 … max in at most {@link GRID_STEPS} + 1 steps: whole numbers when they fit, else evenly spaced to 2 decimals. */
function axis(max: number, whole: boolean): number[] {
  if (max <= GRID_STEPS) {
    const values = Array.from({ length: Math.floor(max) + 1 }, (_, i) => i);
    return values.length > 1 || whole ? values : [0, Math.round(max * 100) / 100];
  }
  const values = Array.from({ length: GRID_STEPS + 1 }, (_, i) => (max * i) / GRID_STEPS);
  return [...new Set(values.map((v) => (whole ? Math.round(v) : Math.round(v * 100) / 100)))];
}

/**
 * P(alive) at age `T` for every frequency 0 … `maxFrequency` and recency 0 … `T`
 * (lifetimes' probability-alive matrix). Frequency 0 is 1 at any recency: in BG/NBD a
 * customer can only drop out right after a repeat purchase.
 */
export function aliveGrid(params: BgNbdParams, maxFrequency: number, T: number): AliveGridCell[] {
  const cells: AliveGridCell[] = [];
  for (const frequency of axis(maxFrequency, true)) {
    for (const recency of axis(T, false)) {
      cells.push({ frequency, recency, p_alive: probabilityAlive(params, frequency, recency, T) });
    }
  }
  return cells;
}

/** The lower bounds of the P(alive) bands, highest first: 75–100 %, 50–75 %, 25–50 %, 0–25 %. */
const ALIVE_BAND_FLOORS = [0.75, 0.5, 0.25, 0] as const;

/**
 * Customers by P(alive) band, most likely active first: how many, and the predicted CLV
 * they hold. A band holds `lower ≤ p_alive < upper` (the top one up to 1), so the same
 * bounds list its customers from the kept table in SQL.
 */
export function aliveBands(rows: readonly Pick<PredictiveLtvRow, 'p_alive' | 'clv'>[]): AliveBand[] {
  const bands = ALIVE_BAND_FLOORS.map((lower, i): AliveBand => {
    const upper = i === 0 ? null : ALIVE_BAND_FLOORS[i - 1];
    return { band: `P(alive) ${lower * 100}–${(upper ?? 1) * 100} %`, lower, upper, customers: 0, predicted_clv: 0 };
  });
  for (const row of rows) {
    const band = bands.find((b) => row.p_alive >= b.lower);
    if (!band) continue;
    band.customers += 1;
    band.predicted_clv += row.clv;
  }
  return bands;
}
