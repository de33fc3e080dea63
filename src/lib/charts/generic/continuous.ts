/** Lines, areas and dots over an x that runs (dates, numbers) or over categories in order. */
import * as Plot from '@observablehq/plot';
import { distinct, humanize } from '../data';
import { dateTicks, drawPlot, numberMargin, thinTicks } from '../plot';
import { scaledColor } from '../safeColor';
import { ACCENT, MUTED } from '../theme';
import { type ChartContext, type ChartOutcome, type LegendShape, problem } from '../types';
import { colorSetup } from './color';
import { collect, type FullSpec, isCategorical, type Kinds, orderCategories, stackedMax } from './points';
import { describe, droppedNote, extremes, xLabelOf } from './words';

export function continuousChart(spec: FullSpec, kinds: Kinds, context: ChartContext): ChartOutcome {
  const asCategory = isCategorical(kinds.x);
  const { points: raw, dropped, rawOrder } = collect(spec, kinds, context.rows, asCategory);
  if (raw.length === 0) return problem(`No numbers to draw in ${spec.y}`);
  const points = asCategory ? raw : [...raw].sort((a, b) => Number(a.x) - Number(b.x));
  const mark = spec.mark;
  const shape: LegendShape = mark === 'line' ? 'line' : mark === 'dot' ? 'dot' : 'square';
  const color = colorSetup(context, points.map((p) => p.color), kinds.color, humanize(spec.color ?? ''), shape);
  const series = spec.color ? scaledColor('color') : undefined;
  const fy = spec.facet ? 'facet' : undefined;
  const marks: Plot.Markish[] = [];
  if (mark === 'line') {
    marks.push(Plot.lineY(points, { x: 'x', y: 'y', z: spec.color ? 'color' : undefined, stroke: series ?? ACCENT, strokeWidth: 2, fy, className: 'generic-line' }));
    const perSeries = points.length / Math.max(1, distinct(points.map((p) => p.color)).length);
    if (perSeries <= 60) marks.push(Plot.dot(points, { x: 'x', y: 'y', fill: series ?? ACCENT, r: 2.5, fy, tip: true, className: 'generic-dot' }));
    else marks.push(Plot.tip(points, Plot.pointerX({ x: 'x', y: 'y', fy })));
  } else if (mark === 'area') {
    marks.push(Plot.areaY(points, { x: 'x', y: 'y', z: spec.color ? 'color' : undefined, fill: series ?? ACCENT, fillOpacity: series ? 0.85 : 0.25, fy, className: 'generic-area' }));
    if (!series) marks.push(Plot.lineY(points, { x: 'x', y: 'y', stroke: ACCENT, strokeWidth: 1.5, fy, className: 'generic-line' }));
    marks.push(Plot.ruleY([0], { stroke: MUTED }));
  } else {
    const big = points.length > 2000;
    marks.push(Plot.dot(points, { x: 'x', y: 'y', fill: series ?? ACCENT, r: big ? 2 : 3, fillOpacity: big ? 0.5 : 0.85, fy, tip: true, className: 'generic-dot' }));
  }
  const facets = distinct(points.map((p) => p.facet));
  const xDomain = asCategory ? orderCategories(points, spec.sort ?? 'none', rawOrder) : undefined;
  const fewDates = kinds.x === 'date' ? dateTicks(points.map((p) => p.x as Date)) : undefined;
  const plot = drawPlot(context, {
    height: spec.facet ? facets.length * 140 + 70 : 320,
    marginLeft: numberMargin(mark === 'area' && series ? stackedMax(points) : Math.max(...points.map((p) => Math.abs(p.y)))),
    marginRight: spec.facet ? 90 : 24,
    x: asCategory
      ? { type: 'point', domain: xDomain, label: humanize(spec.x), ticks: thinTicks(xDomain ?? [], context.width - 60) }
      : { label: `${humanize(spec.x)} →`, ...(kinds.x === 'date' ? { type: 'utc' as const, ...(fewDates ?? { ticks: Math.max(2, Math.floor(context.width / 90)) }) } : {}) },
    y: { label: `↑ ${humanize(spec.y)}`, grid: true, ...(mark === 'area' ? {} : { nice: true }) },
    fy: spec.facet ? { domain: facets, label: humanize(spec.facet) } : undefined,
    color: color.scale,
    marks,
  });
  return {
    kind: 'chart',
    description: describe(mark, spec, points.length, extremes(points, xLabelOf)),
    legend: color.legend,
    panels: [...(color.ramp ? [{ element: color.ramp }] : []), { element: plot }],
    notes: droppedNote(dropped, spec),
  };
}
