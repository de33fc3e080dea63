import { beforeAll, describe, expect, test } from 'vitest';
import type { EngineApi } from '../../../src/lib/engine/api';
import { createNodeEngine } from '../../../src/lib/engine/node/index';
import { fixture, load, ordersOf, rows } from './helpers';

let engine: EngineApi;
beforeAll(() => {
  engine = createNodeEngine();
});

describe('Shopify orders export (one row per line item)', () => {
  test('orders from first-row fields, lines from every row, statuses from financial status and cancelled at', async () => {
    const { inspection, report } = await load(engine, 'shopify.csv', fixture('shopify.csv'));
    expect(inspection.preset).toBe('shopify');
    expect(inspection.kind).toBe('orders');
    expect(await ordersOf(engine, 'shopify.csv')).toEqual([
      { order_id: '#1001', customer_id: 'alice@example.com', ordered_at: '2024-01-05T10:22:01', revenue: 59.8, gross_margin: null, status: 'completed', channel: 'web' },
      { order_id: '#1002', customer_id: 'bob@example.com', ordered_at: '2024-01-06T09:00:00', revenue: 25, gross_margin: null, status: 'refunded', channel: 'web' },
      { order_id: '#1003', customer_id: 'carol@example.com', ordered_at: '2024-01-08T11:59:00', revenue: 39.8, gross_margin: null, status: 'cancelled', channel: 'pos' },
      { order_id: '#1004', customer_id: null, ordered_at: '2024-02-01T23:30:00', revenue: 12.5, gross_margin: null, status: 'completed', channel: 'web' },
      { order_id: '#1005', customer_id: 'alice@example.com', ordered_at: '2024-02-10T08:00:00', revenue: 72.4, gross_margin: null, status: 'completed', channel: 'web' },
    ]);
    expect(await rows(engine, "SELECT order_id, sku, quantity, unit_price, line_revenue, customer_id FROM order_lines WHERE source_file = 'shopify.csv' AND order_id = '#1005'")).toEqual([
      { order_id: '#1005', sku: 'MUG-1', quantity: 1, unit_price: 19.9, line_revenue: 19.9, customer_id: 'alice@example.com' },
      { order_id: '#1005', sku: null, quantity: 2, unit_price: 25, line_revenue: 50, customer_id: 'alice@example.com' },
      { order_id: '#1005', sku: 'SPO-1', quantity: 1, unit_price: 2.5, line_revenue: 2.5, customer_id: 'alice@example.com' },
    ]);
    expect(report.rows).toEqual({ read: 8, loaded: 8, cancelled: 0, rejected: 0, duplicates: 0, alreadyLoaded: 0 });
    expect(report.produced).toEqual({ orders: 5, orderLines: 8, responses: 0 });
    expect(report.cancellations).toEqual({
      rows: 2, duplicateRows: 0, orders: 2, amount: 64.8,
      byStatus: { cancelled: 1, refunded: 1, returned: 0 }, rowsByStatus: { cancelled: 1, refunded: 1, returned: 0 },
    });
    expect(report.ordersWithoutCustomer).toBe(1);
    expect(report.rowsWithoutCustomer).toBe(1);
    expect(report.currencies).toEqual(['EUR']);
    expect(report.dateRange).toEqual({ from: '2024-01-05T10:22:01', to: '2024-02-10T08:00:00' });
    expect(report.warnings).toEqual([]);
  });

  test('later rows of an order may leave the customer and the date empty', async () => {
    const csv = 'Name,Email,Financial Status,Created at,Lineitem quantity,Lineitem price,Lineitem sku,Subtotal\n'
      + '#9,a@x.com,paid,2024-01-05 10:00:00 +0100,1,5.00,A,15.00\n#9,,,,2,5.00,B,\n';
    await load(engine, 'shopify_sparse.csv', new TextEncoder().encode(csv));
    expect(await rows(engine, "SELECT order_id, customer_id, ordered_at, sku, line_revenue FROM order_lines WHERE source_file = 'shopify_sparse.csv'")).toEqual([
      { order_id: '#9', customer_id: 'a@x.com', ordered_at: '2024-01-05T10:00:00', sku: 'A', line_revenue: 5 },
      { order_id: '#9', customer_id: 'a@x.com', ordered_at: '2024-01-05T10:00:00', sku: 'B', line_revenue: 10 },
    ]);
    expect(await ordersOf(engine, 'shopify_sparse.csv')).toMatchObject([{ order_id: '#9', revenue: 15, status: 'completed' }]);
  });
});

describe('WooCommerce order export', () => {
  test('status mapping, amounts with symbols and thousands separators, e-mail as customer', async () => {
    const { inspection, report } = await load(engine, 'woocommerce.csv', fixture('woocommerce.csv'));
    expect(inspection.preset).toBe('woocommerce');
    const orders = await ordersOf(engine, 'woocommerce.csv');
    expect(orders.map((o) => [o.order_id, o.status, o.revenue, o.customer_id])).toEqual([
      ['201', 'completed', 45.5, 'dana@example.com'],
      ['202', 'completed', 1200, 'eve@example.com'],
      ['203', 'cancelled', 30, 'dana@example.com'],
      ['204', 'refunded', 22, 'frank@example.com'],
      ['205', 'cancelled', 15, 'gus@example.com'],
      ['206', 'completed', 60, 'eve@example.com'],
      ['207', 'cancelled', 18, 'hana@example.com'],
      ['208', 'completed', 27.5, 'dana@example.com'],
    ]);
    expect(report.cancellations.orders).toBe(4);
    expect(report.cancellations.amount).toBe(85);
    expect(report.currencies).toEqual(['USD']);
    expect(report.warnings).toEqual(['Status values the status map does not know were read as completed: "awaiting_shipment" (1 orders).']);
  });

  test('a status the user maps by hand is used', async () => {
    const { report } = await load(engine, 'woocommerce_custom.csv', fixture('woocommerce.csv'), (m) => ({
      ...m, options: { ...m.options, statusMap: { ...m.options.statusMap, 'Awaiting Shipment': 'cancelled' } },
    }));
    expect(report.warnings).toEqual([]);
    expect(report.rows.alreadyLoaded).toBe(8);
  });
});

describe('invoice lines (UCI Online Retail layout)', () => {
  test('lines aggregate to orders; C invoices and negative quantities are cancellations and returns; duplicates count once', async () => {
    const { inspection, report } = await load(engine, 'invoice_lines.csv', fixture('invoice_lines.csv'));
    expect(inspection.preset).toBe('invoice_lines');
    expect(inspection.kind).toBe('order_lines');
    expect(inspection.mapping.options.dateOrder).toBe('mdy');
    const orders = await ordersOf(engine, 'invoice_lines.csv');
    expect(orders.map((o) => [o.order_id, o.customer_id, o.ordered_at, Math.round(Number(o.revenue) * 100) / 100, o.status])).toEqual([
      ['536365', '17850', '2010-12-01T08:26:00', 35.64, 'completed'],
      ['536366', '17850', '2010-12-01T08:28:00', 11.1, 'completed'],
      ['536367', '13047', '2010-12-01T08:34:00', 54.08, 'completed'],
      ['536415', '12838', '2010-12-01T11:57:00', 5.5, 'completed'],
      ['536368', null, '2010-12-13T08:34:00', 25.5, 'completed'],
    ]);
    expect(await rows(engine, "SELECT count(*) AS n FROM order_lines WHERE source_file = 'invoice_lines.csv'")).toEqual([{ n: 6 }]);
    expect(await rows(engine, "SELECT row_number, order_id, quantity, amount, status FROM load_cancellations WHERE source_file = 'invoice_lines.csv' ORDER BY row_number")).toEqual([
      { row_number: 7, order_id: 'C536379', quantity: -1, amount: -27.5, status: 'cancelled' },
      { row_number: 8, order_id: 'C536383', quantity: -1, amount: -4.65, status: 'cancelled' },
      { row_number: 9, order_id: '536414', quantity: -56, amount: -0, status: 'returned' },
    ]);
    expect(report.rows).toEqual({ read: 10, loaded: 6, cancelled: 3, rejected: 0, duplicates: 1, alreadyLoaded: 0 });
    expect(report.cancellations).toMatchObject({ rows: 3, orders: 3, amount: 32.15, byStatus: { cancelled: 2, refunded: 0, returned: 1 } });
    expect(report.rowsWithoutCustomer).toBe(2);
    expect(report.ordersWithoutCustomer).toBe(1);
  });
});

describe('canonical columns', () => {
  test('loads as written, gross margin from the file', async () => {
    const { inspection, report } = await load(engine, 'canonical.csv', fixture('canonical.csv'));
    expect(inspection.preset).toBe('canonical');
    expect(await ordersOf(engine, 'canonical.csv')).toEqual([
      { order_id: 'A-1', customer_id: 'c1', ordered_at: '2024-01-03T10:00:00', revenue: 100, gross_margin: 40, status: 'completed', channel: 'web' },
      { order_id: 'A-2', customer_id: 'c2', ordered_at: '2024-01-15T00:00:00', revenue: 55.5, gross_margin: 20, status: 'completed', channel: 'store' },
      { order_id: 'A-3', customer_id: 'c1', ordered_at: '2024-02-01T08:30:00', revenue: 80, gross_margin: 32, status: 'cancelled', channel: 'web' },
      { order_id: 'A-4', customer_id: null, ordered_at: '2024-02-20T12:00:00', revenue: 19.99, gross_margin: null, status: 'completed', channel: null },
      { order_id: 'A-5', customer_id: 'c3', ordered_at: '2024-03-05T09:15:00', revenue: 250, gross_margin: 100, status: 'refunded', channel: 'web' },
    ]);
    expect(report.cancellations.byStatus).toEqual({ cancelled: 1, refunded: 1, returned: 0 });
    expect(report.ordersWithoutCustomer).toBe(1);
    // The canonical views still work after ingestion added its column.
    expect(await rows(engine, "SELECT customer_id, orders, revenue FROM customers WHERE customer_id IN ('c1', 'c2', 'c3') ORDER BY 1")).toEqual([
      { customer_id: 'c1', orders: 1, revenue: 100 },
      { customer_id: 'c2', orders: 1, revenue: 55.5 },
    ]);
  });

  test('an order id on several rows: differing amounts add up, a repeated total counts once', async () => {
    const lines = 'order_id,customer_id,ordered_at,amount\nR1,c1,2024-01-01,10\nR1,c1,2024-01-01,15\nR2,c2,2024-01-02,7\n';
    const summed = await load(engine, 'repeat_lines.csv', new TextEncoder().encode(lines));
    expect((await ordersOf(engine, 'repeat_lines.csv')).map((o) => [o.order_id, o.revenue])).toEqual([['R1', 25], ['R2', 7]]);
    expect(summed.report.warnings).toEqual(['1 orders have an amount on several rows that differ, so "amount" was read as a per-row amount and added up per order.']);
    const totals = 'order_id,customer_id,ordered_at,amount,product\nS1,c1,2024-01-01,30,a\nS1,c1,2024-01-01,30,b\n';
    const once = await load(engine, 'repeat_totals.csv', new TextEncoder().encode(totals));
    expect((await ordersOf(engine, 'repeat_totals.csv')).map((o) => [o.order_id, o.revenue])).toEqual([['S1', 30]]);
    expect(once.report.warnings).toEqual(['1 orders repeat the same amount on several rows, so "amount" was read as the order total and counted once.']);
  });

  test('a cost column gives the gross margin', async () => {
    const csv = 'order_id,customer_id,ordered_at,revenue,cost\nK1,c1,2024-01-01,100,60\n';
    await load(engine, 'cost.csv', new TextEncoder().encode(csv));
    expect((await ordersOf(engine, 'cost.csv'))[0]).toMatchObject({ revenue: 100, gross_margin: 40 });
  });
});

describe('feedback', () => {
  test('NPS answers linked to customers and orders; unreadable scores and dates rejected', async () => {
    const { inspection, report } = await load(engine, 'feedback_nps.csv', fixture('feedback_nps.csv'));
    expect(inspection.kind).toBe('feedback');
    expect(report.scale).toBe('nps_10');
    expect(await rows(engine, "SELECT * EXCLUDE (source_file) FROM feedback WHERE source_file = 'feedback_nps.csv' ORDER BY responded_at")).toEqual([
      { customer_id: '17850', order_id: '536365', responded_at: '2024-01-10T12:00:00', score: 9, scale: 'nps_10', comment: 'Fast delivery, lovely mugs' },
      { customer_id: '13047', order_id: null, responded_at: '2024-01-11T09:30:00', score: 3, scale: 'nps_10', comment: 'Broken on arrival.\nNobody answered my e-mail.' },
      { customer_id: null, order_id: 'A-2', responded_at: '2024-01-12T00:00:00', score: 10, scale: 'nps_10', comment: null },
      { customer_id: 'c11', order_id: null, responded_at: '2024-01-15T00:00:00', score: 0, scale: 'nps_10', comment: 'Worst' },
    ]);
    expect(report.rows).toEqual({ read: 6, loaded: 4, cancelled: 0, rejected: 2, duplicates: 0, alreadyLoaded: 0 });
    expect(report.produced.responses).toBe(4);
    expect(report.rejects).toEqual([
      { row: 4, column: 'nps_score', value: 'n/a', reason: 'unreadable number' },
      { row: 5, column: 'submitted_at', value: 'not a date', reason: 'unreadable date' },
    ]);
  });

  test('1–5 ratings, and CSAT by its header', async () => {
    expect((await load(engine, 'feedback_rating.csv', fixture('feedback_rating.csv'))).report.scale).toBe('rating_5');
    const csat = await load(engine, 'feedback_csat.csv', fixture('feedback_csat.csv'));
    expect(csat.report.scale).toBe('csat_5');
    expect(await rows(engine, "SELECT customer_id, order_id, score, comment FROM feedback WHERE source_file = 'feedback_csat.csv' ORDER BY 1")).toEqual([
      { customer_id: 'c1', order_id: 'A-1', score: 4, comment: 'ok' },
      { customer_id: 'c2', order_id: 'A-2', score: 2, comment: 'slow' },
    ]);
  });

  test('the scale comes from all the values; scores outside a chosen scale are rejected', async () => {
    const csv = 'customer_id,date,score\nc1,2024-01-01,4\nc2,2024-01-02,5\nc3,2024-01-03,7\n';
    expect((await load(engine, 'scores.csv', new TextEncoder().encode(csv))).report.scale).toBe('nps_10');
    const { report } = await load(engine, 'scores5.csv', new TextEncoder().encode(csv), (m) => ({ ...m, options: { ...m.options, scale: 'rating_5' } }));
    expect(report.rejects).toEqual([{ row: 3, column: 'score', value: '7', reason: 'score outside the 1–5 scale' }]);
    expect(report.rows.loaded).toBe(2);
  });
});
