import * as Plot from '@observablehq/plot';
import type { Row } from '../../engine/rows';
import { isTrue, toLabel, toNumber } from '../data';
import { formatCount, formatPct } from '../../format';
import { drawPlot, thinTicks } from '../plot';
import { ACCENT, INK, NEUTRAL, PALETTE, PAPER, WARM } from '../theme';
import { problem, type ChartContext, type ChartNote, type ChartOutcome, type LegendItem } from '../types';
import { PERCENT_AXIS, hasColumn, needColumns, settings, sortKey } from './common';

const DEFAULTS = { x: 'period_start', y: 'nps', series: 'scale', label: 'period_label', total: 'is_total' };
const BANDS = ['detractors', 'passives', 'promoters'] as const;
type Band = (typeof BANDS)[number];
const BAND_COLORS: Record<Band, string> = { detractors: WARM, passives: NEUTRAL, promoters: ACCENT };

interface Share {
  period: string;
  band: Band;
  pct: number;
  title: string;
}

interface PeriodNps {
  period: string;
  nps: number;
  responses: number | null;
}

const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(Math.round(v))}`;

function shares(row: Row): Record<Band, number> | null {
  const promoters = toNumber(row['promoters_pct']);
  const detractors = toNumber(row['detractors_pct']);
  if (promoters === null || detractors === null) return null;
  const responses = toNumber(row['responses']);
  const passives = toNumber(row['passives']);
  const passivesPct = responses && passives !== null ? (100 * passives) / responses : Math.max(0, 100 - promoters - detractors);
  return { detractors, passives: passivesPct, promoters };
}

/**
 * NPS per period (`feedback-nps` recipe): stacked bars of detractors,
 * passives and promoters (0–10 answers) with each period's NPS written above
 * its bar and the overall NPS in the title. Without 0–10 answers it draws
 * CSAT (share of 4s and 5s) per period and scale instead.
 */
export function renderNps(context: ChartContext): ChartOutcome {
  const o = settings(context, DEFAULTS);
  const missing = needColumns(context, 'NPS', [o.y]);
  if (missing) return missing;
  const npsRows = context.rows.filter((r) => toNumber(r[o.y]) !== null && shares(r) !== null);
  const totals = npsRows.filter((r) => isTrue(r[o.total]) || r[o.x] === null);
  const periodRows = npsRows.filter((r) => !totals.includes(r)).sort((a, b) => sortKey(a, o.x) - sortKey(b, o.x));
  const labelOf = (r: Row) => (hasColumn(context, o.label) && r[o.label] !== null ? toLabel(r[o.label]) : toLabel(r[o.x]));
  const drawnRows = periodRows.length > 0 ? periodRows : totals.slice(0, 1);
  if (drawnRows.length === 0) return csat(context, o);
  const data: Share[] = [];
  const values: PeriodNps[] = [];
  for (const row of drawnRows) {
    const period = labelOf(row);
    const s = shares(row)!;
    const responses = toNumber(row['responses']);
    // The title names the period and band ("2024-03, promoters: 41.2 %"): the tooltip, and what a click on the bar drills into.
    for (const band of BANDS) data.push({ period, band, pct: s[band], title: `${period}, ${band}: ${formatPct(s[band])}` });
    values.push({ period, nps: toNumber(row[o.y])!, responses });
  }
  const periods = values.map((v) => v.period);
  const band = (context.width - 60) / periods.length;
  const plot = drawPlot(context, {
    height: 300,
    marginTop: 26,
    marginLeft: 46,
    x: { domain: periods, label: null, ticks: thinTicks(periods, context.width - 60, 48), tickSize: 0 },
    y: { ...PERCENT_AXIS, grid: false, label: '↑ % of answers' },
    color: { domain: [...BANDS], range: BANDS.map((b) => BAND_COLORS[b]) },
    marks: [
      Plot.barY(data, { x: 'period', y: 'pct', fill: 'band', order: [...BANDS], title: 'title', insetLeft: 0.5, insetRight: 0.5, className: 'nps-bar' }),
      ...(band >= 14
        ? [
            Plot.text(values, {
              x: 'period',
              y: 100,
              text: (v: PeriodNps) => signed(v.nps),
              dy: -8,
              fill: (v: PeriodNps) => (v.nps < 0 ? WARM : INK),
              fontSize: band < 22 ? 9 : 11,
              className: 'nps-value',
            }),
          ]
        : []),
    ],
  });
  const total = totals[0];
  const overall = total ? toNumber(total[o.y]) : null;
  const answers = total ? toNumber(total['responses']) : null;
  const legend: LegendItem[] = BANDS.map((b) => ({ label: { detractors: 'detractors (0–6)', passives: 'passives (7–8)', promoters: 'promoters (9–10)' }[b], color: BAND_COLORS[b], shape: 'square' }));
  const notes: ChartNote[] = [{ tone: 'info', text: 'NPS = % promoters − % detractors, from −100 to +100; the number above each bar is that period’s NPS.' }];
  const otherTotals = context.rows.filter((r) => isTrue(r[o.total]) && toNumber(r['csat']) !== null);
  for (const r of otherTotals) {
    notes.push({ tone: 'info', text: `${toLabel(r[o.series])}: ${formatPct(toNumber(r['csat'])!)} satisfied (4 or 5) of ${formatCount(toNumber(r['responses']) ?? 0)} answers.` });
  }
  const latest = values[values.length - 1];
  const head = overall !== null ? `NPS ${signed(overall)} overall${answers !== null ? ` (${formatCount(answers)} answers)` : ''}` : 'Net Promoter Score';
  return {
    kind: 'chart',
    title: head,
    subtitle: periodRows.length > 0 ? 'Detractors, passives and promoters per period' : 'Detractors, passives and promoters among all answers',
    description:
      `Stacked bar chart of detractors, passives and promoters as % of 0–10 answers for ${periods.length} ${periods.length === 1 ? 'period' : 'periods'}` +
      `${periods.length > 1 ? ` (${periods[0]} to ${latest.period})` : ''}, NPS labelled above each bar. ${head}; latest ${latest.period}: NPS ${signed(latest.nps)}.`,
    legend,
    panels: [{ element: plot }],
    notes,
  };
}

function csat(context: ChartContext, o: typeof DEFAULTS): ChartOutcome {
  const rows = context.rows.filter((r) => toNumber(r['csat']) !== null && !isTrue(r[o.total]) && r[o.x] !== null).sort((a, b) => sortKey(a, o.x) - sortKey(b, o.x));
  if (rows.length === 0) return problem('No NPS or CSAT values to draw');
  const data = rows.map((r) => ({
    period: hasColumn(context, o.label) ? toLabel(r[o.label]) : toLabel(r[o.x]),
    scale: toLabel(r[o.series]),
    csat: toNumber(r['csat'])!,
  }));
  const periods = [...new Set(data.map((d) => d.period))];
  const scales = [...new Set(data.map((d) => d.scale))];
  const plot = drawPlot(context, {
    height: 300,
    marginLeft: 46,
    x: { type: 'point', domain: periods, label: null, ticks: thinTicks(periods, context.width - 60, 48) },
    y: { ...PERCENT_AXIS, label: '↑ % satisfied (4 or 5)' },
    color: { domain: scales, range: scales.map((_, i) => PALETTE[i % PALETTE.length]) },
    marks: [
      Plot.line(data, { x: 'period', y: 'csat', stroke: 'scale', strokeWidth: 2, className: 'csat-line' }),
      Plot.dot(data, { x: 'period', y: 'csat', fill: 'scale', stroke: PAPER, r: 3.5, title: (d: { period: string; scale: string; csat: number }) => `${d.period}, ${d.scale}: ${formatPct(d.csat)}`, className: 'csat-dot' }),
    ],
  });
  return {
    kind: 'chart',
    title: 'CSAT per period',
    subtitle: 'No 0–10 (NPS) answers: share of 1–5 answers that are 4 or 5',
    description: `Line chart of CSAT (share of answers of 4 or 5) per period for ${scales.join(' and ')}, ${periods[0]} to ${periods[periods.length - 1]}.`,
    legend: scales.map((s, i) => ({ label: s, color: PALETTE[i % PALETTE.length], shape: 'line' as const })),
    panels: [{ element: plot }],
    notes: [{ tone: 'info', text: 'There are no 0–10 answers, so there is no NPS to draw.' }],
  };
}
