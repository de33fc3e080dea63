import type { Notebook } from '../notebook/model';

const PREFIX = 'recur:journal:';

interface Entry {
  editedAt: number;
  notebook: Notebook;
}

/**
 * The unsaved-edits journal: the newest state of each notebook, written on
 * every edit before the debounced save, so an edit survives a reload even when
 * IndexedDB cannot take it. It lives in localStorage, which has its own quota,
 * apart from the one the stored data files use up.
 */
export class EditJournal {
  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null = defaultStorage()) {}

  /** Records `notebook` as edited now; false when even the journal could not take it. */
  write(notebook: Notebook, editedAt = Date.now()): boolean {
    try {
      this.storage?.setItem(PREFIX + notebook.id, JSON.stringify({ editedAt, notebook } satisfies Entry));
      return !!this.storage;
    } catch {
      return false;
    }
  }

  /**
   * The journalled edits of `saved`'s notebook when they are newer than the
   * saved copy and differ from it; null otherwise (such a journal is dropped:
   * a later save, perhaps from another tab, already has or replaced them).
   */
  newerThan(saved: Notebook): Notebook | null {
    const entry = this.#read(saved.id);
    if (!entry) return null;
    if (entry.editedAt < saved.updatedAt || sameContent(entry.notebook, saved)) {
      this.clear(saved.id);
      return null;
    }
    return entry.notebook;
  }

  /** Forgets the journal of a notebook, after its edits were saved (or it was deleted). */
  clear(notebookId: string): void {
    try {
      this.storage?.removeItem(PREFIX + notebookId);
    } catch {
      // A journal that cannot be removed is dropped at the next start, once a save is newer.
    }
  }

  #read(notebookId: string): Entry | null {
    try {
      const text = this.storage?.getItem(PREFIX + notebookId);
      if (!text) return null;
      const entry = JSON.parse(text) as Partial<Entry>;
      return typeof entry.editedAt === 'number' && entry.notebook?.id === notebookId && Array.isArray(entry.notebook.cells) ? (entry as Entry) : null;
    } catch {
      return null;
    }
  }
}

/** Title and cells: what a person edits (version and dates move with every save). */
function sameContent(a: Notebook, b: Notebook): boolean {
  return a.title === b.title && JSON.stringify(a.cells) === JSON.stringify(b.cells);
}

function defaultStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Storage blocked by the browser's settings: the app still works, without the journal.
    return null;
  }
}
