import type { ParamValue } from '../engine/api';
import { paramNames } from '../engine/sql';
import { PLACEHOLDER, VALUE_FORMATS } from './explain';
import { convertParam } from './params';
import { parseConditions, parseRowSelector } from './selector';
import { PARAM_TYPES, type ExplainBlock, type ExplainClause, type ParamType, type RecipeParam, type SqlRecipe, type SuggestRule, type WarningRule } from './types';

const KEYS = ['id', 'title', 'description', 'param', 'chart', 'explain-row', 'explain', 'explain-if', 'warn-if', 'suggest', 'empty'] as const;
type Key = (typeof KEYS)[number];

interface Field {
  key: Key;
  value: string;
  line: number;
}

const FIELD = /^([a-z][a-z-]*):\s*(.*)$/;

/**
 * The header is the run of `--` comment lines at the top of the file. A line
 * `-- key: value` starts a field; any other non-blank comment line continues
 * the previous field (joined with a space); a blank `--` line separates
 * paragraphs of a long field.
 */
function readHeader(text: string): Field[] {
  const fields: Field[] = [];
  let paragraphBreak = false;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line.startsWith('--')) break;
    const content = line.replace(/^--\s?/, '').trim();
    const field = FIELD.exec(content);
    if (field && (KEYS as readonly string[]).includes(field[1])) {
      fields.push({ key: field[1] as Key, value: field[2].trim(), line: i + 1 });
      paragraphBreak = false;
    } else if (content === '') {
      paragraphBreak = fields.length > 0;
    } else {
      const last = fields.at(-1);
      if (!last) throw new Error(`Line ${i + 1}: a recipe header starts with "-- id: …", not "${content}".`);
      last.value += (paragraphBreak ? '\n' : ' ') + content;
      paragraphBreak = false;
    }
  }
  return fields;
}

const PARAM = /^([A-Za-z_][A-Za-z0-9_]*)\s+([A-Za-z][A-Za-z0-9]*)\s*=\s*(NULL|'(?:[^']|'')*'|-?\d+(?:\.\d+)?|TRUE|FALSE)\s*(?:\[([^\]]*)\])?\s*(?:--\s*(.*))?$/i;

function parseDefault(literal: string): ParamValue {
  const upper = literal.toUpperCase();
  if (upper === 'NULL') return null;
  if (upper === 'TRUE' || upper === 'FALSE') return upper === 'TRUE';
  if (literal.startsWith("'")) return literal.slice(1, -1).replaceAll("''", "'");
  return Number(literal);
}

function parseParam(value: string): RecipeParam {
  const m = PARAM.exec(value);
  if (!m) throw new Error(`write a parameter as "name TYPE = default [a|b] -- meaning", not "${value}"`);
  const type = m[2].toUpperCase();
  if (!(PARAM_TYPES as readonly string[]).includes(type)) throw new Error(`${m[1]} has the type ${m[2]}; use one of ${PARAM_TYPES.join(', ')}`);
  const doc = m[5]?.trim() ?? '';
  if (!doc) throw new Error(`${m[1]} needs a one-line meaning after "--"`);
  const param: RecipeParam = { name: m[1], type: type as ParamType, default: parseDefault(m[3]), doc };
  if (m[4] !== undefined) param.choices = m[4].split('|').map((c) => c.trim()).filter(Boolean);
  convertParam(param, param.default);
  return param;
}

function parseChart(value: string): { chart: string; chartOptions: Record<string, string> } {
  const [chart, ...options] = value.split(/\s+/);
  const chartOptions: Record<string, string> = {};
  for (const option of options) {
    const eq = option.indexOf('=');
    if (eq <= 0) throw new Error(`chart options are key=value, not "${option}"`);
    chartOptions[option.slice(0, eq)] = option.slice(eq + 1);
  }
  return { chart, chartOptions };
}

/** `<before> -- <after>`, as warn-if, explain-if and suggest write it. */
function splitAtDashes(value: string, shape: string): [string, string] {
  const split = value.indexOf(' -- ');
  if (split === -1) throw new Error(`write ${shape}, not "${value}"`);
  return [value.slice(0, split).trim(), value.slice(split + 4).trim()];
}

function parseWarning(value: string): WarningRule {
  const [when, message] = splitAtDashes(value, 'a warning as "<condition> -- <message>"');
  return { when: parseConditions(when), message };
}

function parseClause(value: string): ExplainClause {
  const [when, template] = splitAtDashes(value, 'an explain-if as "<condition> -- <sentence>"');
  return { when: parseConditions(when), template };
}

function parseSuggest(value: string, params: readonly RecipeParam[]): SuggestRule {
  const [change, label] = splitAtDashes(value, 'a suggestion as "<param> = <column> -- <button label>"');
  const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*([A-Za-z_][A-Za-z0-9_]*)$/.exec(change);
  if (!m) throw new Error(`write a suggestion as "<param> = <column> -- <button label>", not "${value}"`);
  if (!params.some((p) => p.name === m[1])) throw new Error(`the suggestion sets ${m[1]}, which the recipe does not declare`);
  return { param: m[1], column: m[2], label };
}

function checkTemplate(template: string, params: readonly RecipeParam[]): void {
  for (const [, name, format] of template.matchAll(PLACEHOLDER)) {
    if (format !== undefined && !(VALUE_FORMATS as readonly string[]).includes(format)) {
      throw new Error(`{${name}:${format}} has an unknown format; use ${VALUE_FORMATS.join(', ')}`);
    }
    if (name.startsWith('$') && !params.some((p) => p.name === name.slice(1))) {
      throw new Error(`{${name}} names a parameter the recipe does not declare`);
    }
  }
}

/** `[otherwise] <selector>`; the template is filled in by the `-- explain:` line that follows. */
function parseExplainRow(value: string): ExplainBlock {
  const otherwise = /^otherwise\s+/i.exec(value);
  return { row: parseRowSelector(otherwise ? value.slice(otherwise[0].length) : value), template: '', otherwise: otherwise !== null };
}

function single(fields: Field[], key: Key): string {
  const found = fields.filter((f) => f.key === key);
  if (found.length !== 1) throw new Error(`The header needs exactly one "-- ${key}:" line (found ${found.length}).`);
  if (!found[0].value) throw new Error(`Line ${found[0].line}: "-- ${key}:" is empty.`);
  return found[0].value;
}

/**
 * Reads a recipe file: the header (see README.md for the grammar) and the SQL,
 * which is kept whole so it runs as written. Every `$name` the SQL uses must be
 * declared as a parameter, and every parameter must be used.
 */
export function parseRecipe(text: string): SqlRecipe {
  const fields = readHeader(text);
  const id = single(fields, 'id');
  if (!/^[a-z][a-z0-9-]*$/.test(id)) throw new Error(`Recipe id "${id}" must be lower-case letters, digits and dashes.`);
  try {
    const params: RecipeParam[] = [];
    const explain: ExplainBlock[] = [];
    const warnings: WarningRule[] = [];
    const suggest: SuggestRule[] = [];
    for (const field of fields) {
      try {
        if (field.key === 'param') params.push(parseParam(field.value));
        else if (field.key === 'explain-row') explain.push(parseExplainRow(field.value));
        else if (field.key === 'explain') {
          const last = explain.at(-1);
          if (last && last.template === '') last.template = field.value;
          else explain.push({ row: parseRowSelector('first'), template: field.value, otherwise: false });
        } else if (field.key === 'explain-if') {
          const last = explain.at(-1);
          if (!last || last.template === '') throw new Error('"-- explain-if:" adds to the "-- explain:" line before it, and there is none.');
          (last.clauses ??= []).push(parseClause(field.value));
        } else if (field.key === 'warn-if') warnings.push(parseWarning(field.value));
        else if (field.key === 'suggest') suggest.push(parseSuggest(field.value, params));
      } catch (error) {
        throw new Error(`Line ${field.line}: ${(error as Error).message}`);
      }
    }
    const unfilled = explain.find((block) => block.template === '');
    if (unfilled) throw new Error('Every "-- explain-row:" needs an "-- explain:" line after it.');
    for (const block of explain) for (const template of [block.template, ...(block.clauses ?? []).map((c) => c.template)]) checkTemplate(template, params);
    for (const rule of suggest) checkTemplate(rule.label, params);
    const duplicate = params.find((p, i) => params.findIndex((q) => q.name === p.name) !== i);
    if (duplicate) throw new Error(`The parameter ${duplicate.name} is declared twice.`);
    checkParamsUsed(text, params);
    const empties = fields.filter((f) => f.key === 'empty');
    if (empties.length > 1) throw new Error('The header has more than one "-- empty:" line.');
    return {
      kind: 'sql',
      id,
      title: single(fields, 'title'),
      description: single(fields, 'description'),
      params,
      ...parseChart(single(fields, 'chart')),
      explain,
      warnings,
      ...(suggest.length > 0 ? { suggest } : {}),
      empty: empties[0]?.value ?? null,
      sql: text,
    };
  } catch (error) {
    throw new Error(`Recipe ${id}: ${(error as Error).message}`);
  }
}

function checkParamsUsed(sql: string, params: readonly RecipeParam[]): void {
  const used = paramNames(sql);
  const declared = params.map((p) => p.name);
  const undeclared = used.filter((name) => !declared.includes(name));
  if (undeclared.length > 0) throw new Error(`The SQL uses $${undeclared.join(', $')} without a "-- param:" line.`);
  const unused = declared.filter((name) => !used.includes(name));
  if (unused.length > 0) throw new Error(`The parameter ${unused.join(', ')} is declared but the SQL never uses it.`);
}
