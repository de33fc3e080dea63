import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/lib/engine/api';
import { loadData, pick, rounded, run, startEngine } from './helpers';
import { SHOP_ORDERS } from './shop';

let engine: EngineApi;
beforeAll(async () => {
  engine = await startEngine();
  await loadData(engine, SHOP_ORDERS);
});

describe('repeat-rate', () => {
  it('counts customers, repeaters, frequency and order value from customer orders only', async () => {
    // Customers A B C D E G = 6 (F has only a cancelled order); orders 4+1+3+1+5+1 = 15.
    // Repeaters A, C, E = 3 → 50 %. Revenue 300+200+110+40+125+150 = 925 → AOV 925/15 = 61.67.
    // Guests: 2 completed orders worth 999 + 10 = 1,009, reported apart.
    const result = await run(engine, 'repeat-rate');
    expect(rounded(result.rows)).toEqual([{
      as_of: '2024-06-28', customers: 6, repeat_customers: 3, repeat_rate: 50, orders: 15, orders_per_customer: 2.5,
      revenue: 925, aov: 61.666667, guest_orders: 2, guest_revenue: 1009,
    }]);
    expect(result.explanation).toContain('= 3 / 6 = 50.0 %');
    expect(result.explanation).toContain('= 15 / 6 = 2.5 orders per customer');
    expect(result.explanation).toContain('= 925 / 15 = 61.67');
    expect(result.explanation).toContain('2 guest orders worth 1,009');
  });

  it('ignores orders after as_of', async () => {
    // Up to 03-01: A (01-05, 01-20), B, C (two on 02-10); guest1. → 3 customers, 5 orders, 2 repeaters.
    const result = await run(engine, 'repeat-rate', { as_of: '2024-03-01' });
    expect(pick(result.rows, ['customers', 'repeat_customers', 'orders', 'revenue', 'guest_orders'])).toEqual([
      { customers: 3, repeat_customers: 2, orders: 5, revenue: 400, guest_orders: 1 },
    ]);
  });

  it('answers with zeros, not an error, when there are no orders yet', async () => {
    const result = await run(engine, 'repeat-rate', { as_of: '2023-12-31' });
    expect(pick(result.rows, ['customers', 'repeat_rate', 'aov'])).toEqual([{ customers: 0, repeat_rate: null, aov: null }]);
    expect(result.explanation).toBe('No customer has a completed order up to 2023-12-31.');
  });
});

describe('time-to-second-order', () => {
  it('lists each customer with a second order and summarises the distribution', async () => {
    // A: 01-05 → 01-20 = 15 days; C: two orders on 02-10 = 0 days; E: 04-10 → 05-25 = 45 days.
    // B, D, G have one order. Median of [0, 15, 45] = 15; within 30 days: C, A = 2 of 3.
    const result = await run(engine, 'time-to-second-order');
    expect(pick(result.rows, ['customer_id', 'first_order_date', 'second_order_date', 'days_to_second_order', 'within_30_days'])).toEqual([
      { customer_id: 'C', first_order_date: '2024-02-10', second_order_date: '2024-02-10', days_to_second_order: 0, within_30_days: true },
      { customer_id: 'A', first_order_date: '2024-01-05', second_order_date: '2024-01-20', days_to_second_order: 15, within_30_days: true },
      { customer_id: 'E', first_order_date: '2024-04-10', second_order_date: '2024-05-25', days_to_second_order: 45, within_30_days: false },
    ]);
    expect(rounded(pick(result.rows.slice(0, 1), ['customers', 'customers_with_second_order', 'median_days', 'within_30_days_customers', 'within_30_days_pct']))).toEqual([
      { customers: 6, customers_with_second_order: 3, median_days: 15, within_30_days_customers: 2, within_30_days_pct: 66.666667 },
    ]);
    expect(result.explanation).toContain('3 of 6 customers have placed a second order');
    expect(result.explanation).toContain('2 of 3 = 66.7 % came back within 30 days');
  });

  it('says so when nobody has a second order', async () => {
    // Up to 01-19 only A's first order and B's order exist.
    const result = await run(engine, 'time-to-second-order', { as_of: '2024-01-19' });
    expect(result.rows).toEqual([]);
    expect(result.explanation).toBe('No customer has placed a second order by as_of.');
  });
});

describe('milestones', () => {
  it('counts customers reaching 2, 5 and 10 orders, conversions and median days', async () => {
    // ≥1: 6. ≥2: A, C, E = 3 → 3/6 = 50 %; days first → 2nd: A 15, C 0, E 45 → median 15.
    // ≥5: E only → 1/3 = 33.3 %; E's 5th order 06-20 is 71 days after 04-10, 26 after its 2nd (05-25).
    // ≥10: nobody → 0/1 = 0 %, no median.
    const result = await run(engine, 'milestones');
    expect(rounded(result.rows)).toEqual([
      { milestone: 2, previous_milestone: 1, customers: 6, customers_at_previous: 6, customers_reaching: 3, conversion: 50, median_days_from_first: 15, median_days_from_previous: 15 },
      { milestone: 5, previous_milestone: 2, customers: 6, customers_at_previous: 3, customers_reaching: 1, conversion: 33.333333, median_days_from_first: 71, median_days_from_previous: 26 },
      { milestone: 10, previous_milestone: 5, customers: 6, customers_at_previous: 1, customers_reaching: 0, conversion: 0, median_days_from_first: null, median_days_from_previous: null },
    ]);
    expect(result.explanation).toContain('conversion 1→2 = 3 / 6 = 50.0 %');
    expect(result.explanation).toContain('Conversion 2→5 = customers with 5 or more orders / customers with 2 or more = 1 / 3 = 33.3 %');
    expect(result.explanation).toContain('Conversion 5→10 = 0 / 1 = 0.0 %');
  });
});
