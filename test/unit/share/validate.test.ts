import { describe, expect, it } from 'vitest';
import { NOTEBOOK_LIMITS, NotebookValidationError, validateCell, validateNotebook } from '../../../src/lib/notebook/validate';

function problem(run: () => unknown): NotebookValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof NotebookValidationError) return error;
    throw error;
  }
  throw new Error('no validation error');
}

describe('validateNotebook', () => {
  it('returns a clean copy with only the known fields', () => {
    const input = {
      id: 'keep-me',
      title: 'T',
      createdAt: 5,
      updatedAt: 6,
      version: 7,
      extra: 'dropped',
      cells: [
        { id: 'a', kind: 'sql', name: 'x', source: 'SELECT 1', chart: { mark: 'bar', onClick: 'alert(1)' }, script: 'dropped' },
        { id: 'b', kind: 'params', params: [{ name: 'p', type: 'number', value: 1, min: 0, evil: true }] },
      ],
    };
    const clean = validateNotebook(input);
    expect(clean).toStrictEqual({
      id: 'keep-me',
      title: 'T',
      createdAt: 5,
      updatedAt: 6,
      version: 7,
      cells: [
        { id: 'a', kind: 'sql', name: 'x', source: 'SELECT 1', chart: { mark: 'bar' } },
        { id: 'b', kind: 'params', params: [{ name: 'p', type: 'number', value: 1, min: 0 }] },
      ],
    });
    expect(clean.cells[0]).not.toBe(input.cells[0]);
  });

  it('replaces missing or malformed ids, repeated cell ids and bad timestamps', () => {
    const clean = validateNotebook({
      id: '<script>',
      title: 'T',
      createdAt: Number.NaN,
      version: -1,
      cells: [
        { id: 'same', kind: 'markdown', source: 'a' },
        { id: 'same', kind: 'markdown', source: 'b' },
        { kind: 'markdown', source: 'c' },
      ],
    });
    expect(clean.id).toMatch(/^[0-9a-f]{8}$/);
    expect(clean.version).toBe(0);
    expect(clean.createdAt).toBeGreaterThan(1000);
    expect(clean.cells[0].id).toBe('same');
    expect(new Set(clean.cells.map((c) => c.id)).size).toBe(3);
  });

  it('ignores inherited fields', () => {
    const cell = Object.create({ kind: 'markdown', source: 'from the prototype' }) as object;
    expect(problem(() => validateCell(cell, 'c')).path).toBe('c.kind');
  });

  it.each([
    ['a title that is not text', { title: 1, cells: [] }, 'title', /must be text, not 1/],
    ['no cells', { title: 'T' }, 'cells', /must be a list/],
    ['an unknown cell kind', { title: 'T', cells: [{ kind: 'python', source: '' }] }, 'cells[0].kind', /one of markdown, sql, chart, params/],
    ['a cell name with SQL in it', { title: 'T', cells: [{ kind: 'sql', name: 'x; DROP TABLE orders', source: '' }] }, 'cells[0].name', /not a cell name/],
    ['a cell name that shadows a table', { title: 'T', cells: [{ kind: 'sql', name: 'customers', source: '' }] }, 'cells[0].name', /data tables/],
    ['two cells with one name', { title: 'T', cells: [{ kind: 'sql', name: 'a', source: '' }, { kind: 'sql', name: 'a', source: '' }] }, 'cells[1].name', /already called/],
    ['a recipe id with a path', { title: 'T', cells: [{ kind: 'sql', name: 'a', source: '', recipe: '../x' }] }, 'cells[0].recipe', /not a recipe id/],
    ['an unknown sort', { title: 'T', cells: [{ kind: 'chart', from: 'a', spec: { sort: 'random' } }] }, 'cells[0].spec.sort', /one of x, y, -y, none/],
    ['a chart spec that is a list', { title: 'T', cells: [{ kind: 'chart', from: 'a', spec: [] }] }, 'cells[0].spec', /must be an object, not a list/],
    ['a parameter name starting with a digit', { title: 'T', cells: [{ kind: 'params', params: [{ name: '1st', type: 'text', value: '' }] }] }, 'cells[0].params[0].name', /not a parameter name/],
    ['an infinite number', { title: 'T', cells: [{ kind: 'params', params: [{ name: 'p', type: 'number', value: Infinity }] }] }, 'cells[0].params[0].value', /finite number/],
    ['a boolean value', { title: 'T', cells: [{ kind: 'params', params: [{ name: 'p', type: 'text', value: true }] }] }, 'cells[0].params[0].value', /text, a number or null/],
    ['an option that is not text', { title: 'T', cells: [{ kind: 'params', params: [{ name: 'p', type: 'select', value: 'a', options: ['a', 2] }] }] }, 'cells[0].params[0].options[1]', /must be text/],
    ['an oversized source', { title: 'T', cells: [{ kind: 'markdown', source: 'x'.repeat(NOTEBOOK_LIMITS.sourceChars + 1) }] }, 'cells[0].source', /the limit is 1000000/],
    ['an oversized title', { title: 'x'.repeat(501), cells: [] }, 'title', /the limit is 500/],
    ['too many cells', { title: 'T', cells: Array.from({ length: 501 }, () => ({ kind: 'markdown', source: '' })) }, 'cells', /501 cells/],
  ])('rejects %s at %s', (_what, input, path, message) => {
    const error = problem(() => validateNotebook(input));
    expect(error.path).toBe(path);
    expect(error.message).toMatch(message);
  });
});
