/** The generic chart's data: rows read as points (x, y, colour, facet), categories ordered, the mark a spec gets by default. */
import type { JsonValue, Row } from '../../engine/rows';
import { type ColumnKind, parseDate, toLabel, toNumber } from '../data';
import type { ChartMark, ChartSpec } from '../spec';

export type Category = string;

export type XValue = Category | number | Date;

export interface Point {
  x: XValue;
  y: number;
  color: string | number | null;
  facet: string | null;
}

export interface Kinds {
  x: ColumnKind;
  y: ColumnKind;
  color: ColumnKind | null;
  facet: ColumnKind | null;
}

export type FullSpec = ChartSpec & { x: string; y: string; mark: ChartMark };

export const isCategorical = (kind: ColumnKind | null) => kind === 'text' || kind === 'boolean' || kind === 'other';

/** The mark a spec without one gets: time → line, two numbers → dot, otherwise bars. */
export function inferMark(kinds: Pick<Kinds, 'x' | 'y'>): ChartMark {
  if (kinds.x === 'date' && kinds.y === 'number') return 'line';
  if (kinds.x === 'number' && kinds.y === 'number') return 'dot';
  if (isCategorical(kinds.x) && isCategorical(kinds.y)) return 'cell';
  return 'bar';
}

/** A value as a band category; dates keep their day (and time when it is not midnight). */
export function category(value: JsonValue | undefined, kind: ColumnKind): Category {
  if (kind === 'date') {
    const date = parseDate(value);
    if (date) {
      const iso = date.toISOString();
      return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
    }
  }
  return toLabel(value);
}

export function continuous(value: JsonValue | undefined, kind: ColumnKind): XValue | null {
  if (kind === 'date') return parseDate(value);
  if (kind === 'number') return toNumber(value);
  return value === null || value === undefined ? null : toLabel(value);
}

/** Categories in the order the spec asks for: natural (`x`), by total y, or as they come. */
export function orderCategories(points: readonly Point[], sort: ChartSpec['sort'], rawOrder: ReadonlyMap<Category, number | string>): Category[] {
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

export function collect(spec: FullSpec, kinds: Kinds, rows: readonly Row[], asCategory: boolean): { points: Point[]; dropped: number; rawOrder: Map<Category, number | string> } {
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

/** The largest absolute total at one x (bars and areas stack per x). */
export function stackedMax(points: readonly Point[]): number {
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
