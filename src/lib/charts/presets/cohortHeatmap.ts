import * as Plot from '@observablehq/plot';
import { isTrue, periodName, toLabel, toNumber } from '../data';
import { formatCount, formatNumber, formatPct, formatPctTick } from '../../format';
import { drawPlot, rampLegend, thinTicks } from '../plot';
import { FONT_SIZE, LIGHT, MUTED, SEQUENTIAL, inkOn } from '../theme';
import { problem, type ChartContext, type ChartNote, type ChartOutcome } from '../types';
import { hasColumn, needColumns, settings, sortKey } from './common';

const DEFAULTS = {
  y: 'cohort',
  x: 'offset',
  value: 'retention',
  flag: 'partial_period',
  label: 'cohort_label',
  size: 'cohort_size',
};

interface Cell {
  cohort: string;
  offset: number;
  value: number;
  partial: boolean;
  /** Offset 0 of a retention table: 100 % by definition, drawn neutral so it does not flatten the colour scale. */
  base: boolean;
  title: string;
}

/**
 * Cohort retention heat-map (`cohort-retention` recipe): cohorts down (oldest
 * at the top), periods since the first order across, colour = retention %,
 * the value written in each cell when it fits. Offset 0 (100 % by definition)
 * is neutral grey so the colour scale spreads over the later periods; cells of
 * a period that is not over are faded with a dashed border.
 */
export function renderCohortHeatmap(context: ChartContext): ChartOutcome {
  const o = settings(context, DEFAULTS);
  const missing = needColumns(context, 'cohort heat-map', [o.y, o.x, o.value]);
  if (missing) return missing;
  const labelled = hasColumn(context, o.label);
  const sized = hasColumn(context, o.size);
  const percent = o.value === 'retention' || /(_pct|_rate|_share)$/.test(o.value);
  const rows = [...context.rows].sort((a, b) => sortKey(a, o.y) - sortKey(b, o.y) || toLabel(a[o.y]).localeCompare(toLabel(b[o.y])));
  const cohorts: string[] = [];
  const sizes = new Map<string, number>();
  const cells: Cell[] = [];
  for (const row of rows) {
    const offset = toNumber(row[o.x]);
    const value = toNumber(row[o.value]);
    if (offset === null || value === null) continue;
    const cohort = labelled && row[o.label] !== null ? toLabel(row[o.label]) : toLabel(row[o.y]);
    if (!sizes.has(cohort)) cohorts.push(cohort);
    const size = sized ? toNumber(row[o.size]) : null;
    if (size !== null) sizes.set(cohort, size);
    else if (!sizes.has(cohort)) sizes.set(cohort, Number.NaN);
    const partial = isTrue(row[o.flag]);
    const shown = percent ? formatPct(value) : formatNumber(value);
    cells.push({
      cohort,
      offset,
      value,
      partial,
      base: false,
      title: `cohort ${cohort}${size !== null ? ` (${formatCount(size)} customers)` : ''}, ${offset} on: ${shown}${partial ? ' (period not over)' : ''}`,
    });
  }
  if (cells.length === 0) return problem(`No ${o.value} values to draw`);
  const zero = cells.filter((c) => c.offset === 0);
  if (percent && zero.length > 0 && zero.every((c) => Math.abs(c.value - 100) < 1e-9)) for (const c of zero) c.base = true;
  const scaled = cells.filter((c) => !c.base);
  const hi = scaled.length > 0 ? Math.max(...scaled.map((c) => c.value)) : 100;
  const lo = Math.min(0, ...scaled.map((c) => c.value));
  const maxOffset = Math.max(...cells.map((c) => c.offset));
  const minOffset = Math.min(...cells.map((c) => c.offset));
  const offsets = Array.from({ length: maxOffset - minOffset + 1 }, (_, i) => minOffset + i);

  const yLabel = (c: string) => {
    const size = sizes.get(c);
    return size !== undefined && Number.isFinite(size) ? `${c} · ${formatCount(size)}` : c;
  };
  const longest = Math.max(...cohorts.map((c) => yLabel(c).length));
  const marginLeft = Math.min(180, Math.max(56, longest * 6.2 + 12));
  const marginRight = 8;
  const cellW = (context.width - marginLeft - marginRight) / offsets.length;
  const cellH = Math.max(14, Math.min(28, cellW * 0.7));
  const fits = cellW >= 20 && cellH >= 13;
  const withSign = cellW >= 38;
  const t = (v: number) => (hi > lo ? (v - lo) / (hi - lo) : 0);
  const label = (c: Cell) => (percent ? (withSign ? `${Math.round(c.value)} %` : String(Math.round(c.value))) : formatNumber(c.value));

  const marks: Plot.Markish[] = [
    Plot.cell(scaled.filter((c) => !c.partial), { x: 'offset', y: 'cohort', fill: 'value', inset: 0.5, title: 'title', className: 'cohort-cell' }),
    Plot.cell(
      scaled.filter((c) => c.partial),
      { x: 'offset', y: 'cohort', fill: 'value', fillOpacity: 0.45, stroke: MUTED, strokeDasharray: '3,2', inset: 1, title: 'title', className: 'cohort-cell-partial' },
    ),
    Plot.cell(
      cells.filter((c) => c.base),
      { x: 'offset', y: 'cohort', fill: LIGHT, inset: 0.5, title: 'title', className: 'cohort-cell-base' },
    ),
  ];
  if (fits) {
    marks.push(
      Plot.text(cells, {
        x: 'offset',
        y: 'cohort',
        text: label,
        fill: (c: Cell) => (c.base ? MUTED : inkOn(t(c.value))),
        fontSize: cellW < 26 ? FONT_SIZE - 2 : FONT_SIZE - 1,
        className: 'cohort-label',
      }),
    );
  }
  const period = periodName(rows.map((r) => r['period_label'] ?? r[o.label])) ?? 'period';
  const across = `${period === 'period' ? 'periods' : `${period}s`} since the first order →`;
  const plot = drawPlot(context, {
    height: cohorts.length * cellH + 50,
    marginTop: 40,
    marginBottom: 10,
    marginLeft,
    marginRight,
    padding: 0,
    x: { domain: offsets, axis: 'top', label: across, ticks: thinTicks(offsets, context.width - marginLeft, 22), tickSize: 0 },
    y: { domain: cohorts, label: null, tickFormat: yLabel, tickSize: 0 },
    color: { type: 'linear', domain: [lo, hi], range: [...SEQUENTIAL], interpolate: 'rgb', clamp: true },
    marks,
  });
  const ramp = rampLegend(context, percent ? `${o.value} (%)` : o.value, [lo, hi], percent ? formatPctTick : undefined);

  const notes: ChartNote[] = [];
  const partialCount = cells.filter((c) => c.partial).length;
  if (partialCount > 0) notes.push({ tone: 'warn', text: `partial period: the latest period is not over yet; its ${partialCount} cells are faded with a dashed border.` });
  if (zero.some((c) => c.base)) notes.push({ tone: 'info', text: 'Offset 0 is each cohort’s first period (100 % by definition) and is shown in grey.' });
  if (!fits) notes.push({ tone: 'info', text: 'The cells are too small for their values; hover a cell, or widen the chart, to read it.' });

  const one = cells.filter((c) => c.offset === 1 && !c.partial);
  let detail = '';
  if (one.length > 0) {
    const best = one.reduce((a, b) => (b.value > a.value ? b : a));
    const worst = one.reduce((a, b) => (b.value < a.value ? b : a));
    const fmt = (v: number) => (percent ? formatPct(v) : formatNumber(v));
    detail = ` One ${period} on, ${o.value} ranges from ${fmt(worst.value)} (${worst.cohort}) to ${fmt(best.value)} (${best.cohort}).`;
  }
  const periodWord = period === 'period' ? '' : `${period === 'month' ? 'monthly' : period === 'quarter' ? 'quarterly' : 'yearly'} `;
  return {
    kind: 'chart',
    title: percent && o.value === 'retention' ? `Cohort retention by ${period}` : `${o.value.replace(/_/g, ' ')} by cohort`,
    subtitle: `${percent && o.value === 'retention' ? `Share of each cohort that ordered again, by ${period}s since their first order. ` : ''}Rows: cohort${sized ? ' · customers' : ''}`,
    description:
      `Heat-map of ${o.value.replace(/_/g, ' ')} for ${cohorts.length} ${periodWord}cohorts (${cohorts[0]} to ${cohorts[cohorts.length - 1]}, oldest at the top) ` +
      `over ${offsets.length} ${period}s since the first order; darker is higher.${detail}`,
    panels: [{ element: ramp }, { element: plot }],
    notes,
  };
}
