import * as Plot from '@observablehq/plot';
import { formatDay, isTrue, parseDate, periodName, toLabel, toNumber } from '../data';
import { formatCount, formatNumber, formatPct, formatPctTick, withTrueMinus } from '../../format';
import { drawPlot } from '../plot';
import { ACCENT, LIGHT, MUTED, PAPER, WARM } from '../theme';
import { problem, type ChartContext, type ChartNote, type ChartOutcome, type LegendItem } from '../types';
import { PERCENT_AXIS, hasColumn, needColumns, settings, splitRuns, type SeriesPoint } from './common';

/** The seeds' CRR benchmarks, drawn as labelled horizontal rules. */
export const CRR_BENCHMARKS: readonly { value: number; label: string }[] = [
  { value: 20, label: 'small business aim ≥ 20 %' },
  { value: 35, label: 'e-commerce/SaaS doing very well ≥ 35 %' },
  { value: 79, label: 'insurance & media > 79 %' },
];

/** The note shown when some periods start too soon after the first order for anyone to have lapsed. */
export const INCOMPLETE_NOTE = 'incomplete history: CRR inflated';

const DEFAULTS = {
  x: 'period_start',
  y: 'crr',
  flag: 'incomplete_history',
  partial: 'partial_period',
  churn: 'churn_rate',
  label: 'period_label',
  end: 'period_end',
};

interface Period extends SeriesPoint {
  x: Date;
  label: string;
  crr: number | null;
  churn: number | null;
  incomplete: boolean;
  partial: boolean;
  end: Date;
  title: string;
}

function periodTitle(row: Record<string, unknown>, label: string, crr: number | null, churn: number | null, incomplete: boolean, partial: boolean): string {
  const lines = [label];
  if (crr === null) lines.push('CRR: none (no customers at the start)');
  else {
    const { S, E, N } = row;
    const formula = typeof S === 'number' && typeof E === 'number' && typeof N === 'number' ? ` = (${formatCount(E)} − ${formatCount(N)}) / ${formatCount(S)}` : '';
    lines.push(`CRR ${formatPct(crr)}${formula}`);
  }
  if (churn !== null) lines.push(`churn ${formatPct(churn)}`);
  if (incomplete) lines.push(INCOMPLETE_NOTE);
  if (partial) lines.push('partial period: not over yet');
  return lines.join('\n');
}

/** 0–100 %, widened in steps of 10 to take in every value drawn. */
function percentDomain(values: readonly number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  return [Math.min(0, Math.floor(Math.min(...finite) / 10) * 10), Math.max(100, Math.ceil(Math.max(...finite) / 10) * 10)];
}

/** Ticks every 20 % (every 50 % on a tall domain), always through 0 and 100. */
function percentTicks(min: number, max: number): number[] {
  const step = max - min > 200 ? 50 : 20;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step || 0; t <= max; t += step) ticks.push(t);
  return ticks;
}

/**
 * Customer retention rate per period (`crr` recipe): CRR as a line with dots,
 * churn as a lighter second line (`churn=none` hides it), the seeds' benchmark
 * rules at 20, 35 and 79 %, and y from 0 to 100 %, widened to show a CRR
 * above 100 % (lapsed customers who came back) or a churn below 0. Periods flagged
 * `incomplete_history` get hollow dots, dashed segments and a shaded band;
 * a partial last period is hollow, dashed and labelled.
 */
export function renderCrr(context: ChartContext): ChartOutcome {
  const o = settings(context, DEFAULTS);
  const missing = needColumns(context, 'CRR', [o.x, o.y]);
  if (missing) return missing;
  const withChurn = o.churn !== 'none' && hasColumn(context, o.churn);
  const periods: Period[] = [];
  for (const row of context.rows) {
    const x = parseDate(row[o.x]);
    if (!x) continue;
    const crr = toNumber(row[o.y]);
    const churn = withChurn ? toNumber(row[o.churn]) : null;
    const incomplete = isTrue(row[o.flag]);
    const partial = isTrue(row[o.partial]);
    const label = hasColumn(context, o.label) && row[o.label] !== null ? toLabel(row[o.label]) : formatDay(x);
    const end = parseDate(row[o.end]);
    periods.push({
      x,
      y: crr ?? Number.NaN,
      crr,
      churn,
      incomplete,
      partial,
      open: incomplete || partial,
      series: 'crr',
      label,
      end: end ? new Date(end.getTime() + 86_400_000) : x,
      title: periodTitle(row, label, crr, churn, incomplete, partial),
    });
  }
  periods.sort((a, b) => a.x.getTime() - b.x.getTime());
  // Without a period_end column, a period ends where the next begins.
  for (let i = 0; i < periods.length; i++) {
    if (periods[i].end.getTime() === periods[i].x.getTime()) {
      const next = periods[i + 1]?.x ?? periods[i - 1]?.x;
      const step = next ? Math.abs(next.getTime() - periods[i].x.getTime()) : 30 * 86_400_000;
      periods[i].end = new Date(periods[i].x.getTime() + step);
    }
  }
  const drawn = periods.filter((p) => p.crr !== null);
  if (drawn.length === 0) return problem(periods.length === 0 ? `No dates to draw in ${o.x}` : `No CRR values to draw: every period has ${o.y} empty`);

  const withGaps = (values: Period[], pick: (p: Period) => number | null) => {
    const out: (Period & { gapBefore: boolean })[] = [];
    let gap = false;
    for (const p of values) {
      const v = pick(p);
      if (v === null) {
        gap = out.length > 0;
        continue;
      }
      out.push({ ...p, y: v, gapBefore: gap });
      gap = false;
    }
    return out;
  };
  const crrLine = splitRuns(withGaps(periods, (p) => p.crr));
  const churnPoints = withChurn ? withGaps(periods, (p) => p.churn).map((p) => ({ ...p, series: 'churn' })) : [];
  const churnLine = splitRuns(churnPoints);

  // Shaded bands over runs of consecutive incomplete periods.
  const bands: { x1: Date; x2: Date }[] = [];
  for (const p of periods) {
    if (!p.incomplete) continue;
    const last = bands[bands.length - 1];
    if (last && last.x2.getTime() >= p.x.getTime()) last.x2 = p.end;
    else bands.push({ x1: p.x, x2: p.end });
  }
  const [yMin, yMax] = percentDomain([...drawn.map((p) => p.crr!), ...churnPoints.map((p) => p.y)]);
  const closedCrr = drawn.filter((p) => !p.open);
  const openCrr = drawn.filter((p) => p.open);
  const partials = drawn.filter((p) => p.partial);
  const marks: Plot.Markish[] = [
    Plot.rect(bands, { x1: 'x1', x2: 'x2', y1: yMin, y2: yMax, fill: LIGHT, fillOpacity: 0.55, className: 'crr-incomplete-band' }),
    Plot.text(bands, {
      x: (b: { x1: Date; x2: Date }) => new Date((b.x1.getTime() + b.x2.getTime()) / 2),
      y: 60,
      text: () => INCOMPLETE_NOTE,
      fill: MUTED,
      lineWidth: 9,
      className: 'crr-incomplete-label',
    }),
    Plot.ruleY(CRR_BENCHMARKS, { y: 'value', stroke: MUTED, strokeDasharray: '2,3', className: 'crr-benchmark' }),
    Plot.text(CRR_BENCHMARKS, {
      y: 'value',
      text: 'label',
      frameAnchor: 'right',
      textAnchor: 'end',
      dy: -6,
      fill: MUTED,
      stroke: PAPER,
      strokeWidth: 3,
      paintOrder: 'stroke',
      className: 'crr-benchmark-label',
    }),
    Plot.ruleY([0], { stroke: MUTED }),
  ];
  if (withChurn) {
    marks.push(
      Plot.line(churnLine.solid, { x: 'x', y: 'y', z: 'run', stroke: WARM, strokeOpacity: 0.7, strokeWidth: 1.5, className: 'churn-line' }),
      Plot.link(churnLine.dashed, { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', stroke: WARM, strokeOpacity: 0.7, strokeWidth: 1.5, strokeDasharray: '4,3', className: 'churn-line-open' }),
      Plot.dot(churnPoints, { x: 'x', y: 'y', r: 2, fill: (p: Period) => (p.open ? PAPER : WARM), stroke: WARM, strokeOpacity: 0.7, className: 'churn-dot' }),
    );
  }
  marks.push(
    Plot.line(crrLine.solid, { x: 'x', y: 'y', z: 'run', stroke: ACCENT, strokeWidth: 2, className: 'crr-line' }),
    Plot.link(crrLine.dashed, { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', stroke: ACCENT, strokeWidth: 2, strokeDasharray: '4,3', className: 'crr-line-open' }),
    Plot.dot(closedCrr, { x: 'x', y: 'y', r: 3.5, fill: ACCENT, title: 'title', className: 'crr-dot' }),
    Plot.dot(openCrr, { x: 'x', y: 'y', r: 3.5, fill: PAPER, stroke: ACCENT, strokeWidth: 1.5, title: 'title', className: 'crr-dot-open' }),
    Plot.text(partials, { x: 'x', y: 'y', text: () => 'partial', textAnchor: 'end', dx: -4, dy: -11, fill: ACCENT, className: 'crr-partial-label' }),
  );
  const plot = drawPlot(context, {
    height: 340,
    marginTop: 24,
    marginLeft: 46,
    marginRight: 16,
    x: { type: 'utc', label: null },
    y: { ...PERCENT_AXIS, domain: [yMin, yMax], ticks: percentTicks(yMin, yMax), label: '↑ % of customers' },
    marks,
  });

  const period = periodName(periods.map((p) => p.label)) ?? 'period';
  const legend: LegendItem[] = [{ label: 'CRR', color: ACCENT, shape: 'line' }];
  if (withChurn) legend.push({ label: 'churn rate (100 − CRR)', color: WARM, shape: 'line' });
  if (openCrr.some((p) => p.incomplete)) legend.push({ label: 'incomplete history', color: ACCENT, shape: 'hollow' });
  if (partials.length > 0) legend.push({ label: 'partial period', color: ACCENT, shape: 'dash' });
  legend.push({ label: 'benchmarks', color: MUTED, shape: 'rule' });

  const notes: ChartNote[] = [];
  const incomplete = periods.filter((p) => p.incomplete);
  if (incomplete.length > 0) {
    const span = incomplete.length === 1 ? incomplete[0].label : `${incomplete[0].label} – ${incomplete[incomplete.length - 1].label}`;
    notes.push({
      tone: 'warn',
      text: `${INCOMPLETE_NOTE} for ${span}: these periods begin before anyone could have lapsed (hollow dots, dashed line, shaded).`,
    });
  }
  for (const p of partials) notes.push({ tone: 'warn', text: `partial period: ${p.label} is not over yet, so its CRR can still change.` });
  const above = drawn.filter((p) => p.crr! > 100);
  if (above.length > 0) {
    notes.push({
      tone: 'info',
      text: `CRR above 100 % in ${above.map((p) => p.label).join(', ')}: customers who had lapsed came back (they count in E but in neither S nor N).`,
    });
  }
  const blank = periods.filter((p) => p.crr === null);
  if (blank.length > 0) notes.push({ tone: 'info', text: `No CRR for ${blank.map((p) => p.label).join(', ')}: no customers were active at the start.` });

  const latest = [...closedCrr].pop();
  const summary = latest
    ? `Latest complete ${period} ${latest.label}: CRR ${formatPct(latest.crr!)}${latest.churn !== null ? `, churn ${formatPct(latest.churn)}` : ''}.`
    : 'No period is complete yet.';
  const openWords = incomplete.length > 0 ? ` ${incomplete.length} ${incomplete.length === 1 ? 'period' : 'periods'} with incomplete history (CRR inflated) drawn hollow and dashed.` : '';
  const description =
    `Line chart of customer retention rate (CRR) per ${period}, ${drawn[0].label} to ${drawn[drawn.length - 1].label}, on a ${withTrueMinus(formatNumber(yMin))}–${formatPctTick(yMax)} scale` +
    `${withChurn ? ' with churn rate as a lighter line' : ''}. ${summary}${openWords}` +
    ` Benchmark rules at ${CRR_BENCHMARKS.map((b) => `${b.value} %`).join(', ')}.`;
  return {
    kind: 'chart',
    title: `Customer retention rate per ${period}`,
    subtitle: 'CRR = (E − N) / S: customers active at the end, less new ones, over those active at the start',
    description,
    legend,
    panels: [{ element: plot }],
    notes,
  };
}
