import type { EngineApi, RegisteredFile } from '../engine/api';
import { quoteIdent } from '../engine/sql';
import { csvField, findRaggedRecord, guessDelimiter, raggedError, splitRecords } from './csvText';
import { detectFormat, detectTextFormat } from './detectFormat';
import { guessMapping } from './guessMapping';
import { HEAD_BYTES, decodeText, detectEncoding, gunzip } from './head';
import { queryRows } from './queryRows';
import { isInvalidUnicode, readError } from './readError';
import { sourceRelation } from './sourceSql';
import { looksLikeData } from './textLayout';
import type { CsvDialect, Delimiter, FileFormat, FileInspection, TextEncoding } from './types';
import { validateMapping } from './validateMapping';

/** Rows read to guess the mapping and its options; the first `SAMPLE_ROWS` are kept for display. */
const GUESS_ROWS = 1000;
const SAMPLE_ROWS = 20;

export interface InspectOptions {
  /** The file's own name when the registered file is a conversion (JSON → CSV). */
  name?: string;
  /** The original format when the registered file is a conversion. */
  format?: FileFormat;
  /** The original encoding when the registered file was converted to UTF-8 (`windows-1252`, `utf-16be`). */
  encoding?: TextEncoding;
  /** The separator the user chose; `whitespace` files arrive converted to CSV (`openFile`). */
  delimiter?: Delimiter;
  /** `false` when `openFile` gave a file without a header row generated column names; `true` when the user says the first line is a header. */
  header?: boolean;
}

/**
 * Looks at a registered file: format, encoding, CSV dialect (DuckDB's
 * sniffer), header, sample rows, and a guessed mapping with what still stops
 * it from loading (`issues`). `head` is the file's first bytes (`readHead`).
 * Throws a readable error naming the file when it cannot be read at all:
 * empty, binary, header only, ragged rows, no header, JSON not converted.
 */
export async function inspectFile(engine: EngineApi, file: RegisteredFile, head: Uint8Array, options: InspectOptions = {}): Promise<FileInspection> {
  const name = options.name ?? file.name;
  if (file.size === 0) throw new Error(`${name} is empty.`);
  const detected = detectFormat(file.name, head);
  const text = detected.gzip ? await gunzip(head, HEAD_BYTES) : head;
  if (detected.gzip && text.length === 0) throw new Error(`${name} is empty.`);
  const content = detected.format === 'parquet' ? 'parquet' : detectTextFormat(name, text);
  if (content === 'json' || content === 'ndjson') {
    throw new Error(`${name} is ${content === 'json' ? 'JSON' : 'NDJSON'}: open it with openFile(), which converts it to CSV for DuckDB.`);
  }
  if (content === 'parquet') {
    throw new Error(`${name} is a Parquet file: open it with openFile(), which imports it through the engine (this DuckDB build has no parquet extension).`);
  }

  const truncated = detected.gzip ? text.length >= HEAD_BYTES : head.length < file.size;
  const guess = detectEncoding(text);
  let encoding: TextEncoding = guess.encoding;
  const chosen = options.delimiter && options.delimiter !== 'whitespace' ? options.delimiter : null;
  let sniffed = chosen !== null ? null : await sniff(engine, file, encoding, detected.gzip).catch(async (error: unknown) => {
    if (!isInvalidUnicode(error) || encoding !== 'utf-8') return null;
    encoding = 'latin-1';
    return sniff(engine, file, encoding, detected.gzip).catch(() => null);
  });

  const headText = decodeText(text, encoding).replace(/^\uFEFF/, '');
  const firstLine = headText.split(/\r?\n/, 1)[0] ?? '';
  if (sniffed && sniffed.columns === 1 && /[,;\t|]/.test(firstLine) && guessDelimiter(firstLine) !== sniffed.dialect.delimiter) sniffed = null;
  // The sniffer may settle on a delimiter that only later lines use (it then skips the header): distrust it.
  if (sniffed && sniffed.columns > 1 && !sniffed.hasHeader && fieldCount(firstLine, sniffed.dialect) !== sniffed.columns) sniffed = null;
  let dialect: CsvDialect;
  let columnCount: number;
  if (sniffed) {
    dialect = sniffed.dialect;
    columnCount = sniffed.columns;
  } else {
    // DuckDB's sniffer gave up (or settled on one column): show why when the head tells.
    const delimiter = chosen ?? guessDelimiter(firstLine);
    const records = splitRecords(headText, delimiter, '"', truncated);
    const ragged = findRaggedRecord(records);
    if (ragged) throw raggedError(name, ragged.line, ragged.found, ragged.expected);
    dialect = { delimiter, quote: '"', escape: '"' };
    columnCount = records[0]?.fields.length ?? 1;
  }

  const generic = Array.from({ length: columnCount }, (_, i) => `c${i}`);
  const rows = await readRaw(engine, file, generic, dialect, encoding, detected.gzip, name).catch(async (error: unknown) => {
    if (!isInvalidUnicode(error) || encoding !== 'utf-8') throw error;
    encoding = 'latin-1';
    return readRaw(engine, file, generic, dialect, encoding, detected.gzip, name);
  });
  if (rows.length === 0) throw new Error(`${name} is empty.`);
  const columns = uniqueNames(generic.map((c) => rows[0][c] ?? ''));
  if (rows.length === 1) throw new Error(`${name} has a header but no data rows.`);
  if (sniffed && !sniffed.hasHeader && options.header !== true && looksLikeData(columns)) {
    throw new Error(`${name} has no header row: its first line (${columns.map(csvField).join(dialect.delimiter)}) looks like data. Add a first line naming the columns.`);
  }
  const sample = rows.slice(1).map((r) => Object.fromEntries(columns.map((c, i) => [c, r[generic[i]] ?? null])));
  const mapping = guessMapping(columns, sample, dialect.delimiter);
  return {
    name,
    file,
    table: null,
    format: options.format ?? 'csv',
    gzip: detected.gzip,
    encoding: options.encoding ?? encoding,
    bom: guess.bom,
    dialect,
    columns,
    sampleRows: sample.slice(0, SAMPLE_ROWS),
    kind: mapping.kind,
    preset: mapping.preset,
    mapping,
    issues: validateMapping(name, columns, mapping),
    ...(options.delimiter ? { separator: options.delimiter } : {}),
    ...(options.header === false ? { header: false } : {}),
  };
}

interface Sniffed {
  dialect: CsvDialect;
  columns: number;
  hasHeader: boolean;
}

async function sniff(engine: EngineApi, file: RegisteredFile, encoding: TextEncoding, gzip: boolean): Promise<Sniffed | null> {
  const [row] = await queryRows(
    engine,
    `SELECT Delimiter AS delimiter, Quote AS quote, Escape AS escape, HasHeader AS has_header, len(Columns) AS columns
     FROM sniff_csv($path, encoding = $encoding, compression = $compression)`,
    { path: file.path, encoding, compression: gzip ? 'gzip' : 'none' },
  );
  if (!row) return null;
  const delimiter = String(row.delimiter);
  // "(empty)" means the sample had no quotes; later rows may, so RFC 4180 quoting stays on.
  const quote = row.quote === '(empty)' || row.quote === null ? '"' : String(row.quote);
  const escape = row.escape === '(empty)' || row.escape === null ? quote : String(row.escape);
  return { dialect: { delimiter, quote, escape }, columns: Number(row.columns), hasHeader: row.has_header === true };
}

async function readRaw(
  engine: EngineApi,
  file: RegisteredFile,
  generic: string[],
  dialect: CsvDialect,
  encoding: TextEncoding,
  gzip: boolean,
  name: string,
): Promise<Array<Record<string, string | null>>> {
  // The header is read as a data row so column names come back exactly as written.
  const source = sourceRelation({ path: file.path, format: 'csv', gzip, encoding, dialect, columns: generic, header: false });
  const sql = `SELECT * FROM ${source.sql} LIMIT ${GUESS_ROWS + 1}`;
  try {
    return (await queryRows(engine, sql, source.params)) as Array<Record<string, string | null>>;
  } catch (error) {
    if (isInvalidUnicode(error)) throw error;
    throw readError(name, error);
  }
}

function fieldCount(line: string, dialect: CsvDialect): number {
  return splitRecords(line, dialect.delimiter, dialect.quote)[0]?.fields.length ?? 0;
}

/**
 * Inspects Parquet rows already imported into `table` (see `openFile`): typed
 * columns are read as text so mapping and loading treat them like CSV.
 */
export async function inspectParquetTable(engine: EngineApi, file: RegisteredFile, table: string, name: string): Promise<FileInspection> {
  const described = await queryRows(engine, `DESCRIBE ${quoteIdent(table)}`);
  const columns = described.map((r) => String(r.column_name));
  const rows = (await queryRows(engine, `SELECT COLUMNS(*)::VARCHAR FROM ${quoteIdent(table)} LIMIT ${GUESS_ROWS}`)) as Array<Record<string, string | null>>;
  if (rows.length === 0) throw new Error(`${name} has no data rows.`);
  const mapping = guessMapping(columns, rows);
  return {
    name, file, table, format: 'parquet', gzip: false, encoding: 'utf-8', bom: false, dialect: null, columns,
    sampleRows: rows.slice(0, SAMPLE_ROWS), kind: mapping.kind, preset: mapping.preset, mapping,
    issues: validateMapping(name, columns, mapping),
  };
}

function uniqueNames(raw: string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((value, i) => {
    const base = value.replace(/^\uFEFF/, '').trim() || `column_${i + 1}`;
    const n = seen.get(base.toLowerCase()) ?? 0;
    seen.set(base.toLowerCase(), n + 1);
    return n === 0 ? base : `${base}_${n + 1}`;
  });
}

