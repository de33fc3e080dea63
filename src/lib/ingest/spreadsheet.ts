import type { EngineApi, FileSource } from '../engine/api';
import { csvField } from './csvText';
import { HEAD_BYTES, readAll } from './head';
import { inspectFile } from './inspectFile';
import { surveyMonkeyColumns } from './surveyMonkey';
import { withGeneratedHeader } from './textLayout';
import type { FileInspection, ReadOptions } from './types';

/** A workbook format told from a file's first bytes (and its name where the bytes are a plain ZIP). */
export type SpreadsheetKind = 'xlsx' | 'xls' | 'ods';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** OLE2 compound document: Excel 97–2003 `.xls` (and old Word/PowerPoint files). */
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * An Excel workbook (`.xlsx`, `.xlsm`: a ZIP holding `xl/…` parts), an old
 * binary `.xls`, or an OpenDocument spreadsheet (`.ods`, whose first ZIP entry
 * names its MIME type); `null` for anything else, including other ZIP files.
 */
export function detectSpreadsheet(name: string, head: Uint8Array): SpreadsheetKind | null {
  if (startsWith(head, OLE2)) return /\.(doc|ppt|msg)$/i.test(name) ? null : 'xls';
  if (!startsWith(head, ZIP)) return null;
  const text = new TextDecoder('latin1').decode(head.subarray(0, Math.min(head.length, HEAD_BYTES)));
  if (text.includes('application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
  if (/\.xls[xm]$/i.test(name) || text.includes('xl/workbook.xml') || text.includes('xl/worksheets/')) return 'xlsx';
  return null;
}

const UNREAD: Record<Exclude<SpreadsheetKind, 'xlsx'>, string> = {
  xls: 'an Excel 97–2003 workbook (.xls)',
  ods: 'an OpenDocument spreadsheet (.ods)',
};

/** Why `.xls` and `.ods` files are refused, and what to do instead. */
export function unreadSpreadsheetError(name: string, kind: Exclude<SpreadsheetKind, 'xlsx'>): Error {
  return new Error(
    `${name} is ${UNREAD[kind]}, which Recur does not read. Open it in Excel, LibreOffice or Google Sheets and save it as an Excel workbook (.xlsx) or as CSV, then load that.`,
  );
}

/** One sheet of a workbook as CSV text, with the names of all its sheets. */
export interface SheetAsCsv {
  sheets: string[];
  sheet: string;
  csv: string;
}

/**
 * Reads an `.xlsx` workbook and turns one sheet into CSV: the named sheet, else
 * the first sheet that has cells. Values keep the types the sheet gives them:
 * dates as ISO `YYYY-MM-DD` (with ` HH:MM:SS` when they have a time of day, the
 * wall-clock time as written), numbers in plain decimal notation with a `.`
 * (15 significant digits, as Excel shows them), booleans as `true`/`false`.
 * Rows with no value at all are left out. The reader (`read-excel-file`) is
 * imported on first use, so it is fetched only when a workbook is opened.
 */
export async function sheetToCsv(name: string, bytes: Uint8Array, sheet?: string): Promise<SheetAsCsv> {
  const { default: readXlsxFile } = await import('read-excel-file/universal');
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const workbook = await readXlsxFile(buffer).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`${name} could not be read as an Excel workbook (${reason}). Save it again from your spreadsheet program as .xlsx, or export the sheet as CSV.`);
  });
  const sheets = workbook.map((s) => s.sheet);
  const rowsOf = (data: readonly (readonly unknown[])[]): string[][] => data.map((row) => row.map(cellText)).filter((row) => row.some((v) => v !== ''));
  const chosen = sheet === undefined ? (workbook.find((s) => rowsOf(s.data).length > 0) ?? workbook[0]) : workbook.find((s) => s.sheet === sheet);
  if (!chosen) throw new Error(`${name} has no sheet named “${sheet}”; its sheets are ${sheets.map((s) => `“${s}”`).join(', ')}.`);
  const rows = withOneHeaderRow(rowsOf(chosen.data));
  if (rows.length === 0) throw new Error(`${name}: the sheet “${chosen.sheet}” is empty.`);
  const width = Math.max(...rows.map(usedWidth));
  const csv = rows.map((row) => Array.from({ length: width }, (_, i) => csvField(row[i] ?? '')).join(',')).join('\n');
  return { sheets, sheet: chosen.sheet, csv: `${csv}\n` };
}

/**
 * Opens an `.xlsx` workbook the way `openFile` opens text: one sheet
 * (`read.sheet`, else the first with cells) becomes CSV, registered as
 * `<name>.csv` and inspected. Numbers in the sheet are typed, so the
 * decimal-comma guess is off.
 */
export async function openSpreadsheet(engine: EngineApi, source: FileSource, read: ReadOptions): Promise<FileInspection> {
  const { sheets, sheet, csv } = await sheetToCsv(source.name, await readAll(source), read.sheet);
  const header = read.header !== false;
  const bytes = new TextEncoder().encode(header ? csv : withGeneratedHeader(csv, ','));
  const file = await engine.registerFile({ name: `${source.name}.csv`, bytes });
  const inspection = await inspectFile(engine, file, bytes.subarray(0, HEAD_BYTES), { name: source.name, format: 'xlsx', delimiter: ',', header });
  const mapping = { ...inspection.mapping, options: { ...inspection.mapping.options, decimalComma: false } };
  return { ...inspection, mapping, sheets, sheet };
}

/** A SurveyMonkey sheet's two header rows as one (`surveyMonkeyColumns`); other sheets as they are. */
function withOneHeaderRow(rows: string[][]): string[][] {
  const merged = rows.length >= 2 ? surveyMonkeyColumns(rows[0], rows[1]) : null;
  return merged ? [merged, ...rows.slice(2)] : rows;
}

/** A cell as CSV text (see `sheetToCsv`). */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return isoWallClock(value);
  if (typeof value === 'number') return Number.isFinite(value) ? plainNumber(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

/**
 * The reader builds dates from the sheet's serial day numbers in UTC, so the
 * UTC fields are the wall-clock time the sheet shows; rounded to the second
 * (a serial day's fraction lands a millisecond off).
 */
function isoWallClock(date: Date): string {
  const rounded = new Date(Math.round(date.getTime() / 1000) * 1000);
  const iso = rounded.toISOString();
  const day = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  return time === '00:00:00' ? day : `${day} ${time}`;
}

/** 15 significant digits (what Excel stores and shows), never in exponent notation. */
function plainNumber(value: number): string {
  const rounded = Number(value.toPrecision(15));
  const text = String(rounded);
  if (!/e/i.test(text)) return text;
  return rounded.toFixed(Math.abs(rounded) >= 1 ? 0 : 20).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

function usedWidth(row: readonly string[]): number {
  let width = row.length;
  while (width > 0 && row[width - 1] === '') width--;
  return width;
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}
