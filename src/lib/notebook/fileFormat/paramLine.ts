/** A parameter line of a params block (`name: type = value [a|b] min=… "Label"`), written and read. */
import type { ParamDef } from '../model';
import { NOTEBOOK_PARAM_TYPES, validateParamDef } from '../validate';
import { BARE, excerpt, NotebookFormatError, NUMBER, quote, validated } from './syntax';
import { matchAt, readQuoted } from './values';

/** Writes one parameter line (the format `parseParamLine` reads). */
export function paramLine(def: ParamDef): string {
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

const PARAM_KEY = /[A-Za-z][A-Za-z0-9_-]*=/y;

const PARAM_WORD = /[^\s"[\]|]*/y;

/** Reads one parameter line: `name: type = value [option|option] min=… max=… step=… "Label"`. */
export function parseParamLine(text: string, line: number): ParamDef {
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
