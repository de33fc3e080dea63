/** Reading quoted (JSON string) and `{…}` (JSON object) values out of a line. */
import { excerpt, NotebookFormatError } from './syntax';

/** Reads `"…"` (a JSON string) starting at `text[at]`; returns the value and the index after it. */
export function readQuoted(text: string, at: number, line: number): [string, number] {
  let j = at + 1;
  while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
  if (j >= text.length) throw new NotebookFormatError(line, `A quoted value is never closed: ${excerpt(text.slice(at))}.`);
  try {
    return [JSON.parse(text.slice(at, j + 1)) as string, j + 1];
  } catch {
    throw new NotebookFormatError(line, `${excerpt(text.slice(at, j + 1))} is not a valid quoted value (JSON string escapes only).`);
  }
}

/** Reads a `{…}` JSON object starting at `text[at]`. */
export function readObject(text: string, at: number, line: number): [Record<string, unknown>, number] {
  let depth = 0;
  let j = at;
  for (; j < text.length; j++) {
    const c = text[j];
    if (c === '"') {
      j = readQuoted(text, j, line)[1] - 1;
    } else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) break;
  }
  if (j >= text.length) throw new NotebookFormatError(line, `A { … } value is never closed: ${excerpt(text.slice(at))}.`);
  let value: unknown;
  try {
    value = JSON.parse(text.slice(at, j + 1));
  } catch {
    throw new NotebookFormatError(line, `${excerpt(text.slice(at, j + 1))} is not valid JSON.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new NotebookFormatError(line, 'Expected a JSON object.');
  return [value as Record<string, unknown>, j + 1];
}

/** The match of a sticky regex at `text[at]` (no copying of the rest of the line), or ''. */
export function matchAt(pattern: RegExp, text: string, at: number): string {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0] ?? '';
}
