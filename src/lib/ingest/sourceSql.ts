import type { Params } from '../engine/api';
import { quoteIdent } from '../engine/sql';
import type { CsvDialect, FileFormat, TextEncoding } from './types';

/** A table expression that yields a file's rows (columns as text unless typed), and the parameters it binds. */
export interface SourceRelation {
  sql: string;
  params: Params;
}

export interface SourceSpec {
  path: string;
  format: FileFormat;
  gzip: boolean;
  encoding: TextEncoding;
  dialect: CsvDialect | null;
  columns: readonly string[];
  /** The first line is a header (default); `false` reads it as a row. */
  header?: boolean;
  /** Parquet: the table its rows were imported into. */
  table?: string | null;
  /** CSV columns DuckDB's reader types itself (the others are read as text); see `typedRead.ts`. */
  types?: Readonly<Record<string, TypedColumn>>;
  /** Typed numbers use `,` as the decimal mark. */
  decimalComma?: boolean;
}

/** The types the reader may give a mapped column: amounts and quantities, and ISO timestamps. */
export type TypedColumn = 'DOUBLE' | 'TIMESTAMP';

/**
 * `read_csv` with the dialect and columns fixed (no sniffing at load time, so
 * every read of the file agrees, and a ragged row is an error with its line),
 * or the table a Parquet file was imported into, every column cast to text.
 * Columns are text unless `spec.types` gives them a type. File path and options are
 * bound parameters; only column names are pasted, quoted as identifiers.
 */
export function sourceRelation(spec: SourceSpec, prefix = 'src'): SourceRelation {
  if (spec.format === 'parquet') {
    if (!spec.table) throw new Error('A Parquet file is read from the table openFile imported it into.');
    return { sql: `(SELECT COLUMNS(*)::VARCHAR FROM ${quoteIdent(spec.table)})`, params: {} };
  }
  const dialect = spec.dialect ?? { delimiter: ',', quote: '"', escape: '"' };
  const columns = spec.columns.map((c) => `${quoteIdent(c)}: '${spec.types?.[c] ?? 'VARCHAR'}'`).join(', ');
  return {
    sql: `read_csv($${prefix}_path, auto_detect = false, header = ${spec.header === false ? 'false' : 'true'}, delim = $${prefix}_delim, quote = $${prefix}_quote,
      escape = $${prefix}_escape, decimal_separator = $${prefix}_decimal, encoding = $${prefix}_encoding, compression = $${prefix}_compression, columns = {${columns}})`,
    params: {
      [`${prefix}_path`]: spec.path,
      [`${prefix}_delim`]: dialect.delimiter,
      [`${prefix}_quote`]: dialect.quote,
      [`${prefix}_escape`]: dialect.escape,
      [`${prefix}_decimal`]: spec.decimalComma ? ',' : '.',
      [`${prefix}_encoding`]: spec.encoding === 'windows-1252' || spec.encoding === 'utf-16be' || spec.encoding === 'utf-16le' ? 'utf-8' : spec.encoding,
      [`${prefix}_compression`]: spec.gzip ? 'gzip' : 'none',
    },
  };
}
