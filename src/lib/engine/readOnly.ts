import { quoteIdent, type VariableBinding } from './sql';
import { withoutStringsAndComments } from './sqlTokens';

/** The session variable that carries a read-only query's text into `query()`. */
const TEXT_VARIABLE = 'recur_read_only_sql';

/**
 * Wraps untrusted SQL (a notebook cell, a shared link's) so that DuckDB's own
 * parser decides whether it runs: the `query()` table function parses its
 * text and takes exactly one SELECT-like statement (SELECT, WITH, FROM-first,
 * VALUES, TABLE, DESCRIBE, SUMMARIZE, SHOW). Writes, settings, PRAGMA, CALL,
 * COPY, ATTACH and several statements fail with "Expected a single SELECT
 * statement". The text travels as a session variable's value, so nothing in
 * it becomes part of the wrapper's own SQL. With `keepAs` the result is kept
 * as that table (created or replaced) instead of being returned.
 */
export function readOnly(bound: VariableBinding, keepAs?: string): VariableBinding {
  const select = `FROM query(getvariable('${TEXT_VARIABLE}'))`;
  return {
    sql: keepAs === undefined ? select : `CREATE OR REPLACE TABLE ${quoteIdent(keepAs)} AS ${select}`,
    assignments: [...bound.assignments, { sql: `SET VARIABLE ${TEXT_VARIABLE} = $1`, value: bound.sql }],
  };
}

/** DuckDB's refusal of a text that is not one query (see `readOnly`). */
const NOT_ONE_QUERY = /^Parser Error: Expected a single SELECT statement/;
/** The "LINE 1: … ^" context of an error, when it quotes the wrapper. */
const WRAPPER_POSITION = new RegExp(`\\nLINE \\d+: [^\\n]*${TEXT_VARIABLE}[^\\n]*\\n[ ]*\\^[ ]*`);

/**
 * The error to show for `sql` refused by `readOnly`: what the cell holds, by
 * statement kind and the table it targets, and why it cannot run. DuckDB made
 * the decision; this only describes it, so a reader-friendly guess is enough.
 */
export function readOnlyError(sql: string, error: Error): Error {
  // DuckDB points its position at the wrapper, not at the text the person wrote.
  if (!NOT_ONE_QUERY.test(error.message)) return new Error(error.message.replace(WRAPPER_POSITION, ''));
  const statements = describeStatements(sql);
  const what =
    statements.length === 0
      ? 'This holds no statement'
      : statements.length === 1
        ? `This is ${article(statements[0].kind)} statement${on(statements[0])}`
        : `This holds ${statements.length} statements: ${statements.map((s) => s.kind + on(s)).join(', ')}`;
  // A PIVOT without its values listed makes DuckDB run a query first to find them: a second statement.
  const pivot = statements.length === 1 && /\bPIVOT\b/i.test(withoutStringsAndComments(sql));
  const advice = pivot
    ? 'A PIVOT is one query when it lists its values: PIVOT … ON column IN (value, …) USING ….'
    : 'Write one query (SELECT, WITH, FROM, VALUES, DESCRIBE, SUMMARIZE …): its result is kept as a table named after the cell.';
  return new Error(`${what}; notebook SQL can only read the data. ${advice}`);
}

function article(word: string): string {
  return `${/^[AEIOU]/.test(word) ? 'an' : 'a'} ${word}`;
}

function on(statement: StatementDescription): string {
  return statement.target === null ? '' : ` on "${statement.target}"`;
}

/** Words that qualify a statement's verb rather than name its target. */
const QUALIFIERS = new Set(['OR', 'REPLACE', 'IGNORE', 'TEMP', 'TEMPORARY', 'UNIQUE', 'PERSISTENT', 'IF', 'NOT', 'EXISTS', 'INTO', 'FROM', 'ONLY', 'AS']);
/** What CREATE, DROP and ALTER act on. */
const OBJECTS = new Set(['TABLE', 'VIEW', 'MACRO', 'FUNCTION', 'SCHEMA', 'SEQUENCE', 'TYPE', 'INDEX', 'SECRET', 'DATABASE']);
/** Statements whose next name is what they change. */
const TARGETED = new Set(['CREATE', 'DROP', 'ALTER', 'INSERT', 'DELETE', 'UPDATE', 'TRUNCATE', 'COPY', 'ATTACH', 'DETACH', 'SET', 'RESET', 'PRAGMA', 'CALL']);

export interface StatementDescription {
  /** The verb with what it acts on: `SELECT`, `DROP TABLE`, `CREATE OR REPLACE TABLE`. */
  kind: string;
  /** The table (setting, function, database) it changes, if it names one. */
  target: string | null;
}

/** Each statement's kind and target, for a message: `DROP TABLE` on `orders`. */
export function describeStatements(sql: string): StatementDescription[] {
  return withoutStringsAndComments(sql)
    .split(';')
    .map((text) => text.match(/"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_.]*|\(/g) ?? [])
    .filter((words) => words.length > 0)
    .map(describeOne);
}

function describeOne(words: string[]): StatementDescription {
  const upper = words.map((word) => word.toUpperCase());
  if (!TARGETED.has(upper[0])) return { kind: upper[0], target: null };
  const kind = [upper[0]];
  let i = 1;
  for (; QUALIFIERS.has(upper[i]); i++) if (upper[i] === 'OR' || upper[i] === 'REPLACE') kind.push(upper[i]);
  if (OBJECTS.has(upper[i])) kind.push(upper[i++]);
  while (QUALIFIERS.has(upper[i])) i += 1;
  const target = words[i];
  return { kind: kind.join(' '), target: target && target !== '(' ? target.replace(/^"(.*)"$/, '$1').replaceAll('""', '"') : null };
}
