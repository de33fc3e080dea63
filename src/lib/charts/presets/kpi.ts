import { columnKind, humanize, toNumber } from '../data';
import { formatNumber, formatPct } from '../../format';
import { svgCanvas, svgElement } from '../svg';
import { INK, LIGHT, MUTED, PAPER } from '../theme';
import { problem, type ChartContext, type ChartOutcome } from '../types';

/** At most this many figures are shown. */
export const MAX_TILES = 12;
const TILE_MIN = 150;
const TILE_H = 64;

const isPercent = (name: string) => /(^|_)(rate|pct|share|crr)$/.test(name);

/**
 * Key figures (header id `kpi`, e.g. `repeat-rate`): the first row's number
 * columns as tiles, each a big value over its name; rates in percent.
 */
export function renderKpi(context: ChartContext): ChartOutcome {
  const row = context.rows[0];
  const names = (context.columns.length > 0 ? context.columns.filter((c) => columnKind(c.type) === 'number').map((c) => c.name) : Object.keys(row))
    .filter((n) => toNumber(row[n]) !== null)
    .slice(0, MAX_TILES);
  if (names.length === 0) return problem('No numbers to show in the first row');
  const doc = context.document;
  const perRow = Math.max(1, Math.min(names.length, Math.floor(context.width / TILE_MIN)));
  const tileW = context.width / perRow;
  const rows = Math.ceil(names.length / perRow);
  const svg = svgCanvas(doc, context.width, rows * (TILE_H + 8), 'kpi');
  const figures: string[] = [];
  names.forEach((name, i) => {
    const value = toNumber(row[name])!;
    const shown = isPercent(name) ? formatPct(value) : formatNumber(value);
    figures.push(`${humanize(name)} ${shown}`);
    const g = svgElement(doc, 'g', { class: 'kpi-tile', transform: `translate(${(i % perRow) * tileW},${Math.floor(i / perRow) * (TILE_H + 8)})` });
    g.append(
      svgElement(doc, 'rect', { x: 2, y: 1, width: tileW - 8, height: TILE_H, rx: 6, fill: PAPER, stroke: LIGHT }),
      svgElement(doc, 'text', { x: 12, y: 30, 'font-size': 20, 'font-weight': 600, fill: INK }, shown),
      svgElement(doc, 'text', { x: 12, y: 50, fill: MUTED }, humanize(name)),
    );
    svg.append(g);
  });
  return {
    kind: 'chart',
    description: `Key figures: ${figures.join(', ')}.`,
    panels: [{ element: svg }],
    notes: context.rows.length > 1 ? [{ tone: 'info', text: `Showing the first of ${context.rows.length} rows.` }] : [],
  };
}
