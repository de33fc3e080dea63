import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { RecurDb } from '../../../src/lib/store/db';
import { MAX_REVISIONS, NotebookRepo, SaveConflictError } from '../../../src/lib/store/notebookRepo';
import { emptyNotebook, type Cell, type Notebook, type SqlCell } from '../../../src/lib/notebook/model';

let repo: NotebookRepo;
let db: RecurDb;

beforeEach(async () => {
  db = new RecurDb(`test-${Math.random()}`);
  repo = new NotebookRepo(db);
});

describe('NotebookRepo', () => {
  it('saves, bumps the version and lists newest first', async () => {
    const a = await repo.save(emptyNotebook('A'));
    expect(a.version).toBe(1);
    await new Promise((r) => setTimeout(r, 5));
    const b = await repo.save(emptyNotebook('B'));
    const again = await repo.save({ ...a, title: 'A2' });
    expect(again.version).toBe(2);
    expect((await repo.list()).map((n) => n.title)).toEqual(['A2', 'B']);
    expect(b.version).toBe(1);
  });

  it('refuses to overwrite a newer save from another tab, unless told to', async () => {
    const first = await repo.save(emptyNotebook('Shared'));
    const tabA = structuredClone(first);
    const tabB = structuredClone(first);
    await repo.save({ ...tabA, title: 'from A' });
    const attempt = repo.save({ ...tabB, title: 'from B' });
    await expect(attempt).rejects.toBeInstanceOf(SaveConflictError);
    await attempt.catch((error: SaveConflictError) => expect(error.theirs.title).toBe('from A'));
    const forced = await repo.save({ ...tabB, title: 'from B' }, { overwrite: true });
    expect(forced.title).toBe('from B');
    expect(forced.version).toBe(3);
  });

  it('keeps revisions and restores an earlier one', async () => {
    let nb = await repo.save(emptyNotebook('v1'), { forceRevision: true });
    nb = await repo.save({ ...nb, title: 'v2' }, { forceRevision: true });
    nb = await repo.save({ ...nb, title: 'v3' });
    const revisions = await repo.revisions(nb.id);
    expect(revisions.map((r) => r.notebook.title)).toEqual(['v2', 'v1']);
    const restored = await repo.restore(revisions[1]);
    expect(restored.title).toBe('v1');
    expect((await repo.get(nb.id))?.title).toBe('v1');
    expect(restored.version).toBe(nb.version + 1);
  });

  it('prunes revisions beyond the limit', async () => {
    let nb = await repo.save(emptyNotebook('many'), { forceRevision: true });
    for (let i = 0; i < MAX_REVISIONS + 5; i++) nb = await repo.save({ ...nb, title: `t${i}` }, { forceRevision: true });
    const revisions = await repo.revisions(nb.id);
    expect(revisions).toHaveLength(MAX_REVISIONS);
    expect(revisions[0].notebook.title).toBe(`t${MAX_REVISIONS + 4}`);
  });

  it('deletes with undo, and duplicates', async () => {
    const nb = await repo.save(emptyNotebook('doomed'), { forceRevision: true });
    const copy = await repo.duplicate(nb.id);
    expect(copy.title).toBe('doomed (copy)');
    expect(copy.id).not.toBe(nb.id);
    const deleted = await repo.delete(nb.id);
    expect(await repo.get(nb.id)).toBeUndefined();
    expect(await repo.revisions(nb.id)).toEqual([]);
    await repo.undoDelete(deleted!);
    expect((await repo.get(nb.id))?.title).toBe('doomed');
    expect(await repo.revisions(nb.id)).toHaveLength(1);
  });

  it('restoring keeps the state it replaces, and lists each state once', async () => {
    // The steps: a new notebook (kept), then a SQL cell, a chart cell and a title within a minute.
    let nb = await repo.save(withCells(emptyNotebook('Untitled'), sqlCell('a')), { forceRevision: true });
    nb = await repo.save(withCells(nb, sqlCell('a'), sqlCell('b')));
    nb = await repo.save(withCells(nb, sqlCell('a'), sqlCell('b'), chartCell('c')));
    nb = await repo.save({ ...nb, title: 'Churn deep-dive' });
    const oldest = (await repo.revisions(nb.id)).at(-1)!;
    expect(oldest.notebook.cells).toHaveLength(1);

    const restored = await repo.restore(oldest);
    expect(restored.cells).toHaveLength(1);
    expect(restored.title).toBe('Untitled');
    const after = await repo.revisions(nb.id);
    // The work being replaced (three cells and the new title) is there, once; so is the restored state.
    expect(after.filter((r) => r.notebook.title === 'Churn deep-dive' && r.notebook.cells.length === 3)).toHaveLength(1);
    expect(after.filter((r) => r.notebook.title === 'Untitled' && r.notebook.cells.length === 1)).toHaveLength(1);
    expect(new Set(after.map((r) => JSON.stringify([r.notebook.title, r.notebook.cells]))).size).toBe(after.length);

    // Restoring the work again brings it back, and still nothing is listed twice.
    const work = after.find((r) => r.notebook.title === 'Churn deep-dive')!;
    expect((await repo.restore(work)).cells).toHaveLength(3);
    expect(await repo.revisions(nb.id)).toHaveLength(after.length);
  });

  it('restoring keeps a tab\'s unsaved edits when it passes them in', async () => {
    const nb = await repo.save(withCells(emptyNotebook('Doc'), sqlCell('a')), { forceRevision: true });
    const [first] = await repo.revisions(nb.id);
    const unsaved = { ...nb, title: 'typed but not yet saved' };
    await repo.restore(first, unsaved);
    expect((await repo.revisions(nb.id)).map((r) => r.notebook.title)).toContain('typed but not yet saved');
  });

  it('keeps a revision at every structural change, with the state it leaves', async () => {
    let nb = await repo.save(withCells(emptyNotebook('Doc'), sqlCell('a'), sqlCell('b')), { forceRevision: true });
    const count = async () => (await repo.revisions(nb.id)).length;
    // Typing within the minute keeps nothing new…
    nb = await repo.save(withCells(nb, sqlCell('a'), { ...sqlCell('b'), source: 'SELECT 42 AS answer' }));
    expect(await count()).toBe(1);
    // …but removing the cell keeps what it held, and the state after.
    nb = await repo.save(withCells(nb, sqlCell('a')));
    const texts = (await repo.revisions(nb.id)).map((r) => r.notebook.cells.map((c) => (c.kind === 'sql' ? c.source : '')).join(';'));
    expect(texts).toContain('SELECT 1;SELECT 42 AS answer');
    expect(await count()).toBe(3);
    // Moving cells and swapping a recipe are structural too.
    nb = await repo.save(withCells(nb, sqlCell('z'), sqlCell('a')));
    expect(await count()).toBe(4);
    // Back to a state already listed: nothing new.
    nb = await repo.save(withCells(nb, sqlCell('a')));
    expect(await count()).toBe(4);
    nb = await repo.save(withCells(nb, { ...sqlCell('a'), recipe: 'crr' }));
    expect(await count()).toBe(5);
  });
});

function sqlCell(id: string): SqlCell {
  return { id, kind: 'sql', name: `r_${id}`, source: 'SELECT 1' };
}

function chartCell(id: string): Cell {
  return { id, kind: 'chart', from: 'r_a', spec: {} };
}

function withCells(notebook: Notebook, ...cells: Cell[]): Notebook {
  return { ...notebook, cells };
}
