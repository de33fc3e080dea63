import * as Plot from '@observablehq/plot';
import { toLabel, toNumber } from '../data';
import { formatCount, formatNumber, formatPct, formatPctTick } from '../../format';
import { drawPlot } from '../plot';
import { ACCENT, MUTED, PALETTE } from '../theme';
import { problem, type ChartContext, type ChartOutcome, type LegendItem } from '../types';
import { hasColumn, needColumns, settings } from './common';

const DEFAULTS = { x: 'segment', y: 'customers', revenue: 'revenue', customerShare: 'customer_share', revenueShare: 'revenue_share' };
const REVENUE = PALETTE[2];

interface SegmentBar {
  segment: string;
  measure: 'customers' | 'revenue';
  share: number;
  label: string;
}

function shares(values: readonly number[], given: readonly (number | null)[]): number[] {
  const total = values.reduce((s, v) => s + v, 0);
  return values.map((v, i) => given[i] ?? (total > 0 ? (100 * v) / total : 0));
}

/**
 * RFM segment bars (`rfm-segments` recipe): per segment, its share of all
 * customers and its share of revenue side by side, labelled with the counts,
 * so "12 % of customers bring 38 % of revenue" reads at a glance. Segments
 * keep the recipe's order (the segment map's priority).
 */
export function renderSegmentBar(context: ChartContext): ChartOutcome {
  const o = settings(context, DEFAULTS);
  const missing = needColumns(context, 'segment bar', [o.x, o.y]);
  if (missing) return missing;
  const withRevenue = hasColumn(context, o.revenue);
  const rows = context.rows.filter((r) => toNumber(r[o.y]) !== null);
  if (rows.length === 0) return problem(`No ${o.y} counts to draw`);
  const segments = rows.map((r) => toLabel(r[o.x]));
  const customers = rows.map((r) => toNumber(r[o.y]) ?? 0);
  const revenue = rows.map((r) => toNumber(r[o.revenue]) ?? 0);
  const customerShare = shares(customers, hasColumn(context, o.customerShare) ? rows.map((r) => toNumber(r[o.customerShare])) : []);
  const revenueShare = shares(revenue, hasColumn(context, o.revenueShare) ? rows.map((r) => toNumber(r[o.revenueShare])) : []);
  const bars: SegmentBar[] = [];
  segments.forEach((segment, i) => {
    bars.push({ segment, measure: 'customers', share: customerShare[i], label: `${formatCount(customers[i])} customers · ${formatPct(customerShare[i])}` });
    if (withRevenue) bars.push({ segment, measure: 'revenue', share: revenueShare[i], label: `${formatNumber(Math.round(revenue[i]))} revenue · ${formatPct(revenueShare[i])}` });
  });
  const longest = Math.max(...segments.map((s) => s.length));
  const max = Math.max(1, ...bars.map((b) => b.share));
  const rowHeight = withRevenue ? 34 : 20;
  const plot = drawPlot(context, {
    height: segments.length * rowHeight + 50,
    marginLeft: Math.min(180, Math.max(70, longest * 6.2 + 14)),
    marginRight: 16,
    x: { domain: [0, Math.min(100, max * 1.45 + 8)], label: 'share of all (%) →', tickFormat: formatPctTick, grid: true },
    y: { domain: ['customers', 'revenue'], axis: null },
    fy: { domain: segments, label: null, padding: 0.15 },
    color: { domain: ['customers', 'revenue'], range: [ACCENT, REVENUE] },
    marks: [
      // The title names the segment: it is the bar's tooltip, and what a click on it drills into.
      Plot.barX(bars, { x: 'share', y: 'measure', fy: 'segment', fill: 'measure', title: (b: SegmentBar) => `${b.segment}: ${b.label}`, className: 'segment-bar' }),
      Plot.text(bars, { x: 'share', y: 'measure', fy: 'segment', text: 'label', textAnchor: 'start', dx: 4, fill: MUTED, className: 'segment-bar-label' }),
      Plot.ruleX([0], { stroke: MUTED }),
    ],
  });
  const legend: LegendItem[] = [{ label: 'share of customers', color: ACCENT, shape: 'square' }];
  if (withRevenue) legend.push({ label: 'share of revenue', color: REVENUE, shape: 'square' });
  const order = segments.map((s, i) => ({ s, i })).sort((a, b) => (withRevenue ? revenueShare[b.i] - revenueShare[a.i] : customers[b.i] - customers[a.i]));
  const top = order
    .slice(0, 3)
    .map(({ s, i }) => `${s}: ${formatPct(customerShare[i])} of customers${withRevenue ? `, ${formatPct(revenueShare[i])} of revenue` : ''}`)
    .join('; ');
  return {
    kind: 'chart',
    title: withRevenue ? 'Customers and revenue by RFM segment' : 'Customers by RFM segment',
    description: `Bar chart of ${segments.length} RFM segments, each with its share of customers${withRevenue ? ' and of revenue' : ''}. Largest${withRevenue ? ' by revenue' : ''}: ${top}.`,
    legend,
    panels: [{ element: plot }],
  };
}
