import { readFileSync } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi, Params } from '../../../src/lib/engine/api';
import { toRows, type Row } from '../../../src/lib/engine/rows';
import { drillGroups, drillOptionLabel, drillSql, drillTitleOf, groupForMark, responsesNote, segmentMapCte, type DrillContext } from '../../../src/lib/notebook/drill';
import { loadFile, openFile } from '../../../src/lib/ingest';
import { recipeBody } from '../../../src/lib/notebook/templates';
import { recipes } from '../../../src/lib/recipes/index';
import { LTV_PREDICTIVE } from '../../../src/lib/recipes/ltvPredictive/recipe';
import { runPredictiveLtv } from '../../../src/lib/recipes/ltvPredictive/step';
import { loadData, run, startEngine, withSegmentMap, type FeedbackRow } from '../../recipes/helpers';
import { EXTRACT_PATH } from '../../recipes/onlineRetail';
import { SHOP_FEEDBACK, SHOP_ORDERS } from '../../recipes/shop';

let engine: EngineApi;
beforeAll(async () => {
  engine = await startEngine();
});

async function rows(sql: string): Promise<Row[]> {
  return toRows(tableFromIPC((await engine.query(sql)).ipc));
}

/** A figure as a notebook cell holds it: its recipe, SQL, the parameters it ran with and its rows. */
async function figure(recipe: string, params: Params, asOf: string | null, source = recipeBody(recipes.getSql(recipe).sql)): Promise<DrillContext> {
  const result = await run(engine, recipe, params);
  return { recipe, rows: result.rows, source, params: result.params, asOf };
}

/** Every group's drill lists exactly as many customers as the figure shows for it. */
async function expectCountsMatch(context: DrillContext): Promise<number> {
  const groups = drillGroups(context);
  expect(groups.length, context.recipe).toBeGreaterThan(0);
  for (const group of groups) expect((await rows(drillSql(group, context))).length, `${context.recipe}: ${group.label}`).toBe(group.customers);
  return groups.length;
}

describe('drill-through on the shop', () => {
  beforeAll(() => loadData(engine, SHOP_ORDERS));

  it('lists a segment\'s customers with the list columns, most valuable first, titled by what it is', async () => {
    const context = await figure('rfm-segments', {}, '2024-06-28');
    const groups = drillGroups(context);
    // Empty segments are not offered; Hibernating is B (200) and D (40).
    expect(groups.map((g) => [g.label, g.customers])).toEqual([
      ['Champions', 1], ['Loyal Customers', 1], ['New Customers', 1], ['Need Attention', 1], ['Hibernating', 2],
    ]);
    const sql = drillSql(groups[4], context);
    expect(drillTitleOf(sql)).toBe('Customers: Hibernating, as of 2024-06-28');
    const listed = await rows(sql);
    expect(listed).toEqual([
      { customer_id: 'B', email: null, segment: 'Hibernating', first_order_date: '2024-01-15', last_order_date: '2024-01-15', orders: 1, revenue: 200 },
      { customer_id: 'D', email: null, segment: 'Hibernating', first_order_date: '2024-03-03', last_order_date: '2024-03-03', orders: 1, revenue: 40 },
    ]);
  });

  it('follows the figure\'s own segment map when it was edited', async () => {
    // A map whose Champions start at F 6 and that has no other row for R 5, F 5 leaves E (R 5, F 5) in no row: Others.
    const source = withSegmentMap(recipeBody(recipes.getSql('rfm-segments').sql), ["(1, 'Champions', 5, 5, 6, 6)", "(2, 'Recent', 5, 5, 1, 4)", "(3, 'Everyone else', 1, 4, 1, 5)"]);
    expect(segmentMapCte(source)).toContain("(1, 'Champions', 5, 5, 6, 6)");
    const result = toRows(tableFromIPC((await engine.query(source, { as_of: null })).ipc));
    const context: DrillContext = { recipe: 'rfm-segments', rows: result, source, params: {}, asOf: null };
    const others = drillGroups(context).find((g) => g.label === 'Others');
    expect(others?.customers).toBe(1);
    expect((await rows(drillSql(others!, context))).map((r) => [r.customer_id, r.segment])).toEqual([['E', 'Others']]);
    expect(drillTitleOf(drillSql(others!, context))).toBe('Customers: Others, as of the latest order');
  });

  it('lists an RFM grid cell\'s customers', async () => {
    const context = await figure('rfm', {}, null);
    const hibernating = drillGroups(context).filter((g) => g.label.endsWith('(Hibernating)'));
    // B is R 1 F 1, D is R 2 F 1.
    expect(hibernating.map((g) => [g.label, g.customers])).toEqual([['R 2, F 1 (Hibernating)', 1], ['R 1, F 1 (Hibernating)', 1]]);
    expect((await rows(drillSql(hibernating[1], context))).map((r) => r.customer_id)).toEqual(['B']);
  });

  it('lists the S, E and N behind a CRR period', async () => {
    // Quarterly, 60-day window, 2024-Q2 (04-01 … 06-28): S = active on 03-31 = ordered 02-01…03-31: A (03-10), C (02-10),
    // D (03-03). E = ordered 04-30…06-28: A, C (05-01), E, G. N = first order in Q2: E, G.
    const context = await figure('crr', { period: 'quarter', active_window_days: 60 }, '2024-06-28');
    const q2 = drillGroups(context).filter((g) => g.label.startsWith('2024-Q2'));
    expect(q2.map((g) => [g.label, g.customers])).toEqual([
      ['2024-Q2: S, active at the start', 3], ['2024-Q2: E, active at the end', 4], ['2024-Q2: N, new in the period', 2],
    ]);
    const ids = async (i: number) => (await rows(drillSql(q2[i], context))).map((r) => r.customer_id).sort();
    expect(await ids(0)).toEqual(['A', 'C', 'D']);
    expect(await ids(1)).toEqual(['A', 'C', 'E', 'G']);
    expect(await ids(2)).toEqual(['E', 'G']);
  });

  it('lists a cohort cell\'s returning customers and a win-back customer', async () => {
    // January cohort (A, B): in March only A ordered again.
    const cohorts = await figure('cohort-retention', {}, null);
    const march = drillGroups(cohorts).find((g) => g.label.startsWith('cohort 2024-01, month 2'));
    expect(march?.customers).toBe(1);
    expect((await rows(drillSql(march!, cohorts))).map((r) => r.customer_id)).toEqual(['A']);
    const winBack = await figure('win-back', { lapsed_after_days: 100 }, null);
    expect(drillGroups(winBack).map((g) => g.label)).toEqual(['customer B', 'customer D']);
  });

  it('adds P(alive) and predicted CLV from the predictive table when there is one', async () => {
    await engine.exec("CREATE OR REPLACE TABLE ltv_test AS SELECT 'B' AS customer_id, 0.25 AS p_alive, 12.5 AS clv");
    const context = { ...(await figure('rfm-segments', {}, '2024-06-28')), facts: [{ table: 'ltv_test', columns: { p_alive: 'p_alive', clv: 'predicted_clv' } }] };
    const hibernating = drillGroups(context).find((g) => g.label === 'Hibernating')!;
    expect((await rows(drillSql(hibernating, context))).map((r) => [r.customer_id, r.p_alive, r.predicted_clv])).toEqual([['B', 0.25, 12.5], ['D', null, null]]);
  });

  it('finds the group of a clicked chart mark by the title the chart gives it', async () => {
    const segments = drillGroups(await figure('rfm-segments', {}, null));
    expect(groupForMark(segments, 'Hibernating: 2 customers · 33.3 %')?.label).toBe('Hibernating');
    expect(groupForMark(segments, 'Hibernating plus: 2 customers')).toBeNull();
    const grid = drillGroups(await figure('rfm', {}, null));
    expect(groupForMark(grid, 'R 1, F 1: Hibernating, 1 customers')?.label).toBe('R 1, F 1 (Hibernating)');
    expect(groupForMark(grid, 'R 1, F 1, 1 customers')?.label).toBe('R 1, F 1 (Hibernating)');
    expect(groupForMark(grid, 'R 3, F 1: About to Sleep, 0 customers')).toBeNull();
  });

  it('offers nothing for a figure without drill-through', async () => {
    expect(drillGroups(await figure('repeat-rate', {}, null))).toEqual([]);
  });
});

/** An NPS group's list: the responses of its customers plus the ones with no customer are the figure's count. */
async function expectResponsesAddUp(context: DrillContext, groups = drillGroups(context)): Promise<number> {
  expect(groups.length, 'NPS groups').toBeGreaterThan(0);
  for (const group of groups) {
    const listed = await rows(drillSql(group, context));
    expect(listed.length, group.label).toBeGreaterThan(0);
    const linked = listed.reduce((sum, row) => sum + Number(row.responses), 0);
    const unlinked = Number(listed[0].responses_without_customer);
    expect(linked + unlinked, group.label).toBe(group.customers);
    expect(listed[0].figure_responses, group.label).toBe(group.customers);
  }
  return groups.length;
}

describe('drill-through from NPS groups: the customers behind responses', () => {
  // Two 0–10 answers with no customer: a guest order's (guest2 has no customer id) and an anonymous one.
  const ANONYMOUS: FeedbackRow[] = [
    [null, 'guest2', '2024-03-20 09:00:00', 3, 'nps_10', 'slow'],
    [null, null, '2024-06-26 09:00:00', 10, 'nps_10', null],
  ];
  beforeAll(() => loadData(engine, SHOP_ORDERS, [...SHOP_FEEDBACK, ...ANONYMOUS]));

  it('lists each detractor\'s responses and latest score, and says how many responses have no customer', async () => {
    const context = await figure('feedback-nps', { period: 'quarter' }, '2024-06-28');
    const totals = drillGroups(context).filter((g) => g.label.endsWith('all responses'));
    // Promoters #1 (A), #4 (C) and the anonymous 10; passives #11 (A), #12 (C); detractors #2 (A), #3 (B), #5 (D), #10 (X) and guest2's 3.
    expect(totals.map(drillOptionLabel)).toEqual([
      'NPS promoters (9–10), all responses · 3 responses',
      'NPS passives (7–8), all responses · 2 responses',
      'NPS detractors (0–6), all responses · 5 responses',
    ]);
    const detractors = await rows(drillSql(totals[2], context));
    // Most valuable first; X answered but never ordered: listed, with no order columns. A's latest answer is #11's 8.
    expect(detractors.map((r) => [r.customer_id, r.orders, r.revenue, r.responses, r.latest_score, r.latest_response_date])).toEqual([
      ['A', 4, 300, 1, 8, '2024-07-15'],
      ['B', 1, 200, 1, 2, '2024-01-16'],
      ['D', 1, 40, 1, 6, '2024-03-05'],
      ['X', null, null, 1, 0, '2024-05-01'],
    ]);
    expect(responsesNote(detractors[0], detractors.length, '')).toBe(
      '5 responses from 4 customers; 1 response has no customer (no customer id, and no order of a known customer).',
    );
    const promoters = await rows(drillSql(totals[0], context));
    expect(responsesNote(promoters[0], promoters.length, '')).toMatch(/^3 responses from 2 customers; 1 response has no customer/);
    // The one promoter of 2024-Q2 is anonymous: an empty list, which says so.
    const q2Promoters = drillGroups(context).find((g) => g.label === 'NPS promoters (9–10), 2024-Q2')!;
    const sql = drillSql(q2Promoters, context);
    expect(await rows(sql)).toEqual([]);
    expect(responsesNote(undefined, 0, sql)).toBe('1 response in the figure, none from a known customer.');
    await expectResponsesAddUp(context, drillGroups(context).filter((g) => g.label !== q2Promoters.label));
  });

  it('lists a period\'s group, and cuts responses off at the figure\'s as_of', async () => {
    // 2024-Q1 detractors: #2 (A, 03-12), #3 (B, 01-16), #5 (D, 03-05), guest2's 3 (03-20).
    const context = await figure('feedback-nps', { period: 'quarter', as_of: '2024-06-30' }, '2024-06-30');
    const q1 = drillGroups(context).find((g) => g.label === 'NPS detractors (0–6), 2024-Q1')!;
    expect(q1.customers).toBe(4);
    expect(groupForMark(drillGroups(context), '2024-Q1, detractors: 50.0 %')?.label).toBe(q1.label);
    const listed = await rows(drillSql(q1, context));
    // With the cut-off, #11 (07-15) is not counted: A's latest answer is #2's 0.
    expect(listed.map((r) => [r.customer_id, r.responses, r.latest_score])).toEqual([['A', 1, 0], ['B', 1, 2], ['D', 1, 6]]);
    expect(responsesNote(listed[0], listed.length, '')).toMatch(/^4 responses from 3 customers; 1 response has no customer/);
    expect(drillGroups(context).some((g) => g.label.startsWith('NPS passives (7–8), all') && g.customers === 1)).toBe(true);
  });
});

describe('drill-through on the Online Retail extract', () => {
  beforeAll(async () => {
    await engine.exec('DELETE FROM orders; DELETE FROM feedback;');
    const { path } = await engine.registerFile({ name: 'online_retail_extract.csv.gz', bytes: readFileSync(EXTRACT_PATH) });
    await engine.exec(`
      INSERT INTO orders
      SELECT InvoiceNo, CustomerID, min(InvoiceDate), sum(Quantity * UnitPrice), NULL,
             CASE WHEN InvoiceNo LIKE 'C%' THEN 'cancelled' ELSE 'completed' END, NULL
      FROM read_csv('${path}', header = true, types = {'InvoiceNo': 'VARCHAR', 'CustomerID': 'VARCHAR', 'InvoiceDate': 'TIMESTAMP'})
      GROUP BY InvoiceNo, CustomerID`);
  });

  it.each<[string, Params]>([
    ['rfm-segments', {}],
    ['rfm', {}],
    ['cohort-retention', {}],
    ['crr', { period: 'month', active_window_days: 90 }],
  ])('every group of %s lists as many customers as the figure shows', async (recipe, params) => {
    const groups = await expectCountsMatch(await figure(recipe, params, '2011-12-08'));
    expect(groups).toBeGreaterThan(3);
  }, 120_000);
});

describe('drill-through on the sample data, loaded as the app loads it', () => {
  // Its own engine: the app's ingestion adds columns the other tests' inserts do not fill.
  beforeAll(async () => {
    engine = await startEngine();
    for (const name of ['orders.csv', 'feedback.csv']) {
      const bytes = new Uint8Array(readFileSync(new URL(`../../../sample-data/${name}`, import.meta.url)));
      await loadFile(engine, await openFile(engine, { name, bytes }));
    }
  }, 60_000);

  it('every NPS group: the responses of the customers listed plus those with no customer are the figure\'s count', async () => {
    for (const params of [{ period: 'year' }, { period: 'quarter', as_of: '2024-03-31' }] as Params[]) {
      const groups = await expectResponsesAddUp(await figure('feedback-nps', params, null));
      expect(groups).toBeGreaterThan(6);
    }
  }, 120_000);

  it('every P(alive) band of the predictive model lists as many customers as its bar, with P(alive) and CLV', async () => {
    const result = await runPredictiveLtv(engine, {}, { tableName: 'ltv_predictive' });
    const charts = LTV_PREDICTIVE.figures(result).charts;
    const bandRows = charts.find((c) => c.bands)!.rows;
    // The bands split every modelled customer, and the CLV they hold, between them.
    expect(bandRows.reduce((sum, r) => sum + Number(r.customers), 0)).toBe(result.rows.length);
    expect(bandRows.reduce((sum, r) => sum + Number(r.predicted_clv), 0)).toBeCloseTo(result.rows.reduce((sum, r) => sum + r.clv, 0), 6);
    const context: DrillContext = {
      recipe: LTV_PREDICTIVE.id,
      rows: [],
      source: '',
      params: {},
      asOf: null,
      facts: [{ table: 'ltv_predictive', columns: LTV_PREDICTIVE.customerFacts! }],
      model: { table: 'ltv_predictive', charts },
    };
    const groups = drillGroups(context);
    expect(groups.map((g) => g.label)).toEqual(bandRows.filter((r) => Number(r.customers) > 0).map((r) => r.band));
    // On the sample data every band has customers.
    expect(groups.length).toBe(4);
    for (const group of groups) {
      const listed = await rows(drillSql(group, context));
      expect(listed.length, group.label).toBe(group.customers);
      const band = bandRows.find((r) => r.band === group.label)!;
      for (const row of listed) {
        expect(row.p_alive as number, `${group.label}: ${row.customer_id}`).toBeGreaterThanOrEqual(band.lower as number);
        expect(row.p_alive as number, `${group.label}: ${row.customer_id}`).toBeLessThanOrEqual((band.upper as number | null) ?? 1);
      }
      expect(listed.reduce((sum, r) => sum + Number(r.predicted_clv), 0), group.label).toBeCloseTo(Number(band.predicted_clv), 6);
    }
    expect(groupForMark(groups, `${groups[0].label}: 12 customers · CLV 1,234`)?.label).toBe(groups[0].label);
  }, 120_000);
});
