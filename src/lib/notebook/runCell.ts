import { tableFromIPC } from 'apache-arrow';
import type { EngineApi, Params } from '../engine/api';
import { toRows, type Row } from '../engine/rows';
import type { RecipeCatalog } from '../recipes/catalog';
import { explainRows, suggestionsFor } from '../recipes/explain';
import { resolveParams } from '../recipes/params';
import type { ModelFigures, Suggestion } from '../recipes/types';
import type { SqlCell } from './model';
import { runModelCell } from './modelCell';
import { runSqlCell, type CellOutput } from './runner';

/** What one SQL cell's run shows: its result, explanation, warnings and one-click suggestions. */
export interface CellResult {
  output: CellOutput;
  /** The preview rows decoded once, shared by the table and the charts. */
  rows: Row[];
  explanation: string | null;
  warnings: string[];
  /** Parameter changes the recipe offers in one click (e.g. a shorter active window). */
  suggestions: Suggestion[];
  /** A model recipe's summary line and charts, from its run. */
  figures?: ModelFigures;
}

/**
 * Runs one SQL cell with the notebook's parameters `all`: a model recipe's cell
 * runs its step, a recipe cell binds its resolved parameters and explains its
 * rows, any other cell runs its SQL. The page's notebook and the build-time
 * demo figures both run cells through here, so the two cannot differ.
 */
export async function runCell(engine: EngineApi, catalog: RecipeCatalog, cell: SqlCell, all: Params): Promise<CellResult> {
  const recipe = cell.recipe && catalog.has(cell.recipe) ? catalog.get(cell.recipe) : null;
  if (recipe?.kind === 'model') {
    const { output, explanation, warnings, figures } = await runModelCell(engine, recipe, cell.name, all);
    return { output, rows: toRows(tableFromIPC(output.preview)), explanation, warnings, suggestions: [], figures };
  }
  const params = recipe ? { ...all, ...resolveParams(recipe, all) } : all;
  const output = await runSqlCell(engine, cell.name, cell.source, params);
  const rows = toRows(tableFromIPC(output.preview));
  let explanation: string | null = null;
  let suggestions: Suggestion[] = [];
  const warnings: string[] = [];
  if (recipe) {
    try {
      explanation = rows.length === 0 ? recipe.empty : explainRows(recipe.explain, rows, params);
      suggestions = suggestionsFor(recipe.suggest, rows, params);
    } catch (error) {
      warnings.push(`The explanation could not be written: ${(error as Error).message}`);
    }
  }
  return { output, rows, explanation, warnings, suggestions };
}
