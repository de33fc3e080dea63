/** Finding cells in the text: markdown between fenced cell blocks, split at `<!-- cell -->` lines. */
import type { Cell } from '../model';
import { BLANK, CELL_SEPARATOR, CELL_WORDS } from './syntax';

interface Fence {
  char: '`' | '~';
  length: number;
}

/** A CommonMark code fence opening inside markdown text (up to 3 spaces of indent; backtick info strings hold no backticks). */
function markdownFenceOpen(line: string): Fence | null {
  const m = /^ {0,3}(`{3,}|~{3,})([\s\S]*)$/.exec(line);
  if (!m || (m[1][0] === '`' && m[2].includes('`'))) return null;
  return { char: m[1][0] as Fence['char'], length: m[1].length };
}

function closesFence(line: string, fence: Fence): boolean {
  const m = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
  return m !== null && m[1][0] === fence.char && m[1].length >= fence.length;
}

export interface CellOpener {
  kind: Cell['kind'];
  fence: number;
  info: string;
}

/** A cell block opens with backticks in column 0 and a cell word (`sql`, `chart`, `params`, `markdown`) first in the info string. */
export function cellOpener(line: string): CellOpener | null {
  const m = /^(`{3,})([^`]*)$/.exec(line);
  if (!m) return null;
  const info = m[2].trim();
  const word = info.split(/[ \t]/, 1)[0];
  if (!CELL_WORDS.has(word)) return null;
  return { kind: word as Cell['kind'], fence: m[1].length, info: info.slice(word.length) };
}

interface Piece {
  lines: string[];
  /** 0-based index of the piece's first line in the file. */
  start: number;
}

/**
 * Reads markdown from line `from` up to the next cell block (returned as `end`)
 * or the end of the text, split into pieces at `<!-- cell -->` lines. Code
 * fences inside the markdown are followed, so a ```sql example inside a
 * ~~~ fence stays markdown.
 */
export function scanMarkdown(lines: readonly string[], from: number): { pieces: Piece[]; end: number; fenceOpen: boolean } {
  const pieces: Piece[] = [];
  let piece: Piece = { lines: [], start: from };
  let fence: Fence | null = null;
  let i = from;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (fence) {
      piece.lines.push(line);
      if (closesFence(line, fence)) fence = null;
      continue;
    }
    if (line.trimEnd() === CELL_SEPARATOR) {
      pieces.push(piece);
      piece = { lines: [], start: i + 1 };
      continue;
    }
    if (cellOpener(line)) break;
    fence = markdownFenceOpen(line);
    piece.lines.push(line);
  }
  pieces.push(piece);
  return { pieces, end: i, fenceOpen: fence !== null };
}

/** A markdown cell's text from the lines of one piece (the blank line either side is layout), or null for a blank piece. */
export function markdownPiece(lines: readonly string[]): string | null {
  if (lines.every((line) => BLANK.test(line))) return null;
  const first = lines[0] === '' ? 1 : 0;
  const last = lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  return lines.slice(first, last).join('\n');
}
