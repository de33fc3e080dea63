import { parseRecipe } from './parse';
import type { Recipe } from './types';

/** The public recipe ids, in the order a notebook offers them. */
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
] as const;

export interface RecipeCatalog {
  /** Every recipe, known ids first in RECIPE_IDS order, then any others by id. */
  readonly recipes: readonly Recipe[];
  has(id: string): boolean;
  /** The recipe with this id; throws a readable error for an unknown one. */
  get(id: string): Recipe;
}

function rank(id: string): number {
  const i = (RECIPE_IDS as readonly string[]).indexOf(id);
  return i === -1 ? RECIPE_IDS.length : i;
}

/**
 * Parses recipe files given as `{ path or file name: text }` (what
 * `import.meta.glob` or a folder read returns). A `.sql` file must be named
 * after its recipe id, and ids must be unique.
 */
export function recipeCatalog(texts: Readonly<Record<string, string>>): RecipeCatalog {
  const byId = new Map<string, Recipe>();
  for (const [path, text] of Object.entries(texts)) {
    const recipe = parseRecipe(text);
    const file = /([^/\\]+)\.sql$/.exec(path)?.[1];
    if (file !== undefined && file !== recipe.id) throw new Error(`${path} holds the recipe "${recipe.id}"; name the file ${recipe.id}.sql.`);
    if (byId.has(recipe.id)) throw new Error(`Two recipes have the id "${recipe.id}".`);
    byId.set(recipe.id, recipe);
  }
  const recipes = [...byId.values()].sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
  return {
    recipes,
    has: (id) => byId.has(id),
    get(id) {
      const recipe = byId.get(id);
      if (!recipe) throw new Error(`There is no recipe "${id}". Known recipes: ${recipes.map((r) => r.id).join(', ')}.`);
      return recipe;
    },
  };
}
