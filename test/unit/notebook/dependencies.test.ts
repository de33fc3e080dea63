import { describe, expect, it } from 'vitest';
import { CANONICAL_SCHEMA, tablesChangedBy } from '../../../src/lib/ingest/canonical';
import { inputsOf, macroTables, runOrder, sqlWords } from '../../../src/lib/notebook/dependencies';
import type { Cell, SqlCell } from '../../../src/lib/notebook/model';
import { recipeBody, recipeCell, templateById } from '../../../src/lib/notebook/templates';
import { recipes } from '../../../src/lib/recipes/index';
import { MODEL_RECIPES } from '../../../src/lib/recipes/modelRecipes';

const sql = (name: string, source: string): SqlCell => ({ id: name, kind: 'sql', name, source });

describe('sqlWords', () => {
  it('ignores strings and comments and reads quoted identifiers', () => {
    const words = sqlWords(`SELECT * FROM "Monthly" JOIN b -- c\n WHERE x = 'd' /* e */`);
    expect([...words].sort()).toEqual(['b', 'from', 'join', 'monthly', 'select', 'where', 'x']);
  });
});

describe('inputsOf', () => {
  it('finds the cells and parameters a SQL cell reads', () => {
    const cell = sql('c', "SELECT * FROM a JOIN b USING (id) WHERE p = $period AND 'a' <> $min_orders");
    expect(inputsOf(cell, ['a', 'b', 'c', 'z'])).toEqual({ cells: ['a', 'b'], params: ['period', 'min_orders'], tables: [] });
  });
  it('finds the data tables a SQL cell reads, not ones named in strings or comments', () => {
    const cell = sql('c', `SELECT * FROM "Customer_Orders" o JOIN feedback f USING (customer_id) -- orders\n WHERE o.status <> 'order_lines'`);
    expect(inputsOf(cell, ['c']).tables.sort()).toEqual(['customer_orders', 'feedback']);
  });
  it('a model recipe’s cell reads what its recipe declares, whatever its text says', () => {
    for (const recipe of MODEL_RECIPES) {
      const cell: SqlCell = { ...sql('model', 'SELECT * FROM feedback, a WHERE x = $period'), recipe: recipe.id };
      expect(inputsOf(cell, ['model', 'a']), recipe.id).toEqual({ cells: [], params: recipe.params.map((p) => p.name), tables: [...recipe.tables] });
    }
    const ltv: SqlCell = { ...sql('ltv', 'SELECT 1'), recipe: 'ltv-predictive' };
    expect(inputsOf(ltv, ['ltv']).tables).toContain('customer_orders');
  });
  it('knows the data tables behind each macro of the schema, through the macros it calls', () => {
    const tables = macroTables(CANONICAL_SCHEMA);
    expect(tables.get('rfm_scores')).toEqual(['orders', 'customer_orders']);
    expect(tables.get('customer_profile')).toEqual(['orders', 'customer_orders']);
    expect(tables.get('linked_feedback')).toEqual(['orders', 'feedback']);
    expect(tables.get('rfm_default_segment_map')).toEqual([]);
    const nested = macroTables('CREATE OR REPLACE MACRO a() AS TABLE FROM b(); CREATE OR REPLACE MACRO b() AS TABLE FROM feedback;');
    expect(nested.get('a')).toEqual(['feedback']);
  });
  it('a chart reads the cell it draws', () => {
    const chart: Cell = { id: 'x', kind: 'chart', from: 'a', spec: { mark: 'bar' } };
    expect(inputsOf(chart, ['a'])).toEqual({ cells: ['a'], params: [], tables: [] });
  });
});

describe('runOrder', () => {
  const notebook = {
    cells: [
      sql('d', 'SELECT * FROM c'),
      sql('a', 'SELECT 1 AS v'),
      sql('b', 'SELECT v FROM a WHERE v > $min'),
      sql('c', 'SELECT * FROM b, a'),
      sql('e', 'SELECT 2'),
    ],
  };

  it('runs every cell after the cells it reads', () => {
    expect(runOrder(notebook).order).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('re-runs only a changed cell and what depends on it', () => {
    expect(runOrder(notebook, { cells: ['b'] }).order).toEqual(['b', 'c', 'd']);
    expect(runOrder(notebook, { cells: ['e'] }).order).toEqual(['e']);
  });

  it('re-runs the cells that read a changed parameter, and their dependants', () => {
    expect(runOrder(notebook, { params: ['min'] }).order).toEqual(['b', 'c', 'd']);
    expect(runOrder(notebook, { params: ['other'] }).order).toEqual([]);
  });

  it('re-runs the cells that read a changed data table, and their dependants', () => {
    const overview = {
      cells: [
        sql('crr', 'SELECT count(*) FROM customer_orders'),
        sql('nps', 'SELECT avg(score) FROM feedback'),
        sql('both', 'SELECT * FROM crr, nps'),
        sql('constant', 'SELECT 1'),
      ],
    };
    expect(runOrder(overview, { tables: ['feedback'] }).order).toEqual(['nps', 'both']);
    expect(runOrder(overview, { tables: ['orders', 'customer_orders'] }).order).toEqual(['crr', 'both']);
    expect(runOrder(overview, { tables: [] }).order).toEqual([]);
  });

  it('re-runs, after a load, the cells that read its tables through a macro of the schema', () => {
    const notebook = templateById('overview').build(recipes);
    notebook.cells.push(recipeCell(recipes, 'feedback-worst'));
    // These read feedback only through linked_feedback(…): their text names no feedback table.
    for (const id of ['feedback-retention', 'feedback-worst', 'list-unhappy-best']) {
      expect(sqlWords(recipeBody(recipes.getSql(id).sql)).has('feedback'), id).toBe(false);
    }
    expect(runOrder(notebook, { tables: tablesChangedBy('feedback') }).order).toEqual(['feedback_nps', 'feedback_retention', 'list_unhappy_best', 'feedback_worst']);
    // A drill cell reads the orders only through customer_profile(…).
    const drill = sql('at_risk', 'SELECT p.customer_id FROM customer_profile(NULL) p');
    expect(runOrder({ cells: [drill] }, { tables: tablesChangedBy('orders') }).order).toEqual(['at_risk']);
    expect(runOrder({ cells: [drill] }, { tables: tablesChangedBy('feedback') }).order).toEqual([]);
  });

  it('reports a cycle instead of looping', () => {
    const cyclic = { cells: [sql('x', 'SELECT * FROM y'), sql('y', 'SELECT * FROM x')] };
    expect(runOrder(cyclic).cycle).toEqual(['x', 'y', 'x']);
  });
});
