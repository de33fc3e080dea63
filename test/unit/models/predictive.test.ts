/**
 * Predictive LTV end to end on the real engine: the CDNOW sample loaded into `orders`,
 * the calibration summary computed in DuckDB SQL, the fits checked against the
 * published ones (Fader, Hardie & Lee 2005).
 */
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../../src/lib/engine/api';
import { createNodeEngine } from '../../../src/lib/engine/node';
import { toRows } from '../../../src/lib/engine/rows';
import { CANONICAL_SCHEMA } from '../../../src/lib/ingest/canonical';
import { conditionalExpectedSpend, customerLifetimeValue, probabilityAlive } from '../../../src/lib/models';
import { runPredictiveLtv } from '../../../src/lib/recipes/ltvPredictive/step';
import { LTV_PREDICTIVE } from '../../../src/lib/recipes/ltvPredictive/recipe';
import type { PredictiveLtvResult } from '../../../src/lib/recipes/ltvPredictive/types';
import { readPublishedSummary } from './cdnowFixture';
import { loadCdnowOrders } from './cdnowOrders';
import { MODEL_STEPS } from '../../../src/lib/recipes/modelSteps';
import { PERIOD_SQL, SUMMARY_SQL, WEEKLY_REPEATS_SQL } from '../../../src/lib/recipes/ltvPredictive/sql';
import { DATA_TABLES } from '../../../src/lib/ingest/canonical';

const CDNOW = { calibration_end: '1997-09-30', time_unit: 'weeks' } as const;

let engine: EngineApi;
let result: PredictiveLtvResult;

beforeAll(async () => {
  engine = createNodeEngine(MODEL_STEPS);
  await loadCdnowOrders(engine);
  result = await runPredictiveLtv(engine, CDNOW, { tableName: 'cdnow_ltv' });
});

const total = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0);

describe('predictive LTV on CDNOW: the SQL calibration summary', () => {
  it('equals the published summary for all 2,357 customers (x exact, t_x, T, zbar to 2 decimals)', () => {
    const published = readPublishedSummary();
    expect(result.rows.map((row) => row.customer_id)).toEqual(published.map((row) => row.id));
    const mismatches = published.filter((row, i) => {
      const ours = result.rows[i];
      if (!ours) return true;
      const close = (a: number, b: number) => Math.abs(a - b) <= 0.005 + 1e-9;
      return ours.frequency !== row.x || !close(ours.recency, row.tx) || !close(ours.T, row.T) || !close(ours.monetary, row.zbar);
    });
    expect(mismatches).toEqual([]);
  });

  it('has the published calibration and holdout totals', () => {
    const { params, rows } = result;
    expect(params).toMatchObject({
      calibration_end: '1997-09-30',
      data_end: '1998-06-30',
      cohort_start: '1997-01-01',
      customers: 2357,
      repeat_buyers: 946,
      calibration_repeat_purchases: 2457,
      holdout_repeat_purchases: 1882,
      calibration_weeks: 39,
    });
    expect(total(rows.map((row) => row.holdout_purchases))).toBe(1882);
    expect(total(rows.filter((row) => row.frequency === 0).map((row) => row.holdout_purchases))).toBe(334);
  });
});

describe('predictive LTV on CDNOW: the fits', () => {
  it('recovers the published BG/NBD estimates r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL −9582.4', () => {
    const { params } = result;
    expect(params.r).toBeCloseTo(0.243, 3);
    expect(params.alpha).toBeCloseTo(4.414, 3);
    expect(params.a).toBeCloseTo(0.793, 3);
    expect(params.b).toBeCloseTo(2.426, 3);
    expect(params.bgnbd_log_likelihood).toBeCloseTo(-9582.4, 1);
  });

  it('recovers the published Gamma-Gamma estimates p = 6.25, q = 3.74, γ = 15.44 on the 946 repeat buyers', () => {
    const { params } = result;
    expect(params.spend_model_customers).toBe(946);
    expect(params.p).toBeCloseTo(6.25, 2);
    expect(params.q).toBeCloseTo(3.74, 2);
    expect(params.gamma).toBeCloseTo(15.44, 2);
    expect(params.converged).toBe(true);
    expect(result.warnings).toEqual([]);
  });
});

describe('predictive LTV on CDNOW: the forecasts', () => {
  it('computes each customer with the fitted models', () => {
    const { params, rows } = result;
    const bg = { r: params.r, alpha: params.alpha, a: params.a, b: params.b };
    const spend = { p: params.p, q: params.q, gamma: params.gamma };
    const [first] = rows; // 0001: x = 2, t_x = 30.43, T = 38.86 weeks, zbar = 22.35
    if (!first) throw new Error('no rows');
    expect(first.p_alive).toBeCloseTo(probabilityAlive(bg, 2, 213 / 7, 272 / 7), 12);
    expect(first.expected_spend).toBeCloseTo(conditionalExpectedSpend(spend, 2, 22.345), 12);
    const history = { x: 2, tx: 213 / 7, T: 272 / 7, mbar: 22.345 };
    expect(first.clv).toBeCloseTo(customerLifetimeValue(bg, spend, history, { horizonMonths: 12, monthlyDiscountRate: 0.01, timeUnit: 'weeks' }), 10);
    for (const row of rows) {
      expect(row.p_alive).toBeGreaterThan(0);
      expect(row.p_alive).toBeLessThanOrEqual(1);
      expect(row.clv).toBeGreaterThan(0);
    }
    // One-time buyers are all valued at the population mean spend.
    expect(rows.find((row) => row.frequency === 0)?.expected_spend).toBeCloseTo(params.population_mean_spend, 10);
  });

  it('forecasts the holdout within 15 % from the calibration period alone', () => {
    const { params } = result;
    expect(params.holdout_expected_purchases / params.holdout_repeat_purchases).toBeGreaterThan(0.85);
    expect(params.holdout_expected_purchases / params.holdout_repeat_purchases).toBeLessThan(1);
  });

  it('tracks cumulative repeat purchases week by week through calibration and holdout', () => {
    const { tracking } = result;
    expect(tracking.map((point) => point.week)).toEqual(Array.from({ length: 78 }, (_, i) => i + 1));
    expect(tracking[38]?.actual).toBe(2457);
    expect(tracking[77]?.actual).toBe(2457 + 1882);
    for (let i = 1; i < tracking.length; i++) expect(tracking[i]?.expected).toBeGreaterThan(tracking[i - 1]?.expected as number);
    expect(Math.abs((tracking[38]?.expected as number) / 2457 - 1)).toBeLessThan(0.03);
    expect(Math.abs((tracking[77]?.expected as number) / 4339 - 1)).toBeLessThan(0.06);
  });

  it('gives the P(alive) heat map over frequency × recency at the oldest age', () => {
    const { aliveGrid, params } = result;
    expect(params.alive_grid_T).toBeCloseTo(272 / 7, 12);
    expect(new Set(aliveGrid.map((cell) => cell.frequency)).size).toBe(30); // 0 … 29, the largest x
    expect(new Set(aliveGrid.map((cell) => cell.recency)).size).toBe(39); // 0 … 38 weeks
    expect(aliveGrid.filter((cell) => cell.frequency === 0).every((cell) => cell.p_alive === 1)).toBe(true);
    const five = aliveGrid.filter((cell) => cell.frequency === 5);
    for (let i = 1; i < five.length; i++) expect(five[i]?.p_alive).toBeGreaterThan(five[i - 1]?.p_alive as number);
  });

  it('keeps the rows as a table that SQL can query', async () => {
    const tables = await engine.describe();
    expect(tables.find((t) => t.name === 'cdnow_ltv')?.columns).toEqual([...LTV_PREDICTIVE.columns]);
    const [row] = toRows(tableFromIPC((await engine.query('SELECT count(*) AS n, sum(clv) AS clv, sum(holdout_purchases) AS holdout FROM cdnow_ltv')).ipc));
    expect(row?.n).toBe(2357);
    expect(row?.clv).toBeCloseTo(total(result.rows.map((r) => r.clv)), 6);
    expect(row?.holdout).toBe(1882);
  });

  it('explains the fit and works one customer’s CLV through', () => {
    const text = LTV_PREDICTIVE.explain(result);
    expect(text).toContain('Gamma(r = 0.243, α = 4.414)');
    expect(text).toContain('Beta(a = 0.793, b = 2.426)');
    expect(text).toContain('p = 6.250, q = 3.744, γ = 15.444');
    const id = /Worked example, customer (\d+)/.exec(text)?.[1];
    const example = result.rows.find((row) => row.customer_id === id);
    expect(example?.frequency).toBeGreaterThan(0);
    expect(text).toContain(`= ${example?.clv.toFixed(2)}.`);
    expect(text).toContain('these customers made 1,882 purchases');
  });

  it('gives the same customers’ values with time in days (α × 7, the rest unchanged)', async () => {
    const daily = await runPredictiveLtv(engine, { ...CDNOW, time_unit: 'days' });
    expect(daily.params.alpha / 7).toBeCloseTo(result.params.alpha, 3);
    expect(daily.params.r).toBeCloseTo(result.params.r, 4);
    expect(daily.rows[0]?.T).toBe(272);
    daily.rows.forEach((row, i) => expect(row.clv).toBeCloseTo(result.rows[i]?.clv as number, 3));
  });

  it('warns when a fit stops before converging', async () => {
    const stopped = await runPredictiveLtv(engine, CDNOW, { bgnbd: { maxEvaluations: 3 } });
    expect(stopped.params.bgnbd_converged).toBe(false);
    expect(stopped.params.converged).toBe(false);
    expect(stopped.warnings.join(' ')).toMatch(/BG\/NBD purchase model did not converge/);
  });
});

describe('ltv-predictive as a model recipe', () => {
  it('runs through the engine’s generic model step with the same result as the step itself', async () => {
    const viaEngine = (await engine.runModelStep(LTV_PREDICTIVE.id, CDNOW)) as PredictiveLtvResult;
    expect(viaEngine.params).toEqual(result.params);
    expect(viaEngine.rows).toEqual(result.rows);
  });

  it('declares exactly the data tables its SQL reads, so its cell re-runs when they change', () => {
    const read = new Set<string>();
    for (const sql of [PERIOD_SQL, SUMMARY_SQL, WEEKLY_REPEATS_SQL]) {
      for (const [, name] of sql.matchAll(/\b(?:FROM|JOIN)\s+([a-z_]+)/gi)) if (DATA_TABLES.includes(name)) read.add(name);
    }
    expect([...LTV_PREDICTIVE.tables].sort()).toEqual([...read].sort());
  });
});

describe('predictive LTV on data it cannot fit', () => {
  it('says why, in words', async () => {
    // CDNOW on its first day: 18 customers’ first purchases, nobody has come back yet.
    await expect(runPredictiveLtv(engine, { calibration_end: '1997-01-01' })).rejects.toThrow(
      /No customer made a repeat purchase .* on or before the calibration end 1997-01-01/,
    );
    await expect(runPredictiveLtv(engine, { calibration_end: '1996-12-31' })).rejects.toThrow(
      /No customer had a completed order on or before the calibration end 1996-12-31/,
    );
    await expect(runPredictiveLtv(engine, { time_unit: 'months' })).rejects.toThrow('time_unit must be weeks or days, not "months".');
    await expect(runPredictiveLtv(engine, { horizon_months: 0 })).rejects.toThrow(/horizon_months must be a whole number from 1 to 120/);
  });

  it('refuses too few customers and an empty orders table', async () => {
    const small = createNodeEngine();
    await small.exec(CANONICAL_SCHEMA);
    await expect(runPredictiveLtv(small)).rejects.toThrow('the orders table is empty');
    await small.exec(`INSERT INTO orders (order_id, customer_id, ordered_at, revenue, status)
      SELECT 'o' || i, 'c' || (i % 4), TIMESTAMP '2024-01-01' + INTERVAL (i * 9) DAY, 10 + i, 'completed' FROM range(12) t(i)`);
    await expect(runPredictiveLtv(small)).rejects.toThrow(/only 4 customers; at least 10 are needed/);
  });
});
