/**
 * Sampling helpers of the data generator over the project's one seedable
 * generator, `Rng` (src/lib/models/rng.ts).
 */
import type { Rng } from '../../src/lib/models/rng';

export { Rng } from '../../src/lib/models/rng';

/** Draws indices in proportion to fixed weights (inverse CDF by binary search). */
export class WeightedTable {
  private readonly cumulative: Float64Array;

  constructor(weights: ArrayLike<number>) {
    this.cumulative = new Float64Array(weights.length);
    let total = 0;
    for (let i = 0; i < weights.length; i++) {
      total += weights[i] ?? 0;
      this.cumulative[i] = total;
    }
    if (!(total > 0)) throw new Error('WeightedTable needs a positive total weight');
  }

  get total(): number {
    return this.cumulative[this.cumulative.length - 1] ?? 0;
  }

  /** Index whose cumulative range contains `position` (0 <= position < total). */
  indexAt(position: number): number {
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] ?? 0) > position) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Cumulative weight before index i. */
  startOf(i: number): number {
    return i === 0 ? 0 : (this.cumulative[i - 1] ?? 0);
  }

  weightOf(i: number): number {
    return (this.cumulative[i] ?? 0) - this.startOf(i);
  }

  sample(rng: Rng): number {
    return this.indexAt(rng.uniform() * this.total);
  }
}

/**
 * Exactly n uniforms on (0, 1) in ascending order, one at a time: each is the
 * minimum of the remaining draws above the previous one. Lets a seasonal
 * arrival stream be emitted in time order without holding it in memory.
 */
export class SortedUniforms {
  private emitted = 0;
  private previous = 0;

  constructor(
    private readonly count: number,
    private readonly rng: Rng,
  ) {}

  next(): number | null {
    if (this.emitted >= this.count) return null;
    const remaining = this.count - this.emitted;
    // 1 - V^(1/m) via expm1 keeps precision when m is in the millions.
    const gap = -Math.expm1(Math.log(this.rng.uniform()) / remaining);
    this.previous += (1 - this.previous) * gap;
    this.emitted++;
    return this.previous;
  }
}
