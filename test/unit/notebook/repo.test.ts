import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { RecurDb } from '../../../src/lib/store/db';
import { MAX_REVISIONS, NotebookRepo, SaveConflictError } from '../../../src/lib/store/notebookRepo';
import { emptyNotebook } from '../../../src/lib/notebook/model';

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
});
