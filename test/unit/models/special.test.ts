import { describe, expect, it } from 'vitest';
import {
  digamma,
  gammaSign,
  hyp2f1,
  logAddExp,
  logBeta,
  logGamma,
  logSumExp,
} from '../../../src/lib/models';

/** |actual - expected| ≤ tol · |expected| */
function expectRelative(actual: number, expected: number, tol: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.abs(expected));
}

describe('logGamma', () => {
  it('matches known values', () => {
    expectRelative(logGamma(0.5), 0.5723649429247001, 1e-14); // ln √π
    expectRelative(logGamma(10), 12.801827480081469, 1e-14); // ln 9!
    expectRelative(logGamma(100), 359.1342053695754, 1e-14); // ln 99!
    expect(logGamma(1)).toBe(0);
    expect(logGamma(2)).toBe(0);
  });

  it('is accurate for tiny, large and negative arguments (values from mpmath, 30 digits)', () => {
    expectRelative(logGamma(1e-8), 18.420680738180208905, 1e-13);
    expectRelative(logGamma(0.1), 2.2527126517342059599, 1e-13);
    expectRelative(logGamma(3.7), 1.4280723266653879219, 1e-13);
    expectRelative(logGamma(1e6), 12815504.56914761166, 1e-13);
    expectRelative(logGamma(1e12), 26631021115915.651636, 1e-13);
    expectRelative(logGamma(-2.5), -0.056243716497674050673, 1e-12);
  });

  it('satisfies the recurrence ln Γ(x+1) = ln Γ(x) + ln x across the Lanczos/Stirling switch', () => {
    for (const x of [0.001, 0.3, 1.7, 4.2, 9.5, 9.99, 10, 10.01, 37.3, 1234.5]) {
      expect(Math.abs(logGamma(x + 1) - logGamma(x) - Math.log(x))).toBeLessThan(1e-12 * Math.max(1, logGamma(x + 1)));
    }
  });

  it('has poles at non-positive integers and gives the sign of Γ', () => {
    expect(logGamma(0)).toBe(Infinity);
    expect(logGamma(-3)).toBe(Infinity);
    expect(gammaSign(2.5)).toBe(1);
    expect(gammaSign(-0.5)).toBe(-1);
    expect(gammaSign(-1.5)).toBe(1);
    expect(gammaSign(-2)).toBe(0);
  });
});

describe('logBeta', () => {
  it('matches Γ(a)Γ(b)/Γ(a+b) for small integers and B(1/2,1/2) = π', () => {
    expectRelative(logBeta(3, 4), Math.log((2 * 6) / 720), 1e-14);
    expectRelative(logBeta(0.5, 0.5), Math.log(Math.PI), 1e-14);
  });
});

describe('digamma', () => {
  it('matches known values (mpmath, 30 digits)', () => {
    expectRelative(digamma(1), -0.57721566490153286061, 1e-14);
    expectRelative(digamma(0.5), -1.9635100260214234794, 1e-14);
    expectRelative(digamma(1e-6), -1000000.5772140199687, 1e-14);
    expectRelative(digamma(7.25), 1.9104535268837360284, 1e-14);
    expectRelative(digamma(100), 4.6001618527380874002, 1e-14);
    expectRelative(digamma(-0.5), 0.036489973978576520559, 1e-12);
    expectRelative(digamma(-3.7), -0.84507685887041671807, 1e-12);
  });

  it('is the derivative of logGamma', () => {
    for (const x of [0.2, 1.3, 5.5, 42]) {
      const h = 1e-5;
      const numeric = (logGamma(x + h) - logGamma(x - h)) / (2 * h);
      expect(Math.abs(digamma(x) - numeric)).toBeLessThan(1e-8);
    }
  });
});

describe('logAddExp / logSumExp', () => {
  it('does not overflow or underflow', () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logAddExp(-1000, -Infinity)).toBe(-1000);
    expect(logSumExp([-1000, -1000, -1000])).toBeCloseTo(-1000 + Math.log(3), 12);
    expect(logSumExp([])).toBe(-Infinity);
    expect(logSumExp([Math.log(2), Math.log(5)])).toBeCloseTo(Math.log(7), 14);
  });
});

describe('hyp2f1', () => {
  it('2F1(1,1;2;z) = -ln(1-z)/z, including z near 1 and negative z', () => {
    // c - a - b = 0 here: an integer, so the z -> 1-z transformation is not usable.
    for (const z of [0.1, 0.5, 0.9, 0.95, 0.999, 0.9999, -0.3, -0.9, -5, -1000]) {
      expectRelative(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z, 1e-13);
    }
  });

  it('2F1(a,b;b;z) = (1-z)^(-a)', () => {
    for (const [a, b] of [
      [0.3, 2.7],
      [2.5, 0.4],
      [-1.5, 3.2],
    ] as const) {
      for (const z of [0.2, 0.85, 0.93, 0.99, 0.99999, -0.4, -12]) {
        expectRelative(hyp2f1(a, b, b, z), Math.pow(1 - z, -a), 1e-12);
      }
    }
  });

  it('matches the arcsin and arctan closed forms', () => {
    for (const x of [0.3, 0.9, 0.97, 0.999]) {
      expectRelative(hyp2f1(0.5, 0.5, 1.5, x * x), Math.asin(x) / x, 1e-13);
    }
    for (const x of [0.5, 3, 10, 100]) {
      expectRelative(hyp2f1(1, 0.5, 1.5, -x * x), Math.atan(x) / x, 1e-13);
    }
  });

  it('is a polynomial when a is a non-positive integer', () => {
    // 2F1(-2, b; c; z) = 1 - 2bz/c + b(b+1)z²/(c(c+1))
    const [b, c, z] = [1.5, 2.5, -3];
    expectRelative(hyp2f1(-2, b, c, z), 1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1)), 1e-14);
  });

  it('obeys Gauss’s theorem at z = 1 and stays continuous just below it', () => {
    const [a, b, c] = [0.3, 0.7, 2.2];
    const gauss = Math.exp(logGamma(c) + logGamma(c - a - b) - logGamma(c - a) - logGamma(c - b));
    expectRelative(hyp2f1(a, b, c, 1), gauss, 1e-13);
    expectRelative(hyp2f1(a, b, c, 1 - 1e-9), gauss, 1e-6);
  });

  it('matches tabulated values (mpmath, 30 digits)', () => {
    expectRelative(hyp2f1(0.243, 2.426, 2.219, 0.5), 1.207097007044042283, 1e-13);
    expectRelative(hyp2f1(0.243, 2.426, 2.219, 0.95), 2.4461866770309918118, 1e-13);
    expectRelative(hyp2f1(1.7, 0.8, 0.5, 0.97), 1841.3661376226736707, 1e-12);
    expectRelative(hyp2f1(2.5, 1.5, 4, -0.6), 0.63136574637631595884, 1e-13);
    expectRelative(hyp2f1(1.2, 3.4, 5.6, -25), 0.041896610713905499477, 1e-12);
    expectRelative(hyp2f1(0.5, 0.25, 0.75, 0.9999), 2.7167597198406171903, 1e-12);
  });

  it('rejects arguments outside its domain with a RangeError', () => {
    expect(() => hyp2f1(1, 1, 2, 1.5)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(/undefined for c = -2/);
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(/diverges/);
    expect(() => hyp2f1(NaN, 1, 2, 0.5)).toThrow(RangeError);
    // Integer c - a - b with z extremely close to 1: the series cannot converge in budget.
    expect(() => hyp2f1(1, 1, 2, 1 - 1e-12, { maxTerms: 1000 })).toThrow(/did not converge/);
  });
});
