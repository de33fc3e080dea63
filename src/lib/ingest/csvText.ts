/** One CSV record of a text, with the 1-based line it starts on. */
export interface TextRecord {
  line: number;
  fields: string[];
}

/**
 * Splits CSV text into records (quoted fields may hold delimiters, doubled
 * quotes and newlines). Used only to explain a file DuckDB's sniffer could not
 * read; the last record is dropped when `truncated` (a head cut mid-record).
 */
export function splitRecords(text: string, delimiter: string, quote = '"', truncated = false, max = 5000): TextRecord[] {
  const records: TextRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let start = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = (): void => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
    fields = [];
    field = '';
  };
  for (; i < text.length && records.length < max; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === quote && text[i + 1] === quote) {
        field += ch;
        i++;
      } else if (ch === quote) inQuotes = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === quote && field === '') inQuotes = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += ch;
  }
  if (!truncated && (field !== '' || fields.length > 0)) endRecord();
  return records;
}

/** The likeliest delimiter of a header line: the most frequent of `,` `;` tab `|` outside quotes. */
export function guessDelimiter(headerLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t', '|']) {
    const count = splitRecords(headerLine, d)[0]?.fields.length ?? 0;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** The first record whose field count differs from the header's, if any. */
export function findRaggedRecord(records: readonly TextRecord[]): { line: number; found: number; expected: number } | null {
  const expected = records[0]?.fields.length ?? 0;
  for (const r of records.slice(1)) {
    if (r.fields.length !== expected) return { line: r.line, found: r.fields.length, expected };
  }
  return null;
}

/** A CSV field, quoted when it must be (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The ragged-rows error, in one wording for every place it is found. */
export function raggedError(fileName: string, line: number, found: number, expected: number): Error {
  return new Error(
    `${fileName} has ragged rows: line ${line} has ${found} field${found === 1 ? '' : 's'} where the header has ${expected}. ` +
      'Check the delimiter and the quoting of that line.',
  );
}
