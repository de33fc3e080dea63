import { describe, expect, it } from 'vitest';
import {
  bgnbdLogLikelihood,
  bgnbdLogLikelihoodGradient,
  bgnbdLogLikelihoodOne,
  conditionalExpectedPurchases,
  expectedPurchases,
  fitBgNbd,
  hyp2f1,
  logBeta,
  probabilityAlive,
  simulateBgNbd,
  type BgNbdData,
  type BgNbdParams,
} from '../../../src/lib/models';

const CDNOW: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/**
 * E[purchases in (T, T+t] | x, t_x, T] by direct numerical integration over the
 * dropout probability p (λ integrated analytically), independent of 2F1:
 * given (λ, p) and alive at T, E[X(t)] = (1 - e^{-λpt}) / p.
 * Composite Simpson on s = p^a, which removes the p^(a-1) singularity of the prior.
 */
function integratedExpectation(params: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  const n = 20_000;
  const rx = r + x;
  const integrand = (s: number): number => {
    if (s === 0) return (rx * t) / (alpha + T); // limit p -> 0
    const p = Math.pow(s, 1 / a);
    if (p >= 1) return 0;
    const alive = -Math.expm1(-rx * Math.log1p((p * t) / (alpha + T))) / p;
    return Math.pow(1 - p, x + b - 1) * alive;
  };
  let sum = integrand(0) + integrand(1);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * integrand(i / n);
  const numerator = sum / (3 * n) / a / Math.exp(logBeta(a, b));
  // Likelihood of the history, with the common factor Γ(r+x)/Γ(r) α^r (α+T)^-(r+x) removed.
  let denominator = Math.exp(logBeta(a, b + x) - logBeta(a, b));
  if (x > 0) {
    denominator += Math.exp(logBeta(a + 1, b + x - 1) - logBeta(a, b) + rx * Math.log((alpha + T) / (alpha + tx)));
  }
  return numerator / denominator;
}

/** The `lifetimes` expression, with the hypergeometric function in its original form. */
function lifetimesConditional(params: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  const hyp = hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
  const numerator = ((a + b + x - 1) / (a - 1)) * (1 - hyp * Math.pow((alpha + T) / (alpha + t + T), r + x));
  const denominator = 1 + (x > 0 ? (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 0);
  return numerator / denominator;
}

function dataOf(rows: [number, number, number][]): BgNbdData {
  return {
    x: Float64Array.from(rows, (row) => row[0]),
    tx: Float64Array.from(rows, (row) => row[1]),
    T: Float64Array.from(rows, (row) => row[2]),
  };
}

describe('BG/NBD likelihood', () => {
  const data = simulateBgNbd(CDNOW, 500, { seed: 7, minT: 10, maxT: 40 });

  it('sums the per-customer log-likelihoods', () => {
    let total = 0;
    for (let i = 0; i < data.x.length; i++) {
      total += bgnbdLogLikelihoodOne(CDNOW, data.x[i] as number, data.tx[i] as number, data.T[i] as number);
    }
    expect(bgnbdLogLikelihood(CDNOW, data)).toBeCloseTo(total, 8);
  });

  it('gives a zero-repeat customer the closed form r·ln(α/(α+T))', () => {
    // With x = 0: Γ terms cancel and only the "alive" branch remains.
    expect(bgnbdLogLikelihoodOne(CDNOW, 0, 0, 30)).toBeCloseTo(CDNOW.r * Math.log(CDNOW.alpha / (CDNOW.alpha + 30)), 12);
  });

  it('has the analytic gradient that finite differences give', () => {
    const gradient = bgnbdLogLikelihoodGradient(CDNOW, data);
    const keys = ['r', 'alpha', 'a', 'b'] as const;
    keys.forEach((key, i) => {
      const h = 1e-6 * CDNOW[key];
      const up = bgnbdLogLikelihood({ ...CDNOW, [key]: CDNOW[key] + h }, data);
      const down = bgnbdLogLikelihood({ ...CDNOW, [key]: CDNOW[key] - h }, data);
      const numeric = (up - down) / (2 * h);
      expect(Math.abs((gradient[i] as number) - numeric)).toBeLessThan(1e-5 * Math.max(1, Math.abs(numeric)));
    });
  });
});

describe('probabilityAlive', () => {
  it('is 1 for customers without repeat purchases', () => {
    expect(probabilityAlive(CDNOW, 0, 0, 38.86)).toBe(1);
    expect(probabilityAlive(CDNOW, 0, 0, 1000)).toBe(1);
  });

  it('equals the share of the likelihood in which the customer is still alive', () => {
    for (const [x, tx, T] of [
      [1, 5, 30],
      [4, 20.5, 38.86],
      [12, 36, 38],
    ] as const) {
      const { r, alpha, a, b } = CDNOW;
      const logAlive =
        logBeta(a, b + x) - logBeta(a, b) + logGammaRatio(r, x) + r * Math.log(alpha) - (r + x) * Math.log(alpha + T);
      const expected = Math.exp(logAlive - bgnbdLogLikelihoodOne(CDNOW, x, tx, T));
      expect(probabilityAlive(CDNOW, x, tx, T)).toBeCloseTo(expected, 12);
    }
  });

  it('falls as the customer stays silent longer and rises with recency', () => {
    let previous = 1;
    for (const T of [10, 20, 40, 80, 160]) {
      const p = probabilityAlive(CDNOW, 3, 10, T);
      expect(p).toBeLessThan(previous);
      expect(p).toBeGreaterThan(0);
      previous = p;
    }
    expect(probabilityAlive(CDNOW, 3, 30, 40)).toBeGreaterThan(probabilityAlive(CDNOW, 3, 10, 40));
    // Recency equal to age: bought just now, so very likely alive.
    expect(probabilityAlive(CDNOW, 3, 40, 40)).toBeGreaterThan(0.7);
  });

  it('does not overflow for heavy buyers who went quiet', () => {
    const p = probabilityAlive(CDNOW, 400, 10, 2000);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThan(1e-100);
  });
});

describe('expectedPurchases (unconditional)', () => {
  it('matches numerical integration over the dropout distribution', () => {
    for (const t of [1, 10, 39, 78, 500]) {
      const integrated = integratedExpectation(CDNOW, t, 0, 0, 0);
      expect(Math.abs(expectedPurchases(CDNOW, t) / integrated - 1)).toBeLessThan(1e-7);
    }
  });

  it('starts at 0 with slope r/α (the mean purchase rate of a new customer)', () => {
    expect(expectedPurchases(CDNOW, 0)).toBe(0);
    const t = 1e-4;
    expect(expectedPurchases(CDNOW, t) / t / (CDNOW.r / CDNOW.alpha)).toBeCloseTo(1, 4);
  });

  it('is increasing and concave in t', () => {
    const values = [0, 5, 10, 20, 40, 80, 160].map((t) => expectedPurchases(CDNOW, t));
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1] as number);
    // Per-unit-time increments shrink as more customers drop out.
    expect((values[2] as number) - (values[1] as number)).toBeLessThan((values[1] as number) - (values[0] as number));
  });

  it('tends to E[1/p] = (a+b-1)/(a-1) when a > 1', () => {
    const params = { r: 2, alpha: 5, a: 3.5, b: 4 };
    expect(expectedPurchases(params, 1e8)).toBeCloseTo((params.a + params.b - 1) / (params.a - 1), 8);
  });

  it('handles a = 1, where its formula is 0/0', () => {
    const params = { r: 0.5, alpha: 3, a: 1, b: 2 };
    const integrated = integratedExpectation(params, 20, 0, 0, 0);
    expect(Math.abs(expectedPurchases(params, 20) / integrated - 1)).toBeLessThan(1e-7);
  });
});

describe('conditionalExpectedPurchases', () => {
  const histories: [number, number, number][] = [
    [0, 0, 38.86],
    [2, 30.43, 38.86],
    [1, 1.71, 38.86],
    [7, 35, 38.86],
    [5, 6, 38.86],
  ];

  it('matches numerical integration over the posterior', () => {
    for (const [x, tx, T] of histories) {
      for (const t of [10, 39, 52]) {
        const integrated = integratedExpectation(CDNOW, t, x, tx, T);
        expect(Math.abs(conditionalExpectedPurchases(CDNOW, t, x, tx, T) / integrated - 1)).toBeLessThan(1e-7);
      }
    }
  });

  it('matches the lifetimes expression (original hypergeometric form)', () => {
    for (const [x, tx, T] of histories) {
      expect(conditionalExpectedPurchases(CDNOW, 39, x, tx, T)).toBeCloseTo(lifetimesConditional(CDNOW, 39, x, tx, T), 10);
    }
  });

  it('reduces to the unconditional expectation for a brand-new customer', () => {
    expect(conditionalExpectedPurchases(CDNOW, 26, 0, 0, 0)).toBeCloseTo(expectedPurchases(CDNOW, 26), 12);
  });

  it('stays finite for very frequent buyers (where the original series overflows)', () => {
    const value = conditionalExpectedPurchases(CDNOW, 30, 300, 360, 365);
    const integrated = integratedExpectation(CDNOW, 30, 300, 360, 365);
    expect(Number.isFinite(value)).toBe(true);
    expect(Math.abs(value / integrated - 1)).toBeLessThan(1e-6);
    // Roughly x/T purchases per unit time for a long-lived heavy buyer who is still active.
    expect(value).toBeGreaterThan(15);
    expect(value).toBeLessThan(30);
  });

  it('grows with the horizon and with recent activity', () => {
    const a = conditionalExpectedPurchases(CDNOW, 10, 3, 20, 38);
    const b = conditionalExpectedPurchases(CDNOW, 20, 3, 20, 38);
    expect(b).toBeGreaterThan(a);
    expect(conditionalExpectedPurchases(CDNOW, 10, 3, 37, 38)).toBeGreaterThan(a);
  });
});

describe('fitBgNbd input checks', () => {
  const many = (n: number, row: [number, number, number]): [number, number, number][] =>
    Array.from({ length: n }, () => row);

  it('refuses data that cannot be fitted, saying why', () => {
    expect(() => fitBgNbd(dataOf([]))).toThrow(/no customers/);
    expect(() => fitBgNbd(dataOf(many(5, [1, 2, 3])))).toThrow(/only 5 customers/);
    expect(() => fitBgNbd(dataOf(many(20, [0, 0, 10])))).toThrow(/no customer made a repeat purchase/);
    expect(() => fitBgNbd(dataOf([...many(19, [1, 2, 10]), [NaN, 0, 10]]))).toThrow(/non-finite/);
    expect(() => fitBgNbd(dataOf([...many(19, [1, 2, 10]), [1, 12, 10]]))).toThrow(/after the end of calibration/);
    expect(() => fitBgNbd(dataOf([...many(19, [1, 2, 10]), [0, 3, 10]]))).toThrow(/should be 0/);
    expect(() => fitBgNbd({ x: new Float64Array(20), tx: new Float64Array(19), T: new Float64Array(20) })).toThrow(
      /inconsistent/,
    );
  });

  it('reports converged = false when the optimum is on the boundary (nobody has dropped out)', () => {
    const data = simulateBgNbd(CDNOW, 300, { seed: 1, minT: 30, maxT: 60 });
    // Every repeat buyer bought on the last day: the likelihood keeps rising as dropout -> 0.
    for (let i = 0; i < data.x.length; i++) if ((data.x[i] as number) > 0) data.tx[i] = data.T[i] as number;
    const fit = fitBgNbd(data);
    expect(fit.converged).toBe(false);
    expect(fit.a / (fit.a + fit.b)).toBeLessThan(1e-6); // mean dropout probability
  });

  it('returns converged = false instead of throwing when the optimiser runs out of budget', () => {
    const data = simulateBgNbd(CDNOW, 300, { seed: 3, minT: 20, maxT: 40 });
    const fit = fitBgNbd(data, { maxEvaluations: 4 });
    expect(fit.converged).toBe(false);
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
  });
});

/** ln Γ(r+x) − ln Γ(r) as a product, independent of logGamma. */
function logGammaRatio(r: number, x: number): number {
  let s = 0;
  for (let k = 0; k < x; k++) s += Math.log(r + k);
  return s;
}
