import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/lib/engine/api';
import { tableFromIPC } from 'apache-arrow';
import { toRows } from '../../src/lib/engine/rows';
import { CANONICAL_SCHEMA } from '../../src/lib/ingest/canonical';
import { recipes } from '../../src/lib/recipes/index';
import { loadData, pick, rounded, run, startEngine, withSegmentMap, type OrderRow } from './helpers';
import { SHOP_ORDERS } from './shop';

let engine: EngineApi;
beforeAll(async () => {
  engine = await startEngine();
});

describe('rfm on the shop', () => {
  beforeAll(() => loadData(engine, SHOP_ORDERS));

  it('scores by quintile thresholds with ties sharing a score, and maps (R, F) to segments', async () => {
    // as_of 06-28. Per customer: recency days / orders / revenue
    //   A 13 / 4 / 300   B 165 / 1 / 200   C 58 / 3 / 110   D 117 / 1 / 40   E 8 / 5 / 125   G 8 / 1 / 150
    // With 6 customers quantile_cont at 0.2, 0.4, 0.6, 0.8 falls exactly on the 2nd…5th sorted value:
    //   recency  [8, 8, 13, 58, 117, 165] → 8, 13, 58, 117
    //   orders   [1, 1, 1, 3, 4, 5]       → 1, 1, 3, 4
    //   revenue  [40, 110, 125, 150, 200, 300] → 110, 125, 150, 200
    // score = 1 + number of thresholds strictly below the value; R = 6 − score(recency):
    //   A: R 6−2=4, F 4, M 5 → Loyal Customers      B: R 6−5=1, F 1, M 4 → Hibernating
    //   C: R 6−3=3, F 3, M 1 (110 is not > 110) → Need Attention
    //   D: R 6−4=2, F 1, M 1 → Hibernating          E: R 5, F 5, M 2 → Champions
    //   G: R 5 (ties with E at 8 days), F 1 (ties with B, D), M 3 → New Customers
    const result = await run(engine, 'rfm');
    expect(pick(result.rows, ['customer_id', 'recency_days', 'frequency', 'monetary', 'r_score', 'f_score', 'm_score', 'segment'])).toEqual([
      { customer_id: 'A', recency_days: 13, frequency: 4, monetary: 300, r_score: 4, f_score: 4, m_score: 5, segment: 'Loyal Customers' },
      { customer_id: 'B', recency_days: 165, frequency: 1, monetary: 200, r_score: 1, f_score: 1, m_score: 4, segment: 'Hibernating' },
      { customer_id: 'G', recency_days: 8, frequency: 1, monetary: 150, r_score: 5, f_score: 1, m_score: 3, segment: 'New Customers' },
      { customer_id: 'E', recency_days: 8, frequency: 5, monetary: 125, r_score: 5, f_score: 5, m_score: 2, segment: 'Champions' },
      { customer_id: 'C', recency_days: 58, frequency: 3, monetary: 110, r_score: 3, f_score: 3, m_score: 1, segment: 'Need Attention' },
      { customer_id: 'D', recency_days: 117, frequency: 1, monetary: 40, r_score: 2, f_score: 1, m_score: 1, segment: 'Hibernating' },
    ]);
    expect(pick(result.rows.slice(0, 1), ['recency_q20', 'recency_q40', 'recency_q60', 'recency_q80', 'monetary_q20', 'monetary_q80', 'rfm_cell'])).toEqual([
      { recency_q20: 8, recency_q40: 13, recency_q60: 58, recency_q80: 117, monetary_q20: 110, monetary_q80: 200, rfm_cell: '4-4-5' },
    ]);
    expect(result.explanation).toContain('Customer A: recency R = 13 days from the last order to 2024-06-28, frequency F = 4 orders');
    expect(result.explanation).toContain('Recency thresholds 8, 13, 58, 117 days give R = 6 − 2 = 4');
    expect(result.explanation).toContain('R 4 with F 4 makes them Loyal Customers.');
  });

  it('summarises every segment of the map, empty ones included', async () => {
    // Hibernating = B + D: 2 of 6 customers, revenue 240 of 925 = 25.95 %.
    const result = await run(engine, 'rfm-segments');
    expect(rounded(pick(result.rows, ['segment', 'customers', 'customer_share', 'revenue', 'revenue_share']))).toEqual([
      { segment: 'Champions', customers: 1, customer_share: 16.666667, revenue: 125, revenue_share: 13.513514 },
      { segment: 'Loyal Customers', customers: 1, customer_share: 16.666667, revenue: 300, revenue_share: 32.432432 },
      { segment: 'Potential Loyalists', customers: 0, customer_share: 0, revenue: 0, revenue_share: 0 },
      { segment: 'New Customers', customers: 1, customer_share: 16.666667, revenue: 150, revenue_share: 16.216216 },
      { segment: 'Promising', customers: 0, customer_share: 0, revenue: 0, revenue_share: 0 },
      { segment: 'Need Attention', customers: 1, customer_share: 16.666667, revenue: 110, revenue_share: 11.891892 },
      { segment: 'About to Sleep', customers: 0, customer_share: 0, revenue: 0, revenue_share: 0 },
      { segment: 'At Risk', customers: 0, customer_share: 0, revenue: 0, revenue_share: 0 },
      { segment: "Can't Lose Them", customers: 0, customer_share: 0, revenue: 0, revenue_share: 0 },
      { segment: 'Hibernating', customers: 2, customer_share: 33.333333, revenue: 240, revenue_share: 25.945946 },
    ]);
    expect(pick(result.rows.slice(-1), ['avg_recency_days', 'avg_frequency', 'avg_monetary'])).toEqual([
      { avg_recency_days: 141, avg_frequency: 1, avg_monetary: 120 },
    ]);
    expect(result.explanation).toContain('Champions: 1 customers = 16.7 % of all 6');
  });
});

describe('rfm ties', () => {
  it('gives equal values equal scores, even when every customer is alike', async () => {
    // Five customers, one order each of 10 on the same day: every threshold equals the shared
    // value, nobody is above one, so all score 1 — and R = 6 − 1 = 5. (R 5, F 1) → New Customers.
    const orders: OrderRow[] = ['p', 'q', 'r', 's', 't'].map((id) => [`o-${id}`, id, '2024-03-01 12:00:00', 10]);
    await loadData(engine, orders);
    const result = await run(engine, 'rfm');
    expect(new Set(result.rows.map((r) => `${r.r_score}${r.f_score}${r.m_score} ${r.segment}`))).toEqual(new Set(['511 New Customers']));
  });

  it('splits at a threshold the way quantile_cont places it', async () => {
    // Frequencies [1, 2, 2, 2, 5]: positions (n − 1)·q = 0.8, 1.6, 2.4, 3.2 →
    //   q20 = 1 + 0.8·(2 − 1) = 1.8, q40 = 2, q60 = 2, q80 = 2 + 0.2·(5 − 2) = 2.6.
    // score(1) = 1; score(2) = 1 + (2 > 1.8) = 2 for all three tied customers; score(5) = 5.
    const counts: Record<string, number> = { p: 1, q: 2, r: 2, s: 2, t: 5 };
    const orders: OrderRow[] = Object.entries(counts).flatMap(([id, n]) =>
      Array.from({ length: n }, (_, i): OrderRow => [`${id}${i}`, id, `2024-03-0${i + 1} 12:00:00`, 10]));
    await loadData(engine, orders);
    const result = await run(engine, 'rfm');
    const byCustomer = Object.fromEntries(result.rows.map((r) => [r.customer_id, r.f_score]));
    expect(byCustomer).toEqual({ p: 1, q: 2, r: 2, s: 2, t: 5 });
    expect(rounded(pick(result.rows.slice(0, 1), ['frequency_q20', 'frequency_q40', 'frequency_q60', 'frequency_q80']))).toEqual([
      { frequency_q20: 1.8, frequency_q40: 2, frequency_q60: 2, frequency_q80: 2.6 },
    ]);
  });
});

describe('win-back', () => {
  beforeAll(() => loadData(engine, SHOP_ORDERS));

  it('lists customers away for more than lapsed_after_days, most valuable first', async () => {
    // Days since the last order at 06-28: B 165, D 117, C 58, A 13, E 8, G 8.
    // Threshold 100 → B (200) and D (40): 2 of 6 = 33.3 %, together 240.
    const result = await run(engine, 'win-back', { lapsed_after_days: 100 });
    expect(rounded(pick(result.rows, ['customer_id', 'last_order_date', 'days_since_last_order', 'orders', 'revenue', 'lapsed_customers', 'lapsed_share', 'lapsed_revenue']))).toEqual([
      { customer_id: 'B', last_order_date: '2024-01-15', days_since_last_order: 165, orders: 1, revenue: 200, lapsed_customers: 2, lapsed_share: 33.333333, lapsed_revenue: 240 },
      { customer_id: 'D', last_order_date: '2024-03-03', days_since_last_order: 117, orders: 1, revenue: 40, lapsed_customers: 2, lapsed_share: 33.333333, lapsed_revenue: 240 },
    ]);
    expect(result.explanation).toContain('2 of 6 customers = 33.3 % last ordered more than 100 days before 2024-06-28');
  });

  it('needs strictly more days than the threshold, and is empty under the 180-day default here', async () => {
    const atThreshold = await run(engine, 'win-back', { lapsed_after_days: 117 });
    expect(atThreshold.rows.map((r) => r.customer_id)).toEqual(['B']);
    const byDefault = await run(engine, 'win-back');
    expect(byDefault.rows).toEqual([]);
    expect(byDefault.explanation).toBe(recipes.getSql('win-back').empty);
  });
});

describe('the recipes that score RFM share one definition', () => {
  it('is the canonical schema\'s macro, and no recipe repeats the scoring', () => {
    // The quintile thresholds and the 1 + (x > q) scores exist once, in CANONICAL_SCHEMA.
    const scoring = [/quantile_cont\([^)]*\[0\.2, 0\.4, 0\.6, 0\.8\]\)/g, /recency_thresholds\[1\]\)::INTEGER/g, /6 - \S*recency_rank/g];
    for (const pattern of scoring) expect(CANONICAL_SCHEMA.match(pattern)?.length, String(pattern)).toBe(pattern === scoring[0] ? 3 : 1);
    for (const recipe of recipes.sqlRecipes) {
      for (const pattern of scoring) expect(recipe.sql, `${recipe.id} repeats ${pattern}`).not.toMatch(pattern);
    }
    for (const id of ['rfm', 'rfm-segments']) expect(recipes.getSql(id).sql, id).toContain('FROM rfm_customer_segments(');
    expect(recipes.getSql('feedback-worst').sql).toContain('FROM customer_profile(');
  });

  it('writes the default segment map once, as rfm_default_segment_map(), which the recipes read', () => {
    const champions = "(1, 'Champions', 5, 5, 4, 5)";
    expect(CANONICAL_SCHEMA.split(champions)).toHaveLength(2);
    for (const recipe of recipes.sqlRecipes) expect(recipe.sql, recipe.id).not.toContain(champions);
    for (const id of ['rfm', 'rfm-segments']) expect(recipes.getSql(id).sql, id).toContain('SELECT unnest(rfm_default_segment_map(), recursive := true)');
  });

  it('has a default map that gives each of the 25 (R, F) cells one first match', async () => {
    const result = await engine.query('SELECT unnest(rfm_default_segment_map(), recursive := true)');
    const map = toRows(tableFromIPC(result.ipc));
    expect(map).toHaveLength(10);
    expect(map[0]).toEqual({ priority: 1, segment: 'Champions', r_min: 5, r_max: 5, f_min: 4, f_max: 5 });
    for (let r = 1; r <= 5; r++) {
      for (let f = 1; f <= 5; f++) {
        const matches = map.filter((g) => Number(g.r_min) <= r && r <= Number(g.r_max) && Number(g.f_min) <= f && f <= Number(g.f_max));
        expect(matches, `R ${r} F ${f}`).toHaveLength(1);
      }
    }
  });

  it('segments by the map in the recipe SQL, so an edited copy takes effect', async () => {
    // The shop's E is (R 5, F 5): Champions by default; a map whose Champions start at F 6, with no other row for that cell, leaves E Others.
    await loadData(engine, SHOP_ORDERS);
    const edited = withSegmentMap(recipes.getSql('rfm').sql, ["(1, 'Champions', 5, 5, 6, 6)", "(2, 'Recent', 5, 5, 1, 4)", "(3, 'Everyone else', 1, 4, 1, 5)"]);
    const result = await engine.query(edited, { as_of: null }, { readOnly: true });
    const rows = toRows(tableFromIPC(result.ipc));
    expect(rows.find((r) => r.customer_id === 'E')?.segment).toBe('Others');
    expect((await run(engine, 'rfm')).rows.find((r) => r.customer_id === 'E')?.segment).toBe('Champions');
  });
});
