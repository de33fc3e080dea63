import { beforeAll, describe, expect, test } from 'vitest';
import type { EngineApi } from '../../../src/lib/engine/api';
import { createNodeEngine } from '../../../src/lib/engine/node/index';
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
    // Activity download: the status comes from "Type"; a refund row (from the shop's own address) and a withdrawal are not sales.
    ['paypal_activity.csv', 'paypal', { orders: 6, completed: 4, customers: 2, revenue: 1142 }],
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
