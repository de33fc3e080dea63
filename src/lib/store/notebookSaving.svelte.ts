import type { Notebook } from '../notebook/model';
import type { Revision } from './db';
import type { EditJournal } from './editJournal';
import { NotebookEditor } from './notebookEditor.svelte';
import { SaveConflictError, type NotebookRepo } from './notebookRepo';
import { isStorageFull, STORAGE_FULL_MESSAGE } from './storageErrors';

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error' | 'conflict';

const SAVE_DELAY_MS = 400;

/** Told when a save runs out of space, and when one goes through again. */
export interface StorageWatcher {
  reportFull(): void;
  cleared(): void;
}

/** The unsaved-edits journal, and who to tell when storage runs out. */
export interface Keeping {
  journal?: EditJournal;
  storage?: StorageWatcher;
}

/**
 * An edited notebook that keeps itself: every edit is journalled at once and
 * saved 400 ms later; a save that collides with another tab's is a conflict the
 * user resolves; a newer version saved by another tab is taken when this one has
 * nothing unsaved. When the notebook is replaced from outside, {@link replaced}
 * lets the layer above bring what it shows up to date.
 */
export class SavedNotebook extends NotebookEditor {
  saveStatus = $state<SaveStatus>('saved');
  saveError = $state<string | null>(null);
  /** The last save failed for want of space (the edits are in the journal meanwhile). */
  storageFull = $state(false);
  /** Set when edits from an earlier visit that never reached storage were brought back. */
  recovered = $state(false);
  /** The other tab's version when a save collided with it. */
  conflict = $state.raw<Notebook | null>(null);
  #saveTimer: ReturnType<typeof setTimeout> | null = null;
  #channel: BroadcastChannel | null = null;

  constructor(
    private readonly repo: NotebookRepo,
    notebook: Notebook,
    private readonly keeping: Keeping = {},
  ) {
    super(notebook);
    if (typeof BroadcastChannel !== 'undefined') {
      this.#channel = new BroadcastChannel('recur-notebooks');
      this.#channel.onmessage = (event: MessageEvent<{ id: string; version: number }>) => void this.#onOtherTabSaved(event.data);
    }
  }

  close(): void {
    this.#channel?.close();
    this.#clearTimer();
  }

  protected override edited(): void {
    this.#scheduleSave();
  }

  /** Told when the notebook was replaced from outside (another tab, a revision, a conflict taken). */
  protected async replaced(): Promise<void> {}

  /**
   * Takes back edits an earlier visit journalled but never saved: applied as
   * one undoable edit over the saved copy, then saved like any other.
   */
  recover(unsaved: Notebook): void {
    this.sealHistory();
    this.apply({ ...unsaved, version: this.notebook.version });
    this.sealHistory();
    this.recovered = true;
  }

  /**
   * Makes a saved revision the notebook, as one undoable step: the state it
   * replaces is kept as a revision first (see NotebookRepo.restore), and undo
   * brings it back.
   */
  async restoreRevision(revision: Revision): Promise<void> {
    this.#clearTimer();
    const leaving = this.notebook;
    let restored: Notebook;
    try {
      restored = await this.repo.restore(revision, leaving);
    } catch (error) {
      this.saveError = error instanceof Error ? error.message : String(error);
      this.saveStatus = 'error';
      return;
    }
    this.replaceUndoably(restored, leaving);
    this.conflict = null;
    this.saveError = null;
    this.saveStatus = 'saved';
    this.#channel?.postMessage({ id: restored.id, version: restored.version });
    await this.replaced();
  }

  #clearTimer(): void {
    if (this.#saveTimer) clearTimeout(this.#saveTimer);
    this.#saveTimer = null;
  }

  #scheduleSave(): void {
    this.keeping.journal?.write(this.notebook);
    this.saveStatus = 'pending';
    this.#clearTimer();
    this.#saveTimer = setTimeout(() => void this.saveNow(), SAVE_DELAY_MS);
  }

  /** Saves at once. A failure is shown, never swallowed; a collision with another tab asks the user. */
  async saveNow(options: { overwrite?: boolean } = {}): Promise<void> {
    this.#clearTimer();
    if (this.saveStatus === 'conflict' && !options.overwrite) return;
    this.saveStatus = 'saving';
    const sent = this.notebook;
    try {
      const saved = await this.repo.save(sent, options);
      const editedWhileSaving = this.notebook !== sent;
      // Edits made while saving stay; only the version moves on.
      this.notebook = { ...this.notebook, version: saved.version };
      this.conflict = null;
      this.saveError = null;
      if (this.storageFull) this.keeping.storage?.cleared();
      this.storageFull = false;
      // Rewriting the journal dates the edits made while saving after this save.
      if (editedWhileSaving) this.#scheduleSave();
      else {
        this.saveStatus = 'saved';
        this.keeping.journal?.clear(saved.id);
      }
      this.#channel?.postMessage({ id: saved.id, version: saved.version });
    } catch (error) {
      if (error instanceof SaveConflictError) {
        this.conflict = error.theirs;
        this.saveStatus = 'conflict';
      } else {
        this.storageFull = isStorageFull(error);
        this.saveError = this.storageFull
          ? `${STORAGE_FULL_MESSAGE}: this notebook could not be saved. Your edits are kept in a small journal that survives a reload`
          : error instanceof Error ? error.message : String(error);
        this.saveStatus = 'error';
        if (this.storageFull) this.keeping.storage?.reportFull();
      }
    }
  }

  /** Resolves a conflict by keeping this tab's notebook. */
  async keepMine(): Promise<void> {
    await this.saveNow({ overwrite: true });
  }

  /** Resolves a conflict by taking the other tab's notebook (this tab's edits stay undoable). */
  takeTheirs(): void {
    if (!this.conflict) return;
    this.replaceUndoably(this.conflict);
    this.conflict = null;
    this.saveStatus = 'saved';
    this.keeping.journal?.clear(this.notebook.id);
    void this.replaced();
  }

  async #onOtherTabSaved(message: { id: string; version: number }): Promise<void> {
    if (message.id !== this.notebook.id || message.version <= this.notebook.version) return;
    const theirs = await this.repo.get(message.id);
    if (!theirs) return;
    if (this.saveStatus === 'saved') {
      this.notebook = theirs;
      await this.replaced();
    } else {
      this.conflict = theirs;
      this.saveStatus = 'conflict';
    }
  }
}
