/** Bars over a category or a number: standing, or lying down when labels are many or long; stacked when coloured. */
import * as Plot from '@observablehq/plot';
import { formatNumber } from '../../format';
import { distinct, humanize } from '../data';
import { drawPlot, numberMargin, thinTicks } from '../plot';
import { scaledColor } from '../safeColor';
import { ACCENT, MUTED } from '../theme';
import { type ChartContext, type ChartOutcome, type ChartPanel, problem } from '../types';
import { colorSetup } from './color';
import { type Category, collect, type FullSpec, isCategorical, type Kinds, orderCategories, type Point, stackedMax } from './points';
import { describe, droppedNote, extremesByCategory } from './words';

/** More bars than this and only the largest are drawn. */
export const MAX_BARS = 50;

export function barChart(spec: FullSpec, kinds: Kinds, context: ChartContext): ChartOutcome {
  const { points: all, dropped, rawOrder } = collect(spec, kinds, context.rows, true);
  if (all.length === 0) return problem(`No numbers to draw in ${spec.y}`);
  const sort = spec.sort ?? (isCategorical(kinds.x) ? 'none' : 'x');
  let cats = orderCategories(all, sort, rawOrder);
  const notes = droppedNote(dropped, spec);
  let points = all;
  if (cats.length > MAX_BARS) {
    const totals = new Map<Category, number>();
    for (const p of all) totals.set(p.x as Category, (totals.get(p.x as Category) ?? 0) + Math.abs(p.y));
    const keep = new Set([...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, MAX_BARS).map(([c]) => c));
    notes.push({ tone: 'info', text: `Showing the ${MAX_BARS} largest of ${formatNumber(cats.length)} bars.` });
    cats = cats.filter((c) => keep.has(c));
    points = all.filter((p) => keep.has(p.x as Category));
  }
  const longest = Math.max(...cats.map((c) => c.length));
  const horizontal = !spec.facet && isCategorical(kinds.x) && (cats.length > 12 || longest > 12);
  const color = colorSetup(context, points.map((p) => p.color), kinds.color, humanize(spec.color ?? ''), 'square');
  const fill = spec.color ? scaledColor('color') : ACCENT;
  const stacked = Boolean(spec.color);
  const marks: Plot.Markish[] = [];
  let plot: Element;
  if (horizontal) {
    const marginLeft = Math.min(220, Math.max(60, longest * 6 + 12));
    marks.push(Plot.barX(points, { y: 'x', x: 'y', fill, tip: true, className: 'generic-bar' }), Plot.ruleX([0], { stroke: MUTED }));
    if (!stacked) {
      marks.push(
        Plot.text(points, { y: 'x', x: 'y', text: (d: Point) => formatNumber(d.y), textAnchor: 'start', dx: 4, fill: MUTED, className: 'generic-bar-label' }),
      );
    }
    plot = drawPlot(context, {
      height: cats.length * 22 + 50,
      marginLeft,
      marginRight: 56,
      x: { label: `${humanize(spec.y)} →`, grid: true },
      y: { domain: cats, label: null, tickFormat: (d: string) => (d.length > 34 ? `${d.slice(0, 33)}…` : d) },
      color: color.scale,
      marks,
    });
  } else {
    const rotate = cats.length > 6 && longest > 6;
    marks.push(Plot.barY(points, { x: 'x', y: 'y', fill, fy: spec.facet ? 'facet' : undefined, tip: true, className: 'generic-bar' }), Plot.ruleY([0], { stroke: MUTED }));
    const facets = distinct(points.map((p) => p.facet));
    plot = drawPlot(context, {
      height: spec.facet ? facets.length * 140 + 70 : 320,
      marginLeft: numberMargin(stackedMax(points)),
      marginBottom: rotate ? Math.min(110, longest * 5 + 24) : 36,
      marginRight: spec.facet ? 90 : 20,
      x: { domain: cats, label: humanize(spec.x), ticks: thinTicks(cats, context.width - 60), tickRotate: rotate ? -35 : 0 },
      y: { label: `↑ ${humanize(spec.y)}`, grid: true },
      fy: spec.facet ? { domain: facets, label: humanize(spec.facet) } : undefined,
      color: color.scale,
      marks,
    });
  }
  const panels: ChartPanel[] = [...(color.ramp ? [{ element: color.ramp }] : []), { element: plot }];
  return {
    kind: 'chart',
    description: describe('bar', spec, cats.length, extremesByCategory(points)),
    legend: color.legend,
    panels,
    notes,
  };
}
