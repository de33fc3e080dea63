import { describe, expect, it } from 'vitest';
import {
  conditionalExpectedPurchases,
  conditionalExpectedSpend,
  customerLifetimeValue,
  customerLifetimeValues,
  expectedCumulativeRepeatPurchases,
  expectedPurchases,
  unitsPerMonth,
  type BgNbdParams,
  type CustomerHistory,
  type GammaGammaParams,
} from '../../../src/lib/models';

const WEEKLY: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const SPEND: GammaGammaParams = { p: 6.25, q: 3.74, gamma: 15.44 };
const CUSTOMER: CustomerHistory = { x: 2, tx: 30.43, T: 38.86, mbar: 22.35 };

describe('customerLifetimeValue', () => {
  it('uses 30-day months: 30 days or 30/7 weeks', () => {
    expect(unitsPerMonth('days')).toBe(30);
    expect(unitsPerMonth('weeks')).toBeCloseTo(30 / 7, 14);
  });

  it('without discounting, telescopes to expected purchases over the horizon × expected spend', () => {
    const clv = customerLifetimeValue(WEEKLY, SPEND, CUSTOMER, { horizonMonths: 12, monthlyDiscountRate: 0, timeUnit: 'weeks' });
    const purchases = conditionalExpectedPurchases(WEEKLY, (12 * 30) / 7, CUSTOMER.x, CUSTOMER.tx, CUSTOMER.T);
    const spend = conditionalExpectedSpend(SPEND, CUSTOMER.x, CUSTOMER.mbar);
    expect(clv).toBeCloseTo(purchases * spend, 10);
  });

  it('discounts the first month once and scales with the margin', () => {
    const options = { horizonMonths: 1, monthlyDiscountRate: 0.05, margin: 0.3, timeUnit: 'weeks' } as const;
    const purchases = conditionalExpectedPurchases(WEEKLY, 30 / 7, CUSTOMER.x, CUSTOMER.tx, CUSTOMER.T);
    const spend = conditionalExpectedSpend(SPEND, CUSTOMER.x, CUSTOMER.mbar);
    expect(customerLifetimeValue(WEEKLY, SPEND, CUSTOMER, options)).toBeCloseTo((purchases * spend * 0.3) / 1.05, 10);
  });

  it('falls with the discount rate and rises with the horizon', () => {
    const at = (horizonMonths: number, monthlyDiscountRate: number): number =>
      customerLifetimeValue(WEEKLY, SPEND, CUSTOMER, { horizonMonths, monthlyDiscountRate, timeUnit: 'weeks' });
    expect(at(12, 0.01)).toBeLessThan(at(12, 0));
    expect(at(12, 0.05)).toBeLessThan(at(12, 0.01));
    expect(at(24, 0.01)).toBeGreaterThan(at(12, 0.01));
    expect(at(0, 0.01)).toBe(0);
  });

  it('gives the same value whether the model is in weeks or days', () => {
    const daily: BgNbdParams = { ...WEEKLY, alpha: WEEKLY.alpha * 7 };
    const inDays = { ...CUSTOMER, tx: CUSTOMER.tx * 7, T: CUSTOMER.T * 7 };
    const options = { horizonMonths: 12, monthlyDiscountRate: 0.01, margin: 0.25 } as const;
    const weeks = customerLifetimeValue(WEEKLY, SPEND, CUSTOMER, { ...options, timeUnit: 'weeks' });
    const days = customerLifetimeValue(daily, SPEND, inDays, { ...options, timeUnit: 'days' });
    expect(days).toBeCloseTo(weeks, 10);
  });

  it('values a one-time buyer at the population mean spend', () => {
    const once = { x: 0, tx: 0, T: 38.86, mbar: 0 };
    const clv = customerLifetimeValue(WEEKLY, SPEND, once, { horizonMonths: 6, monthlyDiscountRate: 0, timeUnit: 'weeks' });
    const purchases = conditionalExpectedPurchases(WEEKLY, (6 * 30) / 7, 0, 0, 38.86);
    expect(clv).toBeCloseTo(purchases * ((SPEND.p * SPEND.gamma) / (SPEND.q - 1)), 10);
  });

  it('computes every customer of a summary', () => {
    const data = {
      x: Float64Array.from([2, 0, 7]),
      tx: Float64Array.from([30.43, 0, 35]),
      T: Float64Array.from([38.86, 38.86, 38.86]),
      mbar: Float64Array.from([22.35, 0, 41.5]),
    };
    const options = { horizonMonths: 12, monthlyDiscountRate: 0.01, timeUnit: 'weeks' } as const;
    const values = customerLifetimeValues(WEEKLY, SPEND, data, options);
    for (let i = 0; i < 3; i++) {
      const one = { x: data.x[i] as number, tx: data.tx[i] as number, T: data.T[i] as number, mbar: data.mbar[i] as number };
      expect(values[i]).toBe(customerLifetimeValue(WEEKLY, SPEND, one, options));
    }
    expect(values[2]).toBeGreaterThan(values[0] as number);
  });

  it('rejects nonsensical options', () => {
    const run = (horizonMonths: number, monthlyDiscountRate: number) =>
      customerLifetimeValue(WEEKLY, SPEND, CUSTOMER, { horizonMonths, monthlyDiscountRate, timeUnit: 'weeks' });
    expect(() => run(1.5, 0.01)).toThrow(/whole number of months/);
    expect(() => run(12, -1)).toThrow(/discount rate/);
    expect(() => run(12, Number.NaN)).toThrow(/discount rate/);
  });
});

describe('expectedCumulativeRepeatPurchases', () => {
  const births = [0, 0, 0.5, 3, 3, 3, 7.25, 20];
  const times = [0, 0.5, 1, 3, 5, 10, 20, 30];

  it('sums E[X(t − birth)] over customers already acquired', () => {
    const curve = expectedCumulativeRepeatPurchases(WEEKLY, births, times);
    times.forEach((t, k) => {
      const bruteForce = births.filter((b) => b < t).reduce((s, b) => s + expectedPurchases(WEEKLY, t - b), 0);
      expect(curve[k]).toBeCloseTo(bruteForce, 12);
    });
    expect(curve[0]).toBe(0);
  });

  it('is non-decreasing in time', () => {
    const curve = expectedCumulativeRepeatPurchases(WEEKLY, births, times);
    for (let k = 1; k < curve.length; k++) expect(curve[k]).toBeGreaterThanOrEqual(curve[k - 1] as number);
  });

  it('rejects non-finite birth offsets', () => {
    expect(() => expectedCumulativeRepeatPurchases(WEEKLY, [0, Number.NaN], [1])).toThrow(/row 1/);
  });
});
