/**
 * Deterministic simulation of customers from a BG/NBD model, for tests, benchmarks
 * and demos: the same seed always gives the same customers.
 */

import type { BgNbdData, BgNbdParams } from './bgnbd';

/** A uniform random number generator on [0, 1). */
export type Random = () => number;

/** Mulberry32: a small, fast, seedable 32-bit generator (not for cryptography). */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function standardNormal(random: Random): number {
  // Box–Muller; 1 - u keeps the logarithm finite.
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Gamma(shape, rate) variate by Marsaglia & Tsang (2000). */
export function sampleGamma(random: Random, shape: number, rate: number): number {
  if (shape < 1) {
    // Boost: Gamma(k) = Gamma(k + 1) · U^(1/k).
    return sampleGamma(random, shape + 1, rate) * Math.pow(1 - random(), 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let z: number;
    let v: number;
    do {
      z = standardNormal(random);
      v = 1 + c * z;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

/** Beta(a, b) variate as a ratio of gamma variates. */
export function sampleBeta(random: Random, a: number, b: number): number {
  const g1 = sampleGamma(random, a, 1);
  const g2 = sampleGamma(random, b, 1);
  return g1 / (g1 + g2);
}

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
  const random = mulberry32(options.seed);
  const x = new Float64Array(customers);
  const tx = new Float64Array(customers);
  const T = new Float64Array(customers);
  for (let i = 0; i < customers; i++) {
    const age = options.minT + (options.maxT - options.minT) * random();
    const lambda = sampleGamma(random, params.r, params.alpha);
    const p = sampleBeta(random, params.a, params.b);
    let time = 0;
    let count = 0;
    let last = 0;
    for (;;) {
      time += -Math.log(1 - random()) / lambda;
      if (time > age) break;
      count++;
      last = time;
      if (random() < p) break;
    }
    x[i] = count;
    tx[i] = last;
    T[i] = age;
  }
  return { x, tx, T };
}
