import type { ColumnInfo } from './api';
import { quoteIdent } from './sql';

/**
 * Text that a spreadsheet would run as a formula when the CSV is opened
 * (`=HYPERLINK(…)`, `+cmd`, `-2+3`, `@SUM`, or a leading tab / carriage return,
 * OWASP's list). Such cells get a leading apostrophe, which spreadsheets show
 * as text. Text that reads as a plain number (`-12.5`) is left alone, and
 * numeric columns are never touched, so numbers stay numbers.
 */
const FORMULA_START = `'^[=+\\-@\\t\\r]'`;

/** The query wrapped so that every text column is safe to open in a spreadsheet. */
export function spreadsheetSafeSql(statement: string, columns: readonly ColumnInfo[]): string {
  if (!columns.some((column) => column.type === 'VARCHAR')) return statement;
  const projection = columns.map(({ name, type }) => {
    const col = quoteIdent(name);
    if (type !== 'VARCHAR') return col;
    return `CASE WHEN regexp_matches(${col}, ${FORMULA_START}) AND TRY_CAST(${col} AS DOUBLE) IS NULL THEN '''' || ${col} ELSE ${col} END AS ${col}`;
  });
  return `SELECT ${projection.join(', ')} FROM (${statement}) AS exported`;
}
