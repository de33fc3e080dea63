import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../scripts/cli/args';
import { asCsv, asTable, type RunOutput } from '../../scripts/cli/format';

describe('recur run arguments', () => {
  it('reads every option', () => {
    expect(
      parseArgs(['run', 'crr', '--orders', 'a.csv', '--orders', 'b.csv', '--feedback', 'f.csv', '--param', 'period=quarter', '--param', 'as_of=2024-06-30', '--engine', 'native', '--format', 'csv']),
    ).toEqual({
      recipe: 'crr',
      orders: ['a.csv', 'b.csv'],
      feedback: ['f.csv'],
      params: { period: 'quarter', as_of: '2024-06-30' },
      engine: 'native',
      format: 'csv',
    });
  });

  it.each([
    [['crr'], /usage/],
    [['run'], /usage/],
    [['run', 'crr'], /--orders/],
    [['run', 'crr', '--orders'], /needs a value/],
    [['run', 'crr', '--orders', 'a', '--engine', 'gpu'], /wasm or native/],
    [['run', 'crr', '--orders', 'a', '--param', 'novalue'], /name=value/],
    [['run', 'crr', '--orders', 'a', '--colour', 'x'], /Unknown option --colour/],
  ])('refuses %j with a one-line reason', (argv, reason) => {
    expect(() => parseArgs(argv)).toThrow(reason);
  });
});

describe('output formats', () => {
  const output: RunOutput = {
    recipe: 'x',
    params: {},
    columns: [{ name: 'name', type: 'VARCHAR' }, { name: 'n', type: 'DOUBLE' }],
    rows: [{ name: 'a, "b"', n: 1.5 }, { name: null, n: 2 }],
    warnings: ['careful'],
    explanation: 'n = 1.5',
  };
  it('writes RFC 4180 CSV', () => {
    expect(asCsv(output)).toBe('name,n\n"a, ""b""",1.5\n,2\n');
  });
  it('writes an aligned table with the explanation and warnings', () => {
    expect(asTable(output)).toBe('name    n\n------  ---\na, "b"  1.5\n        2\n\nn = 1.5\nwarning: careful\n');
  });
});
