import { describe, expect, it } from 'vitest';
import { readableError } from '../../src/lib/engine/createEngine';
import { paramNames } from '../../src/lib/engine/sql';
import { sqlTokens, withoutComments, withoutStringsAndComments } from '../../src/lib/engine/sqlTokens';
import { sqlWords } from '../../src/lib/notebook/dependencies';

const TRICKY = `SELECT 'a -- not a comment', "odd -- name", '/* no */' AS x, $p -- real comment
FROM t /* block $q */ WHERE y = 'it''s $r';`;

describe('one SQL tokenizer', () => {
  it('gives the input back when its tokens are joined', () => {
    expect(sqlTokens(TRICKY).map((t) => t.text).join('')).toBe(TRICKY);
  });

  it('keeps -- and /* inside strings and quoted names, and drops only real comments', () => {
    expect(withoutComments(TRICKY)).toBe(`SELECT 'a -- not a comment', "odd -- name", '/* no */' AS x, $p \nFROM t   WHERE y = 'it''s $r';`);
    expect(withoutStringsAndComments(TRICKY)).toBe(`SELECT  , "odd -- name",   AS x, $p  \nFROM t   WHERE y =  ;`);
  });

  it('finds placeholders only in code', () => {
    expect(paramNames(TRICKY)).toEqual(['p']);
  });

  it('lists words of code and quoted names, not of strings or comments', () => {
    const words = sqlWords(TRICKY);
    expect(words.has('t')).toBe(true);
    expect(words.has('odd -- name')).toBe(true);
    expect(words.has('comment')).toBe(false);
    expect(words.has('block')).toBe(false);
  });
});

describe('readableError', () => {
  it("turns DuckDB's JSON errors into the CLI's wording", () => {
    const json = '{"exception_type":"Parser","exception_message":"syntax error at or near \\"FORM\\"","error_subtype":"SYNTAX_ERROR"}';
    expect(readableError(new Error(json)).message).toBe('Parser Error: syntax error at or near "FORM"');
    expect(readableError(new Error('Binder Error: x')).message).toBe('Binder Error: x');
  });
});
