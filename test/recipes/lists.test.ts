import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/lib/engine/api';
import { recipes } from '../../src/lib/recipes/index';
import { loadData, pick, rounded, run, startEngine } from './helpers';
import { SHOP_FEEDBACK, SHOP_ORDERS } from './shop';

/**
 * The seeds' programmes as customer lists, on the hand-made shop. Per customer at the
 * default as_of 2024-06-28 (first order, last order, orders, revenue, own average gap):
 *   A 01-05, 06-15, 4, 300, (06-15 − 01-05) / 3 = 162 / 3 = 54 days      Loyal Customers
 *   B 01-15, 01-15, 1, 200, —                                            Hibernating
 *   C 02-10, 05-01, 3, 110, 81 / 2 = 40.5                                Need Attention
 *   D 03-03, 03-03, 1, 40,  —                                            Hibernating
 *   E 04-10, 06-20, 5, 125, 71 / 4 = 17.75                               Champions
 *   G 06-20, 06-20, 1, 150, —                                            New Customers
 * Days from the first order to the second: A 15, C 0, E 45 → the shop's median is 15.
 */
let engine: EngineApi;
beforeAll(async () => {
  engine = await startEngine();
  await loadData(engine, SHOP_ORDERS, SHOP_FEEDBACK);
});

const LIST_COLUMNS = ['customer_id', 'email', 'segment', 'first_order_date', 'last_order_date', 'orders', 'revenue', 'reason'];

describe('customer lists share their columns', () => {
  it.each(['list-second-purchase', 'list-milestone-due', 'list-win-back', 'list-vips-at-risk', 'list-unhappy-best'])(
    '%s starts with the list columns and carries its count and revenue at stake',
    async (id) => {
      const result = await run(engine, id, { as_of: '2024-08-10' });
      expect(result.columns.slice(0, LIST_COLUMNS.length).map((c) => c.name)).toEqual(LIST_COLUMNS);
      expect(result.columns.map((c) => c.name)).toEqual(expect.arrayContaining(['list_customers', 'list_revenue', 'as_of']));
    },
  );

  it('gives the e-mail when the customer id is one', async () => {
    await loadData(engine, [
      ['o1', 'ann@shop.example', '2024-01-01 10:00:00', 20],
      ['o2', 'ANN-7', '2024-01-02 10:00:00', 30],
      ['o3', 'x', '2024-01-25 10:00:00', 5],
    ]);
    const result = await run(engine, 'list-second-purchase');
    // as_of 01-25: ann 24 days, ANN-7 23 days after their only order; x ordered today.
    expect(pick(result.rows, ['customer_id', 'email'])).toEqual([
      { customer_id: 'ANN-7', email: null },
      { customer_id: 'ann@shop.example', email: 'ann@shop.example' },
    ]);
    await loadData(engine, SHOP_ORDERS, SHOP_FEEDBACK);
  });
});

describe('second-purchase nudge', () => {
  it('lists one-order customers 21–28 days after their first order', async () => {
    // On 02-10: B ordered once, 26 days ago. A already has a second order (01-20); C's first is today.
    const result = await run(engine, 'list-second-purchase', { as_of: '2024-02-10' });
    expect(pick(result.rows, ['customer_id', 'orders', 'revenue', 'days_since_first_order', 'reason', 'list_customers', 'list_revenue'])).toEqual([
      { customer_id: 'B', orders: 1, revenue: 200, days_since_first_order: 26, reason: 'first order 26 days ago, no second yet', list_customers: 1, list_revenue: 200 },
    ]);
    expect(result.explanation).toBe(
      'On the list: 1, each with a first and only order 21–28 days before 2024-02-10. Revenue at stake, what they have spent so far: 200. ' +
        'First on the list: B, first order 26 days ago, no second yet.',
    );
  });

  it('follows its window and says so when nobody is in it', async () => {
    // On 07-15 G's only order is 25 days old; a 0–7 day window on 06-28 finds nobody (G is 8 days).
    expect((await run(engine, 'list-second-purchase', { as_of: '2024-07-15' })).rows.map((r) => r.customer_id)).toEqual(['G']);
    const none = await run(engine, 'list-second-purchase', { from_days: 0, to_days: 7 });
    expect(none.rows).toEqual([]);
    expect(none.explanation).toBe(recipes.getSql('list-second-purchase').empty);
    await expect(run(engine, 'list-second-purchase', { from_days: 30, to_days: 20 })).rejects.toThrow(/to_days at least from_days/);
  });
});

describe('milestone due', () => {
  it('lists customers whose next order is a milestone, once their usual gap has passed, until they lapse', async () => {
    // 06-28: B (165 days) and D (117) have one order, past the median 15 days and within 180; G is 8 days in.
    //        A's next order is the 5th, but 13 days < their gap of 54. C's next is the 4th, E's the 6th.
    const june = await run(engine, 'list-milestone-due');
    expect(rounded(pick(june.rows, ['customer_id', 'next_order', 'expected_gap_days', 'due_since']))).toEqual([
      { customer_id: 'B', next_order: 2, expected_gap_days: 15, due_since: '2024-01-30' },
      { customer_id: 'D', next_order: 2, expected_gap_days: 15, due_since: '2024-03-18' },
    ]);
    // 08-10: A is 56 days from 06-15 (≥ 54), G 51 days (≥ 15), D 160; B (208 days) has lapsed.
    const august = await run(engine, 'list-milestone-due', { as_of: '2024-08-10' });
    expect(pick(august.rows, ['customer_id', 'next_order', 'reason'])).toEqual([
      { customer_id: 'A', next_order: 5, reason: 'next order is their 5th; last order 56 days ago, usually 54 days between orders' },
      { customer_id: 'G', next_order: 2, reason: 'next order is their 2nd; last order 51 days ago, usually 15 days between orders' },
      { customer_id: 'D', next_order: 2, reason: 'next order is their 2nd; last order 160 days ago, usually 15 days between orders' },
    ]);
    expect(august.rows[0]).toMatchObject({ list_customers: 3, list_revenue: 490 });
    expect(august.explanation).toContain("the shop's median 15 days to a second order");
  });
});

describe('win-back list', () => {
  it('lists customers away longer than lapsed_after_days, most valuable first', async () => {
    // 06-28 with 100 days: B (165 days, 200) and D (117 days, 40). With 117 D is not lapsed: more than, not equal.
    const result = await run(engine, 'list-win-back', { lapsed_after_days: 100 });
    expect(pick(result.rows, ['customer_id', 'segment', 'days_since_last_order', 'revenue', 'reason'])).toEqual([
      { customer_id: 'B', segment: 'Hibernating', days_since_last_order: 165, revenue: 200, reason: 'last order 165 days ago, 1 order in all' },
      { customer_id: 'D', segment: 'Hibernating', days_since_last_order: 117, revenue: 40, reason: 'last order 117 days ago, 1 order in all' },
    ]);
    expect(result.rows[0]).toMatchObject({ list_customers: 2, list_revenue: 240 });
    expect((await run(engine, 'list-win-back', { lapsed_after_days: 117 })).rows.map((r) => r.customer_id)).toEqual(['B']);
  });

  it('lists the same customers as the win-back recipe', async () => {
    const list = await run(engine, 'list-win-back', { lapsed_after_days: 60 });
    const summary = await run(engine, 'win-back', { lapsed_after_days: 60 });
    expect(list.rows.map((r) => [r.customer_id, r.revenue])).toEqual(summary.rows.map((r) => [r.customer_id, r.revenue]));
    expect(list.rows.length).toBeGreaterThan(0);
  });
});

describe('VIPs at risk', () => {
  it('lists best-segment customers overdue by their own gap between orders', async () => {
    // 06-28: A (Loyal, 13 < 54 days) and E (Champions, 8 < 17.75) are on time.
    expect((await run(engine, 'list-vips-at-risk')).rows).toEqual([]);
    // 07-10: E is still a Champion (R 5, F 5) and 20 days > 17.75 from the last order; A is 25 < 54.
    const result = await run(engine, 'list-vips-at-risk', { as_of: '2024-07-10' });
    expect(pick(result.rows, ['customer_id', 'segment', 'days_since_last_order', 'typical_gap_days', 'reason'])).toEqual([
      { customer_id: 'E', segment: 'Champions', days_since_last_order: 20, typical_gap_days: 17.75, reason: 'last order 20 days ago, usually every 18 days' },
    ]);
  });
});

describe('unhappy best customers', () => {
  it('lists high-value customers whose latest feedback is low', async () => {
    // Monetary scores on 06-28: A 5, B 4, G 3, E 2, C 1, D 1. Latest feedback up to 06-28: A 0/10 (03-12), B 2/10 (01-16).
    const cut = await run(engine, 'list-unhappy-best', { as_of: '2024-06-28' });
    expect(pick(cut.rows, ['customer_id', 'revenue', 'feedback_score', 'reason'])).toEqual([
      { customer_id: 'A', revenue: 300, feedback_score: 0, reason: 'latest feedback 0 on nps_10 on 2024-03-12: "Late delivery"' },
      { customer_id: 'B', revenue: 200, feedback_score: 2, reason: 'latest feedback 2 on nps_10 on 2024-01-16: "Broken item"' },
    ]);
    // Without an as_of cut-off A's 8 of 07-15 is their latest: no longer unhappy. G (1 on csat_5) is not high value…
    expect((await run(engine, 'list-unhappy-best')).rows.map((r) => r.customer_id)).toEqual(['B']);
    // …until the bar is lowered to M 3.
    expect((await run(engine, 'list-unhappy-best', { min_m_score: 3 })).rows.map((r) => r.customer_id)).toEqual(['B', 'G']);
  });
});
