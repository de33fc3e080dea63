import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { recipeCatalog, type RecipeCatalog } from './catalog';

/** Where the recipe files live next to this module. */
export const RECIPE_DIR = fileURLToPath(new URL('./sql/', import.meta.url));

/**
 * Reads every recipe in a folder (by default ./sql) for Node scripts run with
 * tsx, where `import.meta.glob` does not exist.
 */
export function loadRecipes(dir: string = RECIPE_DIR): RecipeCatalog {
  const texts: Record<string, string> = {};
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.sql')).sort()) {
    texts[name] = readFileSync(path.join(dir, name), 'utf8');
  }
  return recipeCatalog(texts);
}

export { RECIPE_IDS, recipeCatalog, type RecipeCatalog } from './catalog';
export { parseRecipe } from './parse';
export { runRecipe } from './run';
export { explainRows, fillTemplate, formatValue } from './explain';
export { resolveParams } from './params';
export type * from './types';
