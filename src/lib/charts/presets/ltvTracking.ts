import * as Plot from '@observablehq/plot';
import { formatCount, formatNumber, formatPct } from '../../format';
import { drawPlot, numberMargin } from '../plot';
import { ACCENT, LIGHT, MUTED, WARM } from '../theme';
import { problem, type ChartContext, type ChartNote, type ChartOutcome, type LegendItem } from '../types';
import { needColumns, rowNumbers, settings } from './common';

/** Columns of `PredictiveLtvResult.tracking`; `holdout` is the week the holdout starts (`params.calibration_weeks`). */
const DEFAULTS = { x: 'week', actual: 'actual', expected: 'expected', holdout: '' };

interface WeekPoint {
  week: number;
  actual: number;
  expected: number;
  title: string;
}

/** The last point at or before `week` (the tracking weeks are whole, the calibration end need not be). */
function pointAt(points: readonly WeekPoint[], week: number): WeekPoint {
  let found = points[0];
  for (const p of points) if (p.week <= week + 1e-9) found = p;
  return found;
}

/** "3.4 % fewer than actual" / "the same as actual". */
function gapWords(expected: number, actual: number): string {
  if (actual <= 0) return '';
  const gap = (expected / actual - 1) * 100;
  if (Math.abs(gap) < 0.05) return ', the same as actual';
  return `, ${formatPct(Math.abs(gap))} ${gap < 0 ? 'fewer' : 'more'} than actual`;
}

/**
 * The predictive-LTV tracking chart (`ltv-predictive`): actual and model-expected
 * cumulative repeat purchases by week since the cohort start. With `holdout=<week>`
 * a dashed rule marks where calibration ends and the later weeks are shaded: there
 * the expected curve is a forecast the actual one checks.
 */
export function renderLtvTracking(context: ChartContext): ChartOutcome {
  const o = settings(context, DEFAULTS);
  const missing = needColumns(context, 'tracking', [o.x, o.actual, o.expected]);
  if (missing) return missing;
  const points: WeekPoint[] = [];
  for (const row of context.rows) {
    const values = rowNumbers(row, [o.x, o.actual, o.expected]);
    if (!values) continue;
    const [week, actual, expected] = values;
    points.push({ week, actual, expected, title: `week ${formatNumber(week)}: ${formatCount(actual)} actual, ${formatNumber(expected)} expected` });
  }
  if (points.length === 0) return problem(`No ${o.actual} values to draw`);
  points.sort((a, b) => a.week - b.week);
  const first = points[0];
  const last = points[points.length - 1];
  const given = o.holdout === '' ? Number.NaN : Number(o.holdout);
  // A holdout only when calibration ends inside the drawn weeks.
  const holdout = Number.isFinite(given) && given >= first.week && given < last.week ? given : null;
  const top = Math.max(...points.map((p) => Math.max(p.actual, p.expected)));

  const marks: Plot.Markish[] = [];
  if (holdout !== null) {
    marks.push(
      Plot.rect([{ x1: holdout, x2: last.week }], { x1: 'x1', x2: 'x2', fill: LIGHT, fillOpacity: 0.45, className: 'tracking-holdout-band' }),
      Plot.ruleX([holdout], { stroke: MUTED, strokeDasharray: '4,3', className: 'tracking-holdout' }),
      Plot.text([holdout], { x: (d: number) => d, frameAnchor: 'top', text: () => '← calibration', textAnchor: 'end', dx: -5, dy: 2, fill: MUTED, className: 'tracking-holdout-label' }),
      Plot.text([holdout], { x: (d: number) => d, frameAnchor: 'top', text: () => 'holdout →', textAnchor: 'start', dx: 5, dy: 2, fill: MUTED, className: 'tracking-holdout-label' }),
    );
  }
  marks.push(
    Plot.ruleY([0], { stroke: MUTED }),
    Plot.line(points, { x: 'week', y: 'expected', stroke: WARM, strokeWidth: 2, strokeDasharray: '6,4', className: 'tracking-expected' }),
    Plot.line(points, { x: 'week', y: 'actual', stroke: ACCENT, strokeWidth: 2, className: 'tracking-actual' }),
    Plot.dot(points, { x: 'week', y: 'actual', r: 6, fill: 'transparent', title: 'title', className: 'tracking-hover' }),
  );
  const plot = drawPlot(context, {
    height: 320,
    marginTop: 24,
    marginLeft: numberMargin(top, 46),
    marginRight: 16,
    x: { label: 'weeks since the first purchase →', domain: [Math.min(0, first.week), last.week], tickFormat: formatNumber },
    y: { label: '↑ cumulative repeat purchases', grid: true, nice: true, tickFormat: formatNumber },
    marks,
  });

  const legend: LegendItem[] = [
    { label: 'actual', color: ACCENT, shape: 'line' },
    { label: 'expected by the model (BG/NBD)', color: WARM, shape: 'dash' },
  ];
  if (holdout !== null) legend.push({ label: `holdout starts (week ${formatNumber(holdout)})`, color: MUTED, shape: 'rule' });
  const notes: ChartNote[] = [];
  if (holdout === null) {
    notes.push({
      tone: 'info',
      text: 'No holdout: the model learned from every week shown, so this shows how well it fits, not how well it forecasts. Set calibration_end earlier to hold out the later orders.',
    });
  }
  const at = (p: WeekPoint, what: string) =>
    `${what} (week ${formatNumber(p.week)}): ${formatCount(p.actual)} actual, ${formatNumber(p.expected)} expected${gapWords(p.expected, p.actual)}.`;
  const split = holdout !== null ? ` ${at(pointAt(points, holdout), 'Last calibration week')}` : '';
  return {
    kind: 'chart',
    title: 'Repeat purchases: actual against the model',
    subtitle:
      holdout !== null
        ? 'Cumulative repeat purchases of the modelled customers; the model learned from the weeks left of the rule and forecasts those right of it'
        : 'Cumulative repeat purchases of the modelled customers, actual and as the fitted model expects them',
    description:
      `Line chart of cumulative repeat purchases by week since the first purchase, actual against the BG/NBD model's expectation, ` +
      `weeks ${formatNumber(first.week)} to ${formatNumber(last.week)}${holdout !== null ? `, with the holdout from week ${formatNumber(holdout)} shaded` : ''}.` +
      `${split} ${at(last, 'End of data')}`,
    legend,
    panels: [{ element: plot }],
    notes,
  };
}
