import Dexie, { type Table } from 'dexie';
import type { Notebook } from '../notebook/model';

/** A saved copy of a notebook, for the revision history. */
export interface Revision {
  id?: number;
  notebookId: string;
  savedAt: number;
  version: number;
  notebook: Notebook;
}

/** A column mapping the user chose, remembered for files with the same header. */
export interface RememberedMapping {
  signature: string;
  mapping: unknown;
  savedAt: number;
}

/** A loaded data file kept so it survives a reload. */
export interface StoredDataset {
  id: string;
  name: string;
  size: number;
  addedAt: number;
  /** The file's bytes; the browser keeps large Blobs on disk, not in memory. */
  blob: Blob;
  /** The mapping it was loaded with. */
  mapping: unknown;
}

/**
 * Everything Recur keeps, in the browser's IndexedDB. Versioned: a change to
 * the stores adds a `version(n)` step and never edits an old one.
 */
export class RecurDb extends Dexie {
  notebooks!: Table<Notebook, string>;
  revisions!: Table<Revision, number>;
  mappings!: Table<RememberedMapping, string>;
  datasets!: Table<StoredDataset, string>;

  constructor(name = 'recur') {
    super(name);
    this.version(1).stores({
      notebooks: 'id, updatedAt',
      revisions: '++id, notebookId, [notebookId+savedAt]',
      mappings: 'signature',
      datasets: 'id, addedAt',
    });
  }
}
