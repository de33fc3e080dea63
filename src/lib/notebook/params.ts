import type { ParamValue, Params } from '../engine/api';
import type { RecipeCatalog } from '../recipes/catalog';
import type { Notebook, ParamDef } from './model';
import { paramDefs } from './model';

/** A parameter definition's value as SQL receives it: dates `YYYY-MM-DD` or NULL, numbers as numbers. */
export function paramValue(def: ParamDef): ParamValue {
  if (def.value === null || def.value === '') return null;
  if (def.type === 'number') return Number(def.value);
  return String(def.value);
}

/**
 * The values every cell can bind: each recipe parameter's default, overridden
 * by the notebook's parameter cells. Recipe defaults make a recipe cell run
 * even in a notebook that declares none of its parameters.
 */
export function notebookParams(notebook: Pick<Notebook, 'cells'>, catalog: RecipeCatalog): Params {
  const values: Record<string, ParamValue> = {};
  for (const recipe of catalog.recipes) for (const p of recipe.params) if (!(p.name in values)) values[p.name] = p.default;
  for (const def of paramDefs(notebook)) values[def.name] = paramValue(def);
  return values;
}
