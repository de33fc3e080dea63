import { describe, expect, it } from 'vitest';
import {
  conditionalExpectedSpend,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  gammaGammaLogLikelihoodGradient,
  logGamma,
  Rng,
  type GammaGammaData,
  type GammaGammaParams,
} from '../../../src/lib/models';

const CDNOW: GammaGammaParams = { p: 6.25, q: 3.74, gamma: 15.44 };

/** The lifetimes GammaGammaFitter per-customer log-likelihood, written out term by term. */
function lifetimesLogLikelihood({ p, q, gamma: v }: GammaGammaParams, x: number, m: number): number {
  return (
    logGamma(p * x + q) -
    logGamma(p * x) -
    logGamma(q) +
    q * Math.log(v) +
    (p * x - 1) * Math.log(m) +
    p * x * Math.log(x) -
    (p * x + q) * Math.log(x * m + v)
  );
}

/** Customers whose transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ). */
function simulateSpend(params: GammaGammaParams, customers: number, seed: number): GammaGammaData {
  const rng = new Rng(seed, 'gamma-gamma');
  const x = new Float64Array(customers);
  const mbar = new Float64Array(customers);
  for (let i = 0; i < customers; i++) {
    const nu = rng.gamma(params.q, 1 / params.gamma);
    const count = rng.int(1, 8);
    let total = 0;
    for (let k = 0; k < count; k++) total += rng.gamma(params.p, 1 / nu);
    x[i] = count;
    mbar[i] = total / count;
  }
  return { x, mbar };
}

const rows: [number, number][] = [
  [1, 11.77],
  [2, 22.35],
  [5, 40.1],
  [3, 8.5],
  [0, 0],
  [1, 120],
];
const data: GammaGammaData = { x: Float64Array.from(rows, (r) => r[0]), mbar: Float64Array.from(rows, (r) => r[1]) };

describe('Gamma-Gamma likelihood', () => {
  it('equals the lifetimes formula summed over repeat buyers only', () => {
    const expected = rows.filter(([x]) => x > 0).reduce((s, [x, m]) => s + lifetimesLogLikelihood(CDNOW, x, m), 0);
    expect(gammaGammaLogLikelihood(CDNOW, data)).toBeCloseTo(expected, 10);
  });

  it('has the analytic gradient that finite differences give', () => {
    const gradient = gammaGammaLogLikelihoodGradient(CDNOW, data);
    (['p', 'q', 'gamma'] as const).forEach((key, i) => {
      const h = 1e-6 * CDNOW[key];
      const numeric =
        (gammaGammaLogLikelihood({ ...CDNOW, [key]: CDNOW[key] + h }, data) -
          gammaGammaLogLikelihood({ ...CDNOW, [key]: CDNOW[key] - h }, data)) /
        (2 * h);
      expect(Math.abs((gradient[i] as number) - numeric)).toBeLessThan(1e-6 * Math.max(1, Math.abs(numeric)));
    });
  });
});

describe('conditionalExpectedSpend', () => {
  it('is the population mean pγ/(q-1) for customers without repeat purchases', () => {
    expect(conditionalExpectedSpend(CDNOW, 0, 0)).toBeCloseTo((6.25 * 15.44) / 2.74, 12);
  });

  it('equals the posterior mean p(γ + x·mbar)/(px + q - 1)', () => {
    for (const [x, m] of [
      [1, 11.77],
      [4, 55],
      [30, 9.99],
    ] as const) {
      const posterior = (CDNOW.p * (CDNOW.gamma + x * m)) / (CDNOW.p * x + CDNOW.q - 1);
      expect(conditionalExpectedSpend(CDNOW, x, m)).toBeCloseTo(posterior, 10);
    }
  });

  it('moves from the population mean towards the customer’s own mean as x grows', () => {
    const own = 80;
    const population = conditionalExpectedSpend(CDNOW, 0, 0);
    const one = conditionalExpectedSpend(CDNOW, 1, own);
    const many = conditionalExpectedSpend(CDNOW, 100, own);
    expect(one).toBeGreaterThan(population);
    expect(many).toBeGreaterThan(one);
    expect(many).toBeLessThan(own);
    expect(Math.abs(many - own)).toBeLessThan(1);
  });

  it('refuses q ≤ 1, where the population mean is infinite', () => {
    expect(() => conditionalExpectedSpend({ p: 2, q: 0.9, gamma: 10 }, 0, 0)).toThrow(/infinite/);
  });
});

describe('fitGammaGamma', () => {
  it('recovers the parameters of simulated spends', () => {
    const truth = { p: 4, q: 3, gamma: 20 };
    const fit = fitGammaGamma(simulateSpend(truth, 20_000, 11));
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(20_000);
    expect(Math.abs(fit.p / truth.p - 1)).toBeLessThan(0.1);
    expect(Math.abs(fit.q / truth.q - 1)).toBeLessThan(0.1);
    expect(Math.abs(fit.gamma / truth.gamma - 1)).toBeLessThan(0.15);
    // The fitted population mean spend is much better determined than the parameters.
    expect(Math.abs((fit.p * fit.gamma) / (fit.q - 1) / ((truth.p * truth.gamma) / (truth.q - 1)) - 1)).toBeLessThan(0.03);
  });

  it('refuses data without enough repeat buyers or with non-positive spend', () => {
    expect(() => fitGammaGamma({ x: new Float64Array(30), mbar: new Float64Array(30) })).toThrow(/no customer made a repeat/);
    expect(() => fitGammaGamma(data)).toThrow(/only 5 repeat buyers/);
    const bad = simulateSpend(CDNOW, 20, 1);
    bad.mbar[3] = 0;
    expect(() => fitGammaGamma(bad)).toThrow(/row 3 .*positive amounts/);
  });
});
