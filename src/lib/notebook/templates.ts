import type { RecipeCatalog } from '../recipes/catalog';
import { emptyNotebook, newId, type Cell, type Notebook, type ParamDef, type SqlCell } from './model';

/** A recipe from the library as an editable SQL cell that keeps its chart and explanation. */
export function recipeCell(catalog: RecipeCatalog, recipeId: string, name = recipeId.replaceAll('-', '_')): SqlCell {
  const recipe = catalog.get(recipeId);
  return { id: newId(), kind: 'sql', name, source: recipeBody(recipe.sql), recipe: recipe.id, chart: { preset: recipe.chart } };
}

/** A recipe's SQL without its header comments (the cell shows the title, and the catalog keeps the rest). */
export function recipeBody(sql: string): string {
  const lines = sql.split('\n');
  const first = lines.findIndex((line) => !/^\s*--/.test(line) && line.trim() !== '');
  return lines.slice(Math.max(0, first)).join('\n');
}

function markdown(source: string): Cell {
  return { id: newId(), kind: 'markdown', source };
}

const PERIOD: ParamDef = { name: 'period', label: 'Period', type: 'select', value: 'month', options: ['month', 'quarter', 'year'] };
const AS_OF: ParamDef = { name: 'as_of', label: 'Analysis date (empty = latest order)', type: 'date', value: null };
const WINDOW: ParamDef = { name: 'active_window_days', label: 'Active window (days)', type: 'number', value: 365, min: 30, max: 730, step: 5 };
const MARGIN: ParamDef = { name: 'margin_rate', label: 'Margin rate (when the data has no margin)', type: 'number', value: 1, min: 0, max: 1, step: 0.05 };

function params(...defs: ParamDef[]): Cell {
  return { id: newId(), kind: 'params', params: defs.map((d) => ({ ...d })) };
}

function notebook(title: string, cells: Cell[]): Notebook {
  return { ...emptyNotebook(title), cells };
}

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
    description: 'Formula LTV with each factor, and historical LTV curves by cohort.',
    build: (c) =>
      notebook('Lifetime value', [
        markdown('# Lifetime value\n\nLTV = lifespan × average gross margin per order × purchases per customer per year.'),
        params(AS_OF, MARGIN),
        recipeCell(c, 'ltv-formula'),
        recipeCell(c, 'ltv-historical'),
        recipeCell(c, 'milestones'),
        recipeCell(c, 'time-to-second-order'),
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

export function templateById(id: string): Template {
  const template = TEMPLATES.find((t) => t.id === id);
  if (!template) throw new Error(`There is no template "${id}".`);
  return template;
}
