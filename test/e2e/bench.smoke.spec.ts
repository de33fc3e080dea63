import { expect, test } from '@playwright/test';
import { benchBrowser } from '../../scripts/bench/browser';
import { ensureDataset } from '../../scripts/bench/dataset';
import { benchNative } from '../../scripts/bench/native';
import { benchReport } from '../../scripts/bench/report';

// The benchmark (npm run bench) on 10,000 orders, on this suite's page and
// preview server: it must produce a row per step with positive numbers. No
// timing is asserted; the real figures are in docs/benchmarks.md.
test('the benchmark runs end to end on 10,000 orders', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const files = await ensureDataset({ orders: 10_000, seed: 42, parquet: false });
  const browser = await benchBrowser(page, baseURL ?? '/', files, { stepTimeoutMs: 60_000 });
  const native = await benchNative(files);
  const report = benchReport(10_000, browser, native);

  const cells = ['crr', 'repeat_rate', 'cohort_retention', 'rfm_segments', 'ltv_formula', 'feedback_nps', 'feedback_retention'];
  expect(report.steps.map((s) => s.step)).toEqual([
    'inspect orders.csv',
    'load orders.csv',
    'drop orders.csv to all charts',
    'inspect feedback.csv',
    'load feedback.csv',
    ...cells.map((c) => `recipe ${c}`),
    'run all',
  ]);
  for (const step of report.steps) {
    expect(step.browser_ms, step.step).toBeGreaterThan(0);
    expect(step.native_ms, step.step).toBeGreaterThan(0);
    expect(step.ratio, step.step).toBeGreaterThan(0);
  }
  expect(report.peak_memory_mb).toBeGreaterThan(0);
  expect(browser.memory.wasmMemory).toBeGreaterThan(0);
});
