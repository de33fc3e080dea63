/** Reading a notebook file into a notebook (fresh ids), with the line of any problem. */
import { CHART_FIELDS } from '../../charts/spec';
import { type Cell, emptyNotebook, newId, type Notebook, type ParamDef, type ParamsCell } from '../model';
import { checkCells, NotebookValidationError, validateCell } from '../validate';
import { parseAttributes, requiredText, textAttr } from './attributes';
import { parseFrontMatter } from './frontMatter';
import { type CellOpener, cellOpener, markdownPiece, scanMarkdown } from './markdownScan';
import { parseParamLine } from './paramLine';
import { BLANK, excerpt, MAX_FILE_BYTES, NotebookFormatError, validated } from './syntax';
import { readObject } from './values';

/** What parseNotebook reads from a file. */
export interface ParsedNotebook {
  notebook: Notebook;
  dataFiles: string[];
}

function blockCell(opener: CellOpener, body: string[], line: number): Cell {
  const attrs = parseAttributes(opener.info, line);
  const text = body.join('\n');
  switch (opener.kind) {
    case 'markdown':
      return validated(() => validateCell({ kind: 'markdown', source: text }, ''), line);
    case 'sql': {
      const chart = attrs.get('chart');
      if (chart !== undefined && typeof chart !== 'object') {
        throw new NotebookFormatError(line, 'chart= takes a JSON object, such as chart={"preset":"crr"} or chart={"mark":"bar","x":"month","y":"revenue"}.');
      }
      const raw = {
        kind: 'sql',
        name: requiredText(attrs, 'name', 'sql', line),
        source: text,
        recipe: textAttr(attrs, 'recipe', line),
        chart,
        explain: textAttr(attrs, 'explain', line),
        explainRow: textAttr(attrs, 'explain-row', line),
      };
      return validated(() => validateCell(raw, ''), line);
    }
    case 'chart': {
      const from = requiredText(attrs, 'from', 'chart', line);
      let spec: Record<string, unknown> = {};
      for (const key of CHART_FIELDS) {
        const value = textAttr(attrs, key, line);
        if (value !== undefined) spec[key] = value;
      }
      const json = text.trim();
      if (json !== '') {
        const bodyLine = line + 1 + body.findIndex((l) => !BLANK.test(l));
        if (Object.keys(spec).length > 0) throw new NotebookFormatError(bodyLine, 'Give the chart either as key=value after `chart` or as a JSON body, not both.');
        if (!json.startsWith('{')) throw new NotebookFormatError(bodyLine, 'A chart block holds nothing or a JSON object such as {"mark":"bar","x":"month","y":"revenue"}.');
        const [object, end] = readObject(json, 0, bodyLine);
        if (end !== json.length) throw new NotebookFormatError(bodyLine, `Unexpected text after the chart's JSON: ${excerpt(json.slice(end))}.`);
        spec = object;
      }
      return validated(() => validateCell({ kind: 'chart', from, spec }, ''), line);
    }
    case 'params': {
      const params: ParamDef[] = [];
      body.forEach((paramText, i) => {
        if (BLANK.test(paramText) || /^[ \t]*#/.test(paramText)) return;
        params.push(parseParamLine(paramText.trim(), line + 1 + i));
      });
      const cell: ParamsCell = { id: newId(), kind: 'params', params };
      return validated(() => validateCell(cell, ''), line);
    }
  }
}

/** UTF-8 length without encoding the text. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Reads a notebook file. The notebook gets a fresh id, cell ids and
 * timestamps. Throws a NotebookFormatError, with the line number where there
 * is one, for malformed or oversized input. Never evaluates anything; unknown
 * front matter keys and unknown block attributes are ignored.
 */
export function parseNotebook(text: string): ParsedNotebook {
  // UTF-16 units never outnumber UTF-8 bytes, so the cheap test first.
  if (text.length > MAX_FILE_BYTES || utf8Length(text) > MAX_FILE_BYTES) {
    throw new NotebookFormatError(null, `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; a notebook file is text and cells, not data.`);
  }
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const front = parseFrontMatter(lines);
  const cells: Cell[] = [];
  const cellLines: number[] = [];
  let i = front.end;
  for (;;) {
    const scan = scanMarkdown(lines, i);
    for (const piece of scan.pieces) {
      const source = markdownPiece(piece.lines);
      if (source === null) continue;
      const at = piece.start + piece.lines.findIndex((l) => !BLANK.test(l)) + 1;
      cells.push(validated(() => validateCell({ kind: 'markdown', source }, ''), at));
      cellLines.push(at);
    }
    if (scan.end >= lines.length) break;
    const opener = cellOpener(lines[scan.end]) as CellOpener;
    const openLine = scan.end + 1;
    let close = scan.end + 1;
    while (close < lines.length && !(/^`{3,}[ \t]*$/.test(lines[close]) && lines[close].trimEnd().length >= opener.fence)) close++;
    if (close >= lines.length) {
      throw new NotebookFormatError(openLine, `The ${'`'.repeat(opener.fence)}${opener.kind} block is never closed (by a line of at least ${opener.fence} backticks).`);
    }
    cells.push(blockCell(opener, lines.slice(scan.end + 1, close), openLine));
    cellLines.push(openLine);
    i = close + 1;
  }
  let checked: Cell[];
  try {
    checked = checkCells(cells);
  } catch (error) {
    if (!(error instanceof NotebookValidationError)) throw error;
    throw new NotebookFormatError(error.cellIndex === undefined ? null : cellLines[error.cellIndex], error.problem);
  }
  const notebook = emptyNotebook(front.title ?? undefined);
  notebook.cells = checked;
  if (front.dataset) notebook.dataset = front.dataset;
  return { notebook, dataFiles: front.dataFiles };
}
