import * as Plot from '@observablehq/plot';
import { toLabel, toNumber } from '../data';
import { formatCount, formatPct } from '../../format';
import { drawPlot, rampLegend } from '../plot';
import { FONT_SIZE, LIGHT, PAPER, SEQUENTIAL, inkOn } from '../theme';
import { problem, type ChartContext, type ChartOutcome } from '../types';
import { hasColumn, needColumns, settings } from './common';

const DEFAULTS = { x: 'f_score', y: 'r_score', color: 'segment', count: 'customers' };

interface GridCell {
  r: number;
  f: number;
  customers: number;
  segment: string;
  title: string;
}

/**
 * RFM grid (`rfm` recipe): recency score down (5 = most recent, at the top),
 * frequency score across, each cell coloured by how many customers it holds
 * and labelled with its segment and count. Reads one row per customer, or
 * already-counted rows when the result has a `customers` column.
 */
export function renderRfmGrid(context: ChartContext): ChartOutcome {
  const o = settings(context, DEFAULTS);
  const missing = needColumns(context, 'RFM grid', [o.x, o.y]);
  if (missing) return missing;
  const counted = hasColumn(context, o.count) && !hasColumn(context, 'customer_id');
  const named = hasColumn(context, o.color);
  const tally = new Map<string, { r: number; f: number; customers: number; segments: Map<string, number> }>();
  let skipped = 0;
  for (const row of context.rows) {
    const r = toNumber(row[o.y]);
    const f = toNumber(row[o.x]);
    const n = counted ? toNumber(row[o.count]) : 1;
    if (r === null || f === null || n === null) {
      skipped++;
      continue;
    }
    const key = `${r}|${f}`;
    const cell = tally.get(key) ?? { r, f, customers: 0, segments: new Map<string, number>() };
    cell.customers += n;
    if (named) {
      const segment = toLabel(row[o.color]);
      cell.segments.set(segment, (cell.segments.get(segment) ?? 0) + n);
    }
    tally.set(key, cell);
  }
  if (tally.size === 0) return problem(`No ${o.y} and ${o.x} scores to draw`);
  const cells: GridCell[] = [...tally.values()].map((c) => {
    const segment = [...c.segments.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
    return { r: c.r, f: c.f, customers: c.customers, segment, title: `R ${c.r}, F ${c.f}${segment ? `: ${segment}` : ''}, ${formatCount(c.customers)} customers` };
  });
  const scores = (pick: (c: GridCell) => number) => {
    const values = cells.map(pick);
    const lo = Math.min(1, ...values);
    const hi = Math.max(5, ...values);
    return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  };
  const fs = scores((c) => c.f);
  const rs = scores((c) => c.r).reverse();
  const empty = rs.flatMap((r) => fs.filter((f) => !tally.has(`${r}|${f}`)).map((f) => ({ r, f })));
  const total = cells.reduce((s, c) => s + c.customers, 0);
  const max = Math.max(...cells.map((c) => c.customers));
  const marginLeft = 44;
  const cellW = (context.width - marginLeft - 10) / fs.length;
  const cellH = Math.max(34, Math.min(64, cellW * 0.55));
  const text = (c: GridCell) => (cellW >= 70 ? `${c.segment}\n${formatCount(c.customers)}` : formatCount(c.customers));
  const plot = drawPlot(context, {
    height: rs.length * cellH + 60,
    marginLeft,
    marginRight: 10,
    padding: 0,
    x: { domain: fs, label: 'F score (how often) →', tickSize: 0 },
    y: { domain: rs, label: '↑ R score (how recently)', tickSize: 0 },
    color: { type: 'linear', domain: [0, max], range: [...SEQUENTIAL], interpolate: 'rgb' },
    marks: [
      Plot.cell(empty, { x: 'f', y: 'r', fill: PAPER, stroke: LIGHT, inset: 1, className: 'rfm-cell-empty' }),
      Plot.cell(cells, { x: 'f', y: 'r', fill: 'customers', inset: 1, title: 'title', className: 'rfm-cell' }),
      Plot.text(cells, {
        x: 'f',
        y: 'r',
        text,
        fill: (c: GridCell) => inkOn(max > 0 ? c.customers / max : 0),
        fontSize: FONT_SIZE - 1,
        lineWidth: Math.max(4, (cellW - 8) / (FONT_SIZE - 1)),
        className: 'rfm-label',
      }),
    ],
  });
  const biggest = cells.reduce((a, b) => (b.customers > a.customers ? b : a));
  const ramp = rampLegend(context, 'customers', [0, max]);
  return {
    kind: 'chart',
    title: 'RFM grid: customers by recency and frequency score',
    description:
      `Grid of ${formatCount(total)} customers by R score (rows, 5 = ordered most recently, at the top) and F score (columns, 5 = most orders); ` +
      `darker cells hold more customers. The largest cell is R ${biggest.r} F ${biggest.f}${biggest.segment ? ` (${biggest.segment})` : ''} with ${formatCount(biggest.customers)} customers, ${formatPct((100 * biggest.customers) / total)} of all. ` +
      `${empty.length} of ${fs.length * rs.length} cells are empty.`,
    panels: [{ element: ramp }, { element: plot }],
    notes: [
      ...(empty.length > 0 ? [{ tone: 'info' as const, text: `Empty cells have no customers: with many one-order customers, tied scores leave some F scores unused.` }] : []),
      ...(skipped > 0 ? [{ tone: 'info' as const, text: `${formatCount(skipped)} rows without scores are not counted.` }] : []),
    ],
  };
}
