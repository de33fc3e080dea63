import type { Notebook } from '../notebook/model';
import { paramDefs } from '../notebook/model';

/** The analysis date the notebook's parameters set (`as_of`), or null when the figures run to the latest order. */
export function analysisDate(notebook: Pick<Notebook, 'cells'>): string | null {
  const value = paramDefs(notebook).find((def) => def.name === 'as_of')?.value;
  return value === null || value === undefined || value === '' ? null : String(value);
}

/** Whether the notebook opens with a text cell whose heading is its title (the report's header says it already). */
export function repeatsTitle(notebook: Pick<Notebook, 'cells' | 'title'>): boolean {
  const first = notebook.cells[0];
  if (first?.kind !== 'markdown') return false;
  const heading = /^#\s+(.+?)\s*#*\s*$/.exec(first.source.trimStart().split('\n')[0]);
  return heading !== null && heading[1].trim() === notebook.title.trim();
}
