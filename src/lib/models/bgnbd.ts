/**
 * BG/NBD ("beta-geometric / negative binomial") model of repeat purchasing
 * (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way").
 * Formulas follow the Python `lifetimes` package's BetaGeoFitter.
 */

import { minimizePositive, type MinimizeOptions } from './optimize';
import { digamma, hyp2f1, logAddExp, logGamma } from './special';

/** BG/NBD parameters: purchase rates λ ~ Gamma(r, α), dropout probabilities p ~ Beta(a, b). */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/**
 * Per-customer calibration summary, one entry per customer in each array.
 * Times are in the model's unit (days or weeks).
 */
export interface BgNbdData {
  /** Repeat purchases (transactions after the first). */
  x: Float64Array;
  /** Recency: time from first to last purchase (0 when x = 0). */
  tx: Float64Array;
  /** Age: time from first purchase to the end of calibration. */
  T: Float64Array;
}

/** A fitted BG/NBD model. */
export interface BgNbdFit extends BgNbdParams {
  /** Total log-likelihood at the fitted parameters. */
  logLikelihood: number;
  iterations: number;
  evaluations: number;
  /** False when the optimiser stopped without meeting its tolerances: warn the user. */
  converged: boolean;
  /** Optimiser that produced the estimate (BFGS unless it had to fall back). */
  method: 'bfgs' | 'nelder-mead';
  customers: number;
}

/** Options for {@link fitBgNbd}. */
export interface FitBgNbdOptions extends MinimizeOptions {
  /** Starting point; by default r = a = b = 1 and α scaled to the data's purchase rate. */
  initial?: BgNbdParams;
}

/** The smallest number of customers {@link fitBgNbd} accepts. */
export const MIN_CUSTOMERS = 10;

/**
 * Log-likelihood of one customer's (x, t_x, T) under the BG/NBD model.
 */
export function bgnbdLogLikelihoodOne(params: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  const a1 = logGamma(r + x) - logGamma(r) + r * Math.log(alpha);
  const a2 = logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x);
  const a3 = -(r + x) * Math.log(alpha + T);
  if (x === 0) return a1 + a2 + a3;
  const a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  return a1 + a2 + logAddExp(a3, a4);
}

interface PreparedLikelihood {
  value(params: BgNbdParams): number;
  /** Value and gradient with respect to (r, α, a, b). */
  valueAndGradient(params: BgNbdParams): { value: number; gradient: number[] };
}

/**
 * Precomputes what does not depend on the parameters, so that evaluating the
 * likelihood costs about three logarithms per customer: the gamma-function
 * terms only depend on x, which takes few distinct values.
 */
function prepare(data: BgNbdData): PreparedLikelihood {
  const { x, tx, T } = data;
  const n = x.length;
  const indexOf = new Map<number, number>();
  const xIndex = new Int32Array(n);
  const distinct: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    const xi = x[i] as number;
    let k = indexOf.get(xi);
    if (k === undefined) {
      k = distinct.length;
      indexOf.set(xi, k);
      distinct.push(xi);
      counts.push(0);
    }
    counts[k] = (counts[k] as number) + 1;
    xIndex[i] = k;
  }
  const logBx1 = new Float64Array(distinct.length);
  const invBx1 = new Float64Array(distinct.length);

  const evaluate = (params: BgNbdParams, gradient: number[] | null): number => {
    const { r, alpha, a, b } = params;
    let total = n * (r * Math.log(alpha) - logGamma(r) + logGamma(a + b) - logGamma(b));
    for (let k = 0; k < distinct.length; k++) {
      const xk = distinct[k] as number;
      total += (counts[k] as number) * (logGamma(r + xk) + logGamma(b + xk) - logGamma(a + b + xk));
      logBx1[k] = Math.log(b + xk - 1);
      invBx1[k] = 1 / (b + xk - 1);
    }
    const logA = Math.log(a);
    let dr = 0;
    let dAlpha = 0;
    let da = 0;
    let db = 0;
    for (let i = 0; i < n; i++) {
      const xi = x[i] as number;
      const rx = r + xi;
      const logAgeTerm = Math.log(alpha + (T[i] as number));
      const a3 = -rx * logAgeTerm;
      if (xi === 0) {
        total += a3;
        if (gradient) {
          dr -= logAgeTerm;
          dAlpha -= r / (alpha + (T[i] as number));
        }
        continue;
      }
      const k = xIndex[i] as number;
      const logRecencyTerm = Math.log(alpha + (tx[i] as number));
      const a4 = logA - (logBx1[k] as number) - rx * logRecencyTerm;
      // log(e^a3 + e^a4), and the share w4 of the "dropped out after the last purchase" branch.
      const e = Math.exp(-Math.abs(a3 - a4));
      total += (a3 > a4 ? a3 : a4) + Math.log1p(e);
      if (gradient) {
        const w4 = a4 >= a3 ? 1 / (1 + e) : e / (1 + e);
        const w3 = 1 - w4;
        dr -= w3 * logAgeTerm + w4 * logRecencyTerm;
        dAlpha -= rx * (w3 / (alpha + (T[i] as number)) + w4 / (alpha + (tx[i] as number)));
        da += w4 / a;
        db -= w4 * (invBx1[k] as number);
      }
    }
    if (gradient) {
      dr += n * (Math.log(alpha) - digamma(r));
      dAlpha += (n * r) / alpha;
      da += n * digamma(a + b);
      db += n * (digamma(a + b) - digamma(b));
      for (let k = 0; k < distinct.length; k++) {
        const xk = distinct[k] as number;
        const c = counts[k] as number;
        const psiABX = digamma(a + b + xk);
        dr += c * digamma(r + xk);
        da -= c * psiABX;
        db += c * (digamma(b + xk) - psiABX);
      }
      gradient.splice(0, gradient.length, dr, dAlpha, da, db);
    }
    return total;
  };
  return {
    value: (params) => evaluate(params, null),
    valueAndGradient: (params) => {
      const gradient: number[] = [];
      const value = evaluate(params, gradient);
      return { value, gradient };
    },
  };
}

/**
 * Gradient of the total BG/NBD log-likelihood with respect to (r, α, a, b).
 */
export function bgnbdLogLikelihoodGradient(params: BgNbdParams, data: BgNbdData): number[] {
  return prepare(data).valueAndGradient(params).gradient;
}

/** Total BG/NBD log-likelihood over all customers in `data`. */
export function bgnbdLogLikelihood(params: BgNbdParams, data: BgNbdData): number {
  return prepare(data).value(params);
}

/**
 * Checks that `data` can be fitted; throws an Error that says what is wrong otherwise.
 */
export function validateBgNbdData(data: BgNbdData): void {
  const { x, tx, T } = data;
  const n = x.length;
  if (tx.length !== n || T.length !== n) {
    throw new Error(
      `The customer summary is inconsistent: ${n} purchase counts, ${tx.length} recencies and ${T.length} ages.`,
    );
  }
  if (n === 0) throw new Error('Cannot fit the BG/NBD model: there are no customers.');
  if (n < MIN_CUSTOMERS) {
    throw new Error(
      `Cannot fit the BG/NBD model reliably with only ${n} customers; at least ${MIN_CUSTOMERS} are needed.`,
    );
  }
  let repeatBuyers = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i] as number;
    const txi = tx[i] as number;
    const Ti = T[i] as number;
    if (!Number.isFinite(xi) || !Number.isFinite(txi) || !Number.isFinite(Ti)) {
      throw new Error(`Customer at row ${i} has a missing or non-finite value (x=${xi}, t_x=${txi}, T=${Ti}).`);
    }
    if (xi < 0 || txi < 0 || Ti < 0) {
      throw new Error(`Customer at row ${i} has a negative value (x=${xi}, t_x=${txi}, T=${Ti}).`);
    }
    if (txi > Ti * (1 + 1e-12)) {
      throw new Error(`Customer at row ${i} has recency t_x=${txi} after the end of calibration (T=${Ti}).`);
    }
    if (xi === 0 && txi !== 0) {
      throw new Error(`Customer at row ${i} has no repeat purchases but a recency of ${txi}; it should be 0.`);
    }
    if (xi > 0) repeatBuyers++;
  }
  if (repeatBuyers === 0) {
    throw new Error(
      'Cannot fit the BG/NBD model: no customer made a repeat purchase in the calibration period, ' +
        'so purchase rates and dropout cannot be estimated. Use a longer calibration period.',
    );
  }
}

/**
 * Fits the BG/NBD model by maximum likelihood (BFGS with the analytic gradient on
 * log-parameters, Nelder–Mead as the fallback).
 * Throws for data that cannot be fitted (see {@link validateBgNbdData});
 * a fit that does not converge is returned with `converged: false`.
 */
export function fitBgNbd(data: BgNbdData, options: FitBgNbdOptions = {}): BgNbdFit {
  validateBgNbdData(data);
  const n = data.x.length;
  const likelihood = prepare(data);
  let initial = options.initial;
  if (!initial) {
    let sumX = 0;
    let sumT = 0;
    for (let i = 0; i < n; i++) {
      sumX += data.x[i] as number;
      sumT += data.T[i] as number;
    }
    // With r = 1 the mean purchase rate is 1/α: match it to the observed rate so
    // that the start does not depend on whether time is in days or weeks.
    initial = { r: 1, alpha: sumT > 0 ? sumT / sumX : 1, a: 1, b: 1 };
  }
  const toParams = (p: readonly number[]): BgNbdParams => ({
    r: p[0] as number,
    alpha: p[1] as number,
    a: p[2] as number,
    b: p[3] as number,
  });
  // The mean (not total) negative log-likelihood keeps the tolerances meaningful for any n.
  const result = minimizePositive(
    (p) => -likelihood.value(toParams(p)) / n,
    [initial.r, initial.alpha, initial.a, initial.b],
    options,
    (p) => {
      const { value, gradient } = likelihood.valueAndGradient(toParams(p));
      return { value: -value / n, gradient: gradient.map((g) => -g / n) };
    },
  );
  const params = toParams(result.x);
  return {
    ...params,
    logLikelihood: likelihood.value(params),
    iterations: result.iterations,
    evaluations: result.evaluations,
    converged: result.converged && [params.r, params.alpha, params.a, params.b].every(Number.isFinite),
    method: result.method,
    customers: n,
  };
}

/**
 * (a+b+x-1)/(a-1) · [1 - w^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; 1-w)], the expected
 * purchases in (T, T+t] of a customer who is alive at T, where w = (α+T)/(α+T+t).
 *
 * This is the `lifetimes` expression after Euler's transformation
 * 2F1(A,B;C;z) = (1-z)^(C-A-B) 2F1(C-A,C-B;C;z): the original series has terms that grow
 * like x^n for large x and overflow, the transformed one does not.
 */
function aliveExpectation(params: BgNbdParams, x: number, T: number, t: number): number {
  if (t === 0) return 0;
  // At a = 1 the expression is 0/0: interpolate between two points either side instead.
  const h = 1e-5;
  const { a } = params;
  if (Math.abs(a - 1) < h) {
    const lo = aliveExpectationAwayFromOne({ ...params, a: 1 - 2 * h }, x, T, t);
    const hi = aliveExpectationAwayFromOne({ ...params, a: 1 + 2 * h }, x, T, t);
    return lo + ((a - (1 - 2 * h)) / (4 * h)) * (hi - lo);
  }
  return aliveExpectationAwayFromOne(params, x, T, t);
}

function aliveExpectationAwayFromOne(params: BgNbdParams, x: number, T: number, t: number): number {
  const { r, alpha, a, b } = params;
  const c = a + b + x - 1;
  const f = hyp2f1(a + b - 1 - r, a - 1, c, t / (alpha + T + t));
  const w = (alpha + T) / (alpha + T + t);
  return (c / (a - 1)) * (1 - f * Math.pow(w, a - 1));
}

/**
 * Unconditional expected number of repeat purchases E[X(t)] in (0, t] for a
 * randomly chosen new customer (FHL 2005, eq. 9).
 */
export function expectedPurchases(params: BgNbdParams, t: number): number {
  if (!(t >= 0)) throw new RangeError(`expectedPurchases needs t ≥ 0, got ${t}`);
  return aliveExpectation(params, 0, 0, t);
}

/**
 * Probability that a customer with history (x, t_x, T) is still alive at T.
 * It is 1 when x = 0: in BG/NBD customers can only drop out right after a repeat purchase.
 */
export function probabilityAlive(params: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const { r, alpha, a, b } = params;
  const logOdds = Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + T) / (alpha + tx));
  return logOdds > 0 ? Math.exp(-logOdds) / (1 + Math.exp(-logOdds)) : 1 / (1 + Math.exp(logOdds));
}

/**
 * Expected number of purchases in (T, T + t] for a customer with history
 * (x, t_x, T) (FHL 2005, eq. 10).
 */
export function conditionalExpectedPurchases(
  params: BgNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  if (!(t >= 0)) throw new RangeError(`conditionalExpectedPurchases needs t ≥ 0, got ${t}`);
  return aliveExpectation(params, x, T, t) * probabilityAlive(params, x, tx, T);
}
