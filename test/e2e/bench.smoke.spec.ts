import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { benchBrowser } from '../../scripts/bench/browser';
import { ensureDataset } from '../../scripts/bench/dataset';
import { benchNative } from '../../scripts/bench/native';
import { benchReport } from '../../scripts/bench/report';
import type { BenchReport } from '../../scripts/bench/types';

const CELLS = ['crr', 'repeat_rate', 'cohort_retention', 'rfm_segments', 'ltv_formula', 'feedback_nps', 'feedback_retention',
  'list_second_purchase', 'list_milestone_due', 'list_win_back', 'list_vips_at_risk', 'list_unhappy_best'];

/** A row per step, in order, each with positive numbers on both sides. */
function expectSteps(report: BenchReport, files: string[]): void {
  expect(report.steps.map((s) => s.step)).toEqual([
    ...files.flatMap((file, i) => [`inspect ${file}`, `load ${file}`, ...(i === 0 ? [`drop ${file} to all charts`] : [])]),
    ...CELLS.map((c) => `recipe ${c}`),
    'run all',
  ]);
  for (const step of report.steps) {
    expect(step.browser_ms, step.step).toBeGreaterThan(0);
    expect(step.native_ms, step.step).toBeGreaterThan(0);
    expect(step.ratio, step.step).toBeGreaterThan(0);
  }
  expect(report.peak_memory_mb).toBeGreaterThan(0);
}

// The benchmark (npm run bench) on 10,000 orders, on this suite's page and
// preview server: it must produce a row per step with positive numbers. No
// timing is asserted; the real figures are in docs/benchmarks.md.
test('the benchmark runs end to end on 10,000 orders', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const files = await ensureDataset({ orders: 10_000, seed: 42, parquet: false });
  const browser = await benchBrowser(page, baseURL ?? '/', files, { stepTimeoutMs: 60_000 });
  const native = await benchNative(files);
  const report = benchReport(10_000, browser, native);

  expectSteps(report, ['orders.csv', 'feedback.csv']);
  expect(browser.memory.wasmMemory).toBeGreaterThan(0);
});

// npm run bench -- --file …: the sample data removed, one invoice-lines file
// loaded alone, and the feedback recipes run on no feedback at all.
test('the benchmark runs on a given file alone, without feedback', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const file = fileURLToPath(new URL('../fixtures/ingest/online_retail_extract.csv', import.meta.url));
  const load = { files: [file], withoutSample: true };
  const browser = await benchBrowser(page, baseURL ?? '/', load, { stepTimeoutMs: 60_000 });
  const native = await benchNative(load);
  const report = benchReport(null, browser, native);

  expect(report.files).toEqual([{ file: 'online_retail_extract.csv', rows: 3_458 }]);
  expectSteps(report, ['online_retail_extract.csv']);
  const tables = await page.evaluate(async () => {
    const { engine, rows } = window.__recur!;
    const read = async (sql: string) => rows((await engine.query(sql)).ipc);
    return {
      orders: (await read('SELECT DISTINCT source_file FROM orders')).map((r) => r.source_file),
      feedback: Number((await read('SELECT count(*) AS n FROM feedback'))[0]?.n),
    };
  });
  expect(tables).toEqual({ orders: ['online_retail_extract.csv'], feedback: 0 });
});
