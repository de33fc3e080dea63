import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi, ParamValue } from '../../src/lib/engine/api';
import { RECIPE_IDS, recipeCatalog, recipes, runRecipe, type ParamInput } from '../../src/lib/recipes/index';
import { MODEL_RECIPES } from '../../src/lib/recipes/modelRecipes';
import { loadRecipes } from '../../src/lib/recipes/node';
import { resolveParams } from '../../src/lib/recipes/params';
import { loadData, startEngine } from './helpers';
import { SHOP_FEEDBACK, SHOP_ORDERS } from './shop';

describe('the recipe catalog', () => {
  it('holds every public recipe id, in the notebook’s order: the SQL recipes, then the model recipes', () => {
    expect(recipes.recipes.map((r) => r.id)).toEqual([...RECIPE_IDS, ...MODEL_RECIPES.map((r) => r.id)]);
    expect(recipes.sqlRecipes.map((r) => r.id)).toEqual([...RECIPE_IDS]);
    expect(MODEL_RECIPES.length).toBeGreaterThan(0);
  });

  it('reads the same recipes in Node (tsx) as through import.meta.glob', () => {
    expect(loadRecipes().recipes).toEqual(recipes.recipes);
  });

  it('gives every recipe a title, a description, documented parameters, a chart and an explanation', () => {
    for (const recipe of recipes.sqlRecipes) {
      expect(recipe.title.length, recipe.id).toBeGreaterThan(3);
      expect(recipe.description.length, recipe.id).toBeGreaterThan(20);
      expect(recipe.chart, recipe.id).toMatch(/^[a-z-]+$/);
      expect(recipe.explain.length, recipe.id).toBeGreaterThan(0);
      expect(recipe.empty, recipe.id).not.toBeNull();
      for (const param of recipe.params) expect(param.doc.length, `${recipe.id} ${param.name}`).toBeGreaterThan(5);
    }
  });

  it('gives every model recipe a title, a description, documented parameters, its columns and the data tables it reads', () => {
    for (const recipe of MODEL_RECIPES) {
      expect(recipes.get(recipe.id), recipe.id).toBe(recipe);
      expect(recipe.title.length, recipe.id).toBeGreaterThan(3);
      expect(recipe.description.length, recipe.id).toBeGreaterThan(20);
      for (const param of recipe.params) expect(param.doc.length, `${recipe.id} ${param.name}`).toBeGreaterThan(5);
      expect(recipe.columns.length, recipe.id).toBeGreaterThan(0);
      expect(recipe.tables.length, recipe.id).toBeGreaterThan(0);
      expect(recipe.cellSource('x').split('\n').every((line) => line.startsWith('--')), recipe.id).toBe(true);
    }
  });

  it('uses the shared parameter names and defaults of retention-math.md', () => {
    const defaults: Record<string, ParamValue> = {
      as_of: null, period: 'month', active_window_days: 365, lapsed_after_days: 180, margin_rate: 1, max_lifespan_years: 10,
    };
    for (const recipe of recipes.recipes) {
      for (const param of recipe.params) {
        if (param.name in defaults) expect(param.default, `${recipe.id} ${param.name}`).toBe(defaults[param.name]);
      }
    }
  });

  it('refuses a file named after another id, twin ids and unknown ids', () => {
    const text = recipes.getSql('crr').sql;
    expect(() => recipeCatalog({ './sql/retention.sql': text })).toThrow('./sql/retention.sql holds the recipe "crr"; name the file crr.sql.');
    expect(() => recipeCatalog({ a: text, b: text })).toThrow('Two recipes have the id "crr".');
    expect(() => recipes.get('churn')).toThrow(/There is no recipe "churn". Known recipes: crr, repeat-rate/);
  });
});

describe('every recipe on a real engine', () => {
  let engine: EngineApi;
  beforeAll(async () => {
    engine = await startEngine();
    await loadData(engine, SHOP_ORDERS, SHOP_FEEDBACK);
  });

  // The shop has nobody away for the default 180 days, and no customer list but two is full on its last day.
  const FULL: Record<string, ParamInput> = {
    'win-back': { lapsed_after_days: 100 },
    'list-win-back': { lapsed_after_days: 100 },
    'list-second-purchase': { as_of: '2024-02-10' },
    'list-vips-at-risk': { as_of: '2024-07-10' },
  };

  it.each(RECIPE_IDS.map((id) => [id]))('%s runs and explains itself in full', async (id) => {
    const result = await runRecipe(engine, recipes.get(id), FULL[id]);
    expect(result.rows.length).toBeGreaterThan(0);
    expect(result.explanation).not.toBeNull();
    expect(result.explanation).not.toMatch(/[{}]/);
    expect(result.warnings.filter((w) => w.includes('could not be written'))).toEqual([]);
  });

  it.each(RECIPE_IDS.map((id) => [id]))('%s runs as written in the DuckDB CLI: PREPARE, then EXECUTE with named values', async (id) => {
    const recipe = recipes.getSql(id);
    const statement = `cli_${id.replaceAll('-', '_')}`;
    await engine.exec(`PREPARE ${statement} AS ${recipe.sql}`);
    const values = resolveParams(recipe);
    const args = Object.entries(values).map(([name, value]) => `${name} := ${sqlLiteral(value)}`).join(', ');
    const viaCli = await engine.query(`EXECUTE ${statement}(${args})`);
    const viaRunner = await runRecipe(engine, recipe);
    expect(viaCli.columns).toEqual(viaRunner.columns);
    expect(viaCli.rowCount).toBe(viaRunner.rows.length);
    await engine.exec(`DEALLOCATE ${statement}`);
  });

  it.each(RECIPE_IDS.map((id) => [id]))('%s says so when there is no data', async (id) => {
    await loadData(engine, []);
    const result = await runRecipe(engine, recipes.get(id));
    if (result.rows.length === 0) expect(result.explanation).toBe(recipes.getSql(id).empty);
    else expect(result.explanation ?? '').not.toMatch(/[{}]/);
    await loadData(engine, SHOP_ORDERS, SHOP_FEEDBACK);
  });
});

/** A literal for the EXECUTE line a person would type (test values only). */
function sqlLiteral(value: ParamValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  return String(value);
}
