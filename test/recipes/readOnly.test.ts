import { beforeAll, describe, expect, it } from 'vitest';
import { recipes, runRecipe } from '../../src/lib/recipes/index';
import { loadData, startEngine } from './helpers';
import type { EngineApi } from '../../src/lib/engine/api';

let engine: EngineApi;
beforeAll(async () => {
  engine = await startEngine();
  await loadData(engine, [['O1', 'a', '2024-01-05', 10]]);
});

describe('recipes run read-only, as notebook cells do (the app and the headless runner share runRecipe)', () => {
  it('a recipe is one query and runs', async () => {
    expect((await runRecipe(engine, recipes.getSql('repeat-rate'))).rows.length).toBeGreaterThan(0);
  });

  it('a recipe whose SQL writes is refused and writes nothing', async () => {
    const tampered = { ...recipes.getSql('repeat-rate'), sql: 'DELETE FROM orders' };
    await expect(runRecipe(engine, tampered)).rejects.toThrow(/This is a DELETE statement on "orders"/);
    const { rows } = await runRecipe(engine, { ...recipes.getSql('repeat-rate'), sql: 'SELECT count(*)::INTEGER AS n FROM orders' });
    expect(rows).toEqual([{ n: 1 }]);
  });
});
