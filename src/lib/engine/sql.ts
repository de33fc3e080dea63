import type { ParamValue, Params } from './api';

/** Quotes an SQL identifier (table, column) so any name is safe to use. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal. Only for names DuckDB cannot take as parameters (file paths in table functions). */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export interface BoundSql {
  sql: string;
  values: ParamValue[];
}

/**
 * Rewrites `$name` placeholders to positional `$1, $2, …` and lists the values
 * in that order. DuckDB-WASM binds prepared statements by position only, while
 * recipes use names so they read well (and run in the DuckDB CLI with
 * `PREPARE … ; EXECUTE …(name := value)`). Quoted strings, quoted identifiers
 * and comments are left alone.
 */
export function bindNamed(sql: string, params: Params = {}): BoundSql {
  const order: string[] = [];
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    const next = sql[i + 1];
    if (ch === "'" || ch === '"') {
      const end = skipQuoted(sql, i, ch);
      out += sql.slice(i, end);
      i = end;
    } else if (ch === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (ch === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end === -1 ? sql.length : end + 2;
      out += sql.slice(i, stop);
      i = stop;
    } else if (ch === '$' && /[A-Za-z_]/.test(next ?? '')) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1));
      const name = match![0];
      if (!(name in params)) throw new Error(`The SQL uses the parameter $${name}, but no value was given for it.`);
      let index = order.indexOf(name);
      if (index === -1) index = order.push(name) - 1;
      out += `$${index + 1}`;
      i += 1 + name.length;
    } else {
      out += ch;
      i += 1;
    }
  }
  return { sql: out, values: order.map((name) => params[name]) };
}

function skipQuoted(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i += 1;
  }
  return sql.length;
}

/** Names of the `$name` parameters an SQL text uses, in order of first use. */
export function paramNames(sql: string): string[] {
  const names: string[] = [];
  const probe: Record<string, ParamValue> = new Proxy({}, {
    has: (_t, key) => {
      if (typeof key === 'string' && !names.includes(key)) names.push(key);
      return true;
    },
    get: () => null,
  });
  bindNamed(sql, probe);
  return names;
}
