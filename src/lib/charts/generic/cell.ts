/** A heat-map: categories across and down, a cell coloured by a column. */
import * as Plot from '@observablehq/plot';
import { formatNumber } from '../../format';
import { distinct, humanize, toLabel, toNumber } from '../data';
import { drawPlot, thinTicks } from '../plot';
import { FONT_SIZE, inkOn } from '../theme';
import { type ChartContext, type ChartOutcome, problem } from '../types';
import { colorSetup } from './color';
import { category, type FullSpec, type Kinds } from './points';
import { describe } from './words';

export function cellChart(spec: FullSpec & { color: string }, kinds: Kinds, context: ChartContext): ChartOutcome {
  const numeric = kinds.color === 'number';
  const data: { x: string; y: string; value: number | string }[] = [];
  for (const row of context.rows) {
    const value = numeric ? toNumber(row[spec.color]) : row[spec.color] === null ? null : toLabel(row[spec.color]);
    if (value === null) continue;
    data.push({ x: category(row[spec.x], kinds.x), y: category(row[spec.y], kinds.y), value });
  }
  if (data.length === 0) return problem(`No values to colour by in ${spec.color}`);
  const xs = distinct(data.map((d) => d.x));
  const ys = distinct(data.map((d) => d.y));
  if (spec.sort === 'x') {
    xs.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    ys.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  }
  const longest = Math.max(...ys.map((y) => y.length));
  const marginLeft = Math.min(200, Math.max(50, longest * 6 + 12));
  const cellW = (context.width - marginLeft - 20) / xs.length;
  const cellH = Math.max(16, Math.min(36, cellW * 0.6));
  const color = colorSetup(context, data.map((d) => d.value), numeric ? 'number' : 'text', humanize(spec.color), 'square');
  const nums = data.map((d) => d.value).filter((v): v is number => typeof v === 'number');
  const lo = Math.min(...nums);
  const hi = Math.max(...nums);
  const marks: Plot.Markish[] = [Plot.cell(data, { x: 'x', y: 'y', fill: 'value', inset: 0.5, tip: true, className: 'generic-cell' })];
  if (numeric && cellW >= 26 && cellH >= 14) {
    marks.push(
      Plot.text(data, {
        x: 'x',
        y: 'y',
        text: (d: { value: number }) => formatNumber(d.value),
        fill: (d: { value: number }) => inkOn(hi > lo ? (d.value - lo) / (hi - lo) : 0),
        fontSize: FONT_SIZE - 1,
        className: 'generic-cell-label',
      }),
    );
  }
  const plot = drawPlot(context, {
    height: ys.length * cellH + 60,
    marginLeft,
    padding: 0,
    x: { domain: xs, label: humanize(spec.x), axis: 'top', ticks: thinTicks(xs, context.width - marginLeft), tickRotate: xs.length > 8 && Math.max(...xs.map((x) => x.length)) > 5 ? -35 : 0 },
    y: { domain: ys, label: null },
    color: color.scale,
    marks,
  });
  return {
    kind: 'chart',
    subtitle: `Rows: ${humanize(spec.y)}; columns: ${humanize(spec.x)}; colour: ${humanize(spec.color)}`,
    description: describe('cell', spec, data.length, numeric ? `${humanize(spec.color)} from ${formatNumber(lo)} to ${formatNumber(hi)}` : ''),
    legend: color.legend,
    panels: [...(color.ramp ? [{ element: color.ramp }] : []), { element: plot }],
  };
}
