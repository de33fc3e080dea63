import { sqlTokens } from './sqlTokens';
import type { ParamValue, Params } from './api';

/** Quotes an SQL identifier (table, column) so any name is safe to use. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal. Only for names DuckDB cannot take as parameters (file paths in table functions). */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Calls `replace` for every `$name` placeholder outside quoted strings, quoted
 * identifiers and comments, and returns the SQL with its answers in place.
 * Positional `$1` placeholders are not names and are left alone.
 */
export function replacePlaceholders(sql: string, replace: (name: string) => string): string {
  return sqlTokens(sql)
    .map((token) => (token.kind === 'param' ? replace(token.text.slice(1)) : token.text))
    .join('');
}

/** Names of the `$name` parameters an SQL text uses, in order of first use. */
export function paramNames(sql: string): string[] {
  const names: string[] = [];
  replacePlaceholders(sql, (name) => {
    if (!names.includes(name)) names.push(name);
    return '';
  });
  return names;
}

function requireValues(sql: string, params: Params): string[] {
  const names = paramNames(sql);
  const missing = names.find((name) => !(name in params));
  if (missing) throw new Error(`The SQL uses the parameter $${missing}, but no value was given for it.`);
  return names;
}

export interface BoundSql {
  sql: string;
  values: ParamValue[];
}

/**
 * Rewrites `$name` placeholders to positional `$1, $2, …` and lists the values
 * in that order, for a prepared statement. Recipes use names so they read well
 * (and run in the DuckDB CLI with `PREPARE …; EXECUTE …(name := value)`).
 */
export function bindNamed(sql: string, params: Params = {}): BoundSql {
  const names = requireValues(sql, params);
  return {
    sql: replacePlaceholders(sql, (name) => `$${names.indexOf(name) + 1}`),
    values: names.map((name) => params[name]),
  };
}

export interface VariableBinding {
  /** The SQL with each `$name` replaced by `getvariable('recur_p_name')`. */
  sql: string;
  /** Prepared `SET VARIABLE` statements, each with its value bound as `$1`. */
  assignments: { sql: string; value: ParamValue }[];
}

/**
 * Binds named parameters as DuckDB session variables: each value is set by a
 * prepared `SET VARIABLE … = $1`, and the query reads it with `getvariable`.
 * Values are still never pasted into SQL, but the query itself runs as plain
 * SQL, which DuckDB-WASM can cancel part-way (its prepared statements cannot
 * be interrupted).
 */
export function bindAsVariables(sql: string, params: Params = {}): VariableBinding {
  const names = requireValues(sql, params);
  const variable = (name: string) => `recur_p_${name}`;
  return {
    sql: replacePlaceholders(sql, (name) => `getvariable('${variable(name)}')`),
    assignments: names.map((name) => ({ sql: `SET VARIABLE ${variable(name)} = $1`, value: params[name] })),
  };
}
