/**
 * Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005,
 * "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis"; Fader & Hardie
 * note 025). Formulas follow the Python `lifetimes` package's GammaGammaFitter.
 */

import { minimizePositive, type MinimizeOptions } from './optimize';
import { digamma, logGamma } from './special';

/**
 * Gamma-Gamma parameters: a customer's transaction values are Gamma(p, ν) and
 * ν ~ Gamma(q, γ) across customers.
 */
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** Repeat purchases and mean repeat spend per customer (x = 0 rows are ignored). */
export interface GammaGammaData {
  /** Repeat purchases. */
  x: Float64Array;
  /** Mean value of the repeat transactions (first purchase excluded). */
  mbar: Float64Array;
}

/** A fitted Gamma-Gamma model. */
export interface GammaGammaFit extends GammaGammaParams {
  /** Total log-likelihood over the repeat buyers at the fitted parameters. */
  logLikelihood: number;
  iterations: number;
  evaluations: number;
  /** False when the optimiser stopped without meeting its tolerances: warn the user. */
  converged: boolean;
  /** Optimiser that produced the estimate (BFGS unless it had to fall back). */
  method: 'bfgs' | 'nelder-mead';
  /** Number of repeat buyers the model was fitted on. */
  customers: number;
}

/** Options for {@link fitGammaGamma}. */
export interface FitGammaGammaOptions extends MinimizeOptions {
  /** Starting point; by default p = 1, q = 2 and γ = the mean of mbar. */
  initial?: GammaGammaParams;
}

/** The smallest number of repeat buyers {@link fitGammaGamma} accepts. */
export const MIN_REPEAT_BUYERS = 10;

interface RepeatBuyers {
  x: Float64Array;
  mbar: Float64Array;
}

function repeatBuyersOf(data: GammaGammaData): RepeatBuyers {
  const { x, mbar } = data;
  if (x.length !== mbar.length) {
    throw new Error(`The spend summary is inconsistent: ${x.length} purchase counts but ${mbar.length} spends.`);
  }
  let count = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    const mi = mbar[i] as number;
    if (!Number.isFinite(xi) || xi < 0) {
      throw new Error(`Customer at row ${i} has an invalid number of repeat purchases (${xi}).`);
    }
    if (xi > 0) {
      if (!Number.isFinite(mi) || mi <= 0) {
        throw new Error(
          `Customer at row ${i} has a mean repeat spend of ${mi}; the Gamma-Gamma model needs positive amounts.`,
        );
      }
      count++;
    }
  }
  const out = { x: new Float64Array(count), mbar: new Float64Array(count) };
  for (let i = 0, j = 0; i < x.length; i++) {
    if ((x[i] as number) > 0) {
      out.x[j] = x[i] as number;
      out.mbar[j] = mbar[i] as number;
      j++;
    }
  }
  return out;
}

interface PreparedLikelihood {
  value(params: GammaGammaParams): number;
  /** Value and gradient with respect to (p, q, γ). */
  valueAndGradient(params: GammaGammaParams): { value: number; gradient: number[] };
}

/** Precomputes everything that does not depend on the parameters. */
function prepare(buyers: RepeatBuyers): PreparedLikelihood {
  const { x, mbar } = buyers;
  const n = x.length;
  const counts = new Map<number, number>();
  let sumLogM = 0;
  const spend = new Float64Array(n);
  const logSpend = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const xi = x[i] as number;
    const mi = mbar[i] as number;
    counts.set(xi, (counts.get(xi) ?? 0) + 1);
    sumLogM += Math.log(mi);
    spend[i] = xi * mi;
    logSpend[i] = Math.log(xi * mi);
  }
  const distinctX = Float64Array.from(counts.keys());
  const distinctCount = Float64Array.from(counts.values());

  const evaluate = ({ p, q, gamma }: GammaGammaParams, gradient: number[] | null): number => {
    let total = n * (q * Math.log(gamma) - logGamma(q)) - sumLogM;
    let dp = 0;
    let dq = 0;
    let dGamma = 0;
    for (let k = 0; k < distinctX.length; k++) {
      const xk = distinctX[k] as number;
      const c = distinctCount[k] as number;
      const px = p * xk;
      total += c * (logGamma(px + q) - logGamma(px));
      if (gradient) {
        const psiPxQ = digamma(px + q);
        dp += c * xk * (psiPxQ - digamma(px));
        dq += c * psiPxQ;
      }
    }
    for (let i = 0; i < n; i++) {
      // (px - 1)·ln m + px·ln x = px·ln(x·m) - ln m; the ln m part is in sumLogM.
      const xi = x[i] as number;
      const px = p * xi;
      const logTotal = Math.log((spend[i] as number) + gamma);
      total += px * (logSpend[i] as number) - (px + q) * logTotal;
      if (gradient) {
        dp += xi * ((logSpend[i] as number) - logTotal);
        dq -= logTotal;
        dGamma -= (px + q) / ((spend[i] as number) + gamma);
      }
    }
    if (gradient) {
      dq += n * (Math.log(gamma) - digamma(q));
      dGamma += (n * q) / gamma;
      gradient.splice(0, gradient.length, dp, dq, dGamma);
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
 * Gamma-Gamma log-likelihood of the mean repeat spends, summed over customers with x > 0
 * (the density of mbar given x, as in `lifetimes`).
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, data: GammaGammaData): number {
  return prepare(repeatBuyersOf(data)).value(params);
}

/** Gradient of {@link gammaGammaLogLikelihood} with respect to (p, q, γ). */
export function gammaGammaLogLikelihoodGradient(params: GammaGammaParams, data: GammaGammaData): number[] {
  return prepare(repeatBuyersOf(data)).valueAndGradient(params).gradient;
}

/**
 * Fits the Gamma-Gamma model by maximum likelihood on the repeat buyers (x > 0).
 * Throws when there are fewer than {@link MIN_REPEAT_BUYERS} repeat buyers or a spend
 * is not positive; a fit that does not converge is returned with `converged: false`.
 */
export function fitGammaGamma(data: GammaGammaData, options: FitGammaGammaOptions = {}): GammaGammaFit {
  const buyers = repeatBuyersOf(data);
  const n = buyers.x.length;
  if (n === 0) {
    throw new Error('Cannot fit the spend model: no customer made a repeat purchase in the calibration period.');
  }
  if (n < MIN_REPEAT_BUYERS) {
    throw new Error(
      `Cannot fit the spend model reliably with only ${n} repeat buyers; at least ${MIN_REPEAT_BUYERS} are needed.`,
    );
  }
  const likelihood = prepare(buyers);
  let initial = options.initial;
  if (!initial) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += buyers.mbar[i] as number;
    // Population mean spend is pγ/(q-1): with p = 1, q = 2 it equals γ.
    initial = { p: 1, q: 2, gamma: sum / n };
  }
  const toParams = (v: readonly number[]): GammaGammaParams => ({
    p: v[0] as number,
    q: v[1] as number,
    gamma: v[2] as number,
  });
  const result = minimizePositive(
    (v) => -likelihood.value(toParams(v)) / n,
    [initial.p, initial.q, initial.gamma],
    options,
    (v) => {
      const { value, gradient } = likelihood.valueAndGradient(toParams(v));
      return { value: -value / n, gradient: gradient.map((g) => -g / n) };
    },
  );
  const params = toParams(result.x);
  return {
    ...params,
    logLikelihood: likelihood.value(params),
    iterations: result.iterations,
    evaluations: result.evaluations,
    converged: result.converged && [params.p, params.q, params.gamma].every(Number.isFinite),
    method: result.method,
    customers: n,
  };
}

/**
 * Expected mean spend per transaction for a customer with x repeat purchases of mean
 * value mbar: a credibility-weighted mix of the population mean pγ/(q-1) and mbar.
 * For x = 0 it is the population mean. Throws when q ≤ 1 (the population mean is infinite).
 */
export function conditionalExpectedSpend(params: GammaGammaParams, x: number, mbar: number): number {
  const { p, q, gamma } = params;
  if (!(q > 1)) {
    throw new RangeError(`The spend model has q = ${q} ≤ 1, so its population mean spend is infinite.`);
  }
  const populationMean = (p * gamma) / (q - 1);
  if (x === 0) return populationMean;
  const weight = (p * x) / (p * x + q - 1);
  return (1 - weight) * populationMean + weight * mbar;
}
