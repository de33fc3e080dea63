import type { ColumnInfo } from '../engine/api';
import type { Row } from '../engine/rows';
import { formatCell } from '../format';

/** Rows a printed table carries before it states "the first N of M". */
export const REPORT_ROWS = 60;
/** Rough width of one character of the report's table text (0.75rem system sans-serif), and a cell's padding, in CSS px. */
const CHAR_PX = 6.8;
const CELL_PADDING_PX = 14;
/** A header wraps at underscores, so only its longest part must fit on one line. */
const HEADER_PART = /[^_\s]+_?/g;

/** A value that is the same in every row, said once in a note instead of taking a column. */
export interface ConstantColumn {
  name: string;
  text: string;
}

export type ReportTablePlan =
  /** One row: a two-column list of name and value, which fits any page. */
  | { layout: 'list'; entries: { name: string; text: string }[] }
  | {
      layout: 'table';
      columns: ColumnInfo[];
      /** Columns left out to fit the width, in their order. */
      omitted: string[];
      constants: ConstantColumn[];
      rows: Row[];
      /** All rows of the result, of which `rows` are the first. */
      total: number;
    };

/**
 * How a result is printed in a page `widthPx` wide: every row up to
 * `REPORT_ROWS` (then the first ones and the total), the first column always,
 * then the others left to right while they fit; columns whose value is the
 * same in every row are said once instead. A one-row result becomes a list.
 * `maxColumns` lets the caller drop more when the measured table is still too wide.
 */
export function planReportTable(
  columns: readonly ColumnInfo[],
  rows: readonly Row[],
  total: number,
  widthPx: number,
  maxColumns = Infinity,
): ReportTablePlan {
  if (total === 1 && rows.length === 1) {
    return { layout: 'list', entries: columns.map((c) => ({ name: c.name, text: formatCell(rows[0][c.name] ?? null) })) };
  }
  const shown = rows.slice(0, REPORT_ROWS);
  const constants: ConstantColumn[] = [];
  const varying: ColumnInfo[] = [];
  columns.forEach((column, i) => {
    const text = shown.length > 1 && total === shown.length ? sameText(shown, column.name) : null;
    if (i > 0 && text !== null) constants.push({ name: column.name, text });
    else varying.push(column);
  });
  const kept: ColumnInfo[] = [];
  let used = 0;
  for (const column of varying) {
    const width = columnWidthPx(column, shown);
    if (kept.length > 0 && (used + width > widthPx || kept.length >= maxColumns)) break;
    kept.push(column);
    used += width;
  }
  const keptNames = new Set(kept.map((c) => c.name));
  const omitted = varying.filter((c) => !keptNames.has(c.name)).map((c) => c.name);
  return { layout: 'table', columns: kept, omitted, constants, rows: shown, total };
}

/** The estimated width of a column: its widest value, or the longest part of its header. */
export function columnWidthPx(column: ColumnInfo, rows: readonly Row[]): number {
  let chars = Math.max(...(column.name.match(HEADER_PART) ?? [column.name]).map((part) => part.length));
  for (const row of rows) chars = Math.max(chars, formatCell(row[column.name] ?? null).length);
  return Math.ceil(chars * CHAR_PX + CELL_PADDING_PX);
}

/** A header that may wrap after its underscores (`strict_retained_pct` over two lines), with no other change. */
export function wrappableHeader(name: string): string {
  return name.replaceAll('_', '_\u200b');
}

function sameText(rows: readonly Row[], name: string): string | null {
  const first = formatCell(rows[0][name] ?? null);
  return rows.every((row) => formatCell(row[name] ?? null) === first) ? first : null;
}
