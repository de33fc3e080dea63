/**
 * The predictive-LTV notebook cell on the real Node DuckDB-WASM engine with the demo
 * data: what it keeps, in which order, what it explains, and what re-runs it.
 */
import { readFileSync } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import { toRows, type Row } from '../../../src/lib/engine/rows';
import { loadFile, openFile } from '../../../src/lib/ingest';
import { LTV_PREDICTIVE, fitSummary } from '../../../src/lib/models/predictiveRecipe';
import { runOrder } from '../../../src/lib/notebook/dependencies';
import type { Notebook } from '../../../src/lib/notebook/model';
import { notebookParams } from '../../../src/lib/notebook/params';
import {
  PREDICTIVE_PARAM_NAMES,
  isPredictiveCell,
  predictiveCell,
  predictiveInput,
  runPredictiveCell,
  type PredictiveCellRun,
} from '../../../src/lib/notebook/predictiveCell';
import { fetchPage, runSqlCell } from '../../../src/lib/notebook/runner';
import { templateById } from '../../../src/lib/notebook/templates';
import { loadRecipes } from '../../../src/lib/recipes/node';

const catalog = loadRecipes();
const engine = createNodeEngine();
let run: PredictiveCellRun;
let preview: Row[];

beforeAll(async () => {
  const bytes = new Uint8Array(readFileSync(new URL('../../../sample-data/orders.csv', import.meta.url)));
  await loadFile(engine, await openFile(engine, { name: 'orders.csv', bytes }));
  run = await runPredictiveCell(engine, 'ltv_cell', { calibration_end: '2024-06-30', horizon_months: 24, period: 'month', time_unit: null });
  preview = toRows(tableFromIPC(run.output.preview));
}, 120_000);

describe('runPredictiveCell', () => {
  it('keeps one row per modelled customer as the cell’s table, with the recipe’s columns', () => {
    expect(run.output.rowCount).toBe(run.predictive.params.customers);
    expect(run.output.columns).toEqual([...LTV_PREDICTIVE.columns]);
    expect(preview).toHaveLength(run.output.rowCount);
    expect(run.output.elapsedMs).toBeGreaterThanOrEqual(run.fitMs);
  });

  it('orders the table by clv, highest first, for the preview and for pages read without a sort', async () => {
    const clv = preview.map((row) => row.clv as number);
    expect(clv[0]).toBe(Math.max(...clv));
    for (let i = 1; i < clv.length; i++) expect(clv[i]).toBeLessThanOrEqual(clv[i - 1]);
    const page = toRows(tableFromIPC(await fetchPage(engine, 'ltv_cell', { offset: 10, limit: 5 })));
    expect(page).toEqual(preview.slice(10, 15));
  });

  it('uses the notebook’s values, and the defaults for empty ones', () => {
    const p = run.predictive.params;
    expect(p).toMatchObject({ calibration_end: '2024-06-30', horizon_months: 24, time_unit: 'weeks', monthly_discount_rate: 0.01, margin_rate: 1 });
    expect(predictiveInput({ calibration_end: null, time_unit: '', horizon_months: 6, period: 'month' })).toEqual({ horizon_months: 6 });
  });

  it('explains the fit and keeps what the charts need', () => {
    expect(run.explanation).toBe(run.explanation.trim());
    expect(run.explanation).toMatch(/^BG\/NBD purchase model, fitted on [\d,]+ customers/);
    expect(run.explanation).toContain('Holdout check: from 2024-07-01 to 2024-12-31');
    expect(run.explanation).toContain('over the next 24 months');
    const { params, tracking, aliveGrid } = run.predictive;
    expect(fitSummary(params)).toMatch(/^BG\/NBD r = \d+\.\d{3}, α = \d+\.\d{3}, a = \d+\.\d{3}, b = \d+\.\d{3}, LL −[\d,.]+ · Gamma-Gamma p = \d+\.\d{3}, q = \d+\.\d{3}, γ = \d+\.\d{3}, LL −[\d,.]+$/);
    expect(fitSummary(params)).toContain(`r = ${params.r.toFixed(3)}`);
    expect(params.r).toBeGreaterThan(0);
    expect(params.calibration_weeks).toBeGreaterThan(0);
    expect(tracking.at(-1)!.week).toBeGreaterThan(params.calibration_weeks);
    expect(aliveGrid.length).toBeGreaterThan(0);
    expect(run.warnings).toEqual([]);
  });

  it('rejects with the model’s sentence when there is nothing to fit', async () => {
    await expect(runPredictiveCell(engine, 'too_early', { calibration_end: '2000-01-01' })).rejects.toThrow(/No customer had a completed order on or before the calibration end 2000-01-01/);
  });
});

describe('the predictive cell in a notebook', () => {
  const notebook: Notebook = templateById('ltv').build(catalog);
  const cell = notebook.cells.find(isPredictiveCell)!;

  it('is in the Lifetime value template, with a parameters cell for the fit', () => {
    expect(cell).toMatchObject({ kind: 'sql', name: 'ltv_predictive', recipe: 'ltv-predictive' });
    const params = notebookParams(notebook, catalog);
    for (const name of PREDICTIVE_PARAM_NAMES) expect(params, name).toHaveProperty(name);
    expect(params).toMatchObject({ calibration_end: null, time_unit: 'weeks', horizon_months: 12, monthly_discount_rate: 0.01, margin_rate: 1 });
  });

  it('its text says how it runs and is not run', () => {
    const source = predictiveCell('my_ltv').source;
    expect(source.split('\n').every((line) => line.startsWith('--'))).toBe(true);
    expect(source).toContain('SELECT * FROM my_ltv WHERE p_alive < 0.5');
    for (const name of PREDICTIVE_PARAM_NAMES) expect(source).toContain(`$${name}`);
  });

  it('re-runs when a fit parameter changes, and so do the cells that read it', async () => {
    const reader = { id: 'r1', kind: 'sql' as const, name: 'at_risk', source: 'SELECT count(*) AS n FROM ltv_predictive WHERE p_alive < 0.5' };
    const withReader = { ...notebook, cells: [...notebook.cells, reader] };
    for (const name of PREDICTIVE_PARAM_NAMES) {
      const { order } = runOrder(withReader, { params: [name] });
      expect(order, name).toContain('ltv_predictive');
      expect(order.indexOf('at_risk'), name).toBeGreaterThan(order.indexOf('ltv_predictive'));
    }
    expect(runOrder(withReader, { params: ['period'] }).order).not.toContain('ltv_predictive');
    // The reader queries the kept table like any other result.
    await runPredictiveCell(engine, 'ltv_predictive', {});
    const count = toRows(tableFromIPC((await runSqlCell(engine, 'at_risk', reader.source, {})).preview))[0].n as number;
    expect(count).toBeGreaterThan(0);
  });
});
