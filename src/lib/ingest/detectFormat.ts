import type { DetectedFormat, FileFormat } from './types';

/**
 * Tells the format of a file from its first bytes and its name. Magic bytes win
 * over the extension (a gzip file named `.csv` is read as gzip); a name is only
 * used where the bytes cannot tell (what is inside a gzip, NDJSON vs JSON).
 * Throws a readable error for an empty file, a spreadsheet/ZIP, or a binary
 * file that is not Parquet or gzip.
 */
export function detectFormat(name: string, head: Uint8Array): DetectedFormat {
  if (head.length === 0) throw new Error(`${name} is empty.`);
  if (startsWith(head, [0x1f, 0x8b])) return { format: formatFromName(name.replace(/\.gz(ip)?$/i, '')) ?? 'csv', gzip: true };
  if (startsWith(head, [0x50, 0x41, 0x52, 0x31])) return { format: 'parquet', gzip: false };
  return { format: detectTextFormat(name, head), gzip: false };
}

/**
 * The format of text bytes (a plain file, or the decompressed start of a gzip file).
 * Throws when the bytes are not text.
 */
export function detectTextFormat(name: string, text: Uint8Array): FileFormat {
  if (startsWith(text, [0x50, 0x4b, 0x03, 0x04])) {
    throw new Error(`${name} is a ZIP archive or an Excel workbook, not a text file: export the sheet as CSV and load that.`);
  }
  if (startsWith(text, [0x50, 0x41, 0x52, 0x31])) return 'parquet';
  const utf16 = startsWith(text, [0xff, 0xfe]) || startsWith(text, [0xfe, 0xff]);
  if (!utf16 && looksBinary(text)) throw new Error(`${name} is not a text file (it looks binary).`);
  const first = firstSignificantChar(text, utf16);
  if (first === null) throw new Error(`${name} is empty.`);
  const byName = formatFromName(name);
  if (first === '[') return 'json';
  if (first === '{') return byName === 'ndjson' || secondRecordStartsLine(text) ? 'ndjson' : 'json';
  return 'csv';
}

function formatFromName(name: string): FileFormat | null {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === 'parquet' || ext === 'pq') return 'parquet';
  if (ext === 'json') return 'json';
  if (ext === 'ndjson' || ext === 'jsonl') return 'ndjson';
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt' || ext === 'tab') return 'csv';
  return null;
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** NUL bytes, or many control characters other than tab/CR/LF/FF, never occur in CSV or JSON text. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control > n * 0.05;
}

function firstSignificantChar(bytes: Uint8Array, utf16: boolean): string | null {
  const start = utf16 ? 2 : startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  const step = utf16 ? 2 : 1;
  const offset = utf16 && bytes[0] === 0xfe ? 1 : 0;
  for (let i = start + offset; i < bytes.length; i += step) {
    const c = bytes[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return String.fromCharCode(c);
  }
  return null;
}

/** `{…}\n{` : a JSON object per line (NDJSON) rather than one JSON document. */
function secondRecordStartsLine(bytes: Uint8Array): boolean {
  const text = new TextDecoder().decode(bytes.subarray(0, 65536));
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  if (lines.length < 2 || !lines[1].startsWith('{')) return false;
  try {
    JSON.parse(lines[0]);
    return true;
  } catch {
    return false;
  }
}
