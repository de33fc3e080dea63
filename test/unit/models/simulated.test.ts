import { describe, expect, it } from 'vitest';
import { fitBgNbd, simulateBgNbd } from '../../../src/lib/models';

describe('BG/NBD on 100,000 simulated customers', () => {
  it('recovers the generating parameters', () => {
    const truth = { r: 0.5, alpha: 6, a: 0.7, b: 2.5 };
    const data = simulateBgNbd(truth, 100_000, { seed: 20240601, minT: 26, maxT: 78 });
    expect(data.x.length).toBe(100_000);
    const fit = fitBgNbd(data);
    expect(fit.converged).toBe(true);
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(fit[key] / truth[key] - 1)).toBeLessThan(0.15);
    }
  });
});
