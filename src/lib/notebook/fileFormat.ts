/**
 * The notebook as a plain-text file (`*.recur.md`) that reads well in a git
 * diff and renders as ordinary markdown. Grammar and decisions:
 * docs/notebook-format.md.
 *
 * Cell ids, the notebook id, timestamps and version are not written: they are
 * storage details that would make every save a diff. Parsing gives fresh ones.
 * Every other field survives serialize → parse, and serialize → parse →
 * serialize is byte-identical. Line breaks inside cell text are stored as LF.
 */
import { emptyNotebook, newId, type Cell, type ChartSpec, type Notebook, type ParamDef, type ParamsCell } from './model';
import { ManifestError, validateManifest, type DatasetManifest } from './dataset';
import {
  CHART_FIELDS,
  NOTEBOOK_PARAM_TYPES,
  NotebookValidationError,
  checkCells,
  validateCell,
  validateNotebook,
  validateParamDef,
  validateTitle,
} from './validate';

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
const MAX_DATA_FILE_CHARS = 2048;

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

/** Options of serializeNotebook. */
export interface SerializeOptions {
  /** The data files (names or URLs) the notebook expects, listed in the front matter. */
  dataFiles?: readonly string[];
}

/** What parseNotebook reads from a file. */
export interface ParsedNotebook {
  notebook: Notebook;
  dataFiles: string[];
}

const CELL_WORDS = new Set(['markdown', 'sql', 'chart', 'params']);
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
/** Text written without quotes in fence attributes and parameter lines; anything else is a JSON string. */
const BARE = /^[\p{L}\p{N}_.:/+%@~-]+$/u;
const BLANK = /^[ \t]*$/;

// ---------------------------------------------------------------- writing

/** A JSON string that is also safe in a fence info string (no backticks) and on one visible line. */
function quote(value: string): string {
  return JSON.stringify(value).replace(/[`\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function attrValue(value: string): string {
  return BARE.test(value) ? value : quote(value);
}

/** Front matter scalars stay plain when YAML would read them as the same string; otherwise they are double-quoted. */
function yamlScalar(value: string): string {
  const plain =
    /^[\p{L}_./][^\p{Cc}\p{Cs}\u2028\u2029\uFEFF]*$/u.test(value) &&
    value.trim() === value &&
    !/: | #|:$/.test(value) &&
    !/^(?:true|false|yes|no|on|off|y|n|null|~|\.inf|\.nan)$/i.test(value);
  return plain ? value : quote(value);
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

function paramLine(def: ParamDef): string {
  let value: string;
  if (def.value === null) value = 'null';
  else if (typeof def.value === 'number') value = String(def.value);
  else value = BARE.test(def.value) && !NUMBER.test(def.value) && def.value !== 'null' ? def.value : quote(def.value);
  let line = `${def.name}: ${def.type} = ${value}`;
  if (def.options) line += ` [${def.options.map((o) => (BARE.test(o) ? o : quote(o))).join('|')}]`;
  for (const key of ['min', 'max', 'step'] as const) if (def[key] !== undefined) line += ` ${key}=${String(def[key])}`;
  if (def.atMost !== undefined) line += ` atMost=${def.atMost}`;
  if (def.label !== undefined) line += ` ${quote(def.label)}`;
  return line;
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
  const dataFiles = checkDataFiles(options.dataFiles ?? [], null);
  const out = ['---', `format: ${FORMAT_ID}`, `title: ${yamlScalar(clean.title)}`];
  if (dataFiles.length > 0) out.push('data:', ...dataFiles.map((file) => `  - ${yamlScalar(file)}`));
  // The manifest as one line of JSON in single quotes: readable, and no YAML parser needed to read it back.
  if (clean.dataset) out.push(`dataset: '${JSON.stringify(clean.dataset).replaceAll("'", "''")}'`);
  out.push('---');
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

// ---------------------------------------------------------------- reading

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

interface CellOpener {
  kind: Cell['kind'];
  fence: number;
  info: string;
}

/** A cell block opens with backticks in column 0 and a cell word (`sql`, `chart`, `params`, `markdown`) first in the info string. */
function cellOpener(line: string): CellOpener | null {
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
function scanMarkdown(lines: readonly string[], from: number): { pieces: Piece[]; end: number; fenceOpen: boolean } {
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
function markdownPiece(lines: readonly string[]): string | null {
  if (lines.every((line) => BLANK.test(line))) return null;
  const first = lines[0] === '' ? 1 : 0;
  const last = lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  return lines.slice(first, last).join('\n');
}

/** Reads `"…"` (a JSON string) starting at `text[at]`; returns the value and the index after it. */
function readQuoted(text: string, at: number, line: number): [string, number] {
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
function readObject(text: string, at: number, line: number): [Record<string, unknown>, number] {
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
function matchAt(pattern: RegExp, text: string, at: number): string {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0] ?? '';
}

const KEY = /[A-Za-z][A-Za-z0-9_.-]*/y;
const BARE_ATTR = /[^ \t]*/y;
const PARAM_KEY = /[A-Za-z][A-Za-z0-9_-]*=/y;
const PARAM_WORD = /[^\s"[\]|]*/y;

function excerpt(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

type AttrValue = string | Record<string, unknown> | true;

/** `key=value key=value …` after the cell word: bare, "quoted" (JSON string) or {JSON object} values; a lone word is a flag. */
function parseAttributes(info: string, line: number): Map<string, AttrValue> {
  const attrs = new Map<string, AttrValue>();
  let i = 0;
  while (i < info.length) {
    if (info[i] === ' ' || info[i] === '\t') {
      i++;
      continue;
    }
    const key = matchAt(KEY, info, i);
    if (!key) throw new NotebookFormatError(line, `Expected key=value, found ${excerpt(info.slice(i))}.`);
    if (attrs.has(key)) throw new NotebookFormatError(line, `"${key}" is given twice.`);
    i += key.length;
    if (info[i] !== '=') {
      if (i < info.length && info[i] !== ' ' && info[i] !== '\t') throw new NotebookFormatError(line, `Expected key=value, found ${excerpt(info.slice(i - key.length))}.`);
      attrs.set(key, true);
      continue;
    }
    i++;
    let value: AttrValue;
    if (info[i] === '"') [value, i] = readQuoted(info, i, line);
    else if (info[i] === '{') [value, i] = readObject(info, i, line);
    else {
      const bare = matchAt(BARE_ATTR, info, i);
      if (bare === '') throw new NotebookFormatError(line, `${key}= has no value (write ${key}="" for empty text).`);
      if (bare.includes('"')) throw new NotebookFormatError(line, `Unexpected quote in ${excerpt(bare)}; quote the whole value: ${key}="…".`);
      value = bare;
      i += bare.length;
    }
    if (i < info.length && info[i] !== ' ' && info[i] !== '\t') throw new NotebookFormatError(line, `Expected a space after ${key}=…, found ${excerpt(info.slice(i))}.`);
    attrs.set(key, value);
  }
  return attrs;
}

function textAttr(attrs: Map<string, AttrValue>, key: string, line: number): string | undefined {
  const value = attrs.get(key);
  if (value === undefined || typeof value === 'string') return value;
  throw new NotebookFormatError(line, `${key} needs a text value: ${key}=… or ${key}="…".`);
}

function requiredText(attrs: Map<string, AttrValue>, key: string, kind: string, line: number): string {
  const value = textAttr(attrs, key, line);
  if (value === undefined) throw new NotebookFormatError(line, `A ${kind} block needs ${key}=… after \`${kind}\`.`);
  return value;
}

/** Reads one parameter line: `name: type = value [option|option] min=… max=… step=… "Label"`. */
function parseParamLine(text: string, line: number): ParamDef {
  const head = /^([A-Za-z_][A-Za-z0-9_]*)[ \t]*:[ \t]*([A-Za-z]+)/.exec(text);
  if (!head) throw new NotebookFormatError(line, `Expected a parameter such as \`period: select = month [month|quarter|year] "Period"\`, found ${excerpt(text)}.`);
  const [, name, type] = head;
  if (!(NOTEBOOK_PARAM_TYPES as readonly string[]).includes(type)) {
    throw new NotebookFormatError(line, `"${type}" is not a parameter type; use one of ${NOTEBOOK_PARAM_TYPES.join(', ')}.`);
  }
  const def: Record<string, unknown> = { name, type, value: null };
  const seen = new Set<string>();
  const once = (what: string): void => {
    if (seen.has(what)) throw new NotebookFormatError(line, `The parameter "${name}" has two ${what}s.`);
    seen.add(what);
  };
  const readWord = (at: number): [string, number] => {
    const word = matchAt(PARAM_WORD, text, at);
    if (word === '') throw new NotebookFormatError(line, `Expected a value at column ${at + 1}, found ${excerpt(text.slice(at))}.`);
    return [word, at + word.length];
  };
  let i = head[0].length;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === '=') {
      once('value');
      i++;
      while (text[i] === ' ' || text[i] === '\t') i++;
      if (text[i] === '"') [def.value, i] = readQuoted(text, i, line);
      else {
        let word: string;
        [word, i] = readWord(i);
        def.value = word === 'null' ? null : NUMBER.test(word) ? Number(word) : word;
      }
    } else if (c === '[') {
      once('option list');
      const options: string[] = [];
      i++;
      for (;;) {
        while (text[i] === ' ' || text[i] === '\t') i++;
        if (text[i] === ']' && options.length === 0) break;
        let option: string;
        if (text[i] === '"') [option, i] = readQuoted(text, i, line);
        else [option, i] = readWord(i);
        options.push(option);
        while (text[i] === ' ' || text[i] === '\t') i++;
        if (text[i] === ']') break;
        if (text[i] !== '|') throw new NotebookFormatError(line, `Options are [a|b|c]; expected | or ] at column ${i + 1}.`);
        i++;
      }
      i++;
      def.options = options;
    } else if (c === '"') {
      once('label');
      [def.label, i] = readQuoted(text, i, line);
    } else {
      const key = matchAt(PARAM_KEY, text, i).slice(0, -1);
      if (!key) throw new NotebookFormatError(line, `Unexpected ${excerpt(text.slice(i))} in the parameter "${name}".`);
      once(key);
      i += key.length + 1;
      let word: string;
      if (text[i] === '"') [word, i] = readQuoted(text, i, line);
      else [word, i] = readWord(i);
      if (key === 'min' || key === 'max' || key === 'step') {
        if (!NUMBER.test(word)) throw new NotebookFormatError(line, `${key} must be a number, not ${excerpt(word)}.`);
        def[key] = Number(word);
      } else if (key === 'atMost') def.atMost = word;
    }
  }
  return validated(() => validateParamDef(def, ''), line);
}

function validated<T>(check: () => T, line: number): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof NotebookValidationError) throw new NotebookFormatError(line, error.message);
    throw error;
  }
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

function checkDataFiles(files: readonly unknown[], line: number | null): string[] {
  if (files.length > MAX_DATA_FILES) throw new NotebookFormatError(line, `${files.length} data files are listed; the limit is ${MAX_DATA_FILES}.`);
  return files.map((file) => {
    if (typeof file !== 'string' || file === '') throw new NotebookFormatError(line, 'A data file name is empty.');
    if (file.length > MAX_DATA_FILE_CHARS) throw new NotebookFormatError(line, `A data file name is longer than ${MAX_DATA_FILE_CHARS} characters.`);
    return file;
  });
}

function frontMatterScalar(raw: string, line: number): string {
  const value = raw.trim();
  if (value.startsWith('"')) {
    const [text, end] = readQuoted(value, 0, line);
    if (end !== value.length) throw new NotebookFormatError(line, `Unexpected text after the quoted value: ${excerpt(value.slice(end))}.`);
    return text;
  }
  if (value.startsWith("'")) {
    const m = /^'((?:[^']|'')*)'$/.exec(value);
    if (!m) throw new NotebookFormatError(line, `A single-quoted value is not closed: ${excerpt(value)}.`);
    return m[1].replaceAll("''", "'");
  }
  const comment = value.indexOf(' #');
  return (comment === -1 ? value : value.slice(0, comment)).trimEnd();
}

interface FrontMatter {
  title: string | null;
  dataFiles: string[];
  dataset: DatasetManifest | null;
  /** Index of the first line after the front matter. */
  end: number;
}

/** Reads the `---` … `---` block at the top: `format`, `title`, `data` (a list); other keys are ignored. */
function parseFrontMatter(lines: readonly string[]): FrontMatter {
  if (lines[0] !== '---') return { title: null, dataFiles: [], dataset: null, end: 0 };
  const end = lines.indexOf('---', 1);
  if (end === -1) throw new NotebookFormatError(1, 'The front matter opened by --- on line 1 is never closed by a --- line.');
  let title: string | null = null;
  let dataFiles: string[] | null = null;
  let dataset: DatasetManifest | null = null;
  let listKey: string | null = null;
  const seen = new Set<string>();
  for (let i = 1; i < end; i++) {
    const line = lines[i];
    const n = i + 1;
    if (BLANK.test(line) || /^[ \t]*#/.test(line)) continue;
    const item = /^[ \t]*-(?:[ \t]+([\s\S]*))?$/.exec(line);
    if (item) {
      if (listKey === null) throw new NotebookFormatError(n, 'A list item (- …) must follow a key such as `data:`.');
      if (listKey === 'data') {
        (dataFiles ??= []).push(frontMatterScalar(item[1] ?? '', n));
        checkDataFiles(dataFiles, n);
      } else if (listKey === 'format' || listKey === 'title') {
        throw new NotebookFormatError(n, `${listKey} takes one value, not a list.`);
      }
      continue;
    }
    const entry = /^([A-Za-z][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]+([\s\S]*))?$/.exec(line);
    if (!entry) {
      // An indented line under a key we do not know (a nested YAML value) is skipped with that key.
      if (/^[ \t]/.test(line) && listKey !== null && !['format', 'title', 'data'].includes(listKey)) continue;
      throw new NotebookFormatError(n, `Expected \`key: value\` in the front matter, found ${excerpt(line)}.`);
    }
    const [, key, rawValue = ''] = entry;
    if (seen.has(key)) throw new NotebookFormatError(n, `"${key}" is given twice in the front matter.`);
    seen.add(key);
    listKey = rawValue.trim() === '' ? key : null;
    if (key === 'format') {
      const version = /^recur-notebook\/(\d+)$/.exec(frontMatterScalar(rawValue, n));
      if (!version) throw new NotebookFormatError(n, `This is not a Recur notebook format (expected format: ${FORMAT_ID}).`);
      if (Number(version[1]) > FORMAT_VERSION) {
        throw new NotebookFormatError(n, `This notebook uses format version ${version[1]}, written by a newer Recur; this one reads version ${FORMAT_VERSION}.`);
      }
    } else if (key === 'title') {
      title = frontMatterScalar(rawValue, n);
      validated(() => validateTitle(title), n);
    } else if (key === 'dataset') {
      dataset = frontMatterDataset(frontMatterScalar(rawValue, n), n);
    } else if (key === 'data') {
      const value = rawValue.trim();
      if (value === '[]') dataFiles = [];
      else if (value !== '') throw new NotebookFormatError(n, 'List the data files one per line under `data:`, as `  - orders.csv`.');
    }
  }
  return { title, dataFiles: dataFiles ?? [], dataset, end: end + 1 };
}

function frontMatterDataset(json: string, line: number): DatasetManifest {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new NotebookFormatError(line, 'The dataset manifest is not valid JSON.');
  }
  try {
    return validateManifest(value);
  } catch (error) {
    if (error instanceof ManifestError) throw new NotebookFormatError(line, error.message);
    throw error;
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
