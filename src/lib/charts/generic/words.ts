/** The generic chart in words: its description (for screen readers and exports) and its notes. */
import { formatNumber } from '../../format';
import { type ColumnKind, humanize } from '../data';
import { type ChartMark, type ChartSpec, MARK_NAMES } from '../spec';
import type { ChartNote } from '../types';
import { category, type FullSpec, type Point, type XValue } from './points';

export function kindWord(kind: ColumnKind): string {
  return { number: 'numbers', date: 'dates', text: 'text', boolean: 'true/false values', other: 'values a chart cannot read' }[kind];
}

export function extremes(points: readonly Point[], xLabel: (x: XValue) => string): string {
  if (points.length === 0) return '';
  let lo = points[0];
  let hi = points[0];
  for (const p of points) {
    if (p.y < lo.y) lo = p;
    if (p.y > hi.y) hi = p;
  }
  return `lowest ${formatNumber(lo.y)} at ${xLabel(lo.x)}, highest ${formatNumber(hi.y)} at ${xLabel(hi.x)}`;
}

export function xLabelOf(x: XValue): string {
  if (x instanceof Date) return category(x.toISOString().slice(0, 19), 'date');
  return typeof x === 'number' ? formatNumber(x) : x;
}

export function describe(mark: ChartMark, spec: Required<Pick<ChartSpec, 'x' | 'y'>> & ChartSpec, count: number, detail: string): string {
  const parts = [`${MARK_NAMES[mark]} of ${humanize(spec.y)} by ${humanize(spec.x)}`];
  if (spec.color) parts.push(`coloured by ${humanize(spec.color)}`);
  if (spec.facet) parts.push(`one panel per ${humanize(spec.facet)}`);
  const unit = mark === 'bar' ? 'bars' : mark === 'cell' ? 'cells' : 'points';
  return `${parts.join(', ')}: ${formatNumber(count)} ${unit}${detail ? `; ${detail}` : ''}.`;
}

export function droppedNote(dropped: number, spec: FullSpec): ChartNote[] {
  return dropped > 0 ? [{ tone: 'info', text: `${formatNumber(dropped)} rows without a value for ${spec.x} or ${spec.y} are not drawn.` }] : [];
}

export function extremesByCategory(points: readonly Point[]): string {
  const totals = new Map<XValue, number>();
  for (const p of points) totals.set(p.x, (totals.get(p.x) ?? 0) + p.y);
  return extremes([...totals].map(([x, y]) => ({ x, y, color: null, facet: null })), xLabelOf);
}
