import * as Plot from '@observablehq/plot';
import { toNumber } from '../data';
import { formatCount, formatNumber, formatPct } from '../../format';
import { drawPlot } from '../plot';
import { ACCENT, INK, MUTED, mix } from '../theme';
import { problem, type ChartContext, type ChartOutcome } from '../types';
import { needColumns, settings } from './common';

const DEFAULTS = {
  x: 'milestone',
  y: 'customers_reaching',
  previous: 'previous_milestone',
  atPrevious: 'customers_at_previous',
  conversion: 'conversion',
  median: 'median_days_from_previous',
};

interface Step {
  milestone: number;
  label: string;
  customers: number;
  /** % of the previous step that made it here; `null` for the first step. */
  conversion: number | null;
  previousLabel: string | null;
  /** % of everyone (the first step). */
  ofAll: number;
  medianDays: number | null;
  caption: string;
}

const stepLabel = (n: number) => `≥ ${formatCount(n)} order${n === 1 ? '' : 's'}`;

/**
 * Order milestone funnel (`milestones` recipe): one bar per milestone, ≥ 1
 * order (everyone) then ≥ 2, ≥ 5, ≥ 10, with the count on top and the
 * conversion from the previous milestone under it.
 */
export function renderFunnel(context: ChartContext): ChartOutcome {
  const o = settings(context, DEFAULTS);
  const missing = needColumns(context, 'milestone funnel', [o.x, o.y]);
  if (missing) return missing;
  const rows = context.rows
    .map((r) => ({ r, m: toNumber(r[o.x]), n: toNumber(r[o.y]) }))
    .filter((d): d is { r: (typeof context.rows)[number]; m: number; n: number } => d.m !== null && d.n !== null)
    .sort((a, b) => a.m - b.m);
  if (rows.length === 0) return problem(`No ${o.y} counts to draw`);
  const steps: Step[] = [];
  const first = rows[0];
  const firstPrev = toNumber(first.r[o.previous]);
  const firstAt = toNumber(first.r[o.atPrevious]);
  if (firstPrev !== null && firstAt !== null && firstPrev < first.m) {
    steps.push({ milestone: firstPrev, label: stepLabel(firstPrev), customers: firstAt, conversion: null, previousLabel: null, ofAll: 100, medianDays: null, caption: '' });
  }
  for (const { r, m, n } of rows) {
    const before = steps[steps.length - 1];
    const at = toNumber(r[o.atPrevious]) ?? before?.customers ?? null;
    const conversion = toNumber(r[o.conversion]) ?? (at ? (100 * n) / at : null);
    steps.push({ milestone: m, label: stepLabel(m), customers: n, conversion: before ? conversion : null, previousLabel: before?.label ?? null, ofAll: 0, medianDays: toNumber(r[o.median]), caption: '' });
  }
  const base = steps[0].customers;
  for (const s of steps) {
    s.ofAll = base > 0 ? (100 * s.customers) / base : 0;
    s.caption = s.conversion === null ? 'everyone' : `${formatPct(s.conversion)} of ${s.previousLabel}`;
  }
  const labels = steps.map((s) => s.label);
  const max = Math.max(...steps.map((s) => s.customers));
  const fill = (s: Step) => mix('#5fb3aa', ACCENT, steps.length > 1 ? steps.indexOf(s) / (steps.length - 1) : 1);
  const plot = drawPlot(context, {
    height: 300,
    marginTop: 34,
    marginLeft: 52,
    x: {
      domain: labels,
      label: null,
      tickFormat: (l: string) => {
        const s = steps.find((x) => x.label === l);
        return s?.medianDays != null && s.conversion !== null ? `${l}\nmedian ${formatNumber(s.medianDays)} days` : l;
      },
      tickSize: 0,
    },
    y: { domain: [0, max * 1.12], label: '↑ customers', grid: true },
    marginBottom: 40,
    marks: [
      Plot.barY(steps, { x: 'label', y: 'customers', fill, title: (s: Step) => `${s.label}: ${formatCount(s.customers)} customers (${formatPct(s.ofAll)} of all)`, className: 'funnel-bar' }),
      Plot.text(steps, { x: 'label', y: 'customers', text: (s: Step) => formatCount(s.customers), dy: -18, fill: INK, fontWeight: 600, fontSize: 12, className: 'funnel-count' }),
      Plot.text(steps, { x: 'label', y: 'customers', text: 'caption', dy: -6, fill: MUTED, className: 'funnel-conversion' }),
      Plot.ruleY([0], { stroke: MUTED }),
    ],
  });
  const chain = steps.map((s) => `${s.label} ${formatCount(s.customers)}${s.conversion === null ? '' : ` (${formatPct(s.conversion)} of ${s.previousLabel})`}`).join(', ');
  return {
    kind: 'chart',
    title: 'Order milestones',
    subtitle: 'Customers who reached each number of orders, the share of the previous milestone who got there, and the median days it took from the previous one',
    description: `Funnel bar chart of customers by number of orders: ${chain}.`,
    panels: [{ element: plot }],
  };
}
