/**
 * The headless runner end to end: `recur run ltv-predictive` on a CSV file, through
 * the app's ingestion and the engine's model step.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../../scripts/cli/args';
import { asJson } from '../../../scripts/cli/format';
import { run } from '../../../scripts/recur';
import { readCdnowTransactions } from './cdnowFixture';

let dir: string;
let file: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'recur-ltv-'));
  file = path.join(dir, 'cdnow.csv');
  const lines = readCdnowTransactions().map((t, i) => `${i + 1},C${t.customerId},${t.date},${t.amount}`);
  writeFileSync(file, `order_id,customer_id,ordered_at,revenue\n${lines.join('\n')}\n`);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('recur run ltv-predictive', () => {
  it('prints the fitted parameters in params and one row per customer', async () => {
    const output = await run(
      parseArgs(['run', 'ltv-predictive', '--orders', file, '--param', 'calibration_end=1997-09-30', '--param', 'horizon_months=24']),
    );
    const json = JSON.parse(asJson(output)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['recipe', 'params', 'columns', 'rows', 'warnings', 'explanation']);
    expect(json.recipe).toBe('ltv-predictive');
    expect(json.warnings).toEqual([]);
    const params = json.params as Record<string, number | string>;
    expect(params).toMatchObject({ calibration_end: '1997-09-30', time_unit: 'weeks', horizon_months: 24, monthly_discount_rate: 0.01, margin_rate: 1 });
    expect(params.r).toBeCloseTo(0.243, 3);
    expect(params.alpha).toBeCloseTo(4.414, 3);
    expect(params.a).toBeCloseTo(0.793, 3);
    expect(params.b).toBeCloseTo(2.426, 3);
    expect(params.bgnbd_log_likelihood).toBeCloseTo(-9582.4, 1);
    expect(params.p).toBeCloseTo(6.25, 2);
    expect(params.q).toBeCloseTo(3.74, 2);
    expect(params.gamma).toBeCloseTo(15.44, 2);
    expect(typeof params.gamma_gamma_log_likelihood).toBe('number');
    expect((json.columns as { name: string }[]).map((c) => c.name)).toEqual([
      'customer_id', 'frequency', 'recency', 'T', 'monetary', 'p_alive', 'expected_purchases', 'expected_spend', 'clv', 'holdout_purchases',
    ]);
    const rows = json.rows as Record<string, number | string>[];
    expect(rows).toHaveLength(2357);
    expect(rows[0]).toMatchObject({ customer_id: 'C0001', frequency: 2, holdout_purchases: 1 });
    expect(rows.reduce((s, row) => s + (row.holdout_purchases as number), 0)).toBe(1882);
    expect(json.explanation).toMatch(/Worked example, customer C\d{4}/);
  });

  it('names ltv-predictive among the known recipes', async () => {
    await expect(run(parseArgs(['run', 'ltv-forecast', '--orders', file]))).rejects.toThrow(/Known recipes: .*ltv-historical.*ltv-predictive/);
  });
});
