import type { Notebook } from '../notebook/model';
import { newId } from '../notebook/model';
import { contentKey, structureChanged } from '../notebook/snapshot';
import type { RecurDb, Revision } from './db';

/** Another tab saved this notebook since this tab last read it. */
export class SaveConflictError extends Error {
  constructor(readonly theirs: Notebook) {
    super(`"${theirs.title}" was changed in another tab or window.`);
    this.name = 'SaveConflictError';
  }
}

/** Revisions kept per notebook; older ones are pruned. */
export const MAX_REVISIONS = 50;
/** While someone is typing, a new revision is recorded at most this often (structural changes always record one). */
export const REVISION_INTERVAL_MS = 60_000;

/** Notebook storage: save with conflict detection, revisions, delete with undo. */
export class NotebookRepo {
  constructor(private readonly db: RecurDb) {}

  list(): Promise<Notebook[]> {
    return this.db.notebooks.orderBy('updatedAt').reverse().toArray();
  }

  get(id: string): Promise<Notebook | undefined> {
    return this.db.notebooks.get(id);
  }

  /**
   * Saves `notebook` if the stored copy is still at `notebook.version` (or
   * absent) and returns the saved copy with its new version. Throws
   * `SaveConflictError` when another tab saved in between.
   *
   * Revisions: a structural change (cells added, removed, moved, a recipe
   * swapped) keeps both the state it leaves and the new one, so a removed
   * cell's text survives; otherwise a revision is kept at most every
   * REVISION_INTERVAL_MS. A state already kept is never kept twice.
   */
  async save(notebook: Notebook, options: { forceRevision?: boolean; overwrite?: boolean } = {}): Promise<Notebook> {
    return this.db.transaction('rw', this.db.notebooks, this.db.revisions, async () => {
      const stored = await this.db.notebooks.get(notebook.id);
      if (stored && stored.version !== notebook.version && !options.overwrite) throw new SaveConflictError(stored);
      const saved: Notebook = { ...notebook, version: (stored?.version ?? notebook.version) + 1, updatedAt: Date.now() };
      await this.db.notebooks.put(saved);
      const structural = stored !== undefined && structureChanged(stored, saved);
      if (structural) await this.#keep(stored, stored.updatedAt);
      const last = await this.db.revisions.where('[notebookId+savedAt]').between([saved.id, 0], [saved.id, Infinity]).last();
      if (options.forceRevision || structural || !last || saved.updatedAt - last.savedAt >= REVISION_INTERVAL_MS) {
        await this.#keep(saved, saved.updatedAt);
      }
      return saved;
    });
  }

  /** Adds `notebook` to its revisions unless the same state is already there; true when added. */
  async #keep(notebook: Notebook, savedAt: number): Promise<boolean> {
    const key = contentKey(notebook);
    const kept = await this.db.revisions.where('notebookId').equals(notebook.id).toArray();
    if (kept.some((revision) => contentKey(revision.notebook) === key)) return false;
    await this.db.revisions.add({ notebookId: notebook.id, savedAt, version: notebook.version, notebook });
    await this.#prune(notebook.id);
    return true;
  }

  async #prune(notebookId: string): Promise<void> {
    const keys = await this.db.revisions.where('notebookId').equals(notebookId).primaryKeys();
    if (keys.length > MAX_REVISIONS) await this.db.revisions.bulkDelete(keys.sort((a, b) => a - b).slice(0, keys.length - MAX_REVISIONS));
  }

  revisions(notebookId: string): Promise<Revision[]> {
    return this.db.revisions.where('[notebookId+savedAt]').between([notebookId, 0], [notebookId, Infinity]).reverse().toArray();
  }

  /**
   * Makes an earlier revision the current notebook. The state it replaces
   * (`current`, e.g. a tab's unsaved edits, else the stored copy) is kept as a
   * revision first, so a restore never loses work; the restored state is not
   * copied again, it is already listed.
   */
  async restore(revision: Revision, current?: Notebook): Promise<Notebook> {
    return this.db.transaction('rw', this.db.notebooks, this.db.revisions, async () => {
      const stored = await this.get(revision.notebookId);
      const leaving = current ?? stored;
      if (leaving) await this.#keep(leaving, Date.now());
      return this.save({ ...revision.notebook, version: stored?.version ?? 0 }, { forceRevision: true, overwrite: true });
    });
  }

  async duplicate(id: string): Promise<Notebook> {
    const source = await this.get(id);
    if (!source) throw new Error('That notebook no longer exists.');
    const now = Date.now();
    return this.save({ ...structuredClone(source), id: newId(), title: `${source.title} (copy)`, createdAt: now, updatedAt: now, version: 0 }, { forceRevision: true });
  }

  /** Deletes a notebook and its revisions; returns what `undoDelete` needs to bring them back. */
  async delete(id: string): Promise<{ notebook: Notebook; revisions: Revision[] } | null> {
    return this.db.transaction('rw', this.db.notebooks, this.db.revisions, async () => {
      const notebook = await this.db.notebooks.get(id);
      if (!notebook) return null;
      const revisions = await this.db.revisions.where('notebookId').equals(id).toArray();
      await this.db.notebooks.delete(id);
      await this.db.revisions.where('notebookId').equals(id).delete();
      return { notebook, revisions };
    });
  }

  async undoDelete(deleted: { notebook: Notebook; revisions: Revision[] }): Promise<void> {
    await this.db.transaction('rw', this.db.notebooks, this.db.revisions, async () => {
      await this.db.notebooks.put(deleted.notebook);
      await this.db.revisions.bulkPut(deleted.revisions);
    });
  }
}
