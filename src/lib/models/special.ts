/**
 * Special functions for the probability models: log-gamma, log-beta,
 * log-sum-exp and the Gauss hypergeometric function 2F1.
 */

const HALF_LN_2PI = 0.9189385332046728;
const EPS = 2.220446049250313e-16;

// Lanczos approximation, g = 671/128, 14 terms (Numerical Recipes, 3rd ed., gammln):
// close to full double precision for x > 0.
const LANCZOS_G = 5.2421875;
const LANCZOS_C0 = 0.999999999999997092;
const LANCZOS_COEFFICIENTS = [
  57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199,
  0.339946499848118887e-4, 0.465236289270485756e-4, -0.983744753048795646e-4,
  0.158088703224912494e-3, -0.210264441724104883e-3, 0.217439618115212643e-3,
  -0.164318106536763890e-3, 0.844182239838527433e-4, -0.261908384015814087e-4,
  0.368991826595316234e-5,
];

/** sin(πx) with the argument reduced first, so that it is exactly 0 at integers. */
function sinPi(x: number): number {
  let y = x % 2;
  if (y <= -1) y += 2;
  else if (y > 1) y -= 2;
  if (y > 0.5) y = 1 - y;
  else if (y < -0.5) y = -1 - y;
  return Math.sin(Math.PI * y);
}

function logGammaPositive(x: number): number {
  if (x >= 10) {
    // Stirling series; the first omitted term is below 3e-17 at x = 10.
    const y = 1 / (x * x);
    const series =
      (1 / 12 +
        y *
          (-1 / 360 +
            y * (1 / 1260 + y * (-1 / 1680 + y * (1 / 1188 + y * (-691 / 360360 + y / 156)))))) /
      x;
    return (x - 0.5) * Math.log(x) - x + HALF_LN_2PI + series;
  }
  let sum = LANCZOS_C0;
  let denominator = x;
  for (const c of LANCZOS_COEFFICIENTS) {
    denominator += 1;
    sum += c / denominator;
  }
  const tmp = x + LANCZOS_G;
  return (x + 0.5) * Math.log(tmp) - tmp + Math.log((2.5066282746310005 * sum) / x);
}

/** True when x is 0, -1, -2, … (a pole of Γ, a zero of 1/Γ). */
export function isNonPositiveInteger(x: number): boolean {
  return x <= 0 && Number.isInteger(x);
}

/**
 * Natural logarithm of |Γ(x)| for real x.
 * Returns +Infinity at the poles (0, -1, -2, …); negative x use the reflection formula.
 */
export function logGamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (isNonPositiveInteger(x) || x === -Infinity) return Infinity;
  if (x > 0) return logGammaPositive(x);
  return Math.log(Math.PI / Math.abs(sinPi(x))) - logGammaPositive(1 - x);
}

/**
 * Digamma function ψ(x) = d/dx ln Γ(x) for real x (NaN at the poles 0, -1, -2, …).
 */
export function digamma(x: number): number {
  if (Number.isNaN(x) || isNonPositiveInteger(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (x < 0) return digamma(1 - x) - Math.PI / Math.tan(Math.PI * (x - Math.round(x)));
  let shift = 0;
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  // Asymptotic series; the first omitted term is below 1e-17 at x = 10.
  const y = 1 / (x * x);
  const series =
    y * (1 / 12 - y * (1 / 120 - y * (1 / 252 - y * (1 / 240 - y * (1 / 132 - y * (691 / 32760 - y / 12))))));
  return shift + Math.log(x) - 0.5 / x - series;
}

/** Sign of Γ(x): 1 or -1, and 0 at the poles 0, -1, -2, …. */
export function gammaSign(x: number): number {
  if (x > 0) return 1;
  if (isNonPositiveInteger(x)) return 0;
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}

/** Natural logarithm of the beta function B(a, b) = Γ(a)Γ(b)/Γ(a+b), for a, b > 0. */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** log(exp(u) + exp(v)) without overflow or underflow. */
export function logAddExp(u: number, v: number): number {
  if (u === -Infinity) return v;
  if (v === -Infinity) return u;
  const m = Math.max(u, v);
  return m + Math.log1p(Math.exp(-Math.abs(u - v)));
}

/** log(Σ exp(values[i])) without overflow or underflow; -Infinity for an empty list. */
export function logSumExp(values: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < values.length; i++) m = Math.max(m, values[i] as number);
  if (m === -Infinity || !Number.isFinite(m)) return m;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.exp((values[i] as number) - m);
  return m + Math.log(sum);
}

/** Options for {@link hyp2f1}. */
export interface Hyp2f1Options {
  /** Upper bound on the number of series terms before giving up (default 10,000,000). */
  maxTerms?: number;
}

const DEFAULT_MAX_TERMS = 10_000_000;
// Below this distance from an integer, c - a - b makes the z -> 1 - z transformation
// cancel catastrophically, so the plain series is summed instead.
const NEAR_INTEGER = 2e-3;
const TRANSFORM_ABOVE = 0.9;

/**
 * Sums the Gauss series Σ (a)_n (b)_n / ((c)_n n!) z^n.
 * Stops when a geometric bound on the remaining tail falls below machine precision.
 */
function gaussSeries(a: number, b: number, c: number, z: number, maxTerms: number): number {
  let sum = 1;
  let compensation = 0;
  let term = 1;
  // Past this index the term ratio approaches z monotonically (up to O(1/n²)), so the
  // remaining terms shrink at least geometrically with ratio max(|ratio|, |z|).
  const monotoneFrom = Math.abs(a) + Math.abs(b) + Math.abs(c) + 2;
  for (let n = 0; n < maxTerms; n++) {
    const ratio = (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    term *= ratio;
    // Neumaier summation: long series of same-sign terms near z = 1 otherwise lose digits.
    const t = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
    if (term === 0) return sum + compensation;
    if (!Number.isFinite(sum)) throw new RangeError(`hyp2f1(${a}, ${b}, ${c}, ${z}) overflows`);
    if (n >= monotoneFrom) {
      const rho = Math.max(Math.abs(ratio), Math.abs(z));
      if (rho < 1 && (Math.abs(term) * rho) / (1 - rho) <= EPS * Math.abs(sum + compensation)) {
        return sum + compensation;
      }
    }
  }
  throw new RangeError(
    `hyp2f1(${a}, ${b}, ${c}, ${z}): the series did not converge within ${maxTerms} terms ` +
      '(z is too close to 1 for this combination of parameters)',
  );
}

/** Finite sum when a (or b) is a non-positive integer: 2F1 is then a polynomial in z. */
function polynomial(a: number, b: number, c: number, z: number): number {
  const aPoly = isNonPositiveInteger(a);
  const bPoly = isNonPositiveInteger(b);
  const degree = aPoly && bPoly ? Math.min(-a, -b) : aPoly ? -a : -b;
  let sum = 1;
  let term = 1;
  for (let n = 0; n < degree; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
  }
  return sum;
}

/** Γ(num1)Γ(num2)/(Γ(den1)Γ(den2)) with signs, given that num1 and num2 are not poles. */
function gammaRatio(num1: number, num2: number, den1: number, den2: number): number {
  if (isNonPositiveInteger(den1) || isNonPositiveInteger(den2)) return 0;
  const sign = gammaSign(num1) * gammaSign(num2) * gammaSign(den1) * gammaSign(den2);
  return sign * Math.exp(logGamma(num1) + logGamma(num2) - logGamma(den1) - logGamma(den2));
}

/** 0 ≤ z < 1, a and b not non-positive integers, c not a pole. */
function hyp2f1Positive(a: number, b: number, c: number, z: number, maxTerms: number): number {
  const m = c - a - b;
  if (z <= TRANSFORM_ABOVE || Math.abs(m - Math.round(m)) < NEAR_INTEGER) {
    return gaussSeries(a, b, c, z, maxTerms);
  }
  // Abramowitz & Stegun 15.3.6: both series are in 1 - z < 0.1 and converge fast.
  const w = 1 - z;
  const first = gammaRatio(c, m, c - a, c - b) * gaussSeries(a, b, 1 - m, w, maxTerms);
  const second =
    gammaRatio(c, -m, a, b) * Math.pow(w, m) * gaussSeries(c - a, c - b, 1 + m, w, maxTerms);
  return first + second;
}

/**
 * Gauss hypergeometric function 2F1(a, b; c; z) for real parameters and real z < 1
 * (and z = 1 when c - a - b > 0, by Gauss's theorem).
 *
 * Uses the power series for 0 ≤ z ≤ 0.9, the z → 1 - z transformation above 0.9
 * (unless c - a - b is within 2e-3 of an integer, where the series is summed directly),
 * and Pfaff's transformation z → z/(z - 1) for negative z.
 * Throws a RangeError outside the domain or when the series cannot converge.
 */
export function hyp2f1(a: number, b: number, c: number, z: number, options: Hyp2f1Options = {}): number {
  const maxTerms = options.maxTerms ?? DEFAULT_MAX_TERMS;
  if (![a, b, c, z].every(Number.isFinite)) {
    throw new RangeError(`hyp2f1 needs finite arguments, got (${a}, ${b}, ${c}, ${z})`);
  }
  const aPoly = isNonPositiveInteger(a);
  const bPoly = isNonPositiveInteger(b);
  if (isNonPositiveInteger(c)) {
    // Defined only when the series terminates before (c)_n reaches zero.
    const terminates = (aPoly && a > c) || (bPoly && b > c);
    if (!terminates) throw new RangeError(`hyp2f1 is undefined for c = ${c}`);
  }
  if (z === 0 || a === 0 || b === 0) return 1;
  if (aPoly || bPoly) return polynomial(a, b, c, z);
  if (z > 1) throw new RangeError(`hyp2f1 is only implemented for z ≤ 1, got z = ${z}`);
  if (z === 1) {
    if (c - a - b <= 0) throw new RangeError(`hyp2f1 diverges at z = 1 when c - a - b ≤ 0`);
    return gammaRatio(c, c - a - b, c - a, c - b);
  }
  if (z < 0) {
    // Pfaff: 2F1(a,b;c;z) = (1-z)^(-a) 2F1(a, c-b; c; z/(z-1)), with z/(z-1) in (0, 1).
    return Math.pow(1 - z, -a) * hyp2f1(a, c - b, c, z / (z - 1), options);
  }
  return hyp2f1Positive(a, b, c, z, maxTerms);
}
