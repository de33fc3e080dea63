import type { ColumnInfo, EngineApi } from '../engine/api';
import type { Row } from '../engine/rows';
import { customerColumns, customerListQuery, listFileName, listName, type ListChoice } from '../exports/customerList';
import { resultAsOf } from '../exports/exportValues';

/** A result that is a list of customers, as a cell shows it. */
export interface CustomerResult {
  /** The result's table name (the SQL cell's name). */
  table: string;
  columns: readonly ColumnInfo[];
  /** The preview rows at hand. */
  rows: readonly Row[];
  rowCount: number;
  /** The date the figures are for when the result has no `as_of` column of its own. */
  asOf: string | null;
}

/** Writes a customer result as a list in the chosen layout and format (all its rows, by the engine) and names the file. */
export async function exportCustomerList(
  engine: Pick<EngineApi, 'exportQuery'>,
  result: CustomerResult,
  { layout, format }: Pick<ListChoice, 'layout' | 'format'>,
): Promise<{ bytes: Uint8Array; fileName: string }> {
  const customer = customerColumns(result.columns, result.rows);
  if (!customer) throw new Error(`${result.table} has no customer id or e-mail column, so it is not a customer list.`);
  const name = listName(result.table, result.rows, customer, result.rows.length >= result.rowCount);
  const { sql, params } = customerListQuery(result.table, result.columns, customer, layout, name);
  const bytes = await engine.exportQuery(sql, params, format);
  return { bytes, fileName: listFileName(name, resultAsOf(result.rows, result.asOf), layout, format) };
}
