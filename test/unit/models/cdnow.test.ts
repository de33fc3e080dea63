/**
 * The real-data check: the CDNOW 1/10 sample (Fader, Hardie & Lee 2005), with the
 * published calibration summary and parameter estimates.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bgnbdLogLikelihood,
  dayNumber,
  expectedCumulativeRepeatPurchases,
  fitBgNbd,
  fitGammaGamma,
  summarizeTransactions,
  type BgNbdFit,
  type CustomerSummary,
} from '../../../src/lib/models';
import { readCdnowTransactions, readPublishedSummary } from './cdnowFixture';

const CALIBRATION_END = '1997-09-30';
const PUBLISHED = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, logLikelihood: -9582.4 };

let summary: CustomerSummary;
let fit: BgNbdFit;

beforeAll(() => {
  summary = summarizeTransactions(readCdnowTransactions(), { calibrationEnd: CALIBRATION_END, timeUnit: 'weeks' });
  fit = fitBgNbd(summary);
});

describe('CDNOW calibration summary (summary.ts)', () => {
  it('reproduces the published summary for all 2,357 customers', () => {
    const published = readPublishedSummary();
    expect(published).toHaveLength(2357);
    expect(summary.customerIds).toEqual(published.map((row) => row.id));
    const mismatches: string[] = [];
    published.forEach((row, i) => {
      const ok =
        summary.x[i] === row.x &&
        Math.abs((summary.tx[i] as number) - row.tx) <= 0.005 + 1e-9 &&
        Math.abs((summary.T[i] as number) - row.T) <= 0.005 + 1e-9 &&
        Math.abs((summary.mbar[i] as number) - row.zbar) <= 0.005 + 1e-9;
      if (!ok) mismatches.push(row.id);
    });
    expect(mismatches).toEqual([]);
  });

  it('has the published totals', () => {
    const x = Array.from(summary.x);
    expect(x.reduce((s, v) => s + v, 0)).toBe(2457);
    expect(x.filter((v) => v === 0)).toHaveLength(1411);
    expect(x.filter((v) => v > 0)).toHaveLength(946);
    // A 1997-01-01 buyer has T = 272/7 weeks.
    expect(Math.max(...summary.T)).toBeCloseTo(272 / 7, 12);
  });
});

describe('BG/NBD on CDNOW', () => {
  it('has log-likelihood ≈ -9582.4 at the published parameters', () => {
    expect(bgnbdLogLikelihood(PUBLISHED, summary)).toBeCloseTo(PUBLISHED.logLikelihood, 1);
  });

  it('recovers the published maximum-likelihood estimates', () => {
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(2357);
    expect(fit.r).toBeCloseTo(PUBLISHED.r, 3);
    expect(fit.alpha).toBeCloseTo(PUBLISHED.alpha, 3);
    expect(fit.a).toBeCloseTo(PUBLISHED.a, 3);
    expect(fit.b).toBeCloseTo(PUBLISHED.b, 3);
    expect(fit.logLikelihood).toBeCloseTo(PUBLISHED.logLikelihood, 1);
    // It is a maximum: no worse than the published (rounded) parameters.
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgnbdLogLikelihood(PUBLISHED, summary));
  });

  it('agrees with the derivative-free optimiser', () => {
    const simplex = fitBgNbd(summary, { method: 'nelder-mead' });
    expect(fit.method).toBe('bfgs');
    expect(simplex.method).toBe('nelder-mead');
    expect(simplex.converged).toBe(true);
    expect(simplex.r).toBeCloseTo(fit.r, 4);
    expect(simplex.alpha).toBeCloseTo(fit.alpha, 3);
    expect(simplex.a).toBeCloseTo(fit.a, 4);
    expect(simplex.b).toBeCloseTo(fit.b, 4);
    expect(simplex.logLikelihood).toBeCloseTo(fit.logLikelihood, 6);
  });

  it('gives the same model when time is measured in days (α scales by 7, the rest is unchanged)', () => {
    const inDays = summarizeTransactions(readCdnowTransactions(), { calibrationEnd: CALIBRATION_END, timeUnit: 'days' });
    const daily = fitBgNbd(inDays);
    expect(daily.converged).toBe(true);
    expect(daily.r).toBeCloseTo(fit.r, 5);
    expect(daily.alpha / 7).toBeCloseTo(fit.alpha, 4);
    expect(daily.a).toBeCloseTo(fit.a, 5);
    expect(daily.b).toBeCloseTo(fit.b, 5);
    // The likelihood of the day-scaled data differs by the Jacobian: Σ over repeat buyers of x·ln 7.
    const jacobian = Array.from(summary.x).reduce((s, x) => s + x, 0) * Math.log(7);
    expect(daily.logLikelihood + jacobian).toBeCloseTo(fit.logLikelihood, 4);
  });

  it('tracks cumulative repeat purchases in calibration and holdout', () => {
    // Actual repeat purchases (same-day merged) per customer-day, by week since 1997-01-01.
    const start = dayNumber('1997-01-01');
    const daysByCustomer = new Map<string, Set<number>>();
    for (const t of readCdnowTransactions()) {
      const days = daysByCustomer.get(t.customerId) ?? new Set<number>();
      days.add(dayNumber(t.date));
      daysByCustomer.set(t.customerId, days);
    }
    const repeatDays: number[] = [];
    for (const days of daysByCustomer.values()) {
      const sorted = [...days].sort((u, v) => u - v);
      repeatDays.push(...sorted.slice(1));
    }
    const actualBy = (week: number): number => repeatDays.filter((d) => d - start < week * 7).length;
    expect(actualBy(39)).toBe(2457);
    expect(actualBy(78) - actualBy(39)).toBe(1882);

    const births = Array.from(summary.firstPurchaseDay, (d) => (d - start) / 7);
    const weeks = Array.from({ length: 78 }, (_, i) => i + 1);
    const expected = expectedCumulativeRepeatPurchases(fit, births, weeks);
    for (let i = 1; i < expected.length; i++) expect(expected[i]).toBeGreaterThan(expected[i - 1] as number);
    // The model fits the calibration total within 3 % and forecasts the holdout within 6 %.
    expect(Math.abs((expected[38] as number) / 2457 - 1)).toBeLessThan(0.03);
    expect(Math.abs((expected[77] as number) / actualBy(78) - 1)).toBeLessThan(0.06);
  });
});

describe('Gamma-Gamma on CDNOW', () => {
  it('recovers the published estimates on the 946 repeat buyers', () => {
    const spend = fitGammaGamma(summary);
    expect(spend.converged).toBe(true);
    expect(spend.customers).toBe(946);
    expect(spend.p).toBeCloseTo(6.25, 2);
    expect(spend.q).toBeCloseTo(3.74, 2);
    expect(spend.gamma).toBeCloseTo(15.44, 2);
  });
});
