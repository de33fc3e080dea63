import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/lib/engine/api';
import { tableFromIPC } from 'apache-arrow';
import { toRows, type Row } from '../../src/lib/engine/rows';
import { loadOnlineRetailExtract, run, startEngine } from './helpers';
import { cohortRetention, crr, isoDay, readOrders, repeatRate, rfm, shopOf, type Order, type Period, type Shop } from './onlineRetail';

/**
 * Real data: every invoice line of 146 customers of the UCI Online Retail data
 * set plus 13 guest invoices (see test/fixtures/online_retail/README.md). The
 * recipes must agree with an independent TypeScript computation of the contract.
 */
let engine: EngineApi;
let orders: Order[];
let shop: Shop;

beforeAll(async () => {
  engine = await startEngine();
  await loadOnlineRetailExtract(engine);
  orders = readOrders();
  shop = shopOf(orders);
});

/** Numbers compared to 9 decimals (sums of money add up in a different order); everything else exactly. */
function expectSameRows(actual: Row[], expected: readonly object[]) {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((want, i) => {
    for (const [column, value] of Object.entries(want)) {
      const got = actual[i][column];
      if (typeof value === 'number' && typeof got === 'number') expect(got, `row ${i} ${column}`).toBeCloseTo(value, 9);
      else expect(got, `row ${i} ${column}`).toEqual(value);
    }
  });
}

describe('Online Retail extract', () => {
  it('is the extract the README describes', async () => {
    const result = await engine.query(`
      SELECT count(DISTINCT customer_id)::INTEGER AS customers,
             count(*) FILTER (WHERE customer_id IS NULL)::INTEGER AS guest_orders,
             count(*) FILTER (WHERE status = 'cancelled')::INTEGER AS cancelled
      FROM orders`);
    const [counts] = toRows(tableFromIPC(result.ipc));
    expect(counts).toEqual({
      customers: 146,
      guest_orders: 13,
      cancelled: orders.filter((o) => !o.completed).length,
    });
    expect(counts.cancelled).toBeGreaterThan(20);
    expect(isoDay(shop.asOf)).toBe('2011-12-08');
  });

  it.each<[Period, number]>([['month', 365], ['month', 60], ['quarter', 90], ['year', 365]])(
    'crr by %s with a %i-day window matches the independent computation', async (period, window) => {
      const result = await run(engine, 'crr', { period, active_window_days: window });
      expectSameRows(result.rows, crr(shop, period, window));
    });

  it.each<[Period, number]>([['month', 90], ['quarter', 30]])(
    'crr by %s with a %i-day window counts the customers who came back like the independent computation', async (period, window) => {
      const result = await run(engine, 'crr', { period, active_window_days: window });
      expectSameRows(result.rows, crr(shop, period, window));
      expect(result.rows.some((row) => (row.reactivated_customers as number) > 0)).toBe(true);
    });

  it('crr on 13 months with the 365-day window says the history is too short and offers a window that leaves complete months', async () => {
    // Data from 2010-12-01: a month is complete for window w when its start − w ≥ 2010-12-01.
    // 365 days leaves none; 90 days leaves 2011-03 (03-01 − 90 = 2010-12-01) to 2011-11.
    const result = await run(engine, 'crr', { period: 'month' });
    expect(result.explanation).toMatch(
      /^Too little history for a 365-day active window: the data cover less than the window plus one month, so no month has complete history yet/,
    );
    expect(result.explanation).toContain('The latest: CRR for 2011-11 = (E − N) / S = (146 − 12) / 134 = 100.0 %');
    expect(result.explanation).toMatch(/A 90-day window leaves complete months from 2011-03\.$/);
    expect(result.suggestions).toEqual([{ param: 'active_window_days', value: 90, label: 'Use a 90-day window (complete periods from 2011-03)' }]);
    // By quarter, Q2 is the first that 90 days leave complete (04-01 − 90 = 2011-01-01); Q1 starts a month after the data.
    const quarters = await run(engine, 'crr', { period: 'quarter' });
    expect(quarters.suggestions).toEqual([{ param: 'active_window_days', value: 90, label: 'Use a 90-day window (complete periods from 2011-Q2)' }]);
    // By year no usual window helps: 2011 is not over.
    const years = await run(engine, 'crr', { period: 'year' });
    expect(years.suggestions).toEqual([]);
    expect(years.explanation).toContain('No window of 90, 60 or 30 days leaves a complete year either: choose a shorter period.');
  });

  it('crr above 100 % says in the worked formula who came back', async () => {
    // The window suggested above: November 2011 is complete, and lapsed customers came back.
    const result = await run(engine, 'crr', { period: 'month', active_window_days: 90 });
    const november = result.rows.find((row) => row.period_label === '2011-11')!;
    const { E, N, retained_customers: kept, reactivated_customers: K } = november as Record<string, number>;
    expect(K).toBe(E - N - kept);
    expect(K).toBeGreaterThan(1);
    expect(result.explanation).toMatch(/^CRR for 2011-11 = \(E − N\) \/ S = \(\d+ − \d+\) \/ \d+ = 10\d\.\d %\./);
    expect(result.explanation).toContain(`E − N exceeds S because ${K} customers who had lapsed came back: they are in E but in neither S nor N.`);
    expect(result.suggestions).toEqual([]);
    expect(result.explanation).not.toContain('Too little history');
  });

  it('repeat-rate matches', async () => {
    const result = await run(engine, 'repeat-rate');
    expectSameRows(result.rows, [repeatRate(shop)]);
  });

  it('cohort-retention by month matches', async () => {
    const result = await run(engine, 'cohort-retention');
    expectSameRows(result.rows, cohortRetention(shop));
  });

  it('rfm scores and segments match for every customer', async () => {
    const result = await run(engine, 'rfm');
    const actual = [...result.rows].sort((a, b) => String(a.customer_id).localeCompare(String(b.customer_id)));
    expectSameRows(actual, rfm(shop).sort((a, b) => a.customer_id.localeCompare(b.customer_id)));
    // The extract is big enough to exercise most of the segment map.
    expect(new Set(actual.map((r) => r.segment)).size).toBeGreaterThanOrEqual(8);
  });

  it('the win-back and VIPs-at-risk lists hold the customers the independent computation finds', async () => {
    const best = new Set(['Champions', 'Loyal Customers', "Can't Lose Them"]);
    const expected = rfm(shop).map((c) => {
      const own = shop.customerOrders.filter((o) => o.customer === c.customer_id);
      const days = own.map((o) => o.day);
      const gap = own.length > 1 ? (Math.max(...days) - Math.min(...days)) / (own.length - 1) : null;
      return { ...c, revenue: own.reduce((sum, o) => sum + o.revenue, 0), gap };
    });
    const ids = (rows: readonly { customer_id: unknown; revenue: unknown }[]) =>
      [...rows].sort((a, b) => (b.revenue as number) - (a.revenue as number) || String(a.customer_id).localeCompare(String(b.customer_id))).map((r) => r.customer_id);
    const winBack = await run(engine, 'list-win-back');
    expect(winBack.rows.map((r) => r.customer_id)).toEqual(ids(expected.filter((c) => c.recency_days > 180)));
    expect(winBack.rows.length).toBeGreaterThan(5);
    const vips = await run(engine, 'list-vips-at-risk');
    expect(vips.rows.map((r) => r.customer_id)).toEqual(ids(expected.filter((c) => best.has(c.segment) && c.gap !== null && c.recency_days > c.gap)));
    expect(vips.rows.length).toBeGreaterThan(0);
  });
});
