import { readFileSync } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import { toRows, type Row } from '../../../src/lib/engine/rows';
import { loadFile, openFile } from '../../../src/lib/ingest';
import { runOrder } from '../../../src/lib/notebook/dependencies';
import type { Notebook } from '../../../src/lib/notebook/model';
import { notebookParams } from '../../../src/lib/notebook/params';
import { runModelCell } from '../../../src/lib/notebook/modelCell';
import { MODEL_STEPS } from '../../../src/lib/recipes/modelSteps';
import { runSqlCell } from '../../../src/lib/notebook/runner';
import { TEMPLATES, templateById } from '../../../src/lib/notebook/templates';
import { resolveParams } from '../../../src/lib/recipes/params';
import { loadRecipes } from '../../../src/lib/recipes/node';

const catalog = loadRecipes();
const engine = createNodeEngine(MODEL_STEPS);

beforeAll(async () => {
  for (const name of ['orders.csv', 'feedback.csv']) {
    const bytes = new Uint8Array(readFileSync(new URL(`../../../sample-data/${name}`, import.meta.url)));
    await loadFile(engine, await openFile(engine, { name, bytes }));
  }
}, 120_000);

/** Runs a notebook the way the app does: dependency order, notebook parameters, recipe defaults. */
async function runNotebook(notebook: Notebook): Promise<Record<string, Row[]>> {
  const results: Record<string, Row[]> = {};
  const all = notebookParams(notebook, catalog);
  const { order, cycle } = runOrder(notebook);
  expect(cycle).toBeNull();
  for (const name of order) {
    const cell = notebook.cells.find((c) => c.kind === 'sql' && c.name === name);
    if (cell?.kind !== 'sql') continue;
    const recipe = cell.recipe ? catalog.get(cell.recipe) : null;
    if (recipe?.kind === 'model') {
      results[name] = toRows(tableFromIPC((await runModelCell(engine, recipe, name, all)).output.preview));
      continue;
    }
    const params = recipe ? { ...all, ...resolveParams(recipe, all) } : all;
    const output = await runSqlCell(engine, name, cell.source, params);
    results[name] = toRows(tableFromIPC(output.preview));
  }
  return results;
}

describe('built-in templates', () => {
  for (const template of TEMPLATES) {
    it(`${template.title} runs every cell on the demo data`, async () => {
      const notebook = template.build(catalog);
      const results = await runNotebook(notebook);
      const sqlCells = notebook.cells.filter((c) => c.kind === 'sql');
      expect(Object.keys(results).sort()).toEqual(sqlCells.map((c) => (c.kind === 'sql' ? c.name : '')).sort());
      for (const [name, rows] of Object.entries(results)) expect(rows.length, name).toBeGreaterThan(0);
    });
  }

  it('Retention math 101 reproduces the seeds’ examples and moves LTV with the what-if', async () => {
    const results = await runNotebook(templateById('math-101').build(catalog));
    expect(results.seed_example[0]).toMatchObject({ S: 80, N: 20, E: 60, crr_pct: 50, worked: '(60 − 20) / 80 × 100' });
    expect(results.seed_example_2[0]).toMatchObject({ S: 10000, N: 5500, E: 13000, crr_pct: 75 });
    const [today, better] = results.what_if;
    expect(today.scenario).toBe('today');
    expect(better.scenario).toBe('+5 points');
    expect(Number(better.retention_pct)).toBeCloseTo(Number(today.retention_pct) + 5, 1);
    expect(Number(better.ltv)).toBeGreaterThan(Number(today.ltv));
    expect(Number(better.margin_next_year)).toBeGreaterThan(Number(today.margin_next_year));
    // The what-if LTV at today's retention equals the recipe's own LTV.
    expect(Number(today.ltv)).toBeCloseTo(Number(results.ltv_formula[0].ltv), 1);
  });
});
