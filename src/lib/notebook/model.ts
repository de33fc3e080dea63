/**
 * The notebook document: an ordered list of cells. Plain data (no classes) so
 * it stores in IndexedDB, serialises into a share link or a text file, and
 * diffs cleanly.
 */
import { BOOKKEEPING_TABLES, DATA_TABLES } from '../ingest/canonical';
import type { ChartSpec } from '../charts/spec';
import type { DatasetManifest } from './dataset';

export type CellKind = 'markdown' | 'sql' | 'chart' | 'params';

export type ParamType = 'date' | 'number' | 'select' | 'text';

export interface ParamDef {
  name: string;
  label?: string;
  type: ParamType;
  value: string | number | null;
  options?: string[];
  min?: number;
  max?: number;
  step?: number;
  /** A number parameter this one may not exceed (N ≤ E in the CRR worked example). */
  atMost?: string;
}

export interface MarkdownCell {
  id: string;
  kind: 'markdown';
  source: string;
}

export interface SqlCell {
  id: string;
  kind: 'sql';
  /** The result is kept as a table of this name that later cells can query. */
  name: string;
  source: string;
  /** The library recipe this cell was made from, if any. */
  recipe?: string;
  /** A chart drawn under the result. */
  chart?: ChartSpec;
  /** Explanation template with `{column}` placeholders (from a recipe). */
  explain?: string;
  /** Which row the explanation reads (see recipes). */
  explainRow?: string;
}

export interface ChartCell {
  id: string;
  kind: 'chart';
  /** The name of the SQL cell whose result is drawn. */
  from: string;
  spec: ChartSpec;
}

export interface ParamsCell {
  id: string;
  kind: 'params';
  params: ParamDef[];
}

export type Cell = MarkdownCell | SqlCell | ChartCell | ParamsCell;

export interface Notebook {
  id: string;
  title: string;
  cells: Cell[];
  createdAt: number;
  updatedAt: number;
  /** Increases with every save; a tab that saves over a newer version it has not seen is told so. */
  version: number;
  /** The dataset the notebook's figures are computed on (a copy of its manifest); absent on notebooks made before datasets. */
  dataset?: DatasetManifest;
}

/**
 * Names a cell's result table must never take, because it would replace one of
 * Recur's own tables: the data tables, ingestion's bookkeeping (`load_files`,
 * `load_rejects`, `load_cancellations`, Parquet imports `load_parquet_…`) and
 * a load's working tables (`recur_…`).
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([...DATA_TABLES, ...BOOKKEEPING_TABLES]);
const RESERVED_PREFIXES = ['load_', 'recur_'];

/** Why `name` cannot be a cell's result table, or null when it can. */
export function reservedNameProblem(name: string): string | null {
  const lower = name.toLowerCase();
  if (RESERVED_NAMES.has(lower)) return `"${name}" is one of the data tables; pick another name.`;
  const prefix = RESERVED_PREFIXES.find((p) => lower.startsWith(p));
  return prefix ? `Names starting with "${prefix}" belong to Recur's own tables; pick another name.` : null;
}

export function newId(): string {
  return globalThis.crypto.randomUUID().slice(0, 8);
}

/** Says what is wrong with a cell name, or returns null when it is usable. */
export function cellNameProblem(name: string, others: readonly string[]): string | null {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) return 'Use lower-case letters, digits and _ (not starting with a digit).';
  const reserved = reservedNameProblem(name);
  if (reserved) return reserved;
  if (others.includes(name)) return `Another cell is already called "${name}".`;
  return null;
}

/** The first free name of the form `base`, `base_2`, `base_3`, … */
export function uniqueName(base: string, taken: readonly string[]): string {
  const clean = base.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^([0-9])/, '_$1') || 'result';
  const stem = RESERVED_PREFIXES.some((prefix) => clean.startsWith(prefix)) ? `my_${clean}` : clean;
  if (!taken.includes(stem) && !RESERVED_NAMES.has(stem)) return stem;
  for (let i = 2; ; i++) if (!taken.includes(`${stem}_${i}`)) return `${stem}_${i}`;
}

export function sqlCellNames(notebook: Pick<Notebook, 'cells'>): string[] {
  return notebook.cells.flatMap((cell) => (cell.kind === 'sql' ? [cell.name] : []));
}

export function paramDefs(notebook: Pick<Notebook, 'cells'>): ParamDef[] {
  return notebook.cells.flatMap((cell) => (cell.kind === 'params' ? cell.params : []));
}

export function emptyNotebook(title = 'Untitled notebook'): Notebook {
  const now = Date.now();
  return { id: newId(), title, cells: [], createdAt: now, updatedAt: now, version: 0 };
}
