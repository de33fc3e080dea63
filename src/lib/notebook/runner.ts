import type { ColumnInfo, EngineApi, Params } from '../engine/api';
import { quoteIdent } from '../engine/sql';
import { withoutComments } from '../engine/sqlTokens';

/** What running one SQL cell produced; the rows stay in DuckDB as a table named after the cell. */
export interface CellOutput {
  /** Whether the result was kept as a table later cells can query. */
  named: boolean;
  columns: ColumnInfo[];
  rowCount: number;
  elapsedMs: number;
  /** The first rows as Arrow IPC, for the table and the chart. */
  preview: Uint8Array;
}

/** Rows kept for drawing and for the first page of the table. */
export const PREVIEW_ROWS = 5000;

const QUERY_START = /^(select|with|from|values|pivot|unpivot|table|\()/i;

/** The statement with comments and a trailing semicolon removed. */
export function statementText(source: string): string {
  return withoutComments(source).trim().replace(/;\s*$/, '');
}

/** True for a single query whose result can be kept as a table (not DDL, not several statements). */
export function isQuery(source: string): boolean {
  const text = statementText(source);
  return QUERY_START.test(text) && !/;\s*\S/.test(text.replace(/'(?:[^']|'')*'/g, ''));
}

/**
 * Runs a SQL cell. A query is kept as the table `name` (so later cells can
 * read it, and the table view can page and sort it without re-running);
 * anything else (DDL, PRAGMA, several statements) runs as written.
 */
export async function runSqlCell(engine: EngineApi, name: string, source: string, params: Params): Promise<CellOutput> {
  if (!isQuery(source)) {
    const result = await engine.query(source, params, { maxRows: PREVIEW_ROWS });
    return { named: false, columns: result.columns, rowCount: result.rowCount, elapsedMs: result.elapsedMs, preview: result.ipc };
  }
  const created = await engine.query(`CREATE OR REPLACE TABLE ${quoteIdent(name)} AS ${statementText(source)}`, params);
  return keptTableOutput(engine, name, created.elapsedMs);
}

/** The output of a cell whose result is the kept table `name`: its first rows and its row count. */
export async function keptTableOutput(engine: EngineApi, name: string, elapsedMs: number): Promise<CellOutput> {
  const table = quoteIdent(name);
  const preview = await engine.query(`SELECT * FROM ${table}`, {}, { maxRows: PREVIEW_ROWS });
  const count = await engine.query(`SELECT count(*) AS n FROM ${table}`);
  const rowCount = await firstNumber(count.ipc);
  return { named: true, columns: preview.columns, rowCount, elapsedMs, preview: preview.ipc };
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

/** Drops the table a deleted or renamed cell kept. */
export async function dropCellResult(engine: EngineApi, name: string): Promise<void> {
  await engine.exec(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
}

async function firstNumber(ipc: Uint8Array): Promise<number> {
  const { tableFromIPC } = await import('apache-arrow');
  const value = tableFromIPC(ipc).getChildAt(0)?.get(0);
  return Number(value ?? 0);
}
