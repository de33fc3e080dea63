import * as Plot from '@observablehq/plot';
import { humanize, isTrue, periodName, toLabel, toNumber } from '../data';
import { formatCount, formatNumber, formatPct, formatPctTick } from '../../format';
import { drawPlot, thinTicks } from '../plot';
import { ACCENT, MUTED, PALETTE, PAPER, mix } from '../theme';
import { problem, type ChartContext, type ChartNote, type ChartOutcome, type LegendItem } from '../types';
import { PERCENT_AXIS, hasColumn, needColumns, settings, sortKey, splitRuns, type SeriesPoint } from './common';

/** Cumulative revenue per customer by months since the first order (`ltv-historical`). */
export const LTV_CURVE_DEFAULTS = {
  x: 'months_since_first',
  y: 'cumulative_revenue_per_customer',
  series: 'cohort',
  flag: 'partial_period',
  label: 'cohort_label',
  size: 'cohort_size',
};

/** Retention by periods since the first order, one line per cohort (`cohort-retention`). */
export const RETENTION_CURVE_DEFAULTS = { ...LTV_CURVE_DEFAULTS, x: 'offset', y: 'retention' };

/** With more cohorts than this, lines are shaded old → new instead of given a colour each. */
const MAX_NAMED = 6;
const OLD = '#cbd5e1';
const NEW = '#334155';
const ALL = 'all cohorts';

interface CurvePoint extends SeriesPoint {
  x: number;
  size: number | null;
  title: string;
}

function curves(context: ChartContext, defaults: typeof LTV_CURVE_DEFAULTS, what: string): ChartOutcome {
  const o = settings(context, defaults);
  const missing = needColumns(context, what, [o.x, o.y, o.series]);
  if (missing) return missing;
  const percent = o.y === 'retention' || /(_pct|_rate|_share)$/.test(o.y);
  const fmt = (v: number) => (percent ? formatPct(v) : formatNumber(v));
  const labelled = hasColumn(context, o.label);
  const sized = hasColumn(context, o.size);
  const rows = [...context.rows].sort((a, b) => sortKey(a, o.series) - sortKey(b, o.series) || toLabel(a[o.series]).localeCompare(toLabel(b[o.series])) || sortKey(a, o.x) - sortKey(b, o.x));
  const points: CurvePoint[] = [];
  for (const row of rows) {
    const x = toNumber(row[o.x]);
    const y = toNumber(row[o.y]);
    if (x === null || y === null) continue;
    const series = labelled && row[o.label] !== null ? toLabel(row[o.label]) : toLabel(row[o.series]);
    const size = sized ? toNumber(row[o.size]) : null;
    const open = isTrue(row[o.flag]);
    points.push({ x, y, series, open, size, title: `cohort ${series}${size !== null ? ` (${formatCount(size)} customers)` : ''}, ${x} on: ${fmt(y)}${open ? ' (period not over)' : ''}` });
  }
  if (points.length === 0) return problem(`No ${o.y} values to draw`);
  // Retention is 100 % at offset 0 by definition; left in, it squashes every later period into the bottom fifth.
  const firstX = Math.min(...points.map((p) => p.x));
  const later = points.filter((p) => p.x !== firstX);
  const dropFirst = percent && later.length > 0 && points.every((p) => p.x !== firstX || Math.abs(p.y - 100) < 1e-9) && Math.max(...later.map((p) => p.y)) < 60;
  if (dropFirst) points.splice(0, points.length, ...later);
  const cohorts = [...new Set(points.map((p) => p.series))];
  const named = cohorts.length <= MAX_NAMED;
  const shade = (t: number) => mix(OLD, NEW, t);
  const colorOf = new Map(cohorts.map((c, i) => [c, named ? PALETTE[(i + 1) % PALETTE.length] : shade(cohorts.length === 1 ? 1 : i / (cohorts.length - 1))]));

  // The overall curve: per x, the size-weighted mean over cohorts whose period is over.
  const sums = new Map<number, { w: number; wy: number; n: number }>();
  for (const p of points) {
    if (p.open) continue;
    const w = p.size ?? 1;
    const s = sums.get(p.x) ?? { w: 0, wy: 0, n: 0 };
    s.w += w;
    s.wy += w * p.y;
    s.n += 1;
    sums.set(p.x, s);
  }
  const overall = [...sums.entries()]
    .filter(([, s]) => s.w > 0)
    .sort((a, b) => a[0] - b[0])
    .map(([x, s]) => ({ x, y: s.wy / s.w, title: `all cohorts, ${x} on: ${fmt(s.wy / s.w)} (${s.n} cohorts)` }));

  const { solid, dashed } = splitRuns(points);
  const stroke = (d: { series: string }) => colorOf.get(d.series) ?? MUTED;
  const marks: Plot.Markish[] = [
    Plot.line(solid, { x: 'x', y: 'y', z: 'run', stroke, strokeWidth: 1.2, strokeOpacity: 0.9, className: 'curve-line' }),
    Plot.link(dashed, { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', stroke, strokeWidth: 1.2, strokeDasharray: '3,3', className: 'curve-line-open' }),
    Plot.dot(
      points.filter((p) => p.open),
      { x: 'x', y: 'y', r: 2.5, fill: PAPER, stroke, title: 'title', className: 'curve-dot-open' },
    ),
    Plot.line(overall, { x: 'x', y: 'y', stroke: ACCENT, strokeWidth: 3, className: 'curve-overall' }),
    Plot.dot(points.filter((p) => !p.open), { x: 'x', y: 'y', r: 6, fill: 'transparent', title: 'title', className: 'curve-hover' }),
  ];
  if (!percent) marks.unshift(Plot.ruleY([0], { stroke: MUTED }));
  const period = periodName(context.rows.map((r) => r[o.label])) ?? 'period';
  const xs = [...new Set(points.map((p) => p.x))].sort((a, b) => a - b);
  const xLabel = o.x === 'months_since_first' ? 'months since the first order →' : `${period}s since the first order →`;
  const plot = drawPlot(context, {
    height: 340,
    marginLeft: 52,
    x: { label: xLabel, ticks: thinTicks(xs, context.width - 60, 40), tickFormat: formatNumber },
    y: percent
      ? dropFirst
        ? { domain: [0, Math.ceil(Math.max(...points.map((p) => p.y)) / 10) * 10], tickFormat: formatPctTick, grid: true, label: `↑ ${humanize(o.y)}` }
        : { ...PERCENT_AXIS, label: `↑ ${humanize(o.y)}` }
      : { label: `↑ ${humanize(o.y)}`, grid: true, nice: true },
    marks,
  });

  const legend: LegendItem[] = [{ label: `${ALL} (size-weighted)`, color: ACCENT, shape: 'line' }];
  if (named) for (const c of cohorts) legend.push({ label: c, color: colorOf.get(c)!, shape: 'line' });
  else legend.push({ label: `oldest cohort ${cohorts[0]}`, color: OLD, shape: 'line' }, { label: `newest ${cohorts[cohorts.length - 1]}`, color: NEW, shape: 'line' });
  const notes: ChartNote[] = [];
  if (dropFirst) notes.push({ tone: 'info', text: `Offset ${firstX} (each cohort’s first period, 100 % by definition) is left out so the later periods are readable.` });
  if (points.some((p) => p.open)) notes.push({ tone: 'warn', text: 'partial period: the last point of each curve is not over yet (hollow dot, dashed).' });
  const last = overall[overall.length - 1];
  const detail = last ? ` Across all cohorts: ${fmt(overall[0].y)} at ${overall[0].x}, ${fmt(last.y)} at ${last.x}.` : '';
  return {
    kind: 'chart',
    title: percent ? `Retention curves by cohort` : `${humanize(o.y).replace(/^./, (c) => c.toUpperCase())} by cohort`,
    subtitle: percent ? undefined : 'What a customer of each cohort has been worth so far',
    description: `Line chart with one curve per cohort (${cohorts.length}: ${cohorts[0]} to ${cohorts[cohorts.length - 1]}) of ${humanize(o.y)} by ${humanize(o.x)}, and a thick size-weighted curve over all cohorts.${detail}`,
    legend,
    panels: [{ element: plot }],
    notes,
  };
}

/** Historical LTV curves (`ltv-historical`; header id `cohort-curves`): cumulative revenue per customer by months since first order, per cohort and overall. */
export function renderCohortCurves(context: ChartContext): ChartOutcome {
  return curves(context, LTV_CURVE_DEFAULTS, 'cohort curves');
}

/** Retention curves from the `cohort-retention` output: one line per cohort by offset, y 0–100 %. */
export function renderRetentionCurves(context: ChartContext): ChartOutcome {
  return curves(context, RETENTION_CURVE_DEFAULTS, 'retention curves');
}
