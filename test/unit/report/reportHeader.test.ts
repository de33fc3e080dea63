import { describe, expect, it } from 'vitest';
import type { Cell, ParamDef } from '../../../src/lib/notebook/model';
import { analysisDate, repeatsTitle } from '../../../src/lib/report/reportHeader';
import { paramSummary } from '../../../src/lib/report/paramSummary';

const AS_OF: ParamDef = { name: 'as_of', label: 'Analysis date (empty = latest order)', type: 'date', value: null };
const params = (...defs: ParamDef[]): Cell => ({ id: 'p', kind: 'params', params: defs });
const text = (source: string): Cell => ({ id: 't', kind: 'markdown', source });

describe('the report header', () => {
  it('names the analysis date the parameters set, or none when the figures run to the latest order', () => {
    expect(analysisDate({ cells: [params(AS_OF)] })).toBeNull();
    expect(analysisDate({ cells: [params({ ...AS_OF, value: '' })] })).toBeNull();
    expect(analysisDate({ cells: [params({ ...AS_OF, value: '2011-06-30' })] })).toBe('2011-06-30');
    expect(analysisDate({ cells: [] })).toBeNull();
  });

  it('knows when the first text cell repeats the title', () => {
    expect(repeatsTitle({ title: 'Retention overview', cells: [text('# Retention overview\n\nEvery figure…')] })).toBe(true);
    expect(repeatsTitle({ title: 'Retention overview', cells: [text('## Retention overview')] })).toBe(false);
    expect(repeatsTitle({ title: 'Retention overview', cells: [text('# Something else')] })).toBe(false);
    expect(repeatsTitle({ title: 'Retention overview', cells: [params(AS_OF), text('# Retention overview')] })).toBe(false);
  });
});

describe('paramSummary', () => {
  it.each([
    [AS_OF, { label: 'Analysis date', value: 'latest order' }],
    [{ ...AS_OF, value: '2011-06-30' }, { label: 'Analysis date', value: '2011-06-30' }],
    [{ name: 'period', label: 'Period', type: 'select', value: 'month' } as ParamDef, { label: 'Period', value: 'month' }],
    [{ name: 'seed_s', type: 'number', value: null } as ParamDef, { label: 'seed_s', value: 'not set' }],
  ])('%j', (def, expected) => expect(paramSummary(def)).toEqual({ name: def.name, ...expected }));
});
