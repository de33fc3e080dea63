import type { JsonValue, Row } from '../engine/rows';
import type { ComparisonOp, Condition, RowPick, RowSelector } from './types';

type Token = { kind: 'word'; text: string } | { kind: 'literal'; value: string | number } | { kind: 'op'; text: ComparisonOp };

function tokenize(text: string): Token[] {
  const pattern = /\s*(?:'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?)(?![\w.])|(!=|<>|<=|>=|=|<|>)|([A-Za-z_][A-Za-z0-9_]*))/y;
  const tokens: Token[] = [];
  while (pattern.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(pattern.lastIndex))) break;
    const at = pattern.lastIndex;
    const m = pattern.exec(text);
    if (!m) throw new Error(`Cannot read "${text.slice(at).trim()}" in "${text}".`);
    if (m[1] !== undefined) tokens.push({ kind: 'literal', value: m[1].replaceAll("''", "'") });
    else if (m[2] !== undefined) tokens.push({ kind: 'literal', value: Number(m[2]) });
    else if (m[3] !== undefined) tokens.push({ kind: 'op', text: m[3] === '<>' ? '!=' : (m[3] as ComparisonOp) });
    else tokens.push({ kind: 'word', text: m[4] });
  }
  return tokens;
}

class Reader {
  private i = 0;
  constructor(private readonly tokens: Token[], private readonly source: string) {}
  done(): boolean {
    return this.i >= this.tokens.length;
  }
  peekWord(): string | null {
    const t = this.tokens[this.i];
    return t?.kind === 'word' ? t.text.toLowerCase() : null;
  }
  next(): Token {
    const t = this.tokens[this.i++];
    if (!t) throw this.error('it ends too early');
    return t;
  }
  word(): string {
    const t = this.next();
    if (t.kind !== 'word') throw this.error('a column name was expected');
    return t.text;
  }
  keyword(expected: string): void {
    const t = this.next();
    if (t.kind !== 'word' || t.text.toLowerCase() !== expected) throw this.error(`"${expected}" was expected`);
  }
  error(why: string): Error {
    return new Error(`Cannot read the condition "${this.source}": ${why}.`);
  }
}

function readCondition(r: Reader): Condition {
  const column = r.word();
  if (r.peekWord() === 'is') {
    r.next();
    if (r.peekWord() === 'not') {
      r.next();
      r.keyword('null');
      return { column, op: 'is not null' };
    }
    r.keyword('null');
    return { column, op: 'is null' };
  }
  const op = r.next();
  if (op.kind !== 'op') throw r.error(`an operator (=, !=, <, <=, >, >=) or "is null" was expected after ${column}`);
  const value = r.next();
  if (value.kind === 'literal') return { column, op: op.text, value: value.value };
  if (value.kind === 'word' && /^(true|false)$/i.test(value.text)) {
    return { column, op: op.text, value: value.text.toLowerCase() === 'true' };
  }
  throw r.error(`a number, 'text', true or false was expected after ${column} ${op.text}`);
}

function readConditions(r: Reader): Condition[] {
  const conditions = [readCondition(r)];
  while (!r.done()) {
    r.keyword('and');
    conditions.push(readCondition(r));
  }
  return conditions;
}

/** Parses `a = 1 and b is not null` (a conjunction of column conditions). */
export function parseConditions(text: string): Condition[] {
  return readConditions(new Reader(tokenize(text), text));
}

/** Parses `first|last|max <column>|min <column> [where <conditions>]`. */
export function parseRowSelector(text: string): RowSelector {
  const r = new Reader(tokenize(text), text);
  const kind = r.peekWord();
  if (kind !== 'first' && kind !== 'last' && kind !== 'max' && kind !== 'min') {
    throw new Error(`A row selector starts with first, last, max <column> or min <column>, not "${text}".`);
  }
  r.next();
  const pick: RowPick = kind === 'max' || kind === 'min' ? { kind, column: r.word() } : { kind };
  if (r.done()) return { pick, where: [] };
  r.keyword('where');
  return { pick, where: readConditions(r) };
}

function valueOf(row: Row, column: string): JsonValue {
  if (!(column in row)) throw new Error(`The result has no column "${column}".`);
  return row[column];
}

function compare(a: JsonValue, b: string | number | boolean): number | null {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return null;
}

/** True when the row meets the condition; a comparison with NULL or another type is false, as in SQL. */
export function meets(row: Row, condition: Condition): boolean {
  const value = valueOf(row, condition.column);
  if (!('value' in condition)) return (value === null) === (condition.op === 'is null');
  const order = compare(value, condition.value);
  if (order === null) return false;
  switch (condition.op) {
    case '=': return order === 0;
    case '!=': return order !== 0;
    case '<': return order < 0;
    case '<=': return order <= 0;
    case '>': return order > 0;
    case '>=': return order >= 0;
  }
}

export function meetsAll(row: Row, conditions: readonly Condition[]): boolean {
  return conditions.every((c) => meets(row, c));
}

/** The row a selector picks, or `undefined`. For max/min, rows whose value is not a number are ignored; ties keep the first. */
export function selectRow(rows: readonly Row[], selector: RowSelector): Row | undefined {
  const matching = rows.filter((row) => meetsAll(row, selector.where));
  const { pick } = selector;
  if (pick.kind === 'first') return matching[0];
  if (pick.kind === 'last') return matching.at(-1);
  let best: Row | undefined;
  let bestValue = 0;
  for (const row of matching) {
    const value = valueOf(row, pick.column);
    if (typeof value !== 'number') continue;
    if (best === undefined || (pick.kind === 'max' ? value > bestValue : value < bestValue)) {
      best = row;
      bestValue = value;
    }
  }
  return best;
}
