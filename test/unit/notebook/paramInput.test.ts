import { describe, expect, it } from 'vitest';
import type { ParamDef } from '../../../src/lib/notebook/model';
import { readParamInput } from '../../../src/lib/notebook/paramInput';

const S: ParamDef = { name: 'seed_s', label: 'S: active at the start', type: 'number', value: 80, min: 1, max: 1000 };
const E: ParamDef = { name: 'seed_e', label: 'E: active at the end', type: 'number', value: 60, min: 0 };
const N: ParamDef = { name: 'seed_n', label: 'N: new in the period', type: 'number', value: 20, min: 0, atMost: 'seed_e' };

describe('readParamInput', () => {
  it.each([
    [S, '80', 80],
    [S, '1', 1],
    [S, '2.5e2', 250],
    [N, '0', 0],
    [{ name: 'free', type: 'number', value: null } satisfies ParamDef, '', null],
    [{ name: 'when', type: 'date', value: null } satisfies ParamDef, '2024-01-31', '2024-01-31'],
    [{ name: 'when', type: 'date', value: null } satisfies ParamDef, '', null],
  ] as const)('%o reads %s as %o', (def, raw, value) => {
    expect(readParamInput(def, raw)).toEqual({ ok: true, value });
  });

  it.each([
    [S, '0', 'Must be at least 1.'],
    [S, '-3', 'Must be at least 1.'],
    [S, '1001', 'Must be at most 1000.'],
    [S, '', 'Enter a number (at least 1).'],
    [S, 'abc', 'Enter a number.'],
    [S, 'Infinity', 'Enter a number.'],
    [N, '-1', 'Must be at least 0.'],
  ] as const)('%o refuses %s: %s', (def, raw, message) => {
    expect(readParamInput(def, raw)).toEqual({ ok: false, message });
  });

  it('keeps N at or below the applied E, and E at or above the applied N, naming the other and its value', () => {
    const cell = [S, N, E];
    expect(readParamInput(N, '70', cell)).toEqual({ ok: false, message: 'Must not be more than E: active at the end (60).' });
    expect(readParamInput(N, '60', cell)).toEqual({ ok: true, value: 60 });
    expect(readParamInput(E, '10', cell)).toEqual({ ok: false, message: 'Must not be less than N: new in the period (20).' });
    expect(readParamInput(E, '20', cell)).toEqual({ ok: true, value: 20 });
    // An E with no value yet does not hold N back.
    expect(readParamInput(N, '70', [S, N, { ...E, value: null }])).toEqual({ ok: true, value: 70 });
  });
});
