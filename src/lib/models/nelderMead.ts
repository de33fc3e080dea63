/**
 * Nelder–Mead simplex minimisation with restarts.
 */

import { DEFAULT_MAX_EVALUATIONS, type MinimizeOptions, type MinimizeResult } from './minimize';

interface RunResult {
  x: number[];
  value: number;
  iterations: number;
  converged: boolean;
}

/**
 * Minimises `f` with the Nelder–Mead simplex method, using the dimension-adaptive
 * coefficients of Gao & Han (2012). Each time the simplex collapses, it is rebuilt
 * around the best point; the search is converged when a rebuild finds no improvement.
 * Non-finite function values count as +Infinity, so invalid regions repel the simplex.
 */
export function nelderMead(
  f: (x: readonly number[]) => number,
  x0: readonly number[],
  options: MinimizeOptions = {},
): MinimizeResult {
  const fTol = options.fTolerance ?? 1e-12;
  const xTol = options.xTolerance ?? 1e-8;
  const maxEvaluations = options.maxEvaluations ?? DEFAULT_MAX_EVALUATIONS;
  const step = options.initialStep ?? 0.5;
  const maxRestarts = options.maxRestarts ?? 5;
  if (x0.length === 0) throw new RangeError('nelderMead needs at least one coordinate');
  if (!x0.every(Number.isFinite)) throw new RangeError('nelderMead needs a finite starting point');

  let evaluations = 0;
  const evaluate = (x: readonly number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };
  const budgetLeft = (): number => maxEvaluations - evaluations;

  let best = runSimplex(evaluate, [...x0], step, fTol, xTol, budgetLeft);
  let iterations = best.iterations;
  let restarts = 0;
  let converged = false;
  while (best.converged && restarts < maxRestarts && budgetLeft() > 0) {
    restarts++;
    const next = runSimplex(evaluate, best.x, step, fTol, xTol, budgetLeft);
    iterations += next.iterations;
    const improved = next.value < best.value - fTol * Math.abs(best.value);
    if (next.value <= best.value) best = next;
    else best = { ...best, converged: next.converged };
    if (!improved && next.converged) {
      converged = true;
      break;
    }
  }
  return { x: best.x, value: best.value, iterations, evaluations, restarts, converged, method: 'nelder-mead' };
}

function runSimplex(
  evaluate: (x: readonly number[]) => number,
  start: number[],
  step: number,
  fTol: number,
  xTol: number,
  budgetLeft: () => number,
): RunResult {
  const n = start.length;
  const reflection = 1;
  const expansion = 1 + 2 / n;
  const contraction = 0.75 - 1 / (2 * n);
  const shrinkage = 1 - 1 / n;

  const points: number[][] = [start.slice()];
  for (let i = 0; i < n; i++) {
    const p = start.slice();
    p[i] = (p[i] as number) + step;
    points.push(p);
  }
  const values = points.map((p) => evaluate(p));
  let iterations = 0;
  const along = (from: number[], to: readonly number[], t: number): number[] =>
    from.map((v, j) => v + t * ((to[j] as number) - v));

  for (;;) {
    const order = values.map((_, i) => i).sort((i, j) => (values[i] as number) - (values[j] as number));
    const sortedPoints = order.map((i) => points[i] as number[]);
    const sortedValues = order.map((i) => values[i] as number);
    points.splice(0, points.length, ...sortedPoints);
    values.splice(0, values.length, ...sortedValues);

    const bestValue = values[0] as number;
    const worstValue = values[n] as number;
    const bestPoint = points[0] as number[];
    let size = 0;
    for (let i = 1; i <= n; i++) {
      const p = points[i] as number[];
      for (let j = 0; j < n; j++) size = Math.max(size, Math.abs((p[j] as number) - (bestPoint[j] as number)));
    }
    const flat = Number.isFinite(worstValue) && worstValue - bestValue <= fTol * Math.abs(bestValue) + 1e-300;
    if (flat && size <= xTol) return { x: bestPoint.slice(), value: bestValue, iterations, converged: true };
    if (budgetLeft() <= 0) return { x: bestPoint.slice(), value: bestValue, iterations, converged: false };
    iterations++;

    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      const p = points[i] as number[];
      for (let j = 0; j < n; j++) centroid[j] = (centroid[j] as number) + (p[j] as number) / n;
    }
    const worst = points[n] as number[];
    const secondWorstValue = values[n - 1] as number;

    const reflected = along(centroid, worst, -reflection);
    const fr = evaluate(reflected);
    if (fr < bestValue) {
      const expanded = along(centroid, worst, -reflection * expansion);
      const fe = evaluate(expanded);
      if (fe < fr) replaceWorst(expanded, fe);
      else replaceWorst(reflected, fr);
      continue;
    }
    if (fr < secondWorstValue) {
      replaceWorst(reflected, fr);
      continue;
    }
    if (fr < worstValue) {
      const outside = along(centroid, worst, -reflection * contraction);
      const fo = evaluate(outside);
      if (fo <= fr) {
        replaceWorst(outside, fo);
        continue;
      }
    } else {
      const inside = along(centroid, worst, contraction);
      const fi = evaluate(inside);
      if (fi < worstValue) {
        replaceWorst(inside, fi);
        continue;
      }
    }
    for (let i = 1; i <= n; i++) {
      const shrunk = along(bestPoint, points[i] as number[], shrinkage);
      points[i] = shrunk;
      values[i] = evaluate(shrunk);
    }
  }

  function replaceWorst(p: number[], v: number): void {
    points[n] = p;
    values[n] = v;
  }
}
