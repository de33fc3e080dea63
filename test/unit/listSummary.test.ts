import { describe, expect, it } from 'vitest';
import { listSummary } from '../../src/lib/recipes/listSummary';
import { recipes } from '../../src/lib/recipes/index';
import { loadData, run, startEngine } from '../recipes/helpers';
import { SHOP_ORDERS } from '../recipes/shop';

describe('a customer list in one line', () => {
  it('counts the list, sums what its customers spent and says why, from the recipe\'s own result', async () => {
    const engine = await startEngine();
    await loadData(engine, SHOP_ORDERS);
    // Win-back at 60 days on the shop: B (200, last 01-15) and D (40, last 03-03) have lapsed by 2024-06-28.
    const result = await run(engine, 'list-win-back', { lapsed_after_days: 60 });
    const recipe = recipes.getSql('list-win-back');
    expect(result.rows.map((r) => r.customer_id)).toEqual(['B', 'D']);
    expect(listSummary(recipe.description, result.columns, result.rows[0], result.rows.length)).toEqual({
      customers: 2,
      revenue: 240,
      why: 'Customers who have not ordered for longer than the win-back threshold (about six months by default), most valuable first, with their e-mail and segment',
    });
    const empty = await run(engine, 'list-win-back', { lapsed_after_days: 1000 });
    expect(listSummary(recipe.description, empty.columns, undefined, 0)).toMatchObject({ customers: 0, revenue: null });
  });

  it('is null for a result that is not a list', async () => {
    expect(listSummary('Anything: more', [{ name: 'customer_id', type: 'VARCHAR' }, { name: 'revenue', type: 'DOUBLE' }], undefined, 3)).toBeNull();
  });
});
