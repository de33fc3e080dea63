/** The `key=value` attributes of a cell block's opening fence, written and read. */
import { BARE, excerpt, NotebookFormatError, quote } from './syntax';
import { matchAt, readObject, readQuoted } from './values';

/** A fence attribute's value: bare when it can be, else a JSON string. */
export function attrValue(value: string): string {
  return BARE.test(value) ? value : quote(value);
}

const KEY = /[A-Za-z][A-Za-z0-9_.-]*/y;

const BARE_ATTR = /[^ \t]*/y;

type AttrValue = string | Record<string, unknown> | true;

/** `key=value key=value …` after the cell word: bare, "quoted" (JSON string) or {JSON object} values; a lone word is a flag. */
export function parseAttributes(info: string, line: number): Map<string, AttrValue> {
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

export function textAttr(attrs: Map<string, AttrValue>, key: string, line: number): string | undefined {
  const value = attrs.get(key);
  if (value === undefined || typeof value === 'string') return value;
  throw new NotebookFormatError(line, `${key} needs a text value: ${key}=… or ${key}="…".`);
}

export function requiredText(attrs: Map<string, AttrValue>, key: string, kind: string, line: number): string {
  const value = textAttr(attrs, key, line);
  if (value === undefined) throw new NotebookFormatError(line, `A ${kind} block needs ${key}=… after \`${kind}\`.`);
  return value;
}
