/**
 * The one SQL tokenizer: splits SQL text into the pieces the rest of the app
 * must tell apart — string literals, quoted identifiers, comments and `$name`
 * placeholders — and the plain code between them. Joining every token's
 * `text` gives the input back unchanged.
 */
export type SqlTokenKind = 'code' | 'string' | 'quoted' | 'comment' | 'param';

export interface SqlToken {
  kind: SqlTokenKind;
  text: string;
}

export function sqlTokens(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  let code = '';
  const push = (kind: SqlTokenKind, text: string) => {
    if (code) tokens.push({ kind: 'code', text: code });
    code = '';
    tokens.push({ kind, text });
  };
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    const next = sql[i + 1];
    if (ch === "'" || ch === '"') {
      const end = skipQuoted(sql, i, ch);
      push(ch === "'" ? 'string' : 'quoted', sql.slice(i, end));
      i = end;
    } else if (ch === '-' && next === '-') {
      const end = endOf(sql, sql.indexOf('\n', i), 0);
      push('comment', sql.slice(i, end));
      i = end;
    } else if (ch === '/' && next === '*') {
      const end = endOf(sql, sql.indexOf('*/', i + 2), 2);
      push('comment', sql.slice(i, end));
      i = end;
    } else if (ch === '$' && /[A-Za-z_]/.test(next ?? '')) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1))![0];
      push('param', sql.slice(i, i + 1 + name.length));
      i += 1 + name.length;
    } else {
      code += ch;
      i += 1;
    }
  }
  if (code) tokens.push({ kind: 'code', text: code });
  return tokens;
}

function endOf(sql: string, found: number, length: number): number {
  return found === -1 ? sql.length : found + length;
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

/** The SQL without its comments (strings and identifiers untouched). */
export function withoutComments(sql: string): string {
  return sqlTokens(sql)
    .map((token) => (token.kind === 'comment' ? (token.text.startsWith('--') ? '' : ' ') : token.text))
    .join('');
}

/** The SQL with strings and comments blanked out (quoted identifiers stay), for reading its words. */
export function withoutStringsAndComments(sql: string): string {
  return sqlTokens(sql)
    .map((token) => (token.kind === 'string' || token.kind === 'comment' ? ' ' : token.text))
    .join('');
}
