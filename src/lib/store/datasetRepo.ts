import { DEMO_DATASET_ID, newDatasetName, type DatasetManifest } from '../notebook/dataset';
import type { RecurDb, StoredDataset, StoredManifest } from './db';

/** The dataset cannot be changed (the demo is read-only). */
export class ReadOnlyDatasetError extends Error {
  override name = 'ReadOnlyDatasetError';
}

/** Datasets in IndexedDB: manifests (`datasetGroups`) and the files that belong to each (`datasets`). */
export class DatasetRepo {
  constructor(private readonly db: RecurDb) {}

  /** Every kept manifest, the demo's first, then the user's oldest first. */
  async list(): Promise<StoredManifest[]> {
    const all = await this.db.datasetGroups.orderBy('createdAt').toArray();
    return [...all.filter((m) => m.id === DEMO_DATASET_ID), ...all.filter((m) => m.id !== DEMO_DATASET_ID)];
  }

  get(id: string): Promise<StoredManifest | undefined> {
    return this.db.datasetGroups.get(id);
  }

  /** A new, empty user dataset. */
  async create(name = newDatasetName()): Promise<StoredManifest> {
    const manifest: StoredManifest = { id: globalThis.crypto.randomUUID(), name, kind: 'user', files: [], asOf: null, createdAt: Date.now() };
    await this.db.datasetGroups.add(manifest);
    return manifest;
  }

  /** Keeps a manifest as it is now (files, rows, fingerprints, as_of). */
  async saveManifest(manifest: DatasetManifest): Promise<StoredManifest> {
    const stored = await this.get(manifest.id);
    const saved: StoredManifest = { ...structuredClone(manifest), createdAt: stored?.createdAt ?? Date.now() };
    await this.db.datasetGroups.put(saved);
    return saved;
  }

  async rename(id: string, name: string): Promise<StoredManifest> {
    const trimmed = name.trim();
    if (id === DEMO_DATASET_ID) throw new ReadOnlyDatasetError('The demo data is read-only; its name cannot change.');
    if (trimmed === '') throw new Error('A dataset needs a name.');
    const stored = await this.get(id);
    if (!stored) throw new Error('That dataset no longer exists.');
    const renamed = { ...stored, name: trimmed };
    await this.db.datasetGroups.put(renamed);
    return renamed;
  }

  /** The files kept for a dataset, in the order they were added (the order they load in). */
  async files(datasetId: string): Promise<StoredDataset[]> {
    const files = await this.db.datasets.where('datasetId').equals(datasetId).toArray();
    return files.sort((a, b) => a.addedAt - b.addedAt || a.name.localeCompare(b.name));
  }

  /** Keeps a file's bytes in a dataset, replacing a file of the same name there. */
  async keepFile(datasetId: string, file: File, mapping: unknown, fingerprint: string): Promise<void> {
    if (datasetId === DEMO_DATASET_ID) throw new ReadOnlyDatasetError('The demo data is read-only: files are added to a dataset of your own.');
    await this.db.transaction('rw', this.db.datasets, async () => {
      await this.db.datasets.where('datasetId').equals(datasetId).filter((f) => f.name === file.name).delete();
      await this.db.datasets.put({ id: `${datasetId}/${file.name}`, datasetId, name: file.name, size: file.size, addedAt: Date.now(), blob: file, mapping, fingerprint });
    });
  }

  async removeFile(datasetId: string, name: string): Promise<void> {
    await this.db.datasets.where('datasetId').equals(datasetId).filter((f) => f.name === name).delete();
  }

  /** Deletes a user dataset and its files. */
  async remove(id: string): Promise<void> {
    if (id === DEMO_DATASET_ID) throw new ReadOnlyDatasetError('The demo data is part of Recur and cannot be deleted.');
    await this.db.transaction('rw', this.db.datasets, this.db.datasetGroups, async () => {
      await this.db.datasets.where('datasetId').equals(id).delete();
      await this.db.datasetGroups.delete(id);
    });
  }
}
