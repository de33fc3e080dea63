/**
 * The `ltv-predictive` recipe as a notebook cell. It is a SQL cell (it has a name,
 * keeps a table later cells read, exports like any result) whose run is not its SQL:
 * `EngineApi.predictLtv` fits BG/NBD and Gamma-Gamma inside the engine worker and
 * keeps one row per customer as the cell's table.
 */

import type { EngineApi, ParamValue, Params } from '../engine/api';
import { quoteIdent } from '../engine/sql';
import { LTV_PREDICTIVE } from '../models/predictiveRecipe';
import type { AliveGridCell, PredictiveLtvParams, TrackingPoint } from '../models/predictiveTypes';
import { newId, type Cell, type SqlCell } from './model';
import { checkResultName, keptTableOutput, type CellOutput } from './runner';

/** The parameters the fit reads, in the order the recipe declares them. */
export const PREDICTIVE_PARAM_NAMES: readonly string[] = LTV_PREDICTIVE.params.map((p) => p.name);

/** Whether the cell runs the predictive model rather than its SQL. */
export function isPredictiveCell(cell: Cell): boolean {
  return cell.kind === 'sql' && cell.recipe === LTV_PREDICTIVE.id;
}

/** What the cell's editor shows: how it runs, what drives it, how to read its result. */
export function predictiveSource(name: string): string {
  return [
    `-- ${LTV_PREDICTIVE.title}. Not SQL: Run fits the BG/NBD (purchases, drop-out) and`,
    '-- Gamma-Gamma (spend per purchase) models on customer_orders inside the engine worker',
    '-- and keeps one row per customer as this cell’s table, highest clv first.',
    '-- Edits to this text are not run. The fit reads these parameters:',
    `-- ${PREDICTIVE_PARAM_NAMES.map((n) => `$${n}`).join(', ')}`,
    '-- To query the result, add a SQL cell, for example:',
    `-- SELECT * FROM ${name} WHERE p_alive < 0.5 ORDER BY clv DESC`,
  ].join('\n');
}

/** A new predictive cell (for templates). */
export function predictiveCell(name = LTV_PREDICTIVE.id.replaceAll('-', '_')): SqlCell {
  return { id: newId(), kind: 'sql', name, source: predictiveSource(name), recipe: LTV_PREDICTIVE.id };
}

/** What the charts and the parameter line need, kept in the cell's state (the rows stay in DuckDB). */
export interface PredictiveExtras {
  params: PredictiveLtvParams;
  tracking: TrackingPoint[];
  aliveGrid: AliveGridCell[];
}

export interface PredictiveCellRun {
  output: CellOutput;
  explanation: string;
  warnings: string[];
  predictive: PredictiveExtras;
  /** The `predictLtv` call alone, as the page saw it (worker round trip included). */
  fitMs: number;
}

/** The notebook's values of the fit's parameters; empty ones are left out, so the recipe's defaults apply. */
export function predictiveInput(params: Params): Params {
  const input: Record<string, ParamValue> = {};
  for (const name of PREDICTIVE_PARAM_NAMES) {
    const value = params[name];
    if (value !== null && value !== undefined && value !== '') input[name] = value;
  }
  return input;
}

/**
 * Runs a predictive cell: the fit (which keeps the rows as the table `name`), then the
 * table re-written highest CLV first, so the first page of the result (and any
 * unsorted page after it) lists the most valuable customers. `elapsedMs` in the output
 * is both steps, the cell's work in the engine.
 */
export async function runPredictiveCell(engine: EngineApi, name: string, params: Params): Promise<PredictiveCellRun> {
  checkResultName(name);
  const start = performance.now();
  const result = await engine.predictLtv(predictiveInput(params), name);
  const fitMs = performance.now() - start;
  const table = quoteIdent(name);
  await engine.exec(`CREATE OR REPLACE TABLE ${table} AS SELECT * FROM ${table} ORDER BY clv DESC, customer_id`);
  const output = await keptTableOutput(engine, name, performance.now() - start);
  return {
    output,
    explanation: LTV_PREDICTIVE.explain(result),
    warnings: result.warnings,
    predictive: { params: result.params, tracking: result.tracking, aliveGrid: result.aliveGrid },
    fitMs,
  };
}
