import { describe, expect, it } from 'vitest';
import { bindAsVariables, bindNamed, paramNames, quoteIdent, quoteLiteral } from '../../src/lib/engine/sql';

describe('bindNamed', () => {
  it.each([
    ['SELECT $a, $b, $a', { a: 1, b: 'x' }, 'SELECT $1, $2, $1', [1, 'x']],
    ["SELECT '$a' || $a", { a: 2 }, "SELECT '$a' || $1", [2]],
    ['SELECT "$a" FROM t WHERE x = $a', { a: 3 }, 'SELECT "$a" FROM t WHERE x = $1', [3]],
    ['SELECT $a -- $b\n, 1', { a: 4 }, 'SELECT $1 -- $b\n, 1', [4]],
    ['SELECT /* $b */ $a', { a: 5 }, 'SELECT /* $b */ $1', [5]],
    ["SELECT 'it''s $a', $a_b", { a_b: null }, "SELECT 'it''s $a', $1", [null]],
    ['SELECT 1 + $1', {}, 'SELECT 1 + $1', []],
  ] as const)('%s', (sql, params, expectedSql, expectedValues) => {
    const bound = bindNamed(sql, params);
    expect(bound.sql).toBe(expectedSql);
    expect(bound.values).toEqual(expectedValues);
  });

  it('names a parameter that has no value', () => {
    expect(() => bindNamed('SELECT $period', {})).toThrow(/\$period/);
  });

  it('lists parameter names in order of first use', () => {
    expect(paramNames("SELECT $b, $a, $b, '$c'")).toEqual(['b', 'a']);
  });
});

describe('quoting', () => {
  it('doubles embedded quotes', () => {
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(quoteLiteral("it's")).toBe("'it''s'");
  });
});

describe('bindAsVariables', () => {
  it('reads each parameter from a session variable set by a prepared statement', () => {
    const bound = bindAsVariables("SELECT $a + $a, '$a', $b", { a: 1, b: "x'y" });
    expect(bound.sql).toBe("SELECT getvariable('recur_p_a') + getvariable('recur_p_a'), '$a', getvariable('recur_p_b')");
    expect(bound.assignments).toEqual([
      { sql: 'SET VARIABLE recur_p_a = $1', value: 1 },
      { sql: 'SET VARIABLE recur_p_b = $1', value: "x'y" },
    ]);
  });
  it('names a parameter that has no value', () => {
    expect(() => bindAsVariables('SELECT $as_of', {})).toThrow(/\$as_of/);
  });
});
