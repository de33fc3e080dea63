import { tableFromIPC } from 'apache-arrow';
import type { EngineApi } from '../engine/api';
import { toRows, type Row } from '../engine/rows';
import { explainRows, suggestionsFor } from './explain';
import { resolveParams } from './params';
import { meetsAll } from './selector';
import type { ParamInput, Recipe, RecipeResult } from './types';

/**
 * Runs a recipe: fills in default parameters, checks and converts them, binds
 * them as prepared-statement parameters and returns plain rows with the
 * explanation and warnings. A bad parameter or SQL error rejects with a
 * readable message; a broken explanation only adds a warning.
 */
export async function runRecipe(engine: EngineApi, recipe: Recipe, input: ParamInput = {}): Promise<RecipeResult> {
  const params = resolveParams(recipe, input);
  // Read-only like a notebook cell: the headless runner and the app check recipes' SQL the same way.
  const result = await engine.query(recipe.sql, params, { readOnly: true });
  const rows = toRows(tableFromIPC(result.ipc));
  const warnings: string[] = [];
  let explanation: string | null = null;
  let suggestions: RecipeResult['suggestions'] = [];
  try {
    explanation = rows.length === 0 ? recipe.empty : explainRows(recipe.explain, rows, params);
    suggestions = suggestionsFor(recipe.suggest, rows, params);
    warnings.push(...recipeWarnings(recipe, rows));
  } catch (error) {
    warnings.push(`The explanation could not be written: ${(error as Error).message}`);
  }
  return { columns: result.columns, rows, explanation, warnings, suggestions, params };
}

function recipeWarnings(recipe: Recipe, rows: readonly Row[]): string[] {
  return recipe.warnings.filter((rule) => rows.some((row) => meetsAll(row, rule.when))).map((rule) => rule.message);
}
