/** The generic chart: one mark over x and y, optionally coloured and faceted (see ../README.md, "Generic chart"). */
import { distinct, kindOf, missingColumns, toLabel } from '../data';
import type { ChartSpec } from '../spec';
import { type ChartContext, type ChartOutcome, problem } from '../types';
import { barChart } from './bar';
import { cellChart } from './cell';
import { continuousChart } from './continuous';
import { dotChart } from './dot';
import { inferMark, type Kinds } from './points';
import { kindWord } from './words';

/** More facet panels than this and the chart asks for another column. */
export const MAX_FACETS = 20;

/**
 * The generic chart: one mark over x and y, optionally coloured by a column
 * and split into one panel per facet value. Returns a problem, never throws,
 * when the spec is incomplete or the data cannot be drawn that way.
 */
export function renderGeneric(spec: ChartSpec, context: ChartContext): ChartOutcome {
  const { rows, columns } = context;
  if (rows.length === 0) return problem('No rows to draw');
  if (!spec.x) return problem('Pick a column for x');
  if (!spec.y) return problem('Pick a column for y');
  const wanted = [spec.x, spec.y, spec.color, spec.facet].filter((c): c is string => Boolean(c));
  const missing = missingColumns(columns, rows, wanted);
  if (missing.length > 0) return problem(`There is no column "${missing[0]}" in this result`);
  const kinds: Kinds = {
    x: kindOf(spec.x, columns, rows) ?? 'other',
    y: kindOf(spec.y, columns, rows) ?? 'other',
    color: spec.color ? (kindOf(spec.color, columns, rows) ?? 'other') : null,
    facet: spec.facet ? (kindOf(spec.facet, columns, rows) ?? 'other') : null,
  };
  const mark = spec.mark ?? inferMark(kinds);
  const full = { ...spec, x: spec.x, y: spec.y, mark };
  if (mark === 'cell') {
    if (!spec.color) return problem('Pick a column for colour');
    return cellChart({ ...full, color: spec.color }, kinds, context);
  }
  if (kinds.y !== 'number' && mark !== 'dot') return problem(`Pick a number column for y ("${spec.y}" holds ${kindWord(kinds.y)})`);
  if (spec.facet) {
    const facets = distinct(rows.map((r) => toLabel(r[spec.facet!])));
    if (facets.length > MAX_FACETS) return problem(`Too many panels: "${spec.facet}" has ${facets.length} values; pick a facet column with at most ${MAX_FACETS}`);
  }
  if (mark === 'dot' && kinds.y !== 'number') return dotChart(full, kinds, context);
  return mark === 'bar' ? barChart(full, kinds, context) : continuousChart(full, kinds, context);
}

export { MAX_BARS } from './bar';
