/** Writing a notebook as text (the front matter, then each cell as plain markdown or a fenced block). */
import { CHART_FIELDS, type ChartSpec } from '../../charts/spec';
import type { Cell, Notebook } from '../model';
import { validateNotebook } from '../validate';
import { attrValue } from './attributes';
import { frontMatterLines } from './frontMatter';
import { markdownPiece, scanMarkdown } from './markdownScan';
import { paramLine } from './paramLine';
import { CELL_SEPARATOR, quote } from './syntax';

/** Options of serializeNotebook. */
export interface SerializeOptions {
  /** The data files (names or URLs) the notebook expects, listed in the front matter. */
  dataFiles?: readonly string[];
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

function fenced(info: string, body: string | null): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(body ?? '') + 1));
  return body === null ? `${fence}${info}\n${fence}` : `${fence}${info}\n${body}\n${fence}`;
}

function chartJson(spec: ChartSpec): string {
  return `{${CHART_FIELDS.flatMap((key) => (spec[key] === undefined ? [] : [`"${key}":${quote(spec[key])}`])).join(',')}}`;
}

function lf(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

function cellBlock(cell: Cell): string {
  switch (cell.kind) {
    case 'markdown':
      return fenced('markdown', lf(cell.source));
    case 'sql': {
      let info = `sql name=${cell.name}`;
      if (cell.recipe !== undefined) info += ` recipe=${attrValue(cell.recipe)}`;
      if (cell.chart !== undefined) info += ` chart=${chartJson(cell.chart)}`;
      if (cell.explain !== undefined) info += ` explain=${attrValue(cell.explain)}`;
      if (cell.explainRow !== undefined) info += ` explain-row=${attrValue(cell.explainRow)}`;
      return fenced(info, lf(cell.source));
    }
    case 'chart': {
      let info = `chart from=${cell.from}`;
      for (const key of CHART_FIELDS) if (cell.spec[key] !== undefined) info += ` ${key}=${attrValue(cell.spec[key])}`;
      return fenced(info, null);
    }
    case 'params':
      return fenced('params', cell.params.length === 0 ? null : cell.params.map(paramLine).join('\n'));
  }
}

/**
 * True when a markdown cell can be written as plain text between blocks and
 * read back unchanged: the parser's own scanner, run on the cell alone, must
 * find exactly this one cell and end outside any code fence. Otherwise (empty
 * text, a `<!-- cell -->` line, a fence that would open a cell, an unclosed
 * fence) the cell is written as a ```markdown block.
 */
function isPlainMarkdown(source: string): boolean {
  const lines = ['', ...source.split('\n'), ''];
  const scan = scanMarkdown(lines, 0);
  return scan.end === lines.length && !scan.fenceOpen && scan.pieces.length === 1 && markdownPiece(scan.pieces[0].lines) === source;
}

/**
 * The notebook as text. Throws a NotebookValidationError when the notebook
 * itself is invalid (e.g. a cell name that is not an identifier), so a file
 * that is written can always be read back.
 */
export function serializeNotebook(notebook: Notebook, options: SerializeOptions = {}): string {
  const clean = validateNotebook(notebook);
  const out = frontMatterLines(clean.title, options.dataFiles ?? [], clean.dataset);
  let previousPlain = false;
  for (const cell of clean.cells) {
    out.push('');
    const plain = cell.kind === 'markdown' && isPlainMarkdown(lf(cell.source));
    if (plain) {
      if (previousPlain) out.push(CELL_SEPARATOR, '');
      out.push(lf(cell.source));
    } else {
      out.push(cellBlock(cell));
    }
    previousPlain = plain;
  }
  // A blank line after a closing markdown cell, as after every other one, so its own trailing newlines survive.
  if (previousPlain) out.push('');
  return `${out.join('\n')}\n`;
}
