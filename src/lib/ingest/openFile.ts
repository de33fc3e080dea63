import type { EngineApi, FileSource } from '../engine/api';
import { isUndefinedInLatin1, longLineError } from './readError';
import { quoteIdent } from '../engine/sql';
import { headerSignature } from './headers';
import { detectFormat, detectTextFormat } from './detectFormat';
import { HEAD_BYTES, decodeText, detectEncoding, gunzip, gzipIsComplete, readAll, readHead } from './head';
import { inspectFile, inspectParquetTable } from './inspectFile';
import { conversionFor } from './chosenEncoding';
import { detectSpreadsheet, openSpreadsheet, unreadSpreadsheetError } from './spreadsheet';
import { mergeSurveyMonkeyHeader } from './surveyMonkey';
import { jsonToCsv } from './jsonToCsv';
import { guessDelimiter, splitRecords } from './csvText';
import { looksLikeData, looksWhitespaceSeparated, whitespaceToCsv, withGeneratedHeader } from './textLayout';
import type { FileInspection, ReadOptions } from './types';

/**
 * The usual way in: reads the head of a file, registers it with the engine and
 * inspects it. Three kinds of file are converted first because this DuckDB
 * build cannot read them: Parquet is imported into a table by the engine's
 * parquet-wasm (`parquetTable(name)`, dropped once `loadFile` has staged it, and imported again
 * from `inspection.source` if loaded again), JSON/NDJSON (no JSON extension) becomes CSV, and text
 * that is not UTF-8 is decoded as Windows-1252 and re-encoded as UTF-8
 * (DuckDB's Latin-1 decoder refuses the bytes 0x80–0x9F that hold `€` and
 * curly quotes). Gzipped files are decompressed for these conversions only.
 * Whitespace-separated text (columns aligned with spaces) becomes CSV too, and
 * so does a file without a header row (`read.header === false`, or detected
 * for whitespace text), which gets the column names `column_1`, `column_2`, ….
 * So does a SurveyMonkey export, whose two header rows become one (`surveyMonkey.ts`).
 * An `.xlsx` workbook becomes CSV too, one sheet of it (`spreadsheet.ts`); `.xls` and `.ods` are refused with what to do.
 * `read` holds the user's choices of separator, header row, sheet and encoding (`chosenEncoding.ts`).
 * The caller gives each file a unique name; that name identifies what the file
 * contributes to the canonical tables.
 */
export async function openFile(engine: EngineApi, source: FileSource, read: ReadOptions = {}): Promise<FileInspection> {
  const head = await readHead(source);
  const spreadsheet = detectSpreadsheet(source.name, head);
  if (spreadsheet === 'xlsx') return openSpreadsheet(engine, source, read);
  if (spreadsheet) throw unreadSpreadsheetError(source.name, spreadsheet);
  const detected = detectFormat(source.name, head);
  if (detected.format === 'parquet') {
    const table = parquetTable(source.name);
    await engine.exec(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
    await engine.importParquet(source, table);
    const size = source.bytes?.byteLength ?? source.file?.size ?? 0;
    return { ...(await inspectParquetTable(engine, { path: '', name: source.name, size }, table, source.name)), source };
  }
  if (detected.gzip && !(await gzipIsComplete(source))) {
    throw new Error(`${source.name} is a damaged or incomplete gzip file: its compressed data ends too early. Download or export it again.`);
  }
  const text = detected.gzip ? await gunzip(head, HEAD_BYTES) : head;
  await checkFirstLines(source, text, detected.gzip);
  const format = detectTextFormat(source.name, text);
  const content = async (): Promise<Uint8Array> => (detected.gzip ? gunzip(await readAll(source)) : readAll(source));
  if (format === 'json' || format === 'ndjson') {
    const csv = new TextEncoder().encode(jsonToCsv(new TextDecoder('utf-8').decode(await content()), format, source.name));
    const file = await engine.registerFile({ name: `${source.name}.csv`, bytes: csv });
    return inspectFile(engine, file, csv.subarray(0, HEAD_BYTES), { name: source.name, format });
  }
  const sniffedEncoding = detectEncoding(text).encoding;
  const truncated = detected.gzip ? text.length >= HEAD_BYTES : head.length < (source.bytes?.byteLength ?? source.file?.size ?? 0);
  const encoding = read.encoding ? conversionFor(read.encoding, text) : convertedEncoding(text);
  const whitespace = read.delimiter === 'whitespace' || (read.delimiter === undefined && looksWhitespaceSeparated(decodeText(text, encoding ?? sniffedEncoding), truncated));
  const headDelimiter = read.delimiter && read.delimiter !== 'whitespace' ? read.delimiter : guessDelimiter(decodeText(text, encoding ?? sniffedEncoding).split(/\r?\n/, 1)[0] ?? '');
  const twoRowHeader = !whitespace && read.header !== false && mergeSurveyMonkeyHeader(decodeText(text, encoding ?? sniffedEncoding), headDelimiter) !== null;
  if (whitespace || read.header === false || twoRowHeader) {
    const decoded = decodeText(await content(), encoding ?? sniffedEncoding);
    let csv = whitespace ? whitespaceToCsv(decoded, source.name) : twoRowHeader ? mergeSurveyMonkeyHeader(decoded, headDelimiter)! : decoded;
    const delimiter = whitespace ? ',' : read.delimiter ?? guessDelimiter(csv.split(/\r?\n/, 1)[0] ?? '');
    const firstLine = splitRecords(csv.slice(0, 65536), delimiter, '"', false, 1)[0]?.fields ?? [];
    const header = read.header ?? !looksLikeData(firstLine);
    if (!header) csv = withGeneratedHeader(csv, delimiter);
    const bytes = new TextEncoder().encode(csv);
    const file = await engine.registerFile({ name: `${source.name}.csv`, bytes });
    return inspectFile(engine, file, bytes.subarray(0, HEAD_BYTES), {
      name: source.name,
      ...(encoding ? { encoding } : {}),
      delimiter: whitespace ? 'whitespace' : delimiter === ',' || delimiter === ';' || delimiter === '\t' || delimiter === '|' ? delimiter : undefined,
      header,
    });
  }
  if (encoding) {
    const utf8 = new TextEncoder().encode(decodeText(await content(), encoding));
    const file = await engine.registerFile({ name: `${source.name}.utf8.csv`, bytes: utf8 });
    return inspectFile(engine, file, utf8.subarray(0, HEAD_BYTES), {
      name: source.name, encoding, ...(read.delimiter ? { delimiter: read.delimiter } : {}), ...(read.header ? { header: true } : {}),
    });
  }
  return inspectFile(engine, await engine.registerFile(source), head, { ...(read.delimiter ? { delimiter: read.delimiter } : {}), ...(read.header ? { header: true } : {}) })
    .catch((error: unknown) => {
      // UTF-8 in the head, then bytes Latin-1 leaves undefined within what inspection reads: Windows-1252 is what such files are.
      if (read.encoding || !isUndefinedInLatin1(error)) throw error;
      return openFile(engine, source, { ...read, encoding: 'windows-1252' });
    });
}

/** DuckDB's default `max_line_size`: its reader stops at a longer line. */
const MAX_LINE_BYTES = 2 * 1024 * 1024;

/**
 * Throws when the header or the first data line is longer than DuckDB reads. Its
 * sniffer takes tens of seconds over a line of megabytes before giving up, so
 * this is found first, reading past the head only when the head holds no data line.
 */
async function checkFirstLines(source: FileSource, head: Uint8Array, gzip: boolean): Promise<void> {
  if (head.length < HEAD_BYTES || lineBreaks(head) >= 2) return;
  const start = gzip ? await gunzip(await readHead(source, MAX_LINE_BYTES), MAX_LINE_BYTES) : await readHead(source, MAX_LINE_BYTES);
  const breaks = lineBreaks(start);
  if (start.length >= MAX_LINE_BYTES && breaks < 2) throw longLineError(source.name, 'DuckDB reads', breaks + 1);
}

function lineBreaks(bytes: Uint8Array): number {
  let lf = 0;
  let cr = 0;
  for (const b of bytes) {
    if (b === 0x0a) lf++;
    else if (b === 0x0d) cr++;
  }
  return lf || cr;
}

/** Text DuckDB cannot decode: Windows-1252 (not UTF-8) and big-endian UTF-16 (DuckDB's `utf-16` is little-endian). */
function convertedEncoding(text: Uint8Array): 'windows-1252' | 'utf-16be' | null {
  const { encoding } = detectEncoding(text);
  if (encoding === 'latin-1') return 'windows-1252';
  return encoding === 'utf-16' && text[0] === 0xfe ? 'utf-16be' : null;
}

/** The table a Parquet file's rows are imported into: one per file name. */
export function parquetTable(fileName: string): string {
  return `load_parquet_${headerSignature([fileName]).split('-')[1]}`;
}
