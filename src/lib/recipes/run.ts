import { tableFromIPC } from 'apache-arrow';
import type { EngineApi, ParamValue } from '../engine/api';
import { toRows, type Row } from '../engine/rows';
import { explainRows, suggestionsFor } from './explain';
import { resolveParams } from './params';
import { meetsAll } from './selector';
import type { ModelRecipe, ModelResult, ParamInput, Recipe, RecipeResult, SqlRecipe } from './types';

/**
 * Runs a recipe of either kind and returns plain rows with the explanation and
 * warnings. A SQL recipe: fills in default parameters, checks and converts them,
 * binds them as prepared-statement parameters. A model recipe: the engine runs its
 * step with the parameters given (the step fills in and checks the rest). A bad
 * parameter or SQL error rejects with a readable message; a broken explanation
 * only adds a warning.
 */
export function runRecipe(engine: EngineApi, recipe: Recipe, input: ParamInput = {}): Promise<RecipeResult> {
  return recipe.kind === 'model' ? runModelRecipe(engine, recipe, input) : runSqlRecipe(engine, recipe, input);
}

async function runSqlRecipe(engine: EngineApi, recipe: SqlRecipe, input: ParamInput): Promise<RecipeResult> {
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

async function runModelRecipe(engine: EngineApi, recipe: ModelRecipe, input: ParamInput): Promise<RecipeResult> {
  const given: Record<string, ParamValue> = {};
  for (const { name } of recipe.params) if (input[name] !== undefined) given[name] = input[name];
  const result = (await engine.runModelStep(recipe.id, given)) as ModelResult;
  const warnings = [...result.warnings];
  let explanation: string | null = null;
  try {
    explanation = recipe.explain(result);
  } catch (error) {
    warnings.push(`The explanation could not be written: ${(error as Error).message}`);
  }
  return { columns: [...recipe.columns], rows: result.rows, explanation, warnings, suggestions: [], params: result.params };
}

function recipeWarnings(recipe: SqlRecipe, rows: readonly Row[]): string[] {
  return recipe.warnings.filter((rule) => rows.some((row) => meetsAll(row, rule.when))).map((rule) => rule.message);
}
