import * as Plot from '@observablehq/plot';
import type { JsonValue, Row } from '../engine/rows';
import { MARK_NAMES, type ChartMark, type ChartSpec } from './spec';
import { distinct, humanize, kindOf, missingColumns, parseDate, toLabel, toNumber, type ColumnKind } from './data';
import { formatNumber } from '../format';
import { dateTicks, drawPlot, numberMargin, rampLegend, thinTicks } from './plot';
import { ACCENT, FONT_SIZE, LIGHT, MUTED, PALETTE, SEQUENTIAL, inkOn } from './theme';
import { problem, type ChartContext, type ChartNote, type ChartOutcome, type ChartPanel, type LegendItem, type LegendShape } from './types';
import { scaledColor } from './safeColor';

/** More bars than this and only the largest are drawn. */
export const MAX_BARS = 50;
/** More facet panels than this and the chart asks for another column. */
export const MAX_FACETS = 20;
const MAX_LEGEND = 12;

type Category = string;
type XValue = Category | number | Date;

interface Point {
  x: XValue;
  y: number;
  color: string | number | null;
  facet: string | null;
}

interface Kinds {
  x: ColumnKind;
  y: ColumnKind;
  color: ColumnKind | null;
  facet: ColumnKind | null;
}

interface ColorSetup {
  /** Plot's colour scale, when points are coloured by a column. */
  scale?: Plot.ScaleOptions;
  legend: LegendItem[];
  ramp?: Element;
}

const isCategorical = (kind: ColumnKind | null) => kind === 'text' || kind === 'boolean' || kind === 'other';

/** The mark a spec without one gets: time → line, two numbers → dot, otherwise bars. */
function inferMark(kinds: Pick<Kinds, 'x' | 'y'>): ChartMark {
  if (kinds.x === 'date' && kinds.y === 'number') return 'line';
  if (kinds.x === 'number' && kinds.y === 'number') return 'dot';
  if (isCategorical(kinds.x) && isCategorical(kinds.y)) return 'cell';
  return 'bar';
}

function kindWord(kind: ColumnKind): string {
  return { number: 'numbers', date: 'dates', text: 'text', boolean: 'true/false values', other: 'values a chart cannot read' }[kind];
}

/** A value as a band category; dates keep their day (and time when it is not midnight). */
function category(value: JsonValue | undefined, kind: ColumnKind): Category {
  if (kind === 'date') {
    const date = parseDate(value);
    if (date) {
      const iso = date.toISOString();
      return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
    }
  }
  return toLabel(value);
}

function continuous(value: JsonValue | undefined, kind: ColumnKind): XValue | null {
  if (kind === 'date') return parseDate(value);
  if (kind === 'number') return toNumber(value);
  return value === null || value === undefined ? null : toLabel(value);
}

/** Categories in the order the spec asks for: natural (`x`), by total y, or as they come. */
function orderCategories(points: readonly Point[], sort: ChartSpec['sort'], rawOrder: ReadonlyMap<Category, number | string>): Category[] {
  const totals = new Map<Category, number>();
  for (const p of points) totals.set(p.x as Category, (totals.get(p.x as Category) ?? 0) + p.y);
  const cats = [...totals.keys()];
  if (sort === 'y') return cats.sort((a, b) => totals.get(a)! - totals.get(b)!);
  if (sort === '-y') return cats.sort((a, b) => totals.get(b)! - totals.get(a)!);
  if (sort === 'x') {
    return cats.sort((a, b) => {
      const ka = rawOrder.get(a) ?? a;
      const kb = rawOrder.get(b) ?? b;
      return typeof ka === 'number' && typeof kb === 'number' ? ka - kb : String(ka).localeCompare(String(kb), 'en', { numeric: true });
    });
  }
  return cats;
}

function colorSetup(context: ChartContext, values: readonly (string | number | null)[], kind: ColumnKind | null, label: string, shape: LegendShape): ColorSetup {
  if (kind === null) return { legend: [] };
  if (kind === 'number') {
    const nums = values.filter((v): v is number => typeof v === 'number');
    const domain: [number, number] = nums.length > 0 ? [Math.min(...nums), Math.max(...nums)] : [0, 1];
    return {
      scale: { type: 'linear', domain, range: [...SEQUENTIAL], interpolate: 'rgb' },
      legend: [],
      ramp: rampLegend(context, label, domain),
    };
  }
  const domain = distinct(values.map((v) => (v === null ? '(empty)' : String(v))));
  const range = domain.map((_, i) => PALETTE[i % PALETTE.length]);
  const legend: LegendItem[] = domain.slice(0, MAX_LEGEND).map((d, i) => ({ label: d, color: range[i], shape }));
  if (domain.length > MAX_LEGEND) legend.push({ label: `… ${domain.length - MAX_LEGEND} more`, color: LIGHT, shape });
  return { scale: { type: 'ordinal', domain, range }, legend };
}

function extremes(points: readonly Point[], xLabel: (x: XValue) => string): string {
  if (points.length === 0) return '';
  let lo = points[0];
  let hi = points[0];
  for (const p of points) {
    if (p.y < lo.y) lo = p;
    if (p.y > hi.y) hi = p;
  }
  return `lowest ${formatNumber(lo.y)} at ${xLabel(lo.x)}, highest ${formatNumber(hi.y)} at ${xLabel(hi.x)}`;
}

function xLabelOf(x: XValue): string {
  if (x instanceof Date) return category(x.toISOString().slice(0, 19), 'date');
  return typeof x === 'number' ? formatNumber(x) : x;
}

function describe(mark: ChartMark, spec: Required<Pick<ChartSpec, 'x' | 'y'>> & ChartSpec, count: number, detail: string): string {
  const parts = [`${MARK_NAMES[mark]} of ${humanize(spec.y)} by ${humanize(spec.x)}`];
  if (spec.color) parts.push(`coloured by ${humanize(spec.color)}`);
  if (spec.facet) parts.push(`one panel per ${humanize(spec.facet)}`);
  const unit = mark === 'bar' ? 'bars' : mark === 'cell' ? 'cells' : 'points';
  return `${parts.join(', ')}: ${formatNumber(count)} ${unit}${detail ? `; ${detail}` : ''}.`;
}

/**
 * The generic chart: one mark over x and y, optionally coloured by a column
 * and split into one panel per facet value. Returns a problem, never throws,
 * when the spec is incomplete or the data cannot be drawn that way.
 */
export function renderGeneric(spec: ChartSpec, context: ChartContext): ChartOutcome {
  const { rows, columns } = context;
  if (rows.length === 0) return problem('No rows to draw');
  if (!spec.x) return problem('Pick a column for x');
  if (!spec.y) return problem('Pick a column for y');
  const wanted = [spec.x, spec.y, spec.color, spec.facet].filter((c): c is string => Boolean(c));
  const missing = missingColumns(columns, rows, wanted);
  if (missing.length > 0) return problem(`There is no column "${missing[0]}" in this result`);
  const kinds: Kinds = {
    x: kindOf(spec.x, columns, rows) ?? 'other',
    y: kindOf(spec.y, columns, rows) ?? 'other',
    color: spec.color ? (kindOf(spec.color, columns, rows) ?? 'other') : null,
    facet: spec.facet ? (kindOf(spec.facet, columns, rows) ?? 'other') : null,
  };
  const mark = spec.mark ?? inferMark(kinds);
  const full = { ...spec, x: spec.x, y: spec.y, mark };
  if (mark === 'cell') {
    if (!spec.color) return problem('Pick a column for colour');
    return cellChart({ ...full, color: spec.color }, kinds, context);
  }
  if (kinds.y !== 'number' && mark !== 'dot') return problem(`Pick a number column for y ("${spec.y}" holds ${kindWord(kinds.y)})`);
  if (spec.facet) {
    const facets = distinct(rows.map((r) => toLabel(r[spec.facet!])));
    if (facets.length > MAX_FACETS) return problem(`Too many panels: "${spec.facet}" has ${facets.length} values; pick a facet column with at most ${MAX_FACETS}`);
  }
  if (mark === 'dot' && kinds.y !== 'number') return dotChart(full, kinds, context);
  return mark === 'bar' ? barChart(full, kinds, context) : continuousChart(full, kinds, context);
}

type FullSpec = ChartSpec & { x: string; y: string; mark: ChartMark };

function collect(spec: FullSpec, kinds: Kinds, rows: readonly Row[], asCategory: boolean): { points: Point[]; dropped: number; rawOrder: Map<Category, number | string> } {
  const points: Point[] = [];
  const rawOrder = new Map<Category, number | string>();
  let dropped = 0;
  for (const row of rows) {
    const y = toNumber(row[spec.y]);
    let x: XValue | null;
    if (asCategory) {
      x = category(row[spec.x], kinds.x);
      const raw = row[spec.x];
      rawOrder.set(x, typeof raw === 'number' ? raw : x);
    } else {
      x = continuous(row[spec.x], kinds.x);
    }
    if (y === null || x === null) {
      dropped++;
      continue;
    }
    const colorRaw = spec.color ? row[spec.color] : null;
    const color = spec.color ? (kinds.color === 'number' ? toNumber(colorRaw) : toLabel(colorRaw)) : null;
    points.push({ x, y, color, facet: spec.facet ? toLabel(row[spec.facet]) : null });
  }
  return { points, dropped, rawOrder };
}

function droppedNote(dropped: number, spec: FullSpec): ChartNote[] {
  return dropped > 0 ? [{ tone: 'info', text: `${formatNumber(dropped)} rows without a value for ${spec.x} or ${spec.y} are not drawn.` }] : [];
}

function barChart(spec: FullSpec, kinds: Kinds, context: ChartContext): ChartOutcome {
  const { points: all, dropped, rawOrder } = collect(spec, kinds, context.rows, true);
  if (all.length === 0) return problem(`No numbers to draw in ${spec.y}`);
  const sort = spec.sort ?? (isCategorical(kinds.x) ? 'none' : 'x');
  let cats = orderCategories(all, sort, rawOrder);
  const notes = droppedNote(dropped, spec);
  let points = all;
  if (cats.length > MAX_BARS) {
    const totals = new Map<Category, number>();
    for (const p of all) totals.set(p.x as Category, (totals.get(p.x as Category) ?? 0) + Math.abs(p.y));
    const keep = new Set([...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, MAX_BARS).map(([c]) => c));
    notes.push({ tone: 'info', text: `Showing the ${MAX_BARS} largest of ${formatNumber(cats.length)} bars.` });
    cats = cats.filter((c) => keep.has(c));
    points = all.filter((p) => keep.has(p.x as Category));
  }
  const longest = Math.max(...cats.map((c) => c.length));
  const horizontal = !spec.facet && isCategorical(kinds.x) && (cats.length > 12 || longest > 12);
  const color = colorSetup(context, points.map((p) => p.color), kinds.color, humanize(spec.color ?? ''), 'square');
  const fill = spec.color ? scaledColor('color') : ACCENT;
  const stacked = Boolean(spec.color);
  const marks: Plot.Markish[] = [];
  let plot: Element;
  if (horizontal) {
    const marginLeft = Math.min(220, Math.max(60, longest * 6 + 12));
    marks.push(Plot.barX(points, { y: 'x', x: 'y', fill, tip: true, className: 'generic-bar' }), Plot.ruleX([0], { stroke: MUTED }));
    if (!stacked) {
      marks.push(
        Plot.text(points, { y: 'x', x: 'y', text: (d: Point) => formatNumber(d.y), textAnchor: 'start', dx: 4, fill: MUTED, className: 'generic-bar-label' }),
      );
    }
    plot = drawPlot(context, {
      height: cats.length * 22 + 50,
      marginLeft,
      marginRight: 56,
      x: { label: `${humanize(spec.y)} →`, grid: true },
      y: { domain: cats, label: null, tickFormat: (d: string) => (d.length > 34 ? `${d.slice(0, 33)}…` : d) },
      color: color.scale,
      marks,
    });
  } else {
    const rotate = cats.length > 6 && longest > 6;
    marks.push(Plot.barY(points, { x: 'x', y: 'y', fill, fy: spec.facet ? 'facet' : undefined, tip: true, className: 'generic-bar' }), Plot.ruleY([0], { stroke: MUTED }));
    const facets = distinct(points.map((p) => p.facet));
    plot = drawPlot(context, {
      height: spec.facet ? facets.length * 140 + 70 : 320,
      marginLeft: numberMargin(stackedMax(points)),
      marginBottom: rotate ? Math.min(110, longest * 5 + 24) : 36,
      marginRight: spec.facet ? 90 : 20,
      x: { domain: cats, label: humanize(spec.x), ticks: thinTicks(cats, context.width - 60), tickRotate: rotate ? -35 : 0 },
      y: { label: `↑ ${humanize(spec.y)}`, grid: true },
      fy: spec.facet ? { domain: facets, label: humanize(spec.facet) } : undefined,
      color: color.scale,
      marks,
    });
  }
  const panels: ChartPanel[] = [...(color.ramp ? [{ element: color.ramp }] : []), { element: plot }];
  return {
    kind: 'chart',
    description: describe('bar', spec, cats.length, extremesByCategory(points)),
    legend: color.legend,
    panels,
    notes,
  };
}

/** The largest absolute total at one x (bars and areas stack per x). */
function stackedMax(points: readonly Point[]): number {
  const totals = new Map<string, { pos: number; neg: number }>();
  for (const p of points) {
    const key = `${String(p.x instanceof Date ? p.x.getTime() : p.x)}|${p.facet ?? ''}`;
    const t = totals.get(key) ?? { pos: 0, neg: 0 };
    if (p.y >= 0) t.pos += p.y;
    else t.neg -= p.y;
    totals.set(key, t);
  }
  return Math.max(0, ...[...totals.values()].map((t) => Math.max(t.pos, t.neg)));
}

function extremesByCategory(points: readonly Point[]): string {
  const totals = new Map<XValue, number>();
  for (const p of points) totals.set(p.x, (totals.get(p.x) ?? 0) + p.y);
  return extremes([...totals].map(([x, y]) => ({ x, y, color: null, facet: null })), xLabelOf);
}

function continuousChart(spec: FullSpec, kinds: Kinds, context: ChartContext): ChartOutcome {
  const asCategory = isCategorical(kinds.x);
  const { points: raw, dropped, rawOrder } = collect(spec, kinds, context.rows, asCategory);
  if (raw.length === 0) return problem(`No numbers to draw in ${spec.y}`);
  const points = asCategory ? raw : [...raw].sort((a, b) => Number(a.x) - Number(b.x));
  const mark = spec.mark;
  const shape: LegendShape = mark === 'line' ? 'line' : mark === 'dot' ? 'dot' : 'square';
  const color = colorSetup(context, points.map((p) => p.color), kinds.color, humanize(spec.color ?? ''), shape);
  const series = spec.color ? scaledColor('color') : undefined;
  const fy = spec.facet ? 'facet' : undefined;
  const marks: Plot.Markish[] = [];
  if (mark === 'line') {
    marks.push(Plot.lineY(points, { x: 'x', y: 'y', z: spec.color ? 'color' : undefined, stroke: series ?? ACCENT, strokeWidth: 2, fy, className: 'generic-line' }));
    const perSeries = points.length / Math.max(1, distinct(points.map((p) => p.color)).length);
    if (perSeries <= 60) marks.push(Plot.dot(points, { x: 'x', y: 'y', fill: series ?? ACCENT, r: 2.5, fy, tip: true, className: 'generic-dot' }));
    else marks.push(Plot.tip(points, Plot.pointerX({ x: 'x', y: 'y', fy })));
  } else if (mark === 'area') {
    marks.push(Plot.areaY(points, { x: 'x', y: 'y', z: spec.color ? 'color' : undefined, fill: series ?? ACCENT, fillOpacity: series ? 0.85 : 0.25, fy, className: 'generic-area' }));
    if (!series) marks.push(Plot.lineY(points, { x: 'x', y: 'y', stroke: ACCENT, strokeWidth: 1.5, fy, className: 'generic-line' }));
    marks.push(Plot.ruleY([0], { stroke: MUTED }));
  } else {
    const big = points.length > 2000;
    marks.push(Plot.dot(points, { x: 'x', y: 'y', fill: series ?? ACCENT, r: big ? 2 : 3, fillOpacity: big ? 0.5 : 0.85, fy, tip: true, className: 'generic-dot' }));
  }
  const facets = distinct(points.map((p) => p.facet));
  const xDomain = asCategory ? orderCategories(points, spec.sort ?? 'none', rawOrder) : undefined;
  const fewDates = kinds.x === 'date' ? dateTicks(points.map((p) => p.x as Date)) : undefined;
  const plot = drawPlot(context, {
    height: spec.facet ? facets.length * 140 + 70 : 320,
    marginLeft: numberMargin(mark === 'area' && series ? stackedMax(points) : Math.max(...points.map((p) => Math.abs(p.y)))),
    marginRight: spec.facet ? 90 : 24,
    x: asCategory
      ? { type: 'point', domain: xDomain, label: humanize(spec.x), ticks: thinTicks(xDomain ?? [], context.width - 60) }
      : { label: `${humanize(spec.x)} →`, ...(kinds.x === 'date' ? { type: 'utc' as const, ...(fewDates ?? { ticks: Math.max(2, Math.floor(context.width / 90)) }) } : {}) },
    y: { label: `↑ ${humanize(spec.y)}`, grid: true, ...(mark === 'area' ? {} : { nice: true }) },
    fy: spec.facet ? { domain: facets, label: humanize(spec.facet) } : undefined,
    color: color.scale,
    marks,
  });
  return {
    kind: 'chart',
    description: describe(mark, spec, points.length, extremes(points, xLabelOf)),
    legend: color.legend,
    panels: [...(color.ramp ? [{ element: color.ramp }] : []), { element: plot }],
    notes: droppedNote(dropped, spec),
  };
}

/** Dots over a category on y (text y): a strip plot. */
function dotChart(spec: FullSpec, kinds: Kinds, context: ChartContext): ChartOutcome {
  const data = context.rows
    .map((row) => ({ x: continuous(row[spec.x], kinds.x), y: toLabel(row[spec.y]), color: spec.color ? toLabel(row[spec.color]) : null }))
    .filter((d) => d.x !== null);
  if (data.length === 0) return problem(`No values to draw in ${spec.x}`);
  const cats = distinct(data.map((d) => d.y));
  const color = colorSetup(context, data.map((d) => d.color), kinds.color === 'number' ? 'text' : kinds.color, humanize(spec.color ?? ''), 'dot');
  const plot = drawPlot(context, {
    height: Math.min(900, cats.length * 22 + 50),
    marginLeft: Math.min(200, Math.max(60, Math.max(...cats.map((c) => c.length)) * 6 + 12)),
    x: { label: `${humanize(spec.x)} →`, grid: true },
    y: { domain: cats, label: null },
    color: color.scale,
    marks: [Plot.dot(data, { x: 'x', y: 'y', fill: spec.color ? scaledColor('color') : ACCENT, r: 3, tip: true, className: 'generic-dot' })],
  });
  return { kind: 'chart', description: describe('dot', spec, data.length, ''), legend: color.legend, panels: [{ element: plot }] };
}

function cellChart(spec: FullSpec & { color: string }, kinds: Kinds, context: ChartContext): ChartOutcome {
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
