import type { ColumnInfo, EngineApi, ExportFormat, Params } from '../engine/api';
import type { Row } from '../engine/rows';
import { quoteIdent } from '../engine/sql';
import { plainExportQuery } from '../exports/exportValues';
import { reservedNameProblem } from './model';

/** The engine's data shapes a view needs, so components never import the engine. */
export type { ColumnInfo, ExportFormat, Row };

/** What running one SQL cell produced; the rows stay in DuckDB as a table named after the cell. */
export interface CellOutput {
  columns: ColumnInfo[];
  rowCount: number;
  elapsedMs: number;
  /** The first rows as Arrow IPC, for the table and the chart. */
  preview: Uint8Array;
}

/** Rows kept for drawing and for the first page of the table. */
export const PREVIEW_ROWS = 5000;

/**
 * Refuses a cell name that would replace one of Recur's own tables: a notebook
 * from a link or a file, or one saved before a name was reserved, may hold one.
 */
export function checkResultName(name: string): void {
  const problem = reservedNameProblem(name);
  if (problem) throw new Error(`This cell's result cannot be kept as "${name}": ${problem}`);
}

/**
 * Runs a SQL cell and keeps its result as the table `name`, so later cells can
 * read it and the table view can page and sort it without re-running. The
 * SQL runs read-only: one query, checked by DuckDB's parser (see
 * engine/readOnly.ts); anything that writes is refused with a message.
 */
export async function runSqlCell(engine: EngineApi, name: string, source: string, params: Params): Promise<CellOutput> {
  checkResultName(name);
  const created = await engine.query(source, params, { keepAs: name });
  return keptTableOutput(engine, name, created.elapsedMs);
}

/** The output of a cell whose result is the kept table `name`: its first rows and its row count. */
export async function keptTableOutput(engine: EngineApi, name: string, elapsedMs: number): Promise<CellOutput> {
  const table = quoteIdent(name);
  const preview = await engine.query(`SELECT * FROM ${table}`, {}, { maxRows: PREVIEW_ROWS });
  const count = await engine.query(`SELECT count(*) AS n FROM ${table}`);
  const rowCount = await firstNumber(count.ipc);
  return { columns: preview.columns, rowCount, elapsedMs, preview: preview.ipc };
}

export interface PageRequest {
  offset: number;
  limit: number;
  sort?: { column: string; descending: boolean };
}

/** One page of a kept cell result, optionally sorted, for the virtualised table. */
export async function fetchPage(engine: EngineApi, name: string, page: PageRequest): Promise<Uint8Array> {
  const order = page.sort ? ` ORDER BY ${quoteIdent(page.sort.column)} ${page.sort.descending ? 'DESC' : 'ASC'} NULLS LAST` : '';
  const result = await engine.query(`SELECT * FROM ${quoteIdent(name)}${order} LIMIT $limit OFFSET $offset`, {
    limit: page.limit,
    offset: page.offset,
  });
  return result.ipc;
}

/** A kept cell result as a CSV, Parquet or JSON file's bytes: every column, money to the cent, timestamps in ISO 8601. */
export function exportCellResult(engine: EngineApi, name: string, columns: readonly ColumnInfo[], format: ExportFormat): Promise<Uint8Array> {
  return engine.exportQuery(plainExportQuery(name, columns), {}, format);
}

/** Drops the table a deleted or renamed cell kept. */
export async function dropCellResult(engine: EngineApi, name: string): Promise<void> {
  checkResultName(name);
  await engine.exec(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
}

async function firstNumber(ipc: Uint8Array): Promise<number> {
  const { tableFromIPC } = await import('apache-arrow');
  const value = tableFromIPC(ipc).getChildAt(0)?.get(0);
  return Number(value ?? 0);
}
