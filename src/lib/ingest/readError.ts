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
