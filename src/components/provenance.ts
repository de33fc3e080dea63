import { getContext, setContext } from 'svelte';
import type { Notebook } from '../lib/notebook/model';
import { analysisDate } from '../lib/report/reportHeader';

const KEY = Symbol('provenance');

/**
 * Makes "which data is this from" (e.g. "Demo data · as of 2024-12-31")
 * available to every figure below: cells, charts and exports label themselves with it.
 */
export function setProvenance(label: () => string | null): void {
  setContext(KEY, label);
}

/** The current data's label, or null (nothing loaded, or no provider above, as in a component test). */
export function getProvenance(): () => string | null {
  return getContext<(() => string | null) | undefined>(KEY) ?? (() => null);
}

/** A file name that says which data it holds: `crr (Demo data, as of 2024-12-31).csv`. */
export function labelledFileName(base: string, label: string | null, extension: string): string {
  const from = label ? ` (${label.replaceAll(' · ', ', ').replace(/[\\/:*?"<>|]+/g, '-')})` : '';
  return `${base}${from}.${extension}`;
}

/** The date an exported file is named by: the notebook's `as_of`, else the data's, as its label states it ("… · as of 2011-12-09"). */
export function exportAsOf(notebook: Pick<Notebook, 'cells'>, label: string | null): string | null {
  return analysisDate(notebook) ?? /as of (\d{4}-\d{2}-\d{2})/.exec(label ?? '')?.[1] ?? null;
}
