/**
 * Minimisation over strictly positive parameters, the way the models are fitted:
 * quasi-Newton (BFGS) on log-parameters when an analytic gradient is available,
 * with Nelder–Mead (derivative-free, with restarts) as the fallback.
 */

import { bfgs } from './bfgs';
import {
  DEFAULT_MAX_EVALUATIONS,
  type MinimizeOptions,
  type MinimizeResult,
  type ValueAndGradient,
} from './minimize';
import { nelderMead } from './nelderMead';

export { DEFAULT_MAX_EVALUATIONS, type MinimizeOptions, type MinimizeResult, type ValueAndGradient };

const FALLBACK_EVALUATIONS = 2_000;

/**
 * Minimises `f` over strictly positive parameters by searching over their logarithms.
 * With `gradient` (d f / d params at the positive parameters) it runs BFGS, falling back
 * to Nelder–Mead from the best point if BFGS fails; without it, Nelder–Mead alone.
 * `initial` must be positive; the result's `x` holds the positive parameters.
 */
export function minimizePositive(
  f: (params: readonly number[]) => number,
  initial: readonly number[],
  options: MinimizeOptions = {},
  gradient?: (params: readonly number[]) => ValueAndGradient,
): MinimizeResult {
  if (!initial.every((v) => v > 0 && Number.isFinite(v))) {
    throw new RangeError('minimizePositive needs finite, strictly positive starting parameters');
  }
  const start = initial.map(Math.log);
  const onLogScale = (logParams: readonly number[]): number => f(logParams.map(Math.exp));
  if (!gradient || options.method === 'nelder-mead') {
    const result = nelderMead(onLogScale, start, options);
    return { ...result, x: result.x.map(Math.exp) };
  }
  // Chain rule: d f / d log θ = θ · d f / d θ.
  const withGradient = (logParams: readonly number[]): ValueAndGradient => {
    const params = logParams.map(Math.exp);
    const { value, gradient: g } = gradient(params);
    return { value, gradient: g.map((gi, i) => gi * (params[i] as number)) };
  };
  const quasiNewton = bfgs(withGradient, start, options);
  if (quasiNewton.converged) return { ...quasiNewton, x: quasiNewton.x.map(Math.exp) };
  // The fallback mostly runs when the optimum is on the boundary (a parameter heading to 0 or
  // infinity), where the simplex cannot converge either: cap its cost on large data sets.
  const remaining = (options.maxEvaluations ?? DEFAULT_MAX_EVALUATIONS) - quasiNewton.evaluations;
  const budget = Math.min(remaining, FALLBACK_EVALUATIONS);
  const fallback = nelderMead(onLogScale, quasiNewton.x, { ...options, maxEvaluations: Math.max(budget, 0) });
  const better = fallback.value <= quasiNewton.value ? fallback : quasiNewton;
  return {
    ...better,
    x: better.x.map(Math.exp),
    iterations: quasiNewton.iterations + fallback.iterations,
    evaluations: quasiNewton.evaluations + fallback.evaluations,
    converged: fallback.converged,
  };
}
