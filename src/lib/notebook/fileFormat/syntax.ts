/** The format's constants, its error, and the small pieces of syntax both directions share. */
import { NotebookValidationError } from '../validate';

/** The format version this code writes and the highest it reads. */
export const FORMAT_VERSION = 1;

/** The `format:` value written in the front matter. */
export const FORMAT_ID = `recur-notebook/${FORMAT_VERSION}`;

/** The suggested file name ending. */
export const FILE_EXTENSION = '.recur.md';

/** Larger files are refused before any parsing. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** The line between two markdown cells that follow each other. */
export const CELL_SEPARATOR = '<!-- cell -->';

/** At most this many entries under `data:`. */
export const MAX_DATA_FILES = 100;

export const MAX_DATA_FILE_CHARS = 2048;

/** A malformed notebook file; `line` (1-based) points at the problem when there is one place to point at. */
export class NotebookFormatError extends Error {
  override name = 'NotebookFormatError';
  constructor(
    readonly line: number | null,
    readonly problem: string,
  ) {
    super(line === null ? problem : `Line ${line}: ${problem}`);
  }
}

export const CELL_WORDS = new Set(['markdown', 'sql', 'chart', 'params']);

export const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** Text written without quotes in fence attributes and parameter lines; anything else is a JSON string. */
export const BARE = /^[\p{L}\p{N}_.:/+%@~-]+$/u;

export const BLANK = /^[ \t]*$/;

/** A JSON string that is also safe in a fence info string (no backticks) and on one visible line. */
export function quote(value: string): string {
  return JSON.stringify(value).replace(/[`\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function excerpt(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

export function validated<T>(check: () => T, line: number): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof NotebookValidationError) throw new NotebookFormatError(line, error.message);
    throw error;
  }
}
