import { raggedError } from './csvText';

/** DuckDB could not decode the bytes as UTF-8: the file should be read as Latin-1. */
export function isInvalidUnicode(error: unknown): boolean {
  return error instanceof Error && /invalid unicode|not utf-8 encoded/i.test(error.message);
}

/**
 * A DuckDB error from reading a file, reworded for a person and naming the
 * file: ragged rows and unclosed quotes get their line; anything else keeps
 * DuckDB's first line.
 */
export function readError(fileName: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const ragged = /CSV Error on Line: (\d+)[\s\S]*?Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  if (ragged) return raggedError(fileName, Number(ragged[1]), Number(ragged[3]), Number(ragged[2]));
  const line = /CSV Error on Line: (\d+)/.exec(message)?.[1];
  if (/not latin-1 encoded/i.test(message)) {
    return new Error(`${fileName} has bytes Latin-1 does not define (0x80–0x9F, Windows-1252 characters such as € or curly quotes). Open it with openFile(), which converts it to UTF-8 first.`);
  }
  if (/unterminated quote/i.test(message)) {
    return new Error(`${fileName} has a quoted field that is never closed${line ? ` (from line ${line})` : ''}. Check the quoting of that line.`);
  }
  if (/maximum line size/i.test(message)) {
    return new Error(`${fileName} has a line longer than DuckDB reads${line ? ` (line ${line})` : ''}; it is probably not a CSV file, or a quote is never closed.`);
  }
  return new Error(`${fileName} could not be read: ${message.split('\n')[0]}`);
}
