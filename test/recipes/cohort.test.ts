import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/lib/engine/api';
import { loadData, pick, rounded, run, startEngine } from './helpers';
import { SHOP_ORDERS } from './shop';

let engine: EngineApi;
beforeAll(async () => {
  engine = await startEngine();
  await loadData(engine, SHOP_ORDERS);
});

const COHORT_COLUMNS = ['cohort', 'offset', 'cohort_size', 'active_customers', 'retention', 'revenue_per_customer', 'cumulative_revenue_per_customer', 'partial_period'];

describe('cohort-retention', () => {
  it('fills every offset up to as_of, empty periods included', async () => {
    // Monthly cohorts (first customer order): Jan {A, B}, Feb {C}, Mar {D}, Apr {E}, Jun {G}; as_of 06-28.
    // Jan: Jan A+B 350 → 175 each; Feb nobody; Mar A 70 → 35 (cum 210); Apr, May nobody; Jun A 80 → 40 (cum 250).
    // Feb: Feb C 50; Mar, Apr nobody; May C 60 (cum 110); Jun nobody.
    // Mar: Mar D 40; then nothing (D's refund and cancellation are not orders).
    // Apr: Apr E 25; May E 25 (cum 50); Jun E 75 (cum 125).   Jun: G 150.
    // June is the partial period (as_of 06-28 < 06-30).
    const result = await run(engine, 'cohort-retention');
    expect(rounded(pick(result.rows, COHORT_COLUMNS))).toEqual([
      c('2024-01-01', 0, 2, 2, 100, 175, 175), c('2024-01-01', 1, 2, 0, 0, 0, 175), c('2024-01-01', 2, 2, 1, 50, 35, 210),
      c('2024-01-01', 3, 2, 0, 0, 0, 210), c('2024-01-01', 4, 2, 0, 0, 0, 210), c('2024-01-01', 5, 2, 1, 50, 40, 250, true),
      c('2024-02-01', 0, 1, 1, 100, 50, 50), c('2024-02-01', 1, 1, 0, 0, 0, 50), c('2024-02-01', 2, 1, 0, 0, 0, 50),
      c('2024-02-01', 3, 1, 1, 100, 60, 110), c('2024-02-01', 4, 1, 0, 0, 0, 110, true),
      c('2024-03-01', 0, 1, 1, 100, 40, 40), c('2024-03-01', 1, 1, 0, 0, 0, 40), c('2024-03-01', 2, 1, 0, 0, 0, 40),
      c('2024-03-01', 3, 1, 0, 0, 0, 40, true),
      c('2024-04-01', 0, 1, 1, 100, 25, 25), c('2024-04-01', 1, 1, 1, 100, 25, 50), c('2024-04-01', 2, 1, 1, 100, 75, 125, true),
      c('2024-06-01', 0, 1, 1, 100, 150, 150, true),
    ]);
    // Explained: the last complete offset 1, i.e. the April cohort in May.
    expect(result.explanation).toContain('Retention of the 2024-04 cohort one period on = customers of the cohort who ordered in 2024-05');
    expect(result.explanation).toContain('= 1 / 1 = 100.0 %');
  });

  it('uses the chosen period for cohorts and offsets', async () => {
    // Quarterly: Q1 {A, B, C, D} spent 220 + 200 + 50 + 40 = 510 → 127.5 each; in Q2 A (80) and C (60)
    // come back → 2/4 = 50 %, 140/4 = 35 (cum 162.5). Q2 cohort {E, G}: 125 + 150 = 275 → 137.5.
    const result = await run(engine, 'cohort-retention', { period: 'quarter' });
    expect(rounded(pick(result.rows, [...COHORT_COLUMNS, 'cohort_label']))).toEqual([
      { ...c('2024-01-01', 0, 4, 4, 100, 127.5, 127.5), cohort_label: '2024-Q1' },
      { ...c('2024-01-01', 1, 4, 2, 50, 35, 162.5, true), cohort_label: '2024-Q1' },
      { ...c('2024-04-01', 0, 2, 2, 100, 137.5, 137.5, true), cohort_label: '2024-Q2' },
    ]);
  });
});

describe('ltv-historical', () => {
  it('accumulates revenue and margin per cohort customer by months since the first order', async () => {
    // margin_rate 0.5 for orders without gross_margin; E's orders carry gross_margin 10.
    // Jan cohort {A, B}: month 0 revenue 350, margin 175; month 2 revenue 70, margin 35; month 5 revenue 80, margin 40.
    //   cumulative per customer: revenue 175, 175, 210, 210, 210, 250; margin 87.5, 87.5, 105, 105, 105, 125.
    // Apr cohort {E}: revenue 25, 25, 75 → cumulative 25, 50, 125; margin 10, 10, 30 → 10, 20, 50.
    const result = await run(engine, 'ltv-historical', { margin_rate: 0.5 });
    const columns = ['cohort', 'months_since_first', 'cumulative_revenue_per_customer', 'cumulative_margin_per_customer'];
    expect(rounded(pick(result.rows.filter((r) => r.cohort === '2024-01-01' || r.cohort === '2024-04-01'), columns))).toEqual([
      l('2024-01-01', 0, 175, 87.5), l('2024-01-01', 1, 175, 87.5), l('2024-01-01', 2, 210, 105),
      l('2024-01-01', 3, 210, 105), l('2024-01-01', 4, 210, 105), l('2024-01-01', 5, 250, 125),
      l('2024-04-01', 0, 25, 10), l('2024-04-01', 1, 50, 20), l('2024-04-01', 2, 125, 50),
    ]);
    expect(result.rows).toHaveLength(19);
    // Explained: the longest complete curve, the January cohort 4 months on: 420 / 2 = 210.
    expect(result.explanation).toContain('4 months after their first');
    expect(result.explanation).toContain('420 / 2 = 210 per customer');
    expect(result.explanation).toContain('(105 per customer in gross margin)');
  });

  it('matches cohort-retention’s cumulative revenue for monthly cohorts', async () => {
    const [ltv, cohorts] = await Promise.all([run(engine, 'ltv-historical'), run(engine, 'cohort-retention')]);
    expect(ltv.rows.map((r) => [r.cohort, r.months_since_first, r.cumulative_revenue_per_customer])).toEqual(
      cohorts.rows.map((r) => [r.cohort, r.offset, r.cumulative_revenue_per_customer]),
    );
  });
});

function c(cohort: string, offset: number, cohort_size: number, active_customers: number, retention: number,
  revenue_per_customer: number, cumulative_revenue_per_customer: number, partial_period = false) {
  return { cohort, offset, cohort_size, active_customers, retention, revenue_per_customer, cumulative_revenue_per_customer, partial_period };
}

function l(cohort: string, months_since_first: number, cumulative_revenue_per_customer: number, cumulative_margin_per_customer: number) {
  return { cohort, months_since_first, cumulative_revenue_per_customer, cumulative_margin_per_customer };
}
