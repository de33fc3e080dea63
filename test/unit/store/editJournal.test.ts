import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyNotebook, type Notebook } from '../../../src/lib/notebook/model';
import type { RecipeCatalog } from '../../../src/lib/recipes/catalog';
import { RecurDb } from '../../../src/lib/store/db';
import { EditJournal } from '../../../src/lib/store/editJournal';
import type { EngineStore } from '../../../src/lib/store/engine.svelte';
import { NotebookSession } from '../../../src/lib/store/notebook.svelte';
import { NotebookRepo } from '../../../src/lib/store/notebookRepo';

/** localStorage's interface over a Map, so a "reload" can keep it while everything else is new. */
class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

const later = (notebook: Notebook, ms: number): Notebook => ({ ...notebook, updatedAt: notebook.updatedAt + ms });

describe('EditJournal', () => {
  it('gives back edits newer than the saved copy, and forgets them once cleared', () => {
    const storage = new MemoryStorage();
    const saved = emptyNotebook('Plan');
    const journal = new EditJournal(storage);
    expect(journal.write({ ...saved, title: 'Plan, edited' }, saved.updatedAt + 10)).toBe(true);
    expect(new EditJournal(storage).newerThan(saved)?.title).toBe('Plan, edited');
    journal.clear(saved.id);
    expect(new EditJournal(storage).newerThan(saved)).toBeNull();
  });

  it('drops a journal that a later save already replaced, or that says what the saved copy says', () => {
    const storage = new MemoryStorage();
    const journal = new EditJournal(storage);
    const saved = emptyNotebook('Plan');
    journal.write({ ...saved, title: 'old edit' }, saved.updatedAt - 1);
    expect(journal.newerThan(saved)).toBeNull();
    expect(storage.items.size).toBe(0);
    journal.write(saved, saved.updatedAt + 5);
    expect(journal.newerThan(saved)).toBeNull();
    expect(storage.items.size).toBe(0);
  });

  it('keeps one journal per notebook', () => {
    const journal = new EditJournal(new MemoryStorage());
    const a = emptyNotebook('A');
    const b = emptyNotebook('B');
    journal.write({ ...a, title: 'A2' }, a.updatedAt + 1);
    journal.write({ ...b, title: 'B2' }, b.updatedAt + 1);
    expect(journal.newerThan(a)?.title).toBe('A2');
    expect(journal.newerThan(b)?.title).toBe('B2');
  });

  it('ignores an unreadable entry and survives a storage that refuses writes', () => {
    const storage = new MemoryStorage();
    const saved = emptyNotebook('Plan');
    storage.setItem(`recur:journal:${saved.id}`, '{not json');
    expect(new EditJournal(storage).newerThan(saved)).toBeNull();
    const refusing = { ...storage, getItem: () => null, removeItem: () => {}, setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } };
    expect(new EditJournal(refusing).write(later(saved, 1))).toBe(false);
    expect(new EditJournal(null).write(saved)).toBe(false);
  });
});

describe('a notebook session when storage is full', () => {
  const sessions: NotebookSession[] = [];
  afterEach(() => sessions.splice(0).forEach((s) => s.close()));

  /**
   * A NotebookRepo on fake-indexeddb whose saves fail while `disk.full` with
   * what Dexie hands on when Chromium aborts a transaction over quota (the
   * shape storageErrors.test.ts gets from a real Dexie write).
   */
  function openRepo(name: string, disk: { full: boolean }): NotebookRepo {
    const repo = new NotebookRepo(new RecurDb(name));
    const save = repo.save.bind(repo);
    repo.save = (notebook, options) =>
      disk.full ? Promise.reject(new Dexie.AbortError(new DOMException('', 'QuotaExceededError'))) : save(notebook, options);
    return repo;
  }

  function openSession(repo: NotebookRepo, notebook: Notebook, journal: EditJournal, watcher: { full: number; cleared: number }) {
    const session = new NotebookSession({} as EngineStore, repo, {} as RecipeCatalog, notebook, undefined, {
      journal,
      storage: { reportFull: () => (watcher.full += 1), cleared: () => (watcher.cleared += 1) },
    });
    sessions.push(session);
    return session;
  }

  it('says so in words, keeps the edit through a reload, and saves it once space is freed', async () => {
    const name = `full-${Math.random()}`;
    const disk = { full: false };
    const storage = new MemoryStorage();
    const watcher = { full: 0, cleared: 0 };
    const saved = await openRepo(name, disk).save(emptyNotebook('Plan'));

    disk.full = true;
    const repo = openRepo(name, disk);
    const tab = openSession(repo, saved, new EditJournal(storage), watcher);
    tab.setTitle('Plan, edited');
    expect(storage.items.size).toBe(1); // journalled at once, before the debounced save
    await tab.saveNow();
    expect(tab.saveStatus).toBe('error');
    expect(tab.storageFull).toBe(true);
    expect(tab.saveError).toMatch(/^Browser storage is full/);
    expect(tab.saveError).not.toMatch(/QuotaExceededError|AbortError/);
    expect(watcher.full).toBe(1);
    expect((await repo.get(saved.id))?.title).toBe('Plan');
    tab.close();

    // Reload: a new database connection and journal reader over the same storage.
    const reloadedRepo = openRepo(name, disk);
    const stored = (await reloadedRepo.get(saved.id))!;
    const journal = new EditJournal(storage);
    const unsaved = journal.newerThan(stored);
    expect(unsaved?.title).toBe('Plan, edited');
    const reloaded = openSession(reloadedRepo, stored, journal, watcher);
    reloaded.recover(unsaved!);
    expect(reloaded.recovered).toBe(true);
    expect(reloaded.notebook.title).toBe('Plan, edited');
    await reloaded.saveNow();
    expect(reloaded.saveStatus).toBe('error');

    disk.full = false; // the user removed a stored data file
    await reloaded.saveNow(); // Try again
    expect(reloaded.saveStatus).toBe('saved');
    expect(reloaded.storageFull).toBe(false);
    expect(watcher.cleared).toBe(1);
    const after = (await reloadedRepo.get(saved.id))!;
    expect(after.title).toBe('Plan, edited');
    expect(storage.items.size).toBe(0);
    expect(new EditJournal(storage).newerThan(after)).toBeNull();

    // Bringing the edits back was one undoable step.
    reloaded.undo();
    expect(reloaded.notebook.title).toBe('Plan');
  });

  it('does not call an ordinary failure a full disk', async () => {
    const repo = new NotebookRepo(new RecurDb(`broken-${Math.random()}`));
    repo.save = () => Promise.reject(new Dexie.ConstraintError('Key already exists.'));
    const watcher = { full: 0, cleared: 0 };
    const tab = openSession(repo, emptyNotebook('Plan'), new EditJournal(new MemoryStorage()), watcher);
    await tab.saveNow();
    expect(tab.saveStatus).toBe('error');
    expect(tab.storageFull).toBe(false);
    expect(tab.saveError).toBe('Key already exists.');
    expect(watcher.full).toBe(0);
  });
});
