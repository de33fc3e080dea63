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
    const [nps] = await rows(engine, `SELECT count(*)::INT AS responses, count(DISTINCT customer_id)::INT AS customers,
      round(100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / count(*)) AS nps
      FROM feedback WHERE source_file = $name`, { name });
    expect(nps).toEqual({ responses: 4, customers: 3, nps: 0 });
  });
});
