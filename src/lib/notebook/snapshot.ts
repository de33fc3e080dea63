import type { Cell, Notebook } from './model';

/** Every save moves these on, so two copies of the same work differ only in them. */
const BOOKKEEPING = new Set(['version', 'updatedAt']);

function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, stable(v)]));
}

/**
 * What a person made in a notebook (title, cells, …) as one string, without the
 * save bookkeeping: equal keys mean the same state, however the objects were built.
 */
export function contentKey(notebook: Notebook): string {
  const work = Object.fromEntries(Object.entries(notebook).filter(([key]) => !BOOKKEEPING.has(key)));
  return JSON.stringify(stable(work));
}

function shape(cell: Cell): string {
  return `${cell.id}:${cell.kind}:${cell.kind === 'sql' ? (cell.recipe ?? '') : ''}`;
}

/** True when cells were added, removed or moved, or a cell's recipe was swapped. */
export function structureChanged(before: Notebook, after: Notebook): boolean {
  return before.cells.map(shape).join('|') !== after.cells.map(shape).join('|');
}
