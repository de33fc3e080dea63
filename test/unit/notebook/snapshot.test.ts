import { describe, expect, it } from 'vitest';
import { emptyNotebook, type Notebook } from '../../../src/lib/notebook/model';
import { contentKey, structureChanged } from '../../../src/lib/notebook/snapshot';

function notebook(): Notebook {
  return { ...emptyNotebook('Work'), cells: [{ id: 'a', kind: 'sql', name: 'result', source: 'SELECT 1', recipe: 'crr' }, { id: 'b', kind: 'markdown', source: '# hi' }] };
}

describe('contentKey', () => {
  it('ignores the save bookkeeping and the order keys were written in', () => {
    const nb = notebook();
    const reversed = (o: object) => Object.fromEntries(Object.entries(o).reverse());
    const reordered = { ...reversed(nb), cells: nb.cells.map(reversed) } as Notebook;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(nb));
    expect(contentKey({ ...reordered, version: 7, updatedAt: 1 })).toBe(contentKey(nb));
  });

  it('tells apart what a person changed', () => {
    const nb = notebook();
    expect(contentKey({ ...nb, title: 'Other' })).not.toBe(contentKey(nb));
    expect(contentKey({ ...nb, cells: [{ ...nb.cells[0], source: 'SELECT 2' } as Notebook['cells'][0], nb.cells[1]] })).not.toBe(contentKey(nb));
  });
});

describe('structureChanged', () => {
  const nb = notebook();
  it.each([
    ['a cell added', { ...nb, cells: [...nb.cells, { id: 'c', kind: 'chart', from: 'result', spec: {} }] }, true],
    ['a cell removed', { ...nb, cells: nb.cells.slice(1) }, true],
    ['cells moved', { ...nb, cells: [...nb.cells].reverse() }, true],
    ['a recipe swapped', { ...nb, cells: [{ ...nb.cells[0], recipe: 'rfm' }, nb.cells[1]] }, true],
    ['text typed', { ...nb, cells: [{ ...nb.cells[0], source: 'SELECT 42' }, nb.cells[1]] }, false],
    ['the title changed', { ...nb, title: 'New' }, false],
  ] as [string, Notebook, boolean][])('%s', (_name, after, expected) => {
    expect(structureChanged(nb, after)).toBe(expected);
  });
});
