import { csvField, raggedError, splitRecords } from './csvText';

/**
 * Text laid out in columns separated by runs of spaces (fixed-width-looking
 * exports such as the CDNOW master file): no comma, semicolon, tab, pipe or
 * quote on its first lines, and every line splits on whitespace into the
 * same number (≥ 2) of fields. The last line of a head may be cut, so it is
 * not judged.
 */
export function looksWhitespaceSeparated(head: string, truncated: boolean): boolean {
  const lines = head.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (truncated) lines.pop();
  const sample = lines.filter((l) => l.trim() !== '').slice(0, 50);
  if (sample.length === 0 || sample.some((l) => /[,;\t|"]/.test(l))) return false;
  const counts = sample.map((l) => l.trim().split(/\s+/).length);
  return counts[0] >= 2 && counts.every((c) => c === counts[0]);
}

/** Whitespace-separated text as CSV, one record per non-blank line; a line with another field count is a ragged-rows error. */
export function whitespaceToCsv(text: string, fileName: string): string {
  const out: string[] = [];
  let expected = -1;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const fields = line.split(/\s+/);
    if (expected === -1) expected = fields.length;
    else if (fields.length !== expected) throw raggedError(fileName, i + 1, fields.length, expected);
    out.push(fields.map(csvField).join(','));
  }
  return `${out.join('\n')}\n`;
}

/** The names given to the columns of a file without a header row. */
export function generatedColumns(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `column_${i + 1}`);
}

/** CSV text with a generated header line (`column_1,…`) in front, for a file whose first line is data. */
export function withGeneratedHeader(csv: string, delimiter: string): string {
  const first = splitRecords(csv.slice(0, 65536), delimiter, '"', false, 1)[0];
  return `${generatedColumns(first?.fields.length ?? 1).join(delimiter)}\n${csv.replace(/^\uFEFF/, '')}`;
}

/** Cells that are all numbers or dates (or empty): a line of data, not a header. */
export function looksLikeData(cells: readonly string[]): boolean {
  const dataLike = cells.filter((c) => /^[-+(]?[\d\s.,:/+-]*\d[\d\s.,:/+-]*\)?$|^$/.test(c)).length;
  return dataLike >= Math.ceil(cells.length / 2);
}
