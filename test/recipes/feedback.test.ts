import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/lib/engine/api';
import { loadData, pick, rounded, run, startEngine } from './helpers';
import { SHOP_FEEDBACK, SHOP_ORDERS } from './shop';

let engine: EngineApi;
beforeAll(async () => {
  engine = await startEngine();
  await loadData(engine, SHOP_ORDERS, SHOP_FEEDBACK);
});

describe('feedback-nps', () => {
  it('computes NPS on 0–10 answers and CSAT on 1–5 answers, in total and per month', async () => {
    // nps_10 scores (#1 #2 #3 #4 #5 #10 #11 #12) = 9, 0, 2, 10, 6, 0, 8, 7 → 8 answers, mean 42/8 = 5.25.
    //   promoters (9–10): 2; passives (7–8): 2; detractors (0–6): 4 → NPS = 25 % − 50 % = −25.
    // csat_5: 4, 1 → 1 of 2 satisfied = 50 %, mean 2.5.   rating_5: 5, 2 → 50 %, mean 3.5.
    // Per month (nps_10): Jan 9, 2 → 0; Feb 10, 7 → 50; Mar 0, 6 → −100; May 0 → −100; Jul 8 → 0.
    const result = await run(engine, 'feedback-nps');
    const totals = result.rows.filter((r) => r.is_total);
    expect(rounded(pick(totals, ['scale', 'responses', 'mean_score', 'promoters', 'passives', 'detractors', 'nps', 'satisfied', 'csat']))).toEqual([
      { scale: 'csat_5', responses: 2, mean_score: 2.5, promoters: null, passives: null, detractors: null, nps: null, satisfied: 1, csat: 50 },
      { scale: 'nps_10', responses: 8, mean_score: 5.25, promoters: 2, passives: 2, detractors: 4, nps: -25, satisfied: null, csat: null },
      { scale: 'rating_5', responses: 2, mean_score: 3.5, promoters: null, passives: null, detractors: null, nps: null, satisfied: 1, csat: 50 },
    ]);
    const npsByMonth = result.rows.filter((r) => r.scale === 'nps_10' && !r.is_total);
    expect(pick(npsByMonth, ['period_label', 'responses', 'nps'])).toEqual([
      { period_label: '2024-01', responses: 2, nps: 0 },
      { period_label: '2024-02', responses: 2, nps: 50 },
      { period_label: '2024-03', responses: 2, nps: -100 },
      { period_label: '2024-05', responses: 1, nps: -100 },
      { period_label: '2024-07', responses: 1, nps: 0 },
    ]);
    expect(result.explanation).toContain('NPS = % promoters (9–10) − % detractors (0–6) = 25.0 % − 50.0 % = −25');
    expect(result.explanation).toContain('CSAT = answers of 4 or 5 / all answers = 1 / 2 = 50.0 %');
    expect(result.explanation).toContain('Ratings: 1 of 2 ratings are 4 or 5 stars = 50.0 % (mean 3.5 of 5)');
  });

  it('drops answers after an explicit as_of', async () => {
    // Without #11 (07-15, an 8): 7 answers, 2 promoters, 4 detractors → (2 − 4) / 7 = −28.57.
    const result = await run(engine, 'feedback-nps', { as_of: '2024-06-28', period: 'quarter' });
    const nps = result.rows.find((r) => r.scale === 'nps_10' && r.is_total);
    expect(rounded(pick([nps!], ['responses', 'nps']))).toEqual([{ responses: 7, nps: -28.571429 }]);
    expect(result.rows.filter((r) => r.scale === 'nps_10' && !r.is_total).map((r) => r.period_label)).toEqual(['2024-Q1', '2024-Q2']);
  });
});

describe('feedback-retention', () => {
  it('groups customers by the score of their first feedback, linked by order first', async () => {
    // First feedback per linked customer, with completed orders up to 06-28:
    //   A #1 9 (4 orders, repeat)  B #3 2 (1 order)  C #12 7 via order c2 (3 orders, repeat)
    //   D #5 6 (1 order)  E #6 csat 4 (5 orders, repeat)  G #7 csat 1 (1 order)
    // X has no orders and the guest's rating links to nobody: both left out.
    const result = await run(engine, 'feedback-retention');
    expect(pick(result.rows, ['scale', 'score', 'score_band', 'customers', 'repeat_customers', 'repeat_rate', 'orders_per_customer'])).toEqual([
      { scale: 'csat_5', score: 1, score_band: 'dissatisfied', customers: 1, repeat_customers: 0, repeat_rate: 0, orders_per_customer: 1 },
      { scale: 'csat_5', score: 4, score_band: 'satisfied', customers: 1, repeat_customers: 1, repeat_rate: 100, orders_per_customer: 5 },
      { scale: 'nps_10', score: 2, score_band: 'detractor', customers: 1, repeat_customers: 0, repeat_rate: 0, orders_per_customer: 1 },
      { scale: 'nps_10', score: 6, score_band: 'detractor', customers: 1, repeat_customers: 0, repeat_rate: 0, orders_per_customer: 1 },
      { scale: 'nps_10', score: 7, score_band: 'passive', customers: 1, repeat_customers: 1, repeat_rate: 100, orders_per_customer: 3 },
      { scale: 'nps_10', score: 9, score_band: 'promoter', customers: 1, repeat_customers: 1, repeat_rate: 100, orders_per_customer: 4 },
    ]);
    expect(result.explanation).toContain('Lowest: customers whose first feedback scored 1 on csat_5 (dissatisfied): 0 of 1');
    expect(result.explanation).toContain('Highest: first feedback 4 on csat_5 (satisfied): 1 of 1 = 100.0 %');
  });
});

describe('feedback-worst', () => {
  it('lists comments worst score first, the most valuable customer first among equals', async () => {
    // Score as a share of the scale: 0–10 → score / 10; 1–5 → (score − 1) / 4. Blank (#9) and
    // missing comments (#4, #11) are left out. Value = the customer's revenue up to as_of.
    //   0 %: #2 A (300), #7 G (150), #10 X (no orders) · 20 %: #3 B · 60 %: #5 D · 70 %: #12 C
    //   75 %: #6 E · 90 %: #1 A · 100 %: #8 the guest (nobody)
    const result = await run(engine, 'feedback-worst');
    expect(rounded(pick(result.rows, ['comment', 'score_pct', 'customer_id', 'segment', 'revenue']))).toEqual([
      { comment: 'Late delivery', score_pct: 0, customer_id: 'A', segment: 'Loyal Customers', revenue: 300 },
      { comment: 'Terrible support', score_pct: 0, customer_id: 'G', segment: 'New Customers', revenue: 150 },
      { comment: 'Never got my order', score_pct: 0, customer_id: 'X', segment: null, revenue: null },
      { comment: 'Broken item', score_pct: 20, customer_id: 'B', segment: 'Hibernating', revenue: 200 },
      { comment: 'Meh', score_pct: 60, customer_id: 'D', segment: 'Hibernating', revenue: 40 },
      { comment: 'ok', score_pct: 70, customer_id: 'C', segment: 'Need Attention', revenue: 110 },
      { comment: 'Good', score_pct: 75, customer_id: 'E', segment: 'Champions', revenue: 125 },
      { comment: 'Love it', score_pct: 90, customer_id: 'A', segment: 'Loyal Customers', revenue: 300 },
      { comment: 'Nice', score_pct: 100, customer_id: null, segment: null, revenue: null },
    ]);
    expect(result.explanation).toContain('The lowest score with a comment is 0 on nps_10 (0.0 % of the scale), from customer A (Loyal Customers, 4 orders worth 300): "Late delivery".');
  });

  it('keeps the first max_rows comments', async () => {
    const result = await run(engine, 'feedback-worst', { max_rows: 2 });
    expect(result.rows.map((r) => r.comment)).toEqual(['Late delivery', 'Terrible support']);
    await expect(run(engine, 'feedback-worst', { max_rows: 0 })).rejects.toThrow(/max_rows must be 1 or more/);
  });
});
