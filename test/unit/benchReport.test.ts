import { describe, expect, it } from 'vitest';
import { floorRatios, pandasStep, yardstickLines } from '../../scripts/bench/report';
import type { BenchReport, Step } from '../../scripts/bench/types';

const step = (name: string, browser_ms: number | null, native_ms: number): Step => ({ step: name, browser_ms, native_ms, ratio: null });

const STEPS: Step[] = [
  step('inspect orders.csv', 1_000, 300),
  step('load orders.csv', 8_000, 5_000),
  step('floor: read_csv orders.csv', 2_000, 1_000),
  step('drop orders.csv to all charts', 14_000, 8_000),
  step('recipe repeat_rate', 300, 180),
  step("floor: repeat_rate on read_csv's table", 100, 60),
  step('run all', 5_600, 2_900),
];

describe('the bench report measures against what the user would otherwise run', () => {
  it('puts load over read_csv and the recipe over the same work on the typed table, in each engine', () => {
    expect(floorRatios(STEPS)).toEqual([
      { step: 'load orders.csv', floor: 'floor: read_csv orders.csv', browser_ratio: 4, native_ratio: 5 },
      { step: 'recipe repeat_rate', floor: "floor: repeat_rate on read_csv's table", browser_ratio: 3, native_ratio: 3 },
    ]);
  });

  it('has no floor ratio in the page for a step the page did not finish', () => {
    const failed = STEPS.map((s) => (s.step === 'load orders.csv' ? { ...s, browser_ms: null } : s));
    expect(floorRatios(failed)[0]).toMatchObject({ browser_ratio: null, native_ratio: 5 });
  });

  it('puts drop → all charts over the pandas process, and says why pandas was skipped', () => {
    const run = { ran: true as const, ms: 3_500, peakRssBytes: 600 * 2 ** 20, figures: { pandas: '1.5.3' } as never };
    expect(pandasStep(STEPS, run)).toEqual({ ms: 3_500, peak_rss_mb: 600, version: '1.5.3', browser_ratio: 4, native_ratio: 2.29 });
    expect(pandasStep(STEPS, { ran: false, reason: '/usr/bin/python3 has no pandas' })).toEqual({ skipped: '/usr/bin/python3 has no pandas' });
  });

  it('prints one line per yardstick with both sides and the ratio', () => {
    const report: BenchReport = {
      orders: 1_000_000,
      files: [],
      steps: STEPS,
      peak_memory_mb: null,
      floors: floorRatios(STEPS),
      pandas: { skipped: '/usr/bin/python3 has no pandas' },
      cold_visit: {
        network: { bitsPerSecond: 20e6, latencyMs: 40 },
        first_chart_ms: 1_200,
        first_chart_build_time: true,
        first_chart_bytes: 2 * 2 ** 20,
        first_live_chart_ms: 5_200,
        bytes: 40 * 2 ** 20,
        fetched_twice: [],
      },
    };
    expect(yardstickLines(report)).toEqual([
      'load orders.csv / floor: read_csv orders.csv: page 8,000 ms / 2,000 ms = 4.00×, native 5,000 ms / 1,000 ms = 5.00× (target ≤ 2×)',
      "recipe repeat_rate / floor: repeat_rate on read_csv's table: page 300 ms / 100 ms = 3.00×, native 180 ms / 60 ms = 3.00×",
      'pandas: skipped, /usr/bin/python3 has no pandas',
      'cold visit (20 Mbit/s, 40 ms): first chart (build-time figures) 1,200 ms (target ≤ 4,000 ms: met), 2.0 MB received; first live chart 5,200 ms, 40.0 MB received, every URL fetched once',
    ]);
  });
});
