/**
 * Deterministic simulation of customers from a BG/NBD model, for tests, benchmarks
 * and demos: the same seed always gives the same customers.
 */

import type { BgNbdData, BgNbdParams } from './bgnbd';
import { Rng } from './rng';

/** Options for {@link simulateBgNbd}. */
export interface SimulateOptions {
  /** Seed of the random number generator. */
  seed: number;
  /** Customer ages T are uniform on [minT, maxT] (model time units). */
  minT: number;
  maxT: number;
}

/**
 * Draws `customers` independent histories (x, t_x, T) from the BG/NBD process: each
 * customer buys at Poisson rate λ ~ Gamma(r, α) and, after each repeat purchase,
 * drops out with probability p ~ Beta(a, b).
 */
export function simulateBgNbd(params: BgNbdParams, customers: number, options: SimulateOptions): BgNbdData {
  const rng = new Rng(options.seed, 'bgnbd');
  const x = new Float64Array(customers);
  const tx = new Float64Array(customers);
  const T = new Float64Array(customers);
  for (let i = 0; i < customers; i++) {
    const age = options.minT + (options.maxT - options.minT) * rng.uniform();
    const lambda = rng.gamma(params.r, 1 / params.alpha);
    const p = rng.beta(params.a, params.b);
    let time = 0;
    let count = 0;
    let last = 0;
    for (;;) {
      time += rng.exponential(lambda);
      if (time > age) break;
      count++;
      last = time;
      if (rng.chance(p)) break;
    }
    x[i] = count;
    tx[i] = last;
    T[i] = age;
  }
  return { x, tx, T };
}
