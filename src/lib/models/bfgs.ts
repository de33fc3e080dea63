/**
 * BFGS quasi-Newton minimisation with a strong-Wolfe line search
 * (Nocedal & Wright, "Numerical Optimization", algorithms 3.5, 3.6 and 6.1).
 */

import { DEFAULT_MAX_EVALUATIONS, type MinimizeOptions, type MinimizeResult, type ValueAndGradient } from './minimize';

const C1 = 1e-4;
const C2 = 0.9;
const MAX_LINE_SEARCH_STEPS = 40;

interface Point {
  x: number[];
  value: number;
  gradient: number[];
}

const dot = (u: readonly number[], v: readonly number[]): number => {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += (u[i] as number) * (v[i] as number);
  return s;
};
const maxAbs = (u: readonly number[]): number => u.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

/**
 * Minimises a smooth function given its value and gradient. Converged when every
 * gradient component is at most `gTolerance` (default 1e-9); it stops without
 * converging when the line search can make no more progress or the budget runs out.
 */
export function bfgs(
  fg: (x: readonly number[]) => ValueAndGradient,
  x0: readonly number[],
  options: MinimizeOptions = {},
): MinimizeResult {
  const gTol = options.gTolerance ?? 1e-9;
  const maxEvaluations = options.maxEvaluations ?? DEFAULT_MAX_EVALUATIONS;
  const n = x0.length;
  let evaluations = 0;
  const evaluate = (x: number[]): Point => {
    evaluations++;
    const { value, gradient } = fg(x);
    const finite = Number.isFinite(value) && gradient.every(Number.isFinite);
    return finite ? { x, value, gradient } : { x, value: Infinity, gradient };
  };

  let current = evaluate([...x0]);
  if (!Number.isFinite(current.value)) {
    return result(current, 0, false);
  }
  // Inverse Hessian approximation, row-major.
  let h = identity(n);
  let iterations = 0;
  let firstStep = true;
  while (evaluations < maxEvaluations) {
    if (maxAbs(current.gradient) <= gTol) return result(current, iterations, true);
    let direction = h.map((row) => -dot(row, current.gradient));
    if (dot(direction, current.gradient) >= 0) {
      // Not a descent direction (the approximation went bad): restart from steepest descent.
      h = identity(n);
      direction = current.gradient.map((g) => -g);
    }
    // Until curvature is known, keep the first trial step to unit length in the worst coordinate.
    const initialAlpha = firstStep ? Math.min(1, 1 / maxAbs(direction)) : 1;
    const next = lineSearch(evaluate, current, direction, initialAlpha, () => evaluations < maxEvaluations);
    if (!next) return result(current, iterations, false);
    iterations++;
    const s = next.x.map((v, i) => v - (current.x[i] as number));
    const y = next.gradient.map((v, i) => v - (current.gradient[i] as number));
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (firstStep) h = identity(n).map((row) => row.map((v) => (v * sy) / dot(y, y)));
      h = bfgsUpdate(h, s, y, sy);
      firstStep = false;
    }
    current = next;
  }
  return result(current, iterations, maxAbs(current.gradient) <= gTol);

  function result(p: Point, its: number, converged: boolean): MinimizeResult {
    return { x: p.x, value: p.value, iterations: its, evaluations, restarts: 0, converged, method: 'bfgs' };
  }
}

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

/** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1 / (yᵀ s). */
function bfgsUpdate(h: number[][], s: number[], y: number[], sy: number): number[][] {
  const rho = 1 / sy;
  const hy = h.map((row) => dot(row, y));
  const yhy = dot(y, hy);
  return h.map((row, i) =>
    row.map(
      (v, j) =>
        v -
        rho * ((hy[i] as number) * (s[j] as number) + (s[i] as number) * (hy[j] as number)) +
        (rho * rho * yhy + rho) * (s[i] as number) * (s[j] as number),
    ),
  );
}

/**
 * Finds a step along `direction` meeting the strong Wolfe conditions; null if none is
 * found (e.g. the function is flat to machine precision along the direction).
 */
function lineSearch(
  evaluate: (x: number[]) => Point,
  start: Point,
  direction: number[],
  initialAlpha: number,
  canEvaluate: () => boolean,
): Point | null {
  const f0 = start.value;
  const d0 = dot(start.gradient, direction);
  const at = (alpha: number): Point => evaluate(start.x.map((v, i) => v + alpha * (direction[i] as number)));
  const slope = (p: Point): number => dot(p.gradient, direction);
  const sufficientDecrease = (alpha: number, p: Point): boolean => p.value <= f0 + C1 * alpha * d0;

  let previousAlpha = 0;
  let previous = start;
  let alpha = initialAlpha;
  for (let i = 0; i < MAX_LINE_SEARCH_STEPS && canEvaluate(); i++) {
    const p = at(alpha);
    if (!sufficientDecrease(alpha, p) || (i > 0 && p.value >= previous.value)) {
      return zoom(previousAlpha, previous, alpha, p);
    }
    const d = slope(p);
    if (Math.abs(d) <= -C2 * d0) return p;
    if (d >= 0) return zoom(alpha, p, previousAlpha, previous);
    previousAlpha = alpha;
    previous = p;
    alpha *= 2;
  }
  return previousAlpha > 0 ? previous : null;

  function zoom(loAlpha: number, lo: Point, hiAlpha: number, hi: Point): Point | null {
    for (let j = 0; j < MAX_LINE_SEARCH_STEPS && canEvaluate(); j++) {
      const width = hiAlpha - loAlpha;
      // Minimum of the quadratic through lo (value and slope) and hi (value),
      // kept away from the ends of the bracket; bisection when hi is not finite.
      let trial = loAlpha + width / 2;
      const dLo = slope(lo);
      if (Number.isFinite(hi.value)) {
        const denominator = 2 * (hi.value - lo.value - dLo * width);
        if (denominator > 0) trial = loAlpha - (dLo * width * width) / denominator;
      }
      const low = Math.min(loAlpha, hiAlpha) + 0.1 * Math.abs(width);
      const high = Math.max(loAlpha, hiAlpha) - 0.1 * Math.abs(width);
      trial = Math.min(Math.max(trial, low), high);
      if (Math.abs(width) < 1e-16 * Math.max(1, Math.abs(loAlpha))) break;

      const p = at(trial);
      if (!sufficientDecrease(trial, p) || p.value >= lo.value) {
        hiAlpha = trial;
        hi = p;
        continue;
      }
      const d = slope(p);
      if (Math.abs(d) <= -C2 * d0) return p;
      if (d * (hiAlpha - loAlpha) >= 0) {
        hiAlpha = loAlpha;
        hi = lo;
      }
      loAlpha = trial;
      lo = p;
    }
    // Accept the best point seen if it is a strict improvement, even without the curvature condition.
    return loAlpha !== 0 && lo.value < f0 ? lo : null;
  }
}
