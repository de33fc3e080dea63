import * as Plot from '@observablehq/plot';
import { distinct, humanize, toLabel } from '../data';
import { drawPlot } from '../plot';
import { scaledColor } from '../safeColor';
import { ACCENT } from '../theme';
import { type ChartContext, type ChartOutcome, problem } from '../types';
import { colorSetup } from './color';
import { continuous, type FullSpec, type Kinds } from './points';
import { describe } from './words';

/** Dots over a category on y (text y): a strip plot. */
export function dotChart(spec: FullSpec, kinds: Kinds, context: ChartContext): ChartOutcome {
  const data = context.rows
    .map((row) => ({ x: continuous(row[spec.x], kinds.x), y: toLabel(row[spec.y]), color: spec.color ? toLabel(row[spec.color]) : null }))
    .filter((d) => d.x !== null);
  if (data.length === 0) return problem(`No values to draw in ${spec.x}`);
  const cats = distinct(data.map((d) => d.y));
  const color = colorSetup(context, data.map((d) => d.color), kinds.color === 'number' ? 'text' : kinds.color, humanize(spec.color ?? ''), 'dot');
  const plot = drawPlot(context, {
    height: Math.min(900, cats.length * 22 + 50),
    marginLeft: Math.min(200, Math.max(60, Math.max(...cats.map((c) => c.length)) * 6 + 12)),
    x: { label: `${humanize(spec.x)} →`, grid: true },
    y: { domain: cats, label: null },
    color: color.scale,
    marks: [Plot.dot(data, { x: 'x', y: 'y', fill: spec.color ? scaledColor('color') : ACCENT, r: 3, tip: true, className: 'generic-dot' })],
  });
  return { kind: 'chart', description: describe('dot', spec, data.length, ''), legend: color.legend, panels: [{ element: plot }] };
}
