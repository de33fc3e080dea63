/**
 * The `ltv-predictive` recipe as the page sees it: what it reads, its parameters,
 * its columns, its words and its charts. The fit itself is the model step
 * (`step.ts`), which the engine runs in its own thread.
 */

import type { ModelFigures, ModelRecipe } from '../types';
import { aliveBands } from './chartData';
import { explainPredictiveLtv, fitSummary } from './explain';
import { PREDICTIVE_LTV_PARAMS } from './params';
import { PREDICTIVE_LTV_COLUMNS, type PredictiveLtvResult } from './types';

const ID = 'ltv-predictive';

/** What a cell of this recipe shows as its text: how it runs, what drives it, how to read its result. */
function cellSource(name: string): string {
  return [
    `-- ${LTV_PREDICTIVE.title}. Not SQL: Run fits the BG/NBD (purchases, drop-out) and`,
    '-- Gamma-Gamma (spend per purchase) models on customer_orders inside the engine worker',
    '-- and keeps one row per customer as this cell’s table, highest clv first.',
    '-- Edits to this text are not run. The fit reads these parameters:',
    `-- ${PREDICTIVE_LTV_PARAMS.map((p) => `$${p.name}`).join(', ')}`,
    '-- To query the result, add a SQL cell, for example:',
    `-- SELECT * FROM ${name} WHERE p_alive < 0.5 ORDER BY clv DESC`,
  ].join('\n');
}

/** The fitted parameters on one line, the customers by P(alive) band (each a list to drill into), the tracking curve and the P(alive) map. */
function figures({ params, rows, tracking, aliveGrid }: PredictiveLtvResult): ModelFigures {
  return {
    summary: { label: 'Fitted parameters', parts: fitSummary(params).split(' · ') },
    charts: [
      {
        preset: 'p-alive-bands',
        name: 'p_alive_bands',
        columns: [
          { name: 'band', type: 'VARCHAR' },
          { name: 'lower', type: 'DOUBLE' },
          { name: 'upper', type: 'DOUBLE' },
          { name: 'customers', type: 'INTEGER' },
          { name: 'predicted_clv', type: 'DOUBLE' },
        ],
        rows: aliveBands(rows),
        options: { horizon: String(params.horizon_months) },
        bands: { column: 'p_alive' },
      },
      {
        preset: 'ltv-tracking',
        name: 'tracking',
        columns: [
          { name: 'week', type: 'DOUBLE' },
          { name: 'actual', type: 'DOUBLE' },
          { name: 'expected', type: 'DOUBLE' },
        ],
        rows: tracking,
        options: { holdout: String(params.calibration_weeks) },
      },
      {
        preset: 'p-alive-heatmap',
        name: 'p_alive',
        columns: [
          { name: 'frequency', type: 'INTEGER' },
          { name: 'recency', type: 'DOUBLE' },
          { name: 'p_alive', type: 'DOUBLE' },
        ],
        rows: aliveGrid,
        options: { age: String(params.alive_grid_T), unit: params.time_unit },
      },
    ],
  };
}

/** The `ltv-predictive` recipe. */
export const LTV_PREDICTIVE: ModelRecipe<PredictiveLtvResult> = {
  kind: 'model',
  id: ID,
  title: 'Customer lifetime value (predictive)',
  description:
    'Forecasts each customer’s future purchases and value from how often and how recently they bought: ' +
    'the BG/NBD model for purchases and drop-out, the Gamma-Gamma model for spend per purchase, ' +
    'fitted on the orders up to calibration_end and checked against the orders after it.',
  params: PREDICTIVE_LTV_PARAMS,
  columns: PREDICTIVE_LTV_COLUMNS,
  // What the summary SQL (sql.ts) reads; test/unit/models/predictive.test.ts checks it.
  tables: ['orders', 'customer_orders'],
  cellSource,
  keptOrder: 'clv DESC, customer_id',
  customerFacts: { p_alive: 'p_alive', clv: 'predicted_clv' },
  explain: explainPredictiveLtv,
  figures,
};
