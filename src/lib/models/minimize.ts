/**
 * Options and results shared by the minimisers (Nelder–Mead, BFGS and minimizePositive).
 */

/** Default evaluation budget of every method. */
export const DEFAULT_MAX_EVALUATIONS = 5_000;

/** Options shared by nelderMead, bfgs and minimizePositive. */
export interface MinimizeOptions {
  /** Nelder–Mead: relative tolerance on the spread of values across the simplex (default 1e-12). */
  fTolerance?: number;
  /** Nelder–Mead: absolute tolerance on the simplex size, per coordinate (default 1e-8). */
  xTolerance?: number;
  /** BFGS: converged when every gradient component is at most this in size (default 1e-9). */
  gTolerance?: number;
  /** Maximum number of function evaluations (default 5,000). */
  maxEvaluations?: number;
  /** Nelder–Mead: edge length of each new simplex, in coordinate units (default 0.5). */
  initialStep?: number;
  /** Nelder–Mead: maximum number of restarts from the best point found (default 5). */
  maxRestarts?: number;
  /**
   * minimizePositive: 'nelder-mead' ignores the gradient (default 'bfgs',
   * used whenever a gradient is given).
   */
  method?: 'bfgs' | 'nelder-mead';
}

/** Outcome of a minimisation. */
export interface MinimizeResult {
  /** Best point found. */
  x: number[];
  /** Function value at `x`. */
  value: number;
  /** Iterations (simplex steps or quasi-Newton steps) in total. */
  iterations: number;
  /** Function evaluations in total (a value-and-gradient evaluation counts once). */
  evaluations: number;
  /** Number of Nelder–Mead restarts performed. */
  restarts: number;
  /** True when the method's convergence test was met; false when it gave up. */
  converged: boolean;
  /** Which method produced `x`. */
  method: 'bfgs' | 'nelder-mead';
}

/** A function value together with its gradient. */
export interface ValueAndGradient {
  value: number;
  gradient: number[];
}
