import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { pandasUnavailable, runPandas, type PandasFigures } from '../../scripts/bench/pandas';
import type { EngineApi } from '../../src/lib/engine/api';
import { loadOnlineRetailExtract, run, startEngine } from './helpers';
import { EXTRACT_PATH } from './onlineRetail';

/**
 * The bench's pandas yardstick (scripts/bench/pandas_overview.py) must do the
 * same work as the overview, or "faster than pandas" compares different things:
 * on the Online Retail extract its figures must be the recipes'.
 */
const missing = pandasUnavailable();
if (missing) console.warn(`SKIPPED pandas yardstick test: ${missing}`);

describe.skipIf(missing !== null)('the pandas yardstick on the Online Retail extract', () => {
  let engine: EngineApi;
  let pandas: PandasFigures;

  beforeAll(async () => {
    engine = await startEngine();
    await loadOnlineRetailExtract(engine);
    const result = await runPandas(fileURLToPath(EXTRACT_PATH));
    if (!result.ran) throw new Error(result.reason);
    pandas = result.figures;
  });

  it('has the repeat-rate recipe’s customers and repeat purchase rate', async () => {
    const [row] = (await run(engine, 'repeat-rate')).rows;
    expect(pandas.customers).toBe(row?.customers);
    expect(pandas.repeat_customers).toBe(row?.repeat_customers);
    expect(pandas.repeat_rate).toBeCloseTo(row?.repeat_rate as number, 9);
  });

  it('has the cohort-retention recipe’s cohorts, first cohort’s month-1 retention and revenue per customer', async () => {
    const rows = (await run(engine, 'cohort-retention')).rows;
    const sizes = Object.fromEntries(rows.filter((r) => r.offset === 0).map((r) => [r.cohort_label, r.cohort_size]));
    expect(pandas.cohorts).toEqual(sizes);
    const first = rows.find((r) => r.offset === 1);
    expect(pandas.first_cohort_month1_active).toBe(first?.active_customers);
    // Revenue per cohort customer so far: the last row of each cohort.
    const lastRows = new Map(rows.map((r) => [r.cohort_label as string, r.cumulative_revenue_per_customer as number]));
    for (const [cohort, ltv] of Object.entries(pandas.ltv_by_cohort)) expect(ltv, cohort).toBeCloseTo(lastRows.get(cohort) ?? NaN, 6);
  });

  it('has the crr recipe’s CRR for every month with customers at its start', async () => {
    const rows = (await run(engine, 'crr')).rows.filter((r) => r.crr !== null && r.partial_period === false);
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) expect(pandas.crr_by_month[row.period_label as string], row.period_label as string).toBeCloseTo(row.crr as number, 9);
  });
});
