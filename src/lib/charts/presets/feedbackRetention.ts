import * as Plot from '@observablehq/plot';
import { toLabel, toNumber } from '../data';
import { formatCount, formatNumber, formatPct } from '../../format';
import { drawPlot } from '../plot';
import { ACCENT, MUTED, NEUTRAL, WARM } from '../theme';
import { problem, type ChartContext, type ChartOutcome, type ChartPanel, type LegendItem } from '../types';
import { PERCENT_AXIS, hasColumn, needColumns, settings } from './common';

const DEFAULTS = { x: 'score', y: 'repeat_rate', series: 'scale', band: 'score_band', count: 'customers', repeat: 'repeat_customers' };

/** Score bands by mood: unhappy warm, in-between grey, happy teal. */
const BAND_COLORS: Record<string, string> = {
  detractor: WARM,
  dissatisfied: WARM,
  passive: NEUTRAL,
  neutral: NEUTRAL,
  promoter: ACCENT,
  satisfied: ACCENT,
};
const MOODS: readonly { color: string; bands: readonly string[] }[] = [
  { color: WARM, bands: ['detractor', 'dissatisfied'] },
  { color: NEUTRAL, bands: ['passive', 'neutral'] },
  { color: ACCENT, bands: ['promoter', 'satisfied'] },
];

const SCALE_NAMES: Record<string, string> = {
  nps_10: 'First NPS answer (0–10)',
  csat_5: 'First CSAT answer (1–5)',
  rating_5: 'First rating (1–5 stars)',
};

const SCALE_RANGES: Record<string, [number, number]> = { nps_10: [0, 10], csat_5: [1, 5], rating_5: [1, 5] };

interface ScoreBar {
  score: number;
  rate: number;
  band: string;
  customers: number | null;
  title: string;
}

/** Whether the result looks like the `feedback-retention` recipe's (used to pick this chart for the header's `bar`). */
export function looksLikeFeedbackRetention(context: ChartContext): boolean {
  return ['score', 'repeat_rate'].every((c) => hasColumn(context, c));
}

/**
 * Repeat purchase by first feedback (`feedback-retention` recipe): one panel
 * per scale, a bar per first score with the share of those customers who
 * ordered at least twice, coloured by score band and labelled with how many
 * customers it rests on; a dashed rule marks the scale's overall repeat rate.
 */
export function renderFeedbackRetention(context: ChartContext): ChartOutcome {
  const o = settings(context, DEFAULTS);
  const missing = needColumns(context, 'feedback retention', [o.x, o.y]);
  if (missing) return missing;
  const bySeries = new Map<string, ScoreBar[]>();
  const overall = new Map<string, { customers: number; repeat: number }>();
  for (const row of context.rows) {
    const score = toNumber(row[o.x]);
    const rate = toNumber(row[o.y]);
    if (score === null || rate === null) continue;
    const scale = hasColumn(context, o.series) ? toLabel(row[o.series]) : '';
    const customers = toNumber(row[o.count]);
    const repeat = toNumber(row[o.repeat]);
    const band = hasColumn(context, o.band) ? toLabel(row[o.band]) : '';
    const bars = bySeries.get(scale) ?? [];
    bars.push({ score, rate, band, customers, title: `score ${formatNumber(score)}${band ? ` (${band})` : ''}: ${formatPct(rate)} ordered again${customers !== null ? ` — ${formatCount(customers)} customers` : ''}` });
    bySeries.set(scale, bars);
    if (customers !== null && repeat !== null) {
      const t = overall.get(scale) ?? { customers: 0, repeat: 0 };
      t.customers += customers;
      t.repeat += repeat;
      overall.set(scale, t);
    }
  }
  if (bySeries.size === 0) return problem(`No ${o.y} values to draw`);
  const panels: ChartPanel[] = [];
  const summaries: string[] = [];
  const bandsSeen = new Set<string>();
  for (const [scale, bars] of bySeries) {
    bars.sort((a, b) => a.score - b.score);
    const [lo, hi] = SCALE_RANGES[scale] ?? [bars[0].score, bars[bars.length - 1].score];
    const whole = bars.every((b) => Number.isInteger(b.score));
    const domain = whole && hi - lo <= 20 ? Array.from({ length: hi - lo + 1 }, (_, i) => lo + i) : bars.map((b) => b.score);
    const t = overall.get(scale);
    const rule = t && t.customers > 0 ? [{ rate: (100 * t.repeat) / t.customers }] : [];
    for (const b of bars) bandsSeen.add(b.band);
    const plot = drawPlot(context, {
      height: 230,
      marginTop: 16,
      marginLeft: 46,
      marginRight: 64,
      x: { domain, label: 'first score', tickSize: 0 },
      y: { ...PERCENT_AXIS, label: '↑ ordered again (%)' },
      marks: [
        Plot.barY(bars, { x: 'score', y: 'rate', fill: (b: ScoreBar) => BAND_COLORS[b.band] ?? ACCENT, title: 'title', className: 'feedback-bar' }),
        Plot.text(bars, {
          x: 'score',
          y: 'rate',
          text: (b: ScoreBar) => (b.customers !== null ? `n=${formatCount(b.customers)}` : ''),
          dy: -6,
          fill: MUTED,
          fontSize: 9,
          className: 'feedback-count',
        }),
        Plot.ruleY(rule, { y: 'rate', stroke: MUTED, strokeDasharray: '4,3', className: 'feedback-overall' }),
        Plot.text(rule, {
          y: 'rate',
          text: (r: { rate: number }) => `all: ${formatPct(r.rate)}`,
          frameAnchor: 'right',
          textAnchor: 'start',
          dx: 4,
          fill: MUTED,
          className: 'feedback-overall-label',
        }),
        Plot.ruleY([0], { stroke: MUTED }),
      ],
    });
    panels.push({ heading: SCALE_NAMES[scale] ?? (scale || undefined), element: plot });
    const low = bars.reduce((a, b) => (b.rate < a.rate ? b : a));
    const high = bars.reduce((a, b) => (b.rate > a.rate ? b : a));
    summaries.push(`${SCALE_NAMES[scale] ?? (scale || 'all')}: lowest ${formatPct(low.rate)} at score ${formatNumber(low.score)}, highest ${formatPct(high.rate)} at ${formatNumber(high.score)}`);
  }
  const legend: LegendItem[] = MOODS.map((m) => ({ label: m.bands.filter((b) => bandsSeen.has(b)).join(' / '), color: m.color, shape: 'square' as const })).filter(
    (item) => item.label !== '',
  );
  const small = [...bySeries.values()].flat().filter((b) => b.customers !== null && b.customers < 10).length;
  return {
    kind: 'chart',
    title: 'Repeat purchase by first feedback score',
    subtitle: 'Share of customers who ordered at least twice, by the score of their first feedback',
    description: `Bar chart of repeat purchase rate by first feedback score, one panel per scale (${bySeries.size}). ${summaries.join('. ')}.`,
    legend,
    panels,
    notes: small > 0 ? [{ tone: 'info', text: `${small} ${small === 1 ? 'bar rests' : 'bars rest'} on fewer than 10 customers (n= above each bar); read ${small === 1 ? 'it' : 'them'} with care.` }] : [],
  };
}
