import { beforeAll, describe, expect, test } from 'vitest';
import type { EngineApi } from '../../../src/lib/engine/api';
import { createNodeEngine } from '../../../src/lib/engine/node/index';
import { removeDataset } from '../../../src/lib/ingest/index';
import { readFileSync } from 'node:fs';
import { sharedData } from '../../sharedData';
import { fixture, load, ordersOf, rows } from './helpers';

const sharedBytes = (relative: string): Uint8Array => new Uint8Array(readFileSync(sharedData(relative)));

let engine: EngineApi;
beforeAll(() => {
  engine = createNodeEngine();
});

describe('WooCommerce "Advanced Order Export" plugin layout (one row per item, order fields repeated)', () => {
  test('the billing e-mail is the customer, repeated totals count once, statuses mapped', async () => {
    const name = 'woocommerce_order_export_plugin.csv';
    const { inspection, report } = await load(engine, name, fixture(name));
    expect(inspection.mapping.fields).toMatchObject({
      order_id: 'Order Number', customer_id: 'Email (Billing)', ordered_at: 'Order Date', revenue: 'Order Total Amount', status: 'Order Status',
    });
    expect((await ordersOf(engine, name)).map((o) => [o.order_id, o.customer_id, o.revenue, o.status])).toEqual([
      ['3101', 'ann@example.com', 48.2, 'completed'],
      ['3102', 'ben@example.com', 25, 'completed'],
      ['3103', 'ann@example.com', 17, 'refunded'],
      ['3104', 'cy@example.com', 35, 'cancelled'],
      ['3105', 'ben@example.com', 1060, 'completed'],
    ]);
    expect(report.produced.orders).toBe(5);
    expect(report.ordersWithoutCustomer).toBe(0);
  });
});

/** Responses, linked customers and NPS (% 9–10 minus % 0–6) of the feedback one file loaded. */
async function npsFigures(name: string): Promise<Record<string, unknown>> {
  const [figures] = await rows(engine, `SELECT count(*)::INT AS responses, count(DISTINCT customer_id)::INT AS customers,
      round(100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / count(*)) AS nps
    FROM feedback WHERE source_file = $name`, { name });
  return figures;
}

describe('whitespace-separated text without a header (CDNOW)', () => {
  test('the CDNOW sample loads by its values: customer, YYYYMMDD date, dollars', async () => {
    const { inspection, report } = await load(engine, 'CDNOW_sample.txt', sharedBytes('cdnow/CDNOW_sample.txt'));
    expect(inspection.separator).toBe('whitespace');
    expect(inspection.header).toBe(false);
    expect(inspection.columns).toEqual(['column_1', 'column_2', 'column_3', 'column_4', 'column_5']);
    expect(inspection.mapping.fields).toMatchObject({ customer_id: 'column_1', ordered_at: 'column_3', revenue: 'column_5', order_id: null });
    expect(report.rows).toMatchObject({ read: 6919, loaded: 6919, rejected: 0 });
    expect(report.dateRange).toEqual({ from: '1997-01-01T00:00:00', to: '1998-06-30T00:00:00' });
  });
});

describe('survey NPS export (Typeform layout: the question as the header, a hidden customer_id field)', () => {
  test('the 0–10 column is the score, not the "reason for your score" text; responses linked to customers', async () => {
    const name = 'survey_nps_typeform.csv';
    const { inspection, report } = await load(engine, name, fixture(name));
    expect(inspection.kind).toBe('feedback');
    expect(inspection.mapping.fields).toMatchObject({
      score: 'How likely are you to recommend us to a friend or colleague?', comment: 'What is the reason for your score?', customer_id: 'customer_id',
      responded_at: 'Submit Date (UTC)',
    });
    expect(report.rows).toMatchObject({ read: 4, loaded: 4, rejected: 0 });
    expect(report.scale).toBe('nps_10');
    expect(await npsFigures(name)).toEqual({ responses: 4, customers: 3, nps: 0 });
  });
});

/** Customers, orders and revenue of the completed orders one file loaded, and its number of orders in all. */
async function orderFigures(name: string): Promise<{ orders: number; completed: number; customers: number; revenue: number }> {
  const [figures] = await rows(engine, `SELECT count(*)::INT AS orders, (count(*) FILTER (WHERE status = 'completed'))::INT AS completed,
      count(DISTINCT customer_id) FILTER (WHERE status = 'completed')::INT AS customers,
      round(sum(revenue) FILTER (WHERE status = 'completed'), 2)::DOUBLE AS revenue
    FROM orders WHERE source_file = $name`, { name });
  return figures as { orders: number; completed: number; customers: number; revenue: number };
}

describe('platform presets, each from its documented export header plus a real-world quirk', () => {
  test.each([
    // Analytics → Orders: "Customer" is a name, statuses in words, thousands separators.
    ['woocommerce_analytics_orders.csv', 'woocommerce_analytics', { orders: 5, completed: 3, customers: 2, revenue: 1065 }],
    // "Awaiting Fulfillment" is a sale, "Awaiting Payment" is not; order total including tax.
    ['bigcommerce_orders.csv', 'bigcommerce', { orders: 5, completed: 3, customers: 2, revenue: 1130 }],
    // Admin order grid: "$1,060.00", "Mar 5, 2024 10:15:00 AM", a multi-line Purchase Point, "closed" = refunded by a credit memo.
    ['magento_orders.csv', 'magento', { orders: 5, completed: 3, customers: 2, revenue: 1133.2 }],
    // Sold orders: mm/dd/yy dates, buyer user ids.
    ['etsy_sold_orders.csv', 'etsy', { orders: 3, completed: 3, customers: 2, revenue: 1125 }],
    // Dashboard payments export: amounts in dollars, Failed and Refunded payments.
    ['stripe_payments.csv', 'stripe', { orders: 5, completed: 3, customers: 2, revenue: 1130 }],
    // API-style export: the same payments in cents.
    ['stripe_payments_cents.csv', 'stripe', { orders: 5, completed: 3, customers: 2, revenue: 1130 }],
    // Activity download: the status comes from "Type"; a withdrawal is no sale; the refund row (from the shop's own address)
    // is netted against the payment its Reference Txn ID names, which is then refunded: one order, not two.
    ['paypal_activity.csv', 'paypal', { orders: 5, completed: 3, customers: 2, revenue: 1130 }],
    // Partial refunds: revenue is Amount − Amount Refunded; a charge refunded in full is refunded whatever its Status says.
    ['stripe_partial_refunds.csv', 'stripe', { orders: 5, completed: 3, customers: 2, revenue: 150 }],
    // A partial and a full refund netted against their payments; a refund of a payment from an earlier export stays a refund row.
    ['paypal_refunds.csv', 'paypal', { orders: 4, completed: 2, customers: 2, revenue: 110 }],
  ])('%s loads as %s', async (name, preset, figures) => {
    const { inspection, report } = await load(engine, name, fixture(name));
    expect(inspection.preset).toBe(preset);
    expect(report.rows.rejected).toBe(0);
    expect(await orderFigures(name)).toEqual(figures);
  });

  test('a Shopify customers export is refused with what to export instead', async () => {
    const { openFile } = await import('../../../src/lib/ingest/index');
    const inspection = await openFile(engine, { name: 'customers_export.csv', bytes: fixture('shopify_customers.csv') });
    expect(inspection.preset).toBe('shopify_customers');
    expect(inspection.issues).toEqual([
      'customers_export.csv is a Shopify customers export (one row per customer with totals, no orders or dates). Export Orders instead (Shopify admin → Orders → Export) and load that.',
    ]);
  });

  test.each([
    ['google_forms_nps.csv', 'Email Address', 'How likely is it that you would recommend Acme to a friend?'],
    ['delighted_nps.csv', 'Email', 'Score'],
    ['surveymonkey_nps.csv', 'customer_id', 'How likely is it that you would recommend Acme to a friend or colleague?'],
  ])('%s: responses, NPS and customers linked', async (name, customer, score) => {
    const { inspection, report } = await load(engine, name, fixture(name));
    expect(inspection.kind).toBe('feedback');
    expect(inspection.mapping.fields).toMatchObject({ customer_id: customer, score });
    expect(report.rows).toMatchObject({ read: 4, loaded: 4, rejected: 0 });
    expect(await npsFigures(name)).toEqual({ responses: 4, customers: 3, nps: 0 });
  });
});

describe('SurveyMonkey "All responses data" export (two header rows: the question, then Response or the choice)', () => {
  test('the two header rows become one name per column; the second row is no response; end date, custom variable and comment mapped', async () => {
    const name = 'surveymonkey_nps_own.csv';
    const { inspection, report } = await load(engine, name, fixture('surveymonkey_nps.csv'));
    expect(inspection.preset).toBe('surveymonkey');
    expect(inspection.columns.slice(9)).toEqual([
      'customer_id', 'How likely is it that you would recommend Acme to a friend or colleague?', 'What is the main reason for your score?',
      'Which of these did you buy? — Shoes', 'Which of these did you buy? — Bags', 'Which of these did you buy? — Other (please specify)',
    ]);
    expect(inspection.mapping.fields).toMatchObject({ responded_at: 'End Date', comment: 'What is the main reason for your score?' });
    expect(inspection.mapping.options.dateOrder).toBe('mdy');
    expect(report.rows).toMatchObject({ read: 4, loaded: 4, rejected: 0 });
    expect(report.dateRange).toEqual({ from: '2024-03-14T09:13:30', to: '2024-03-22T12:31:00' });
    const [first] = await rows(engine, 'SELECT customer_id, score, comment FROM feedback WHERE source_file = $name ORDER BY responded_at LIMIT 1', { name });
    expect(first).toEqual({ customer_id: 'C-100', score: 10, comment: 'Fast delivery, friendly' });
  });
});

describe('refunds beside the payment, counted once', () => {
  const brief = (orders: Array<Record<string, unknown>>): unknown[][] => orders.map((o) => [o.order_id, o.customer_id, o.revenue, o.status]);

  test('Stripe: a partial refund is subtracted, a refund of the whole amount makes the charge refunded', async () => {
    await removeDataset(engine, 'stripe_partial_refunds.csv'); // same charge ids: they would count as already loaded
    const name = 'stripe_partial_refunds_own.csv';
    const { inspection, report } = await load(engine, name, fixture('stripe_partial_refunds.csv'));
    expect(inspection.mapping.options.refundedAmount).toBe('Amount Refunded');
    expect(brief(await ordersOf(engine, name))).toEqual([
      ['ch_3Qb1', 'cus_A', 60, 'completed'],
      ['ch_3Qb2', 'cus_B', 50, 'completed'],
      ['ch_3Qb3', 'cus_B', 30, 'refunded'],
      ['ch_3Qb4', 'cus_A', 40, 'completed'],
      ['ch_3Qb5', 'cus_C', 60, 'cancelled'],
    ]);
    expect(report.warnings).toEqual([
      '2 partly refunded payments (“Amount Refunded”) count net of the refund: 25.50 less revenue.',
      '1 payment refunded in full (“Amount Refunded”) is counted as refunded.',
    ]);
  });

  test('PayPal: a refund row is netted against the payment its Reference Txn ID names, and is no order of its own', async () => {
    await removeDataset(engine, 'paypal_refunds.csv');
    const name = 'paypal_refunds_own.csv';
    const { inspection, report } = await load(engine, name, fixture('paypal_refunds.csv'));
    expect(inspection.mapping.options.refundOf).toBe('Reference Txn ID');
    expect(brief(await ordersOf(engine, name))).toEqual([
      ['7GH89012IJ345678K', 'ann@example.com', 60, 'completed'],
      ['8HI90123JK456789L', 'ben@example.com', 50, 'completed'],
      ['0JK12345LM678901N', 'ben@example.com', 30, 'refunded'],
      // Its payment is in an earlier export: it stays a refund of its own.
      ['2LM34567NO890123P', 'shop@example.com', -15, 'refunded'],
    ]);
    expect(report.produced.orders).toBe(4);
    expect(report.rows).toMatchObject({ read: 6, loaded: 6 });
    expect(report.warnings).toContain('2 refund rows (“Reference Txn ID” names the payment) were netted against their payments: 1 refunded in full, 1 in part (20.00 less revenue).');
  });
});
