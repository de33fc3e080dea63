import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/lib/engine/api';
import { loadData, pick, rounded, run, startEngine, type OrderRow } from './helpers';
import { SHOP_ORDERS } from './shop';

/**
 * Two years of a small shop, analysed at as_of 2024-12-31 (2024 is a leap year, so the
 * 365-day year ending on as_of is 2024-01-02 … 2024-12-31 and S is measured on 2024-01-01).
 *   P  2023-03-01, 2024-02-01, 2024-08-01; 100 each, gross_margin 30 each
 *   Q  2023-05-01 200            R  2023-07-01 50, 2024-11-30 50
 *   T  2023-09-01 80             U  2024-06-01 60, 2024-06-15 60
 *   V  2022-12-01 10 (the first order in the data)
 *   plus a cancelled 2024 order for Q and a guest order, which count nowhere.
 */
const TWO_YEARS: OrderRow[] = [
  ['p1', 'P', '2023-03-01 10:00:00', 100, 'completed', 30],
  ['p2', 'P', '2024-02-01 10:00:00', 100, 'completed', 30],
  ['p3', 'P', '2024-08-01 10:00:00', 100, 'completed', 30],
  ['q1', 'Q', '2023-05-01 10:00:00', 200],
  ['q2', 'Q', '2024-05-01 10:00:00', 999, 'cancelled'],
  ['r1', 'R', '2023-07-01 10:00:00', 50],
  ['r2', 'R', '2024-11-30 10:00:00', 50],
  ['t1', 'T', '2023-09-01 10:00:00', 80],
  ['u1', 'U', '2024-06-01 10:00:00', 60],
  ['u2', 'U', '2024-06-15 10:00:00', 60],
  ['v1', 'V', '2022-12-01 10:00:00', 10],
  ['g1', null, '2024-07-01 10:00:00', 500],
];

let engine: EngineApi;
beforeAll(async () => {
  engine = await startEngine();
  await loadData(engine, TWO_YEARS);
});

describe('ltv-formula', () => {
  it('multiplies lifespan, margin per order and purchases per year, each measured and shown', async () => {
    // Churn: S = active on 2024-01-01 (an order in 2023-01-02 … 2024-01-01) = {P, Q, R, T} = 4;
    //   E = active on 2024-12-31 = {P, R, U} = 3; N = first order in the year = {U} = 1.
    //   CRR = (3 − 1) / 4 = 50 % → churn 50 % → lifespan 1 / 0.5 = 2 years (under the cap of 10).
    // Margin with margin_rate 0.5: P 3 × 30 = 90 (own column), Q 100, R 50, T 40, U 60, V 5
    //   = 345 over 10 orders → 34.5 per order; 3 orders carry their own gross_margin.
    // Purchases per year: orders in the year P 2 + R 1 + U 2 = 5 by 3 customers → 5/3.
    // LTV = 2 × 34.5 × 5/3 = 115.
    // History: the year starts 365 days after 2023-01-02, which is after the first order (2022-12-01).
    const result = await run(engine, 'ltv-formula', { as_of: '2024-12-31', margin_rate: 0.5 });
    expect(rounded(pick(result.rows, [
      'year_start', 'S', 'E', 'N', 'annual_crr', 'annual_churn_rate', 'lifespan_years', 'orders', 'gross_margin',
      'orders_with_margin', 'avg_margin_per_order', 'year_orders', 'year_customers', 'purchases_per_year', 'ltv', 'history_incomplete',
    ]))).toEqual([{
      year_start: '2024-01-02', S: 4, E: 3, N: 1, annual_crr: 50, annual_churn_rate: 50, lifespan_years: 2, orders: 10,
      gross_margin: 345, orders_with_margin: 3, avg_margin_per_order: 34.5, year_orders: 5, year_customers: 3,
      purchases_per_year: 1.666667, ltv: 115, history_incomplete: false,
    }]);
    expect(result.rows[0].lifespan_source).toBe('1 / annual churn rate = 1 / 0.5 = 2.0 years');
    expect(result.rows[0].margin_source).toBe('the gross_margin column for 3 orders, revenue × margin_rate 0.5 for the rest');
    expect(result.explanation).toContain('LTV = lifespan × gross margin per order × purchases per year = 2 years × 34.5 × 1.67 = 115.');
    expect(result.explanation).toContain('CRR = (E − N) / S = (3 − 1) / 4 = 50.0 %, so churn = 50.0 %');
    expect(result.explanation).toContain('Purchases per year = 5 orders in the year / 3 customers who ordered in it.');
    expect(result.warnings).toEqual([]);
  });

  it('caps the lifespan at max_lifespan_years and takes a lifespan given by the user', async () => {
    // Cap 1.5 years: 1.5 × 34.5 × 5/3 = 86.25. Given 3 years: 3 × 34.5 × 5/3 = 172.5.
    const capped = await run(engine, 'ltv-formula', { as_of: '2024-12-31', margin_rate: 0.5, max_lifespan_years: 1.5 });
    expect(rounded(pick(capped.rows, ['lifespan_years', 'measured_lifespan_years', 'ltv']))).toEqual([
      { lifespan_years: 1.5, measured_lifespan_years: 2, ltv: 86.25 },
    ]);
    expect(capped.rows[0].lifespan_source).toMatch(/capped at max_lifespan_years = 1\.5/);
    const given = await run(engine, 'ltv-formula', { as_of: '2024-12-31', margin_rate: 0.5, lifespan_years: 3 });
    expect(rounded(pick(given.rows, ['lifespan_years', 'ltv', 'lifespan_source']))).toEqual([
      { lifespan_years: 3, ltv: 172.5, lifespan_source: 'set by the lifespan_years parameter' },
    ]);
  });

  it('says when churn cannot be measured yet, and warns about short history', async () => {
    // The shop's data cover half a year: nobody was active a year before as_of, so S = 0 and
    // there is no churn to invert; the lifespan (and LTV) stay empty rather than invented.
    await loadData(engine, SHOP_ORDERS);
    const result = await run(engine, 'ltv-formula');
    expect(pick(result.rows, ['S', 'annual_churn_rate', 'lifespan_years', 'ltv', 'history_incomplete'])).toEqual([
      { S: 0, annual_churn_rate: null, lifespan_years: null, ltv: null, history_incomplete: true },
    ]);
    expect(result.rows[0].lifespan_source).toMatch(/not measurable/);
    expect(result.warnings.join(' ')).toMatch(/churn is understated/);
    await expect(run(engine, 'ltv-formula', { margin_rate: 1.5 })).rejects.toThrow(/margin_rate must be between 0 and 1/);
    await loadData(engine, TWO_YEARS);
  });
});
