/**
 * A model recipe as a notebook cell. It is a SQL cell (it has a name, keeps a table
 * later cells read, exports like any result) whose run is not its text: the engine
 * runs the recipe's model step (in the browser, inside the worker), which keeps
 * one row per result row as the cell's table.
 */

import type { EngineApi, ParamValue, Params } from '../engine/api';
import { quoteIdent } from '../engine/sql';
import type { ModelFigures, ModelRecipe, ModelResult } from '../recipes/types';
import { checkResultName, keptTableOutput, type CellOutput } from './runner';

export interface ModelCellRun {
  output: CellOutput;
  explanation: string;
  warnings: string[];
  figures: ModelFigures;
  /** The model step alone, as the page saw it (worker round trip included). */
  stepMs: number;
}

/** The notebook's values of the recipe's parameters; empty ones are left out, so the recipe's defaults apply. */
export function modelInput(recipe: ModelRecipe, params: Params): Params {
  const input: Record<string, ParamValue> = {};
  for (const { name } of recipe.params) {
    const value = params[name];
    if (value !== null && value !== undefined && value !== '') input[name] = value;
  }
  return input;
}

/**
 * Runs a model cell: the step (which keeps the rows as the table `name`), then,
 * when the recipe says how, the table re-written in that order, so the first page
 * of the result (and any unsorted page after it) lists the rows that matter most.
 * `elapsedMs` in the output is both, the cell's work in the engine.
 */
export async function runModelCell(engine: EngineApi, recipe: ModelRecipe, name: string, params: Params): Promise<ModelCellRun> {
  checkResultName(name);
  const start = performance.now();
  const result = (await engine.runModelStep(recipe.id, modelInput(recipe, params), name)) as ModelResult;
  const stepMs = performance.now() - start;
  if (recipe.keptOrder) {
    const table = quoteIdent(name);
    await engine.exec(`CREATE OR REPLACE TABLE ${table} AS SELECT * FROM ${table} ORDER BY ${recipe.keptOrder}`);
  }
  const output = await keptTableOutput(engine, name, performance.now() - start);
  return { output, explanation: recipe.explain(result), warnings: result.warnings, figures: recipe.figures(result), stepMs };
}
