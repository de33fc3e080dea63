import type { Params } from '../engine/api';
import { quoteIdent } from '../engine/sql';
import type { CsvDialect, FileFormat, TextEncoding } from './types';

/** A table expression that yields a file's rows with every column as text, and the parameters it binds. */
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
}

/**
 * `read_csv` with the dialect and columns fixed (no sniffing at load time, so
 * every read of the file agrees, and a ragged row is an error with its line),
 * or the table a Parquet file was imported into, every column cast to text. File path and options are
 * bound parameters; only column names are pasted, quoted as identifiers.
 */
export function sourceRelation(spec: SourceSpec, prefix = 'src'): SourceRelation {
  if (spec.format === 'parquet') {
    if (!spec.table) throw new Error('A Parquet file is read from the table openFile imported it into.');
    return { sql: `(SELECT COLUMNS(*)::VARCHAR FROM ${quoteIdent(spec.table)})`, params: {} };
  }
  const dialect = spec.dialect ?? { delimiter: ',', quote: '"', escape: '"' };
  const columns = spec.columns.map((c) => `${quoteIdent(c)}: 'VARCHAR'`).join(', ');
  return {
    sql: `read_csv($${prefix}_path, auto_detect = false, header = ${spec.header === false ? 'false' : 'true'}, delim = $${prefix}_delim, quote = $${prefix}_quote,
      escape = $${prefix}_escape, encoding = $${prefix}_encoding, compression = $${prefix}_compression, columns = {${columns}})`,
    params: {
      [`${prefix}_path`]: spec.path,
      [`${prefix}_delim`]: dialect.delimiter,
      [`${prefix}_quote`]: dialect.quote,
      [`${prefix}_escape`]: dialect.escape,
      [`${prefix}_encoding`]: spec.encoding === 'windows-1252' || spec.encoding === 'utf-16be' || spec.encoding === 'utf-16le' ? 'utf-8' : spec.encoding,
      [`${prefix}_compression`]: spec.gzip ? 'gzip' : 'none',
    },
  };
}
