import { latestOrderDay, type FileInspection, type LoadReport, type Mapping } from '../ingest';
import { messageOf } from '../errorMessage';
import { DEMO_DATASET_ID, datasetLabel, fingerprintOf, type DatasetFile, type DatasetManifest } from '../notebook/dataset';
import type { EngineStore } from './engine.svelte';
import type { RecurDb, StoredDataset, StoredManifest } from './db';
import { DatasetRepo } from './datasetRepo';
import { EngineFiles } from './engineFiles.svelte';
import { ExclusiveQueue } from './exclusive';
import { FileReview } from './fileReview.svelte';
import type { FileAgain } from './rebuildTables';
import { demoManifest, SAMPLE_FILES, SampleFiles, sampleEntries } from './sampleFiles';
import { isStorageFull, STORAGE_FULL_MESSAGE } from './storageErrors';
import { hasRoomFor } from './storage.svelte';
import { forgetSnapshot, restoreSnapshot, snapshotTag, writeSnapshot, type SnapshotFile } from './tableSnapshot';

export type { LoadState } from './engineFiles.svelte';
export type { PendingFile } from './fileReview.svelte';

/** How long the data must be left alone (no load, no file dropped) before its snapshot is written. */
const SNAPSHOT_QUIET_MS = 3000;

/** See `DataStore.onKeep`. */
export interface KeepHooks {
  before: () => Promise<void>;
  full: () => void;
}

/** How the user's data got into the engine on this visit: copied back from the snapshot kept in this browser, or loaded from the stored files again. */
export type DataOrigin = 'restored' | 'reimported';

/** `tables`: the data tables (and views) whose rows changed. */
export type DataChangeListener = (tables: string[]) => void;
/** The dataset in the engine changed: another one was loaded, or files were added to or removed from it. */
export type DatasetListener = (manifest: DatasetManifest) => void;

/**
 * The data loaded into this tab: which dataset the engine holds, switching
 * datasets, and keeping each file (and the mapping it was loaded with) in
 * IndexedDB so it is back after a reload. Loading files into the engine is
 * `EngineFiles`'s part, the review of dropped files `FileReview`'s.
 *
 * The engine holds exactly one dataset at a time (`current`): the demo, or a
 * dataset of the user's. Files dropped while the demo shows start a new
 * dataset of the user's, so demo rows never meet a user's rows.
 */
export class DataStore extends EngineFiles {
  /** The dataset in the engine (`datasets` are its files). */
  current = $state.raw<DatasetManifest | null>(null);
  /** Every dataset this browser has: the demo first, then the user's. */
  available = $state.raw<DatasetManifest[]>([]);
  readonly repo: DatasetRepo;
  /** Dropped files waiting for their mapping to be confirmed. */
  readonly review: FileReview;
  /** Set when a stored file could not be kept (quota): the data still loads, but won't survive a reload. */
  storageWarning = $state<string | null>(null);
  /** Set when a user dataset was opened (not loaded by a drop on this visit): see `DataOrigin`. */
  origin = $state<DataOrigin | null>(null);
  /** The tag of the snapshot this tab last restored or wrote (see tableSnapshot.ts); null once it was forgotten. */
  #snapshot: string | null = null;
  /** Set while a snapshot write waits for the data to be quiet (keepSnapshotWhenQuiet). */
  #snapshotTimer: ReturnType<typeof setTimeout> | undefined;
  #changed: DataChangeListener = () => {};
  #datasetChanged: DatasetListener = () => {};
  #keeping: KeepHooks = { before: () => Promise.resolve(), full: () => {} };
  /** Loads and dataset switches: notebook runs wait for them (see idle()). */
  #exclusive = new ExclusiveQueue();
  #samples = new SampleFiles((message) => (this.errors = [...this.errors, message]));

  constructor(
    engine: EngineStore,
    private readonly db: RecurDb,
  ) {
    super(engine);
    this.repo = new DatasetRepo(db);
    this.review = new FileReview({
      inspect: (file, read) => this.open(file, read),
      load: (file, mapping, inspection) => this.#loadOwn(file, mapping, inspection),
      changed: () => this.#notify(),
      remembered: async (signature) => ((await this.db.mappings.get(signature))?.mapping as Mapping | undefined) ?? null,
      // Remembering the mapping is a convenience: with storage full the file stays loaded all the same.
      remember: (mapping) =>
        this.db.mappings.put({ signature: mapping.headerSignature, mapping, savedAt: Date.now() }).then(
          () => undefined,
          (error: unknown) => {
            if (isStorageFull(error)) this.#keeping.full();
          },
        ),
      clearErrors: () => (this.errors = []),
    });
  }

  /** Called after any change to the loaded data, so the notebook can re-run what reads it. */
  onChange(listener: DataChangeListener): void {
    this.#changed = listener;
  }

  /** `before` runs before a file is stored (the notebook is saved first); `full` when storage ran out. */
  onKeep(hooks: KeepHooks): void {
    this.#keeping = hooks;
  }

  /** Called when `current` changes, so the open notebook can be bound to it. */
  onDatasetChange(listener: DatasetListener): void {
    this.#datasetChanged = listener;
  }

  /** "Demo data · as of 2024-12-31": the source every figure names; null with no dataset loaded. */
  get label(): string | null {
    return this.current ? datasetLabel(this.current) : null;
  }

  /** Reads the datasets this browser has; the demo's fingerprints are taken from the bundled files the first time. */
  async init(): Promise<void> {
    let stored = await this.repo.list();
    if (!stored.some((m) => m.id === DEMO_DATASET_ID)) {
      const files = await this.#samples.all();
      if (files.length === SAMPLE_FILES.length) {
        await this.repo.saveManifest(demoManifest(await sampleEntries(files), null));
        stored = await this.repo.list();
      }
    }
    this.available = stored;
  }

  async #refreshAvailable(): Promise<void> {
    this.available = await this.repo.list();
  }

  /** The dataset a notebook without a binding opens on: the one loaded, else the user's newest, else the demo. */
  defaultDatasetId(): string {
    return this.current?.id ?? this.available.filter((m) => m.kind === 'user').at(-1)?.id ?? DEMO_DATASET_ID;
  }

  /**
   * Makes `id` the dataset in the engine: unloads the one there and loads this
   * one's stored files (or the bundled sample). False when this browser does
   * not have the dataset; the engine is then left empty, so nothing runs on other data.
   */
  async use(id: string): Promise<boolean> {
    if (this.current?.id === id) return true;
    const manifest = id === DEMO_DATASET_ID ? null : await this.repo.get(id);
    if (id !== DEMO_DATASET_ID && !manifest) {
      await this.unload();
      return false;
    }
    await this.#exclusive.run(async () => {
      if (this.current?.id === id) return; // a switch queued before this one loaded it already
      await this.#unloadFiles();
      await this.#loadDataset(manifest ?? null);
    });
    this.#notify();
    return true;
  }

  /** Loads a dataset's stored files (the bundled sample for the demo, `null`) into the engine. */
  async #loadDataset(manifest: StoredManifest | null): Promise<void> {
    if (!manifest) return this.#loadSample();
    const { createdAt: _createdAt, ...kept } = manifest;
    void _createdAt;
    this.current = { ...kept, files: [] };
    const entries = await this.repo.files(manifest.id);
    const tag = storedFilesTag(manifest.id, entries);
    if (tag && (await this.#restore(tag, entries))) {
      this.origin = 'restored';
    } else {
      await this.#forgetSnapshot();
      for (const entry of entries) {
        const file = new File([entry.blob], entry.name);
        await this.load(file, entry.mapping as Mapping, { fingerprint: entry.fingerprint });
      }
      this.origin = entries.length > 0 ? 'reimported' : null;
    }
    await this.#finishManifest();
  }

  /** Fills the tables from the snapshot kept under `tag` (the stored files' own); false when it cannot, and nothing changed. */
  async #restore(tag: string, entries: readonly StoredDataset[]): Promise<boolean> {
    if (!(await restoreSnapshot(this.engine.engine, tag).catch(() => false))) return false;
    this.#snapshot = tag;
    await this.refresh();
    for (const entry of entries) {
      const loaded = this.datasets.find((d) => d.sourceFile === entry.name);
      if (!loaded) continue;
      this.changes.touch(loaded.kind);
      this.recordFile({ name: entry.name, kind: loaded.kind, rows: loaded.rowsRead, size: entry.size, fingerprint: entry.fingerprint ?? '', mapping: entry.mapping });
    }
    return true;
  }

  /**
   * Keeps the user's loaded tables in this browser (see tableSnapshot.ts) once
   * the data has been left alone for SNAPSHOT_QUIET_MS, so the next visit
   * restores them instead of loading the files again. The write holds the
   * engine's one connection (about 1.6 s at 1M orders): a file dropped right
   * after the charts must not wait for it. Each call starts the wait again.
   */
  keepSnapshotWhenQuiet(): void {
    this.#postponeSnapshot();
    this.#snapshotTimer = setTimeout(() => {
      this.#snapshotTimer = undefined;
      void this.#keepSnapshot();
    }, SNAPSHOT_QUIET_MS);
  }

  #postponeSnapshot(): void {
    clearTimeout(this.#snapshotTimer);
    this.#snapshotTimer = undefined;
  }

  /**
   * Writes the snapshot only when the engine holds exactly the stored files, and
   * not again when it is current. Best effort: without a snapshot database, room
   * for it, or when writing fails, the next visit re-imports.
   */
  async #keepSnapshot(): Promise<void> {
    await this.#exclusive.run(async () => {
      const current = this.current;
      if (current?.kind !== 'user' || current.files.length === 0) return;
      const stored = storedFilesTag(current.id, await this.repo.files(current.id));
      if (!stored || stored !== snapshotTag(current.id, current.files) || stored === this.#snapshot) return;
      // The browser is asked for room first: a write that meets the quota leaves DuckDB-WASM hung (see snapshotBytesNeeded).
      if (await writeSnapshot(this.engine.engine, stored, hasRoomFor)) this.#snapshot = stored;
    }).catch(() => undefined);
  }

  /** Before the user's data changes: the kept snapshot no longer describes it. */
  async #forgetSnapshot(): Promise<void> {
    this.#snapshot = null;
    await forgetSnapshot(this.engine.engine).catch(() => undefined);
  }

  /**
   * Loads into a new engine the dataset the replaced one held. Files waiting
   * for review are inspected again. Nothing is re-run from here: the notebook
   * re-creates its own tables.
   */
  async reload(): Promise<void> {
    const id = this.current?.id ?? null;
    this.datasets = [];
    this.reports = {};
    this.current = null;
    const manifest = id === null || id === DEMO_DATASET_ID ? null : ((await this.repo.get(id)) ?? null);
    if (id === DEMO_DATASET_ID || manifest) await this.#exclusive.run(() => this.#loadDataset(manifest ?? null));
    this.changes.take();
    await this.review.reinspect();
    await this.refresh();
  }

  /** Empties the engine: no dataset is loaded. */
  async unload(): Promise<void> {
    await this.#exclusive.run(() => this.#unloadFiles());
    this.#notify();
  }

  /** Starts a new, empty dataset of the user's and makes it the one in the engine. */
  async startDataset(name?: string): Promise<DatasetManifest> {
    const manifest = await this.#exclusive.run(() => this.#startUserDataset(name));
    this.#notify();
    return manifest;
  }

  /** Renames the dataset in the engine (the demo is read-only). */
  async rename(name: string): Promise<void> {
    if (!this.current) return;
    const renamed = await this.repo.rename(this.current.id, name);
    this.current = { ...this.current, name: renamed.name };
    await this.#refreshAvailable();
    this.#datasetChanged(this.current);
  }

  async #loadSample(): Promise<void> {
    this.current = demoManifest([], null);
    for (const file of await this.#samples.all()) {
      const inspection = await this.open(file);
      if (inspection) await this.load(file, inspection.mapping, { inspection });
    }
    await this.#finishManifest();
  }

  async #startUserDataset(name?: string): Promise<DatasetManifest> {
    await this.#unloadFiles();
    const { createdAt: _createdAt, ...manifest } = await this.repo.create(name);
    void _createdAt;
    this.current = manifest;
    await this.#refreshAvailable();
    this.#datasetChanged(this.current);
    return this.current;
  }

  async #unloadFiles(): Promise<void> {
    this.current = null;
    this.origin = null;
    await this.unloadAll();
  }

  /** Notes a loaded file in the current manifest (replacing one of the same name). */
  protected override recordFile(entry: DatasetFile): void {
    if (!this.current) return;
    this.current = { ...this.current, files: [...this.current.files.filter((f) => f.name !== entry.name), entry] };
  }

  /** Sets `as_of`, keeps the manifest (the demo's as a cache) and tells the listener. */
  async #finishManifest(): Promise<void> {
    if (!this.current) return;
    this.current = { ...this.current, asOf: await latestOrderDay(this.engine.engine) };
    // The manifest is a record of what is loaded: with storage full the data still opens, and the app says so.
    await this.repo.saveManifest(this.current).catch((error: unknown) => {
      if (!isStorageFull(error)) throw error;
      this.#keeping.full();
    });
    await this.#refreshAvailable();
    this.#datasetChanged(this.current);
  }

  /** Dropped files: one the user mapped before loads at once, others wait for review (see FileReview.add). */
  async addFiles(files: File[], options: { trustGuess?: boolean } = {}): Promise<void> {
    // Their inspection comes first; a snapshot that was waiting for quiet waits again after it.
    const waiting = this.#snapshotTimer !== undefined;
    this.#postponeSnapshot();
    try {
      await this.review.add(files, options);
    } finally {
      if (waiting) this.keepSnapshotWhenQuiet();
    }
  }

  /** Removes a file of the user's dataset: its rows, its stored copy and its line in the manifest. */
  async remove(sourceFile: string): Promise<void> {
    const current = this.current;
    if (!current || current.kind !== 'user') return;
    await this.#exclusive.run(async () => {
      await this.#forgetSnapshot();
      this.origin = null;
      await this.dropRows(sourceFile);
      await this.repo.removeFile(current.id, sourceFile);
      const { [sourceFile]: _removed, ...rest } = this.reports;
      void _removed;
      this.reports = rest;
      this.current = { ...current, files: current.files.filter((f) => f.name !== sourceFile) };
      await this.refresh();
      await this.#finishManifest();
    });
    this.#notify();
  }

  /**
   * Resolves when no file is loading and no dataset is being switched: a
   * load's inserts run in one transaction on the engine's only connection, and
   * a figure must not run on half of a dataset.
   */
  idle(): Promise<void> {
    return this.#exclusive.idle();
  }

  /** A file the user dropped: into their dataset (a new one when the demo shows), kept for the next visit. */
  async #loadOwn(file: File, mapping: Mapping, inspection: FileInspection): Promise<LoadReport | null> {
    return this.#exclusive.run(async () => {
      if (this.current?.kind !== 'user') await this.#startUserDataset();
      await this.#forgetSnapshot();
      this.origin = null;
      const fingerprint = await fingerprintOf(file);
      const report = await this.load(file, mapping, { inspection, fingerprint });
      if (report) {
        await this.#keep(file, mapping, fingerprint);
        await this.#finishManifest();
      }
      return report;
    });
  }

  /** A loaded file's bytes again: kept in IndexedDB for the user's datasets, the bundled sample for the demo. */
  protected override async fileAgain(sourceFile: string): Promise<FileAgain | null> {
    if (this.current?.kind === 'user') {
      const stored = (await this.repo.files(this.current.id)).find((f) => f.name === sourceFile);
      return stored ? { file: new File([stored.blob], stored.name), mapping: stored.mapping as Mapping } : null;
    }
    const sample = this.current?.kind === 'demo' ? this.#samples.named(sourceFile) : undefined;
    const file = sample ? await this.#samples.get(sample) : null;
    return file ? { file } : null;
  }

  /** Tells the listener which tables changed (it re-runs the cells reading them). */
  #notify(): void {
    this.#changed(this.changes.take());
  }

  async #keep(file: File, mapping: Mapping, fingerprint: string): Promise<void> {
    if (!this.current) return;
    await this.#keeping.before().catch(() => undefined);
    try {
      await this.repo.keepFile(this.current.id, file, mapping, fingerprint);
      this.storageWarning = null;
    } catch (error) {
      const full = isStorageFull(error);
      this.storageWarning = full
        ? `${STORAGE_FULL_MESSAGE}: ${file.name} is loaded now but will not be there after a reload. Your notebooks are kept.`
        : `${file.name} could not be kept for the next visit: ${messageOf(error)}`;
      if (full) this.#keeping.full();
    }
  }
}

/** The snapshot tag of a dataset's stored files; null when one has no fingerprint (kept before fingerprints), so none is trusted. */
function storedFilesTag(datasetId: string, entries: readonly StoredDataset[]): string | null {
  const files: SnapshotFile[] = [];
  for (const entry of entries) {
    if (!entry.fingerprint) return null;
    files.push({ name: entry.name, fingerprint: entry.fingerprint, mapping: entry.mapping });
  }
  return snapshotTag(datasetId, files);
}
