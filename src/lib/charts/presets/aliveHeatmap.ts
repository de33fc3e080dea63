import * as Plot from '@observablehq/plot';
import { formatNumber, formatPct, formatPctTick } from '../../format';
import { drawPlot, rampLegend } from '../plot';
import { SEQUENTIAL } from '../theme';
import { problem, type ChartContext, type ChartNote, type ChartOutcome } from '../types';
import { needColumns, rowNumbers, settings } from './common';

/**
 * Columns of `PredictiveLtvResult.aliveGrid`; `age` is the customers' age the grid
 * was computed at (`params.alive_grid_T`), `unit` the run's time unit.
 */
const DEFAULTS = { x: 'recency', y: 'frequency', value: 'p_alive', age: '', unit: 'weeks' };

interface GridCell {
  x: number;
  y: number;
  /** P(alive) in percent. */
  pct: number;
  title: string;
}

/** Half the gap between neighbouring values of an evenly spaced axis (0.5 for a single value). */
function halfStep(values: readonly number[]): number {
  return values.length > 1 ? (values[1] - values[0]) / 2 : 0.5;
}

/**
 * P(alive) heat-map (`ltv-predictive`): repeat purchases (frequency) up, recency
 * (time from the first to the last purchase) across, colour = probability that a
 * customer with that history is still active, 0–100 %. Values are 0–1 in the data.
 */
export function renderAliveHeatmap(context: ChartContext): ChartOutcome {
  const o = settings(context, DEFAULTS);
  const missing = needColumns(context, 'P(alive) heat-map', [o.y, o.x, o.value]);
  if (missing) return missing;
  const unit = o.unit === 'days' ? 'days' : 'weeks';
  const cells: GridCell[] = [];
  for (const row of context.rows) {
    const values = rowNumbers(row, [o.x, o.y, o.value]);
    if (!values) continue;
    const [x, y, p] = values;
    const pct = p * 100;
    cells.push({ x, y, pct, title: `${formatNumber(y)} repeat purchases, the last ${formatNumber(x)} ${unit} after the first: P(alive) ${formatPct(pct)}` });
  }
  if (cells.length === 0) return problem(`No ${o.value} values to draw`);
  const xs = [...new Set(cells.map((c) => c.x))].sort((a, b) => a - b);
  const ys = [...new Set(cells.map((c) => c.y))].sort((a, b) => a - b);
  const dx = halfStep(xs);
  const dy = halfStep(ys);
  const age = Number(o.age);
  const aged = o.age !== '' && Number.isFinite(age);

  const plot = drawPlot(context, {
    height: Math.max(230, Math.min(370, ys.length * 14 + 70)),
    marginTop: 24,
    marginLeft: 46,
    marginRight: 12,
    x: { label: `recency: ${unit} from the first to the last purchase →`, domain: [xs[0] - dx, xs[xs.length - 1] + dx], tickFormat: formatNumber },
    y: { label: '↑ repeat purchases (frequency)', domain: [ys[0] - dy, ys[ys.length - 1] + dy], tickFormat: formatNumber },
    color: { type: 'linear', domain: [0, 100], range: [...SEQUENTIAL], interpolate: 'rgb', clamp: true },
    marks: [
      Plot.rect(cells, {
        x1: (c: GridCell) => c.x - dx,
        x2: (c: GridCell) => c.x + dx,
        y1: (c: GridCell) => c.y - dy,
        y2: (c: GridCell) => c.y + dy,
        fill: 'pct',
        // Thousands of touching cells: no anti-aliased seams between them.
        shapeRendering: 'crispEdges',
        title: 'title',
        className: 'alive-cell',
      }),
    ],
  });
  const ramp = rampLegend(context, 'P(alive) (%)', [0, 100], formatPctTick);

  const notes: ChartNote[] = [];
  if (cells.some((c) => c.y === 0)) {
    notes.push({ tone: 'info', text: 'With no repeat purchase P(alive) is 100 %: in BG/NBD a customer can only drop out right after a repeat purchase.' });
  }
  // The starkest contrast on the grid: the most frequent buyers, most and least recently active.
  const top = ys[ys.length - 1];
  const row = cells.filter((c) => c.y === top).sort((a, b) => a.x - b.x);
  const stale = row[0];
  const fresh = row[row.length - 1];
  const contrast =
    top > 0
      ? ` A customer with ${formatNumber(top)} repeat purchases is ${formatPct(fresh.pct)} likely alive if the last was ${formatNumber(fresh.x)} ${unit} after the first, ` +
        `${formatPct(stale.pct)} if it was ${formatNumber(stale.x)} ${unit} after.`
      : '';
  const forAge = aged ? ` for a customer first seen ${formatNumber(age)} ${unit} ago` : '';
  return {
    kind: 'chart',
    title: 'Probability a customer is still active, P(alive)',
    subtitle: `By purchase history${forAge}: frequent buyers who have not bought for a while are the likeliest to have left`,
    description:
      `Heat-map of P(alive)${forAge}, by repeat purchases (${formatNumber(ys[0])} to ${formatNumber(top)}, up) ` +
      `and recency (${formatNumber(xs[0])} to ${formatNumber(xs[xs.length - 1])} ${unit}, across); darker is more likely still active.${contrast}`,
    panels: [{ element: ramp }, { element: plot }],
    notes,
  };
}
