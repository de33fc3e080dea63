/**
 * Projections built on a fitted BG/NBD model: discounted customer lifetime value
 * (with a Gamma-Gamma spend model) and the population tracking curve of expected
 * cumulative repeat purchases.
 */

import { conditionalExpectedPurchases, expectedPurchases, type BgNbdParams } from './bgnbd';
import { conditionalExpectedSpend, type GammaGammaParams } from './gammaGamma';
import { daysPerUnit, type TimeUnit } from './summary';

/** Options for {@link customerLifetimeValue}. */
export interface ClvOptions {
  /** Number of months to project (a month is 30 days). */
  horizonMonths: number;
  /** Discount rate per month, e.g. 0.01 for 1 %. */
  monthlyDiscountRate: number;
  /** Share of spend that is profit (default 1: value in revenue). */
  margin?: number;
  /** Time unit the BG/NBD model was fitted in. */
  timeUnit: TimeUnit;
}

/** One customer's calibration summary. */
export interface CustomerHistory {
  x: number;
  tx: number;
  T: number;
  mbar: number;
}

/** Length of a 30-day month in the model's time unit (30 days or 30/7 weeks). */
export function unitsPerMonth(unit: TimeUnit): number {
  return 30 / daysPerUnit(unit);
}

function checkClvOptions(options: ClvOptions): void {
  const { horizonMonths, monthlyDiscountRate, margin = 1 } = options;
  if (!Number.isInteger(horizonMonths) || horizonMonths < 0) {
    throw new RangeError(`The CLV horizon must be a whole number of months ≥ 0, got ${horizonMonths}.`);
  }
  if (!(monthlyDiscountRate > -1) || !Number.isFinite(monthlyDiscountRate)) {
    throw new RangeError(`The monthly discount rate must be a number above -1, got ${monthlyDiscountRate}.`);
  }
  if (!Number.isFinite(margin)) throw new RangeError(`The margin must be a finite number, got ${margin}.`);
}

/**
 * Discounted value of a customer's purchases over the next `horizonMonths` months, as
 * `lifetimes.utils.customer_lifetime_value` computes it: the sum over months i of
 * (expected purchases by month i − by month i−1) × expected spend × margin / (1 + d)^i.
 */
export function customerLifetimeValue(
  purchases: BgNbdParams,
  spend: GammaGammaParams,
  customer: CustomerHistory,
  options: ClvOptions,
): number {
  checkClvOptions(options);
  const { x, tx, T, mbar } = customer;
  const month = unitsPerMonth(options.timeUnit);
  const value = conditionalExpectedSpend(spend, x, mbar) * (options.margin ?? 1);
  let clv = 0;
  let previous = 0;
  for (let i = 1; i <= options.horizonMonths; i++) {
    const cumulative = conditionalExpectedPurchases(purchases, i * month, x, tx, T);
    clv += ((cumulative - previous) * value) / Math.pow(1 + options.monthlyDiscountRate, i);
    previous = cumulative;
  }
  return clv;
}

/** {@link customerLifetimeValue} for every customer of a summary. */
export function customerLifetimeValues(
  purchases: BgNbdParams,
  spend: GammaGammaParams,
  data: { x: Float64Array; tx: Float64Array; T: Float64Array; mbar: Float64Array },
  options: ClvOptions,
): Float64Array {
  const n = data.x.length;
  if (data.tx.length !== n || data.T.length !== n || data.mbar.length !== n) {
    throw new Error('The customer summary arrays have different lengths.');
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = customerLifetimeValue(
      purchases,
      spend,
      { x: data.x[i] as number, tx: data.tx[i] as number, T: data.T[i] as number, mbar: data.mbar[i] as number },
      options,
    );
  }
  return out;
}

/**
 * Tracking curve: for each time in `times`, the expected cumulative number of repeat
 * purchases of the whole population, Σ E[X(time − birth_i)] over customers with
 * birth_i < time. `birthOffsets` are the customers' first-purchase times and `times`
 * are on the same axis, in the model's unit (e.g. weeks since the cohort started).
 */
export function expectedCumulativeRepeatPurchases(
  params: BgNbdParams,
  birthOffsets: ArrayLike<number>,
  times: ArrayLike<number>,
): Float64Array {
  // Customers acquired on the same day share one term; ages repeat across times too.
  const births = new Map<number, number>();
  for (let i = 0; i < birthOffsets.length; i++) {
    const b = birthOffsets[i] as number;
    if (!Number.isFinite(b)) throw new RangeError(`Birth offset at row ${i} is not a finite number.`);
    births.set(b, (births.get(b) ?? 0) + 1);
  }
  const cache = new Map<number, number>();
  const out = new Float64Array(times.length);
  for (let k = 0; k < times.length; k++) {
    const time = times[k] as number;
    let total = 0;
    for (const [birth, count] of births) {
      if (birth >= time) continue;
      const age = time - birth;
      let expected = cache.get(age);
      if (expected === undefined) {
        expected = expectedPurchases(params, age);
        cache.set(age, expected);
      }
      total += count * expected;
    }
    out[k] = total;
  }
  return out;
}
