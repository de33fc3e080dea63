/**
 * A model recipe's notebook cell (ltv-predictive) on the real Node DuckDB-WASM engine
 * with the demo data: what it keeps, in which order, what it explains and draws, and
 * what re-runs it.
 */
import { readFileSync } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import { toRows, type Row } from '../../../src/lib/engine/rows';
import { loadFile, openFile } from '../../../src/lib/ingest';
import { LTV_PREDICTIVE } from '../../../src/lib/recipes/ltvPredictive/recipe';
import type { PredictiveLtvParams } from '../../../src/lib/recipes/ltvPredictive/types';
import { MODEL_STEPS } from '../../../src/lib/recipes/modelSteps';
import { runOrder } from '../../../src/lib/notebook/dependencies';
import type { Notebook } from '../../../src/lib/notebook/model';
import { notebookParams } from '../../../src/lib/notebook/params';
import { modelInput, runModelCell, type ModelCellRun } from '../../../src/lib/notebook/modelCell';
import { fetchPage, runSqlCell } from '../../../src/lib/notebook/runner';
import { recipeCell, templateById } from '../../../src/lib/notebook/templates';
import { loadRecipes } from '../../../src/lib/recipes/node';

const catalog = loadRecipes();
const engine = createNodeEngine(MODEL_STEPS);
const PARAM_NAMES = LTV_PREDICTIVE.params.map((p) => p.name);
const runCell = (name: string, params: Record<string, string | number | null>) => runModelCell(engine, LTV_PREDICTIVE, name, params);
let run: ModelCellRun;
let preview: Row[];
/** The run's settings and fit, as the explanation and the charts read them. */
let fit: PredictiveLtvParams;

beforeAll(async () => {
  const bytes = new Uint8Array(readFileSync(new URL('../../../sample-data/orders.csv', import.meta.url)));
  await loadFile(engine, await openFile(engine, { name: 'orders.csv', bytes }));
  run = await runCell('ltv_cell', { calibration_end: '2024-06-30', horizon_months: 24, period: 'month', time_unit: null });
  preview = toRows(tableFromIPC(run.output.preview));
  const direct = (await engine.runModelStep(LTV_PREDICTIVE.id, { calibration_end: '2024-06-30', horizon_months: 24 })) as { params: PredictiveLtvParams };
  fit = direct.params;
}, 120_000);

describe('runModelCell', () => {
  it('keeps one row per modelled customer as the cell’s table, with the recipe’s columns', () => {
    expect(run.output.rowCount).toBe(fit.customers);
    expect(run.output.columns).toEqual([...LTV_PREDICTIVE.columns]);
    expect(preview).toHaveLength(run.output.rowCount);
    expect(run.output.elapsedMs).toBeGreaterThanOrEqual(run.stepMs);
  });

  it('orders the table by clv, highest first, for the preview and for pages read without a sort', async () => {
    const clv = preview.map((row) => row.clv as number);
    expect(clv[0]).toBe(Math.max(...clv));
    for (let i = 1; i < clv.length; i++) expect(clv[i]).toBeLessThanOrEqual(clv[i - 1]);
    const page = toRows(tableFromIPC(await fetchPage(engine, 'ltv_cell', { offset: 10, limit: 5 })));
    expect(page).toEqual(preview.slice(10, 15));
  });

  it('uses the notebook’s values, and the defaults for empty ones', () => {
    expect(fit).toMatchObject({ calibration_end: '2024-06-30', horizon_months: 24, time_unit: 'weeks', monthly_discount_rate: 0.01, margin_rate: 1 });
    expect(run.explanation).toContain(`fitted on ${fit.customers.toLocaleString('en-US')} customers`);
    expect(modelInput(LTV_PREDICTIVE, { calibration_end: null, time_unit: '', horizon_months: 6, period: 'month' })).toEqual({ horizon_months: 6 });
  });

  it('explains the fit and keeps the summary line and the charts’ data', () => {
    expect(run.explanation).toBe(run.explanation.trim());
    expect(run.explanation).toMatch(/^BG\/NBD purchase model, fitted on [\d,]+ customers/);
    expect(run.explanation).toContain('Holdout check: from 2024-07-01 to 2024-12-31');
    expect(run.explanation).toContain('over the next 24 months');
    const { summary, charts } = run.figures;
    expect(summary?.label).toBe('Fitted parameters');
    expect(summary?.parts.join(' · ')).toMatch(/^BG\/NBD r = \d+\.\d{3}, α = \d+\.\d{3}, a = \d+\.\d{3}, b = \d+\.\d{3}, LL −[\d,.]+ · Gamma-Gamma p = \d+\.\d{3}, q = \d+\.\d{3}, γ = \d+\.\d{3}, LL −[\d,.]+$/);
    expect(summary?.parts[0]).toContain(`r = ${fit.r.toFixed(3)}`);
    expect(fit.calibration_weeks).toBeGreaterThan(0);
    expect(charts.map((c) => c.preset)).toEqual(['p-alive-bands', 'ltv-tracking', 'p-alive-heatmap']);
    const [bands, tracking, alive] = charts;
    // Every modelled customer in one P(alive) band; the bands drill into the kept table's p_alive.
    expect(bands.bands).toEqual({ column: 'p_alive' });
    expect(bands.rows.reduce((sum, r) => sum + Number(r.customers), 0)).toBe(fit.customers);
    expect(tracking.options).toEqual({ holdout: String(fit.calibration_weeks) });
    expect(tracking.rows.at(-1)!.week).toBeGreaterThan(fit.calibration_weeks);
    expect(tracking.rows[0]).toEqual({ week: 1, actual: expect.any(Number), expected: expect.any(Number) });
    expect(alive.options).toEqual({ age: String(fit.alive_grid_T), unit: 'weeks' });
    expect(alive.rows.length).toBeGreaterThan(0);
    expect(run.warnings).toEqual([]);
  });

  it('rejects with the model’s sentence when there is nothing to fit', async () => {
    await expect(runCell('too_early', { calibration_end: '2000-01-01' })).rejects.toThrow(/No customer had a completed order on or before the calibration end 2000-01-01/);
  });
});

describe('a model recipe’s cell in a notebook', () => {
  const notebook: Notebook = templateById('ltv').build(catalog);
  const cell = notebook.cells.find((c) => c.kind === 'sql' && c.recipe === LTV_PREDICTIVE.id)!;

  it('is in the Lifetime value template, with a parameters cell for the fit', () => {
    expect(cell).toMatchObject({ kind: 'sql', name: 'ltv_predictive', recipe: 'ltv-predictive' });
    const params = notebookParams(notebook, catalog);
    for (const name of PARAM_NAMES) expect(params, name).toHaveProperty(name);
    expect(params).toMatchObject({ calibration_end: null, time_unit: 'weeks', horizon_months: 12, monthly_discount_rate: 0.01, margin_rate: 1 });
  });

  it('its text says how it runs and is not run', () => {
    const made = recipeCell(catalog, LTV_PREDICTIVE.id, 'my_ltv');
    expect(made).toMatchObject({ kind: 'sql', name: 'my_ltv', recipe: LTV_PREDICTIVE.id });
    const source = made.source;
    expect(source.split('\n').every((line) => line.startsWith('--'))).toBe(true);
    expect(source).toContain('SELECT * FROM my_ltv WHERE p_alive < 0.5');
    for (const name of PARAM_NAMES) expect(source).toContain(`$${name}`);
  });

  it('re-runs when a fit parameter changes, and so do the cells that read it', async () => {
    const reader = { id: 'r1', kind: 'sql' as const, name: 'at_risk', source: 'SELECT count(*) AS n FROM ltv_predictive WHERE p_alive < 0.5' };
    const withReader = { ...notebook, cells: [...notebook.cells, reader] };
    for (const name of PARAM_NAMES) {
      const { order } = runOrder(withReader, { params: [name] });
      expect(order, name).toContain('ltv_predictive');
      expect(order.indexOf('at_risk'), name).toBeGreaterThan(order.indexOf('ltv_predictive'));
    }
    expect(runOrder(withReader, { params: ['period'] }).order).not.toContain('ltv_predictive');
    // The reader queries the kept table like any other result.
    await runCell('ltv_predictive', {});
    const count = toRows(tableFromIPC((await runSqlCell(engine, 'at_risk', reader.source, {})).preview))[0].n as number;
    expect(count).toBeGreaterThan(0);
  });
});
