import { raggedError } from './csvText';

/** DuckDB could not decode the bytes as UTF-8: the file should be read as Latin-1. */
export function isInvalidUnicode(error: unknown): boolean {
  return error instanceof Error && /invalid unicode|not utf-8 encoded/i.test(error.message);
}

const LATIN1_UNDEFINED = 'has bytes Latin-1 does not define';

/** The error `readError` gives for bytes 0x80–0x9F in a file read as Latin-1 (see `openFile`, which then reads it as Windows-1252). */
export function isUndefinedInLatin1(error: unknown): boolean {
  return error instanceof Error && error.message.includes(LATIN1_UNDEFINED);
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
    return new Error(`${fileName} ${LATIN1_UNDEFINED} (0x80–0x9F, Windows-1252 characters such as € or curly quotes). Choose the encoding Windows-1252 for it (in the mapping dialog, or --encoding windows-1252) and load it again.`);
  }
  if (/unterminated quote/i.test(message)) {
    return new Error(`${fileName} has a quoted field that is never closed${line ? ` (from line ${line})` : ''}. Check the quoting of that line.`);
  }
  if (/maximum line size/i.test(message)) return longLineError(fileName, 'DuckDB reads', line);
  if (/state machine reached an invalid state/i.test(message)) {
    // DuckDB's reader takes one kind of line end per file; mixing them is the usual cause.
    return new Error(
      `${fileName} is not CSV DuckDB can read: its line ends are probably mixed (CRLF with LF or CR) or a quote is out of place. ` +
        'Save it again as CSV with one kind of line end.',
    );
  }
  return new Error(`${fileName} could not be read: ${message.split('\n')[0]}`);
}

/** A line too long to be a row of orders or feedback, in one wording for every place it is found. */
export function longLineError(fileName: string, limit: string, line: string | number | undefined): Error {
  return new Error(`${fileName} has a line longer than ${limit}${line ? ` (line ${line})` : ''}; it is probably not a CSV file, or a quote is never closed.`);
}
