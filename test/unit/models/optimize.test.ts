import { describe, expect, it } from 'vitest';
import { bfgs, minimizePositive, nelderMead } from '../../../src/lib/models';

const rosenbrock = (v: readonly number[]): number => {
  const [x, y] = v as [number, number];
  return 100 * (y - x * x) ** 2 + (1 - x) ** 2;
};
const rosenbrockGradient = (v: readonly number[]): number[] => {
  const [x, y] = v as [number, number];
  return [-400 * x * (y - x * x) - 2 * (1 - x), 200 * (y - x * x)];
};

describe('nelderMead', () => {
  it('finds the minimum of the Rosenbrock valley', () => {
    const result = nelderMead(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
    expect(result.value).toBeLessThan(1e-12);
    expect(result.method).toBe('nelder-mead');
  });

  it('treats NaN as +Infinity and stays out of the invalid region', () => {
    const f = (v: readonly number[]): number => {
      const x = v[0] as number;
      return x <= 0 ? NaN : x - Math.log(x); // minimum at x = 1
    };
    const result = nelderMead(f, [3]);
    expect(result.x[0]).toBeCloseTo(1, 6);
  });

  it('reports converged = false when the evaluation budget runs out', () => {
    const result = nelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 20 });
    expect(result.converged).toBe(false);
    expect(result.evaluations).toBeLessThanOrEqual(25);
  });
});

describe('bfgs', () => {
  it('finds the minimum of the Rosenbrock valley from its gradient', () => {
    const result = bfgs((v) => ({ value: rosenbrock(v), gradient: rosenbrockGradient(v) }), [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 8);
    expect(result.x[1]).toBeCloseTo(1, 8);
    // Far fewer evaluations than the simplex needs.
    expect(result.evaluations).toBeLessThan(200);
  });

  it('minimises a badly scaled quadratic exactly', () => {
    const scales = [1, 1e3, 1e-2];
    const result = bfgs(
      (v) => ({
        value: v.reduce((s, x, i) => s + (scales[i] as number) * (x - i) ** 2, 0),
        gradient: v.map((x, i) => 2 * (scales[i] as number) * (x - i)),
      }),
      [5, 5, 5],
    );
    expect(result.converged).toBe(true);
    result.x.forEach((x, i) => expect(x).toBeCloseTo(i, 6));
  });
});

describe('minimizePositive', () => {
  // f(θ) = Σ θ_i - c_i ln θ_i is minimised at θ_i = c_i.
  const targets = [0.02, 3, 450];
  const f = (p: readonly number[]): number => p.reduce((s, v, i) => s + v - (targets[i] as number) * Math.log(v), 0);
  const gradient = (p: readonly number[]) => ({ value: f(p), gradient: p.map((v, i) => 1 - (targets[i] as number) / v) });

  it('keeps parameters positive and finds the optimum without a gradient', () => {
    const result = minimizePositive(f, [1, 1, 1]);
    expect(result.converged).toBe(true);
    // The simplex stops on a relative change in f (1e-12 of |f| ≈ 2300), which
    // bounds the parameters to about sqrt(2e-9 / 450) ≈ 3e-6 in relative terms.
    result.x.forEach((v, i) => expect(v / (targets[i] as number)).toBeCloseTo(1, 4));
  });

  it('uses BFGS when given a gradient', () => {
    const result = minimizePositive(f, [1, 1, 1], {}, gradient);
    expect(result.method).toBe('bfgs');
    expect(result.converged).toBe(true);
    result.x.forEach((v, i) => expect(v / (targets[i] as number)).toBeCloseTo(1, 8));
  });

  it('rejects non-positive starting values', () => {
    expect(() => minimizePositive(f, [1, 0, 1])).toThrow(/strictly positive/);
  });
});
