import type { RecipeCatalog } from '../recipes/catalog';
import { emptyNotebook, newId, type Cell, type Notebook, type ParamDef, type SqlCell } from './model';

/**
 * A recipe from the library as a cell: a SQL recipe as an editable SQL cell that
 * keeps its chart and explanation; a model recipe as a cell whose text says how it runs.
 */
export function recipeCell(catalog: RecipeCatalog, recipeId: string, name = recipeId.replaceAll('-', '_')): SqlCell {
  const recipe = catalog.get(recipeId);
  if (recipe.kind === 'model') return { id: newId(), kind: 'sql', name, source: recipe.cellSource(name), recipe: recipe.id };
  return { id: newId(), kind: 'sql', name, source: recipeBody(recipe.sql), recipe: recipe.id, chart: { preset: recipe.chart } };
}

/** A recipe's SQL without its header comments (the cell shows the title, and the catalog keeps the rest). */
export function recipeBody(sql: string): string {
  const lines = sql.split('\n');
  const first = lines.findIndex((line) => !/^\s*--/.test(line) && line.trim() !== '');
  return lines.slice(Math.max(0, first)).join('\n');
}

/** A customer-list recipe as a cell that shows its list as a table, without a chart of it. */
function listCell(catalog: RecipeCatalog, recipeId: string): SqlCell {
  const { chart: _chart, ...cell } = recipeCell(catalog, recipeId);
  return cell;
}

function markdown(source: string): Cell {
  return { id: newId(), kind: 'markdown', source };
}

const PERIOD: ParamDef = { name: 'period', label: 'Period', type: 'select', value: 'month', options: ['month', 'quarter', 'year'] };
const AS_OF: ParamDef = { name: 'as_of', label: 'Analysis date (empty = latest order)', type: 'date', value: null };
const WINDOW: ParamDef = { name: 'active_window_days', label: 'Active window (days)', type: 'number', value: 365, min: 30, max: 730, step: 5 };
const MARGIN: ParamDef = { name: 'margin_rate', label: 'Margin rate (when the data has no margin)', type: 'number', value: 1, min: 0, max: 1, step: 0.05 };
const CALIBRATION_END: ParamDef = { name: 'calibration_end', label: 'Calibration end (empty = latest order, no holdout)', type: 'date', value: null };
const TIME_UNIT: ParamDef = { name: 'time_unit', label: 'Time unit of the fit', type: 'select', value: 'weeks', options: ['weeks', 'days'] };
const HORIZON: ParamDef = { name: 'horizon_months', label: 'CLV horizon (months)', type: 'number', value: 12, min: 1, max: 120, step: 1 };
const DISCOUNT: ParamDef = { name: 'monthly_discount_rate', label: 'Monthly discount rate', type: 'number', value: 0.01, min: 0, max: 0.1, step: 0.005 };

function params(...defs: ParamDef[]): Cell {
  return { id: newId(), kind: 'params', params: defs.map((d) => ({ ...d })) };
}

function sql(name: string, source: string, chart?: SqlCell['chart']): SqlCell {
  return { id: newId(), kind: 'sql', name, source, ...(chart ? { chart } : {}) };
}

function notebook(title: string, cells: Cell[]): Notebook {
  return { ...emptyNotebook(title), cells };
}

/** The notebook a first visit opens (its figures on the demo are computed when the app is built, see buildTimeFigures.ts). */
export const FIRST_VISIT_TEMPLATE = 'overview';

export interface Template {
  id: string;
  title: string;
  description: string;
  build: (catalog: RecipeCatalog) => Notebook;
}

export const TEMPLATES: Template[] = [
  {
    id: 'overview',
    title: 'Retention overview',
    description: 'CRR, repeat purchase, cohorts, RFM, lifetime value and feedback on the loaded data.',
    build: (c) =>
      notebook('Retention overview', [
        markdown(
          '# Retention overview\n\nEvery figure below is a saved SQL recipe run on the loaded `orders` and `feedback`. ' +
            'Each shows its formula with your own numbers plugged in; edit any cell, and the cells that read it re-run.',
        ),
        params(PERIOD, AS_OF, WINDOW, MARGIN),
        recipeCell(c, 'crr'),
        recipeCell(c, 'repeat-rate'),
        recipeCell(c, 'cohort-retention'),
        recipeCell(c, 'rfm-segments'),
        recipeCell(c, 'ltv-formula'),
        recipeCell(c, 'feedback-nps'),
        recipeCell(c, 'feedback-retention'),
        markdown(
          "## This week's lists\n\nThe seeds' programmes as customer lists, most valuable first: each says how many customers " +
            'it holds and what they have spent so far (the revenue at stake). Export a list as CSV for your e-mail tool.',
        ),
        listCell(c, 'list-second-purchase'),
        listCell(c, 'list-milestone-due'),
        listCell(c, 'list-win-back'),
        listCell(c, 'list-vips-at-risk'),
        listCell(c, 'list-unhappy-best'),
      ]),
  },
  {
    id: 'rfm',
    title: 'RFM segments',
    description: 'Recency, frequency and monetary scores per customer, and who sits in each segment.',
    build: (c) =>
      notebook('RFM segments', [
        markdown('# RFM segments\n\nScores 1–5 by quintile (ties share a score). The segment map is on (R, F).'),
        params(AS_OF),
        recipeCell(c, 'rfm'),
        recipeCell(c, 'rfm-segments'),
        recipeCell(c, 'win-back'),
      ]),
  },
  {
    id: 'ltv',
    title: 'Lifetime value',
    description: 'Formula LTV with each factor, historical LTV curves by cohort, and predictive LTV per customer (BG/NBD and Gamma-Gamma).',
    build: (c) =>
      notebook('Lifetime value', [
        markdown('# Lifetime value\n\nLTV = lifespan × average gross margin per order × purchases per customer per year.'),
        params(AS_OF, MARGIN),
        recipeCell(c, 'ltv-formula'),
        recipeCell(c, 'ltv-historical'),
        recipeCell(c, 'milestones'),
        recipeCell(c, 'time-to-second-order'),
        markdown(
          '## Predictive lifetime value\n\nThe cells above measure what customers have been worth; this one forecasts what each will be worth. ' +
            'The BG/NBD model learns how often each customer buys and how likely they are to have left, the Gamma-Gamma model what they spend, ' +
            'both from the orders up to the calibration end. Set a calibration end before your latest order to check the forecast against what ' +
            'happened after it. CLV is revenue × the margin rate above (1 = revenue), whatever margins the data has.',
        ),
        params(CALIBRATION_END, TIME_UNIT, HORIZON, DISCOUNT),
        recipeCell(c, 'ltv-predictive'),
      ]),
  },
  {
    id: 'feedback',
    title: 'Feedback and retention',
    description: 'NPS and CSAT, repeat purchase by first score, and the worst experiences of the best customers.',
    build: (c) =>
      notebook('Feedback and retention', [
        markdown('# Feedback and retention\n\nUnhappy customers rarely come back: compare repeat purchase by the score of their first feedback.'),
        params(PERIOD, AS_OF),
        recipeCell(c, 'feedback-nps'),
        recipeCell(c, 'feedback-retention'),
        recipeCell(c, 'feedback-worst'),
      ]),
  },
];

TEMPLATES.push({
  id: 'math-101',
  title: 'Retention math 101',
  description: 'Each retention formula worked through on the loaded data, the seeds’ examples, and a what-if on retention.',
  build: (c) =>
    notebook('Retention math 101', [
      markdown(
        '# Retention math 101\n\n' +
          '**Customer retention rate** compares the customers you had at the start of a period with those you still have at its end, ' +
          'leaving out the new ones:\n\n**CRR = (E − N) / S × 100**\n\n' +
          '- **S**: customers active at the start of the period\n- **E**: customers active at the end\n- **N**: new customers won during the period\n\n' +
          'First the seeds’ own examples. Change S, N and E below and watch the rate follow.',
      ),
      params(
        { name: 'seed_s', label: 'S: active at the start', type: 'number', value: 80, min: 1, max: 1000, step: 1 },
        { name: 'seed_n', label: 'N: new in the period', type: 'number', value: 20, min: 0, max: 1000, step: 1, atMost: 'seed_e' },
        { name: 'seed_e', label: 'E: active at the end', type: 'number', value: 60, min: 0, max: 1000, step: 1 },
      ),
      sql(
        'seed_example',
        `-- Seed 001: S = 80, N = 20, E = 60 gives 50 %.
SELECT $seed_s AS S, $seed_n AS N, $seed_e AS E,
       $seed_e - $seed_n AS kept,
       round(($seed_e - $seed_n) / nullif($seed_s, 0) * 100, 1) AS crr_pct,
       '(' || $seed_e::BIGINT || ' − ' || $seed_n::BIGINT || ') / ' || $seed_s::BIGINT || ' × 100' AS worked`,
      ),
      sql(
        'seed_example_2',
        `-- Seed 002: 10,000 customers at the start, 5,500 won, 2,500 lost: E = 10,000 + 5,500 − 2,500 = 13,000.
SELECT 10000 AS S, 5500 AS N, 2500 AS churned, 10000 + 5500 - 2500 AS E,
       round((10000 + 5500 - 2500 - 5500) / 10000 * 100, 1) AS crr_pct`,
      ),
      markdown(
        '## Your own CRR\n\nThe same formula on the loaded orders, per period. “Active” means at least one order in the ' +
          'active window (365 days by default) up to that day. Periods that begin less than a window after the first order ' +
          'have **incomplete history**: nobody could have lapsed yet, so their CRR is inflated and drawn apart.',
      ),
      params(PERIOD, WINDOW),
      recipeCell(c, 'crr'),
      markdown('## Repeat purchase\n\n**Repeat purchase rate** = customers with 2 or more orders / customers with at least one.'),
      recipeCell(c, 'repeat-rate'),
      markdown('## Cohorts\n\nA cohort is every customer whose first order fell in the same month. Retention(c, k) = customers of cohort c who ordered k months later / cohort size.'),
      recipeCell(c, 'cohort-retention'),
      markdown('## RFM\n\nRecency, frequency and monetary value, each scored 1–5 by quintile; segments come from the (R, F) pair.'),
      recipeCell(c, 'rfm-segments'),
      markdown(
        '## Lifetime value\n\n**LTV = lifespan (years) × average gross margin per order × purchases per customer per year**, ' +
          'with lifespan = 1 / annual churn rate (capped).',
      ),
      recipeCell(c, 'ltv-formula'),
      markdown(
        '## What if retention rose?\n\nThe seeds quote Bain & Harvard: a 5 % rise in retention raises profit by 25–95 %. ' +
          'Raise the annual retention rate below by some points and see lifespan, LTV and next year’s margin from today’s customers move.',
      ),
      params({ name: 'retention_uplift', label: 'Retention uplift (percentage points)', type: 'number', value: 5, min: 0, max: 30, step: 1 }),
      sql(
        'what_if',
        `WITH now AS (SELECT * FROM ltv_formula),
scenario AS (
  SELECT 'today' AS scenario, annual_crr AS retention_pct FROM now
  UNION ALL
  SELECT '+' || replace(round($retention_uplift, 1)::VARCHAR, '.0', '') || ' points', least(annual_crr + $retention_uplift, 99.9) FROM now
)
SELECT s.scenario,
       round(s.retention_pct, 1) AS retention_pct,
       round(least(1 / ((100 - s.retention_pct) / 100), n.max_lifespan_years), 2) AS lifespan_years,
       round(least(1 / ((100 - s.retention_pct) / 100), n.max_lifespan_years) * n.avg_margin_per_order * n.purchases_per_year, 2) AS ltv,
       -- Margin next year from today's active customers: those retained × purchases × margin per order.
       round(n.E * s.retention_pct / 100 * n.purchases_per_year * n.avg_margin_per_order, 0) AS margin_next_year
FROM scenario s, now n
ORDER BY s.retention_pct`,
        { mark: 'bar', x: 'scenario', y: 'ltv' },
      ),
    ]),
});

export function templateById(id: string): Template {
  const template = TEMPLATES.find((t) => t.id === id);
  if (!template) throw new Error(`There is no template "${id}".`);
  return template;
}
