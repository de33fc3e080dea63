import Dexie, { type Table } from 'dexie';
import type { Notebook } from '../notebook/model';
import { newDatasetName, type DatasetManifest } from '../notebook/dataset';

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
  /** The dataset it belongs to (from version 2; version 1 rows were moved into one user dataset). */
  datasetId?: string;
  /** SHA-256 of the bytes, hex, once computed. */
  fingerprint?: string;
}

/** A dataset's manifest as kept: the user's datasets, and the demo's once it has been loaded. */
export interface StoredManifest extends DatasetManifest {
  createdAt: number;
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
  datasetGroups!: Table<StoredManifest, string>;

  constructor(name = 'recur') {
    super(name);
    this.version(1).stores({
      notebooks: 'id, updatedAt',
      revisions: '++id, notebookId, [notebookId+savedAt]',
      mappings: 'signature',
      datasets: 'id, addedAt',
    });
    // Datasets: files belong to a named dataset with a manifest. The files kept
    // so far were all loaded together, so they become one user dataset.
    this.version(2)
      .stores({ datasets: 'id, addedAt, datasetId', datasetGroups: 'id, createdAt' })
      .upgrade(async (tx) => {
        const files = tx.table<StoredDataset, string>('datasets');
        const first = await files.orderBy('addedAt').first();
        if (!first) return;
        const group: StoredManifest = { id: globalThis.crypto.randomUUID(), name: newDatasetName(new Date(first.addedAt)), kind: 'user', files: [], asOf: null, createdAt: first.addedAt };
        await tx.table<StoredManifest, string>('datasetGroups').add(group);
        await files.toCollection().modify({ datasetId: group.id });
      });
  }
}
