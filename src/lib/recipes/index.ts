import { recipeCatalog } from './catalog';

/** Every recipe in ./sql, bundled as text by Vite (and vitest). Node scripts use ./node.ts instead. */
export const recipes = recipeCatalog(
  import.meta.glob<string>('./sql/*.sql', { query: '?raw', import: 'default', eager: true }),
);

export { RECIPE_IDS, recipeCatalog, type RecipeCatalog } from './catalog';
export { parseRecipe } from './parse';
export { runRecipe } from './run';
export { explainRows, fillTemplate, formatValue } from './explain';
export { resolveParams } from './params';
export type * from './types';
