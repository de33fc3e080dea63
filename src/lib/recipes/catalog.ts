import { parseRecipe } from './parse';
import { MODEL_RECIPES } from './modelRecipes';
import type { ModelRecipe, Recipe, SqlRecipe } from './types';

/** The public SQL recipe ids, in the order a notebook offers them (model recipes follow, see modelRecipes.ts). */
export const RECIPE_IDS = [
  'crr',
  'repeat-rate',
  'time-to-second-order',
  'milestones',
  'cohort-retention',
  'rfm',
  'rfm-segments',
  'ltv-formula',
  'ltv-historical',
  'win-back',
  'feedback-nps',
  'feedback-retention',
  'feedback-worst',
  'list-second-purchase',
  'list-milestone-due',
  'list-win-back',
  'list-vips-at-risk',
  'list-unhappy-best',
] as const;

export interface RecipeCatalog {
  /** Every recipe: SQL recipes with known ids first in RECIPE_IDS order, then any others by id, then the model recipes. */
  readonly recipes: readonly Recipe[];
  /** The SQL recipes alone (what runs in the DuckDB CLI as it is). */
  readonly sqlRecipes: readonly SqlRecipe[];
  has(id: string): boolean;
  /** The recipe with this id; throws a readable error for an unknown one. */
  get(id: string): Recipe;
  /** The SQL recipe with this id; throws for an unknown id or a model recipe. */
  getSql(id: string): SqlRecipe;
}

function rank(id: string): number {
  const i = (RECIPE_IDS as readonly string[]).indexOf(id);
  return i === -1 ? RECIPE_IDS.length : i;
}

/**
 * Parses recipe files given as `{ path or file name: text }` (what
 * `import.meta.glob` or a folder read returns), next to the model recipes. A
 * `.sql` file must be named after its recipe id, and ids must be unique.
 */
export function recipeCatalog(texts: Readonly<Record<string, string>>, models: readonly ModelRecipe[] = MODEL_RECIPES): RecipeCatalog {
  const byId = new Map<string, Recipe>();
  for (const [path, text] of Object.entries(texts)) {
    const recipe = parseRecipe(text);
    const file = /([^/\\]+)\.sql$/.exec(path)?.[1];
    if (file !== undefined && file !== recipe.id) throw new Error(`${path} holds the recipe "${recipe.id}"; name the file ${recipe.id}.sql.`);
    if (byId.has(recipe.id)) throw new Error(`Two recipes have the id "${recipe.id}".`);
    byId.set(recipe.id, recipe);
  }
  const sql = [...byId.values()].filter((r): r is SqlRecipe => r.kind === 'sql').sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
  for (const model of models) {
    if (byId.has(model.id)) throw new Error(`Two recipes have the id "${model.id}".`);
    byId.set(model.id, model);
  }
  const recipes = [...sql, ...models];
  const get = (id: string): Recipe => {
    const recipe = byId.get(id);
    if (!recipe) throw new Error(`There is no recipe "${id}". Known recipes: ${recipes.map((r) => r.id).join(', ')}.`);
    return recipe;
  };
  return {
    recipes,
    sqlRecipes: sql,
    has: (id) => byId.has(id),
    get,
    getSql(id) {
      const recipe = get(id);
      if (recipe.kind !== 'sql') throw new Error(`The recipe "${id}" is a model, not SQL.`);
      return recipe;
    },
  };
}
