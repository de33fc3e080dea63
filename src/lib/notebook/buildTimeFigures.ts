/**
 * The bundled demo's figures, computed when the app is built (`npm run build`
 * runs the demo notebook on the sample data with the headless runner's engine)
 * and shown on a first visit while DuckDB downloads, until the engine's own run
 * replaces them. They are shown only for the notebook and the data they were
 * computed from: the same SQL cells and parameters, the same sample files, the
 * same build.
 */
import type { EngineApi } from '../engine/api';
import { toRows } from '../engine/rows';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import type { RecipeCatalog } from '../recipes/catalog';
import { fingerprintOf, sameData, type DatasetFile } from './dataset';
import { runOrder } from './dependencies';
import type { Notebook } from './model';
import { notebookParams } from './params';
import { runCell, type CellResult } from './runCell';

/**
 * Rows kept of a cell that draws no chart (a customer list): its table's first
 * page, the rest comes with the engine. A chart's rows are all kept, or it would draw less.
 */
export const TABLE_ROWS = 25;

/** A cell's result as the asset keeps it: the Arrow IPC preview as base64, the rows decoded again from it. */
export type StoredResult = Omit<CellResult, 'rows' | 'output'> & { output: Omit<CellResult['output'], 'preview'> & { preview: string } };

export interface BuildTimeFigures {
  format: 1;
  /** The build they belong to: the page shows them only when its own build says the same. */
  app: string;
  /** SHA-256 of the notebook's SQL cells and parameters (see figureKey). */
  notebook: string;
  /** The sample files they were computed from. */
  samples: Pick<DatasetFile, 'name' | 'size' | 'fingerprint'>[];
  /** The demo's `as_of` (latest order day), for the figures' source line. */
  asOf: string | null;
  /** Each SQL cell's result, by cell name. */
  cells: Record<string, StoredResult>;
}

/** What decides a notebook's figures: its SQL cells (name, text, recipe) and its parameters, in order. Text and charts do not. */
export function figureKey(notebook: Pick<Notebook, 'cells'>): string {
  return JSON.stringify(
    notebook.cells.flatMap((cell): unknown[] => {
      if (cell.kind === 'sql') return [['sql', cell.name, cell.source, cell.recipe ?? null]];
      if (cell.kind === 'params') return [['params', cell.params.map((p) => [p.name, p.type, p.value])]];
      return [];
    }),
  );
}

/** SHA-256 of `figureKey`, lower-case hex. */
export function notebookFingerprint(notebook: Pick<Notebook, 'cells'>): Promise<string> {
  return fingerprintOf(new Blob([figureKey(notebook)]));
}

/**
 * Whether `figures` are this notebook's on this data: the same SQL cells and
 * parameters, and the demo's files as the browser recorded them (`demo`, null
 * before the first visit has fingerprinted the bundled samples) are the ones they were computed from.
 */
export async function figuresFit(figures: BuildTimeFigures, notebook: Pick<Notebook, 'cells'>, demo: { files: readonly Pick<DatasetFile, 'fingerprint'>[] } | null): Promise<boolean> {
  if (demo && !sameData({ files: figures.samples }, demo)) return false;
  return figures.notebook === (await notebookFingerprint(notebook));
}

/** Runs every SQL cell of `notebook` in dependency order on the data loaded in `engine`, as the page does, and keeps the results. */
export async function computeFigures(
  engine: EngineApi,
  catalog: RecipeCatalog,
  notebook: Notebook,
  about: Omit<BuildTimeFigures, 'format' | 'notebook' | 'cells'>,
): Promise<BuildTimeFigures> {
  const { order, cycle } = runOrder(notebook);
  if (cycle) throw new Error(`The demo notebook's cells read each other in a circle: ${cycle.join(' → ')}.`);
  const params = notebookParams(notebook, catalog);
  const cells: Record<string, StoredResult> = {};
  for (const name of order) {
    const cell = notebook.cells.find((c) => c.kind === 'sql' && c.name === name);
    if (cell?.kind !== 'sql') continue;
    try {
      cells[name] = storeResult(await runCell(engine, catalog, cell, params), cell.chart ? Infinity : TABLE_ROWS);
    } catch (error) {
      throw new Error(`The demo notebook's cell "${name}" failed on the sample data: ${(error as Error).message}`);
    }
  }
  return { format: 1, ...about, notebook: await notebookFingerprint(notebook), cells };
}

function storeResult({ rows, output, ...rest }: CellResult, keepRows: number): StoredResult {
  const preview = rows.length > keepRows ? tableToIPC(tableFromIPC(output.preview).slice(0, keepRows)) : output.preview;
  return { ...rest, output: { ...output, preview: toBase64(preview) } };
}

/** A stored result as the page shows it, its rows decoded from the preview exactly as after a live run. */
export function readResult({ output, ...rest }: StoredResult): CellResult {
  const preview = fromBase64(output.preview);
  return { ...rest, output: { ...output, preview }, rows: toRows(tableFromIPC(preview)) };
}

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
