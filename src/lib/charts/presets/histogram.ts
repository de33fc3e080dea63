import * as Plot from '@observablehq/plot';
import { humanize, median, toNumber } from '../data';
import { formatCount, formatNumber, formatPct } from '../../format';
import { drawPlot } from '../plot';
import { ACCENT, ACCENT_SOFT, INK, MUTED, PAPER, WARM } from '../theme';
import { problem, type ChartContext, type ChartNote, type ChartOutcome, type LegendItem } from '../types';
import { hasColumn, needColumns, settings } from './common';

const DEFAULTS = { x: 'days_to_second_order', median: 'median_days', window: '30', share: 'within_30_days_pct' };
/** Bin widths to choose from; 30 is a boundary of all of them up from 5, so the 30-day window lines up with a bin edge. */
const WIDTHS = [1, 2, 5, 10, 15, 30, 60, 90, 180, 360];
const MAX_BINS = 40;

/** One histogram bin, `[x1, x2)`. */
export interface Bin {
  x1: number;
  x2: number;
  count: number;
  /** The last bin holds everything from x1 up (the long tail). */
  tail: boolean;
}

function quantile(sorted: readonly number[], q: number): number {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  return sorted[lo] + (sorted[Math.ceil(i)] - sorted[lo]) * (i - lo);
}

/**
 * Bins whole-number values: widths from `WIDTHS` so at most 40 bins cover up to
 * the 95th percentile, and one tail bin for everything beyond.
 */
export function binValues(values: readonly number[]): Bin[] {
  if (values.length === 0) return [];
  const sorted = [...values].sort((a, b) => a - b);
  const lo = Math.min(0, sorted[0]);
  const hi = sorted[sorted.length - 1];
  const p95 = quantile(sorted, 0.95);
  const width = WIDTHS.find((w) => (p95 - lo) / w <= MAX_BINS) ?? WIDTHS[WIDTHS.length - 1];
  const start = Math.floor(lo / width) * width;
  let end = Math.ceil((p95 + 1) / width) * width;
  const tail = hi >= end;
  if (!tail) end = Math.ceil((hi + 1) / width) * width;
  const bins: Bin[] = [];
  for (let x = start; x < end; x += width) bins.push({ x1: x, x2: x + width, count: 0, tail: false });
  if (tail) bins.push({ x1: end, x2: end + width, count: 0, tail: true });
  for (const v of sorted) {
    const i = v >= end ? bins.length - 1 : Math.floor((v - start) / width);
    bins[i].count++;
  }
  return bins;
}

/**
 * Time-to-second-order histogram (`time-to-second-order` recipe; header id
 * `histogram`): customers by days from their first to their second order, with
 * a rule at the median and one at 30 days (`window=` changes it; `window=none`
 * drops it). Bins inside the window are accent teal, the long tail is one last
 * bin.
 */
export function renderHistogram(context: ChartContext): ChartOutcome {
  const o = settings(context, DEFAULTS);
  const missing = needColumns(context, 'histogram', [o.x]);
  if (missing) return missing;
  const values = context.rows.map((r) => toNumber(r[o.x])).filter((v): v is number => v !== null);
  if (values.length === 0) return problem(`No numbers to draw in ${o.x}`);
  const bins = binValues(values);
  const given = hasColumn(context, o.median) ? toNumber(context.rows[0][o.median]) : null;
  const mid = given ?? median(values)!;
  const window = o.window === 'none' ? null : toNumber(Number(o.window));
  const days = /days/.test(o.x);
  const unit = days ? ' days' : '';
  const within = window === null ? 0 : values.filter((v) => v <= window).length;
  const share = hasColumn(context, o.share) ? toNumber(context.rows[0][o.share]) : null;
  const withinPct = share ?? (values.length > 0 ? (100 * within) / values.length : 0);
  const tailBin = bins.find((b) => b.tail);
  const fill = (b: Bin) => (b.tail ? MUTED : window !== null && b.x2 <= window + 1 ? ACCENT : ACCENT_SOFT);
  const rules: { x: number; label: string; kind: 'median' | 'window' }[] = [{ x: mid, label: `median ${formatNumber(mid)}${unit}`, kind: 'median' }];
  if (window !== null) rules.push({ x: window, label: `${formatNumber(window)}${unit}`, kind: 'window' });
  const leftOf = (r: (typeof rules)[number]) => rules.every((other) => other === r || r.x <= other.x);
  const marks: Plot.Markish[] = [
    Plot.rectY(bins, {
      x1: 'x1',
      x2: 'x2',
      y: 'count',
      fill,
      insetLeft: 0.5,
      insetRight: 0.5,
      title: (b: Bin) => (b.tail ? `${formatNumber(b.x1)}${unit} or more: ${formatCount(b.count)}` : `${formatNumber(b.x1)}–${formatNumber(b.x2 - 1)}${unit}: ${formatCount(b.count)}`),
      className: 'histogram-bin',
    }),
    Plot.ruleY([0], { stroke: MUTED }),
    Plot.ruleX(rules.filter((r) => r.kind === 'median'), { x: 'x', y1: 0, y2: Math.max(...bins.map((b) => b.count)), stroke: INK, strokeWidth: 1.5, className: 'histogram-median' }),
    Plot.ruleX(rules.filter((r) => r.kind === 'window'), { x: 'x', y1: 0, y2: Math.max(...bins.map((b) => b.count)), stroke: WARM, strokeWidth: 1.5, strokeDasharray: '4,3', className: 'histogram-window' }),
    ...rules.map((r) => {
      const before = rules.length > 1 && leftOf(r);
      return Plot.text([r], {
        x: 'x',
        text: 'label',
        frameAnchor: 'top',
        textAnchor: before ? 'end' : 'start',
        dx: before ? -4 : 4,
        dy: -8,
        fill: r.kind === 'median' ? INK : WARM,
        stroke: PAPER,
        strokeWidth: 3,
        paintOrder: 'stroke',
        className: 'histogram-rule-label',
      });
    }),
  ];
  if (tailBin) {
    marks.push(Plot.text([tailBin], { x: (b: Bin) => (b.x1 + b.x2) / 2, y: 'count', text: (b: Bin) => `≥ ${formatNumber(b.x1)}`, dy: -7, fill: MUTED, className: 'histogram-tail-label' }));
  }
  const plot = drawPlot(context, {
    height: 310,
    marginTop: 34,
    marginLeft: 50,
    x: { label: `${humanize(o.x)} →` },
    y: { label: '↑ customers', grid: true, labelAnchor: 'top', labelOffset: 44 },
    marks,
  });
  const legend: LegendItem[] = [];
  if (window !== null) legend.push({ label: `within ${formatNumber(window)}${unit}`, color: ACCENT, shape: 'square' }, { label: 'later', color: ACCENT_SOFT, shape: 'square' });
  if (tailBin) legend.push({ label: `${formatNumber(tailBin.x1)}${unit} or more`, color: MUTED, shape: 'square' });
  const notes: ChartNote[] = [];
  if (window !== null) notes.push({ tone: 'info', text: `${formatPct(withinPct)} of customers with a second order came back within ${formatNumber(window)}${unit}.` });
  const width = bins.length > 0 ? bins[0].x2 - bins[0].x1 : 1;
  return {
    kind: 'chart',
    title: days ? 'Time to second order' : `Distribution of ${humanize(o.x)}`,
    subtitle: days ? 'Customers by days from their first order to their second' : undefined,
    description:
      `Histogram of ${formatCount(values.length)} ${days ? 'customers by days from first to second order' : `values of ${humanize(o.x)}`} in bins of ${formatNumber(width)}${unit}; ` +
      `median ${formatNumber(mid)}${unit}${window !== null ? `, ${formatPct(withinPct)} within ${formatNumber(window)}${unit}` : ''}.`,
    legend,
    panels: [{ element: plot }],
    notes,
  };
}
