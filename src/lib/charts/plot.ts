import * as Plot from '@observablehq/plot';
import { formatNumber } from '../format';
import { svgElement } from './svg';
import { FONT_FAMILY, INK, PLOT_STYLE, SEQUENTIAL } from './theme';
import type { ChartContext } from './types';

/**
 * `Plot.plot` with the context's document and width and the shared inline
 * style. Never pass `title`, `caption` or a legend here: the frame draws
 * those, and Plot would wrap the SVG in its own figure.
 */
export function drawPlot(context: ChartContext, options: Plot.PlotOptions): Element {
  const svg = Plot.plot({ width: context.width, ...options, document: context.document, style: PLOT_STYLE });
  // Plot names each mark's <g> with aria-label, which ARIA forbids on an element without a role (WCAG 4.1.2).
  for (const g of svg.querySelectorAll('g[aria-label]:not([role])')) g.setAttribute('role', 'group');
  return svg;
}

/** Round tick values from `lo` to `hi`, about `count` of them. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(1, count - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Math.round(t / step) * step);
  return ticks;
}

/**
 * A colour ramp legend for the sequential fill: an SVG gradient bar with its
 * label and ticks (drawn by hand: Plot's ramp paints on a canvas, which neither
 * Node nor an exported SVG has).
 */
export function rampLegend(context: ChartContext, label: string, domain: [number, number], tickFormat: (d: number) => string = formatNumber): Element {
  const doc = context.document;
  const width = Math.min(260, context.width - 20);
  const [lo, hi] = domain;
  const x = (v: number) => 14 + (hi > lo ? ((v - lo) / (hi - lo)) * (width - 28) : 0);
  const svg = svgElement(doc, 'svg', {
    class: 'recur-chart-ramp',
    width,
    height: 44,
    viewBox: `0 0 ${width} 44`,
    'font-family': FONT_FAMILY,
    'font-size': 10,
    fill: INK,
    'aria-hidden': 'true',
    style: 'display:block;overflow:visible',
  });
  const id = `recur-ramp-${SEQUENTIAL.map((c) => c.slice(1)).join('-')}`;
  const defs = svgElement(doc, 'defs');
  const gradient = svgElement(doc, 'linearGradient', { id, x1: 0, x2: 1, y1: 0, y2: 0 });
  gradient.append(svgElement(doc, 'stop', { offset: 0, 'stop-color': SEQUENTIAL[0] }), svgElement(doc, 'stop', { offset: 1, 'stop-color': SEQUENTIAL[1] }));
  defs.append(gradient);
  svg.append(defs, svgElement(doc, 'text', { x: 14, y: 11, 'font-weight': 600 }, label), svgElement(doc, 'rect', { x: 14, y: 16, width: width - 28, height: 10, fill: `url(#${id})` }));
  for (const t of niceTicks(lo, hi)) {
    svg.append(
      svgElement(doc, 'line', { x1: x(t), x2: x(t), y1: 16, y2: 30, stroke: INK, 'stroke-width': 0.5 }),
      svgElement(doc, 'text', { x: x(t), y: 40, 'text-anchor': 'middle' }, tickFormat(t)),
    );
  }
  return svg;
}

/** A left margin wide enough for the y tick labels of numbers up to `maxAbs`. */
export function numberMargin(maxAbs: number, min = 40): number {
  return Math.max(min, Math.round(formatNumber(Math.round(maxAbs)).length * 6.4 + 16));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Axis ticks for a few dates: the dates themselves, as `Mar 2024` when all fall
 * on the first of a month, else `2024-03-05`. `undefined` (Plot's own ticks)
 * for more than `max`.
 */
export function dateTicks(dates: readonly Date[], max = 12): { ticks: Date[]; tickFormat: (d: Date) => string } | undefined {
  const unique = [...new Map(dates.map((d) => [d.getTime(), d])).values()].sort((a, b) => a.getTime() - b.getTime());
  if (unique.length === 0 || unique.length > max) return undefined;
  const monthly = unique.every((d) => d.getUTCDate() === 1 && d.getUTCHours() === 0);
  return {
    ticks: unique,
    tickFormat: (d: Date) => (monthly ? `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}` : d.toISOString().slice(0, 10)),
  };
}

/** Every `n`-th value, so a band axis with many categories keeps its labels apart. */
export function thinTicks<T>(domain: readonly T[], space: number, minGap = 36): T[] {
  const step = Math.max(1, Math.ceil((domain.length * minGap) / Math.max(space, 1)));
  return domain.filter((_, i) => i % step === 0);
}
