import type { CellTime } from './types';

/** One run of every cell of the notebook. */
export interface NotebookRun {
  cells: CellTime[];
  ms: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Each cell's median time and the median whole-run time over several runs (the machine may be shared). */
export function medianRun(runs: readonly NotebookRun[]): NotebookRun {
  const first = runs[0];
  if (!first) throw new Error('No run of the notebook to report.');
  return {
    cells: first.cells.map(({ cell }) => ({ cell, ms: median(runs.map((r) => r.cells.find((c) => c.cell === cell)?.ms ?? NaN)) })),
    ms: median(runs.map((r) => r.ms)),
  };
}
