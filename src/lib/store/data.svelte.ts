import { latestOrderDay, listDatasets, loadFile, openFile, removeDataset, tablesChangedBy, type FileInspection, type LoadProgress, type LoadReport, type LoadedDataset, type Mapping, type ReadOptions, type RowKind } from '../ingest';
import { loadedReport } from '../ingest/datasets';
import { damagedTables, dropIngestTables } from '../ingest/schemaDamage';
import { DEMO_DATASET_ID, DEMO_DATASET_NAME, datasetLabel, fingerprintOf, type DatasetFile, type DatasetManifest } from '../notebook/dataset';
import type { EngineStore } from './engine.svelte';
import type { RecurDb, StoredManifest } from './db';
import { DatasetRepo } from './datasetRepo';
import { isStorageFull, STORAGE_FULL_MESSAGE } from './storageErrors';
import sampleOrdersUrl from '../../../sample-data/orders.csv?url';
import sampleFeedbackUrl from '../../../sample-data/feedback.csv?url';

/** A dropped file waiting for the user to confirm or fix its column mapping. */
export interface PendingFile {
  id: string;
  file: File;
  inspection: FileInspection;
  mapping: Mapping;
}

/** See `DataStore.onKeep`. */
export interface KeepHooks {
  before: () => Promise<void>;
  full: () => void;
}

/** `tables`: the data tables (and views) whose rows changed. */
export type DataChangeListener = (tables: string[]) => void;
/** The dataset in the engine changed: another one was loaded, or files were added to or removed from it. */
export type DatasetListener = (manifest: DatasetManifest) => void;

export interface LoadState {
  file: string;
  progress: LoadProgress | null;
}

export const SAMPLE_FILES = [
  { name: 'sample-orders.csv', url: sampleOrdersUrl },
  { name: 'sample-feedback.csv', url: sampleFeedbackUrl },
] as const;

/**
 * The data loaded into this tab: dropping files, the mapping review, loading
 * with progress and a data-quality report, and keeping each file (and the
 * mapping it was loaded with) in IndexedDB so it is back after a reload.
 *
 * The engine holds exactly one dataset at a time (`current`): the demo, or a
 * dataset of the user's. Files dropped while the demo shows start a new
 * dataset of the user's, so demo rows never meet a user's rows.
 */
export class DataStore {
  /** The files loaded into the engine now (all from `current`). */
  datasets = $state.raw<LoadedDataset[]>([]);
  /** The dataset in the engine. */
  current = $state.raw<DatasetManifest | null>(null);
  /** Every dataset this browser has: the demo first, then the user's. */
  available = $state.raw<DatasetManifest[]>([]);
  readonly repo: DatasetRepo;
  pending = $state.raw<PendingFile[]>([]);
  reports = $state.raw<Record<string, LoadReport>>({});
  loading = $state.raw<LoadState | null>(null);
  errors = $state.raw<string[]>([]);
  /** Set when a stored file could not be kept (quota): the data still loads, but won't survive a reload. */
  storageWarning = $state<string | null>(null);
  #changed: DataChangeListener = () => {};
  #datasetChanged: DatasetListener = () => {};
  #keeping: KeepHooks = { before: () => Promise.resolve(), full: () => {} };
  /** Tables changed by loads and removals since the listener was last told. */
  #touched = new Set<string>();

  constructor(
    private readonly engine: EngineStore,
    private readonly db: RecurDb,
  ) {
    this.repo = new DatasetRepo(db);
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

  get hasData(): boolean {
    return this.datasets.length > 0;
  }

  /** "Demo data · as of 2024-12-31": the source every figure names; null with no dataset loaded. */
  get label(): string | null {
    return this.current ? datasetLabel(this.current) : null;
  }

  async refresh(): Promise<void> {
    this.datasets = await listDatasets(this.engine.engine);
  }

  /** Reads the datasets this browser has; the demo's fingerprints are taken from the bundled files the first time. */
  async init(): Promise<void> {
    let stored = await this.repo.list();
    if (!stored.some((m) => m.id === DEMO_DATASET_ID)) {
      const files = await this.#fetchSamples();
      if (files.length === SAMPLE_FILES.length) {
        const entries = await Promise.all(
          files.map(async (file): Promise<DatasetFile> => ({ name: file.name, kind: file.name.includes('feedback') ? 'feedback' : 'orders', rows: 0, size: file.size, fingerprint: await fingerprintOf(file) })),
        );
        await this.repo.saveManifest(demoManifest(entries, null));
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
    await this.#exclusive(async () => {
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
    for (const entry of await this.repo.files(manifest.id)) {
      const file = new File([entry.blob], entry.name);
      await this.#load(file, entry.mapping as Mapping, { fingerprint: entry.fingerprint });
    }
    await this.#finishManifest();
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
    if (id === DEMO_DATASET_ID || manifest) await this.#exclusive(() => this.#loadDataset(manifest ?? null));
    this.#touched.clear();
    const pending: PendingFile[] = [];
    for (const entry of this.pending) {
      const inspection = await this.#open(entry.file);
      if (inspection) pending.push({ ...entry, inspection });
    }
    this.pending = pending;
    await this.refresh();
  }

  /** Empties the engine: no dataset is loaded. */
  async unload(): Promise<void> {
    await this.#exclusive(() => this.#unloadFiles());
    this.#notify();
  }

  /** Starts a new, empty dataset of the user's and makes it the one in the engine. */
  async startDataset(name?: string): Promise<DatasetManifest> {
    const manifest = await this.#exclusive(() => this.#startUserDataset(name));
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

  async #fetchSamples(): Promise<File[]> {
    const files: File[] = [];
    for (const sample of SAMPLE_FILES) {
      const file = await this.#fetchSample(sample);
      if (file) files.push(file);
    }
    return files;
  }

  async #loadSample(): Promise<void> {
    this.current = demoManifest([], null);
    for (const file of await this.#fetchSamples()) {
      const inspection = await this.#open(file);
      if (inspection) await this.#load(file, inspection.mapping, { inspection });
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
    // Tables something changed cannot take row deletes; emptying them all is what unloading means anyway.
    if ((await damagedTables(this.engine.engine)).length > 0) {
      for (const dataset of this.datasets) this.#touch(dataset.kind);
      await dropIngestTables(this.engine.engine);
    } else {
      for (const dataset of this.datasets) await this.#dropRows(dataset.sourceFile);
    }
    this.reports = {};
    this.current = null;
    await this.refresh();
  }

  /** Notes a loaded file in the current manifest (replacing one of the same name). */
  #recordFile(entry: DatasetFile): void {
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

  /** The bundled sample files, fetched once per tab: `init` fingerprints them and the demo then loads the same bytes. */
  #samples = new Map<string, File>();

  async #fetchSample(sample: (typeof SAMPLE_FILES)[number]): Promise<File | null> {
    const fetched = this.#samples.get(sample.name);
    if (fetched) return fetched;
    const response = await fetch(sample.url);
    if (!response.ok) {
      this.errors = [...this.errors, `The sample ${sample.name} could not be fetched (${response.status} ${response.statusText}). Reload to try again.`];
      return null;
    }
    const file = new File([await response.blob()], sample.name, { type: 'text/csv' });
    this.#samples.set(sample.name, file);
    return file;
  }

  /**
   * Inspects dropped files. A file whose header the user mapped before loads at
   * once; others wait for review. With `trustGuess` (files a shared link names,
   * published by whoever set the notebook up), a guess without issues loads at once too.
   */
  async addFiles(files: File[], { trustGuess = false } = {}): Promise<void> {
    this.errors = [];
    for (const file of files) {
      const inspection = await this.#open(file);
      if (!inspection) continue;
      const remembered = await this.db.mappings.get(inspection.mapping.headerSignature);
      const mapping = remembered?.mapping ?? (trustGuess ? inspection.mapping : null);
      if (mapping && inspection.issues.length === 0) {
        await this.#loadOwn(file, mapping as Mapping, inspection);
        this.#notify();
      } else {
        this.pending = [...this.pending, { id: crypto.randomUUID(), file, inspection, mapping: structuredClone(inspection.mapping) }];
      }
    }
  }

  /** Loads a reviewed file with the (possibly corrected) mapping, and remembers the mapping for its header. */
  async confirm(pending: PendingFile, mapping: Mapping): Promise<LoadReport | null> {
    const report = await this.#loadOwn(pending.file, mapping, pending.inspection);
    if (report) {
      this.pending = this.pending.filter((p) => p.id !== pending.id);
      // Remembering the mapping is a convenience: with storage full the file stays loaded all the same.
      await this.db.mappings.put({ signature: mapping.headerSignature, mapping, savedAt: Date.now() }).catch((error: unknown) => {
        if (isStorageFull(error)) this.#keeping.full();
      });
      this.#notify();
    }
    return report;
  }

  /** Reads a file under review again with another separator or header row; the review starts over with the new columns. */
  async reread(pending: PendingFile, read: ReadOptions): Promise<void> {
    this.errors = [];
    const inspection = await this.#open(pending.file, read);
    if (!inspection) return;
    const mapping = { ...structuredClone(inspection.mapping), read };
    this.pending = this.pending.map((p) => (p.id === pending.id ? { id: crypto.randomUUID(), file: p.file, inspection, mapping } : p));
  }

  dismiss(pending: PendingFile): void {
    this.pending = this.pending.filter((p) => p.id !== pending.id);
  }

  /** Removes a file of the user's dataset: its rows, its stored copy and its line in the manifest. */
  async remove(sourceFile: string): Promise<void> {
    const current = this.current;
    if (!current || current.kind !== 'user') return;
    await this.#exclusive(async () => {
      await this.#dropRows(sourceFile);
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

  async report(sourceFile: string): Promise<LoadReport | null> {
    return this.reports[sourceFile] ?? (await loadedReport(this.engine.engine, sourceFile));
  }

  /** Every rejected row of a loaded file, as CSV. */
  rejectsCsv(sourceFile: string): Promise<Uint8Array> {
    return this.engine.engine.exportQuery('SELECT row_number AS row, column_name AS "column", value, reason FROM load_rejects WHERE source_file = $file ORDER BY row_number', { file: sourceFile }, 'csv');
  }

  /** Stops a long load; what was loaded before it stays. */
  async cancelLoad(): Promise<void> {
    await this.engine.engine.cancel();
  }

  async #open(file: File, read: ReadOptions = {}): Promise<FileInspection | null> {
    try {
      return await openFile(this.engine.engine, { name: file.name, file }, read);
    } catch (error) {
      this.errors = [...this.errors, messageOf(error)];
      return null;
    }
  }

  /** Resolves when no file is loading (see `#load`). */
  idle(): Promise<void> {
    return this.#loads;
  }

  #loads: Promise<void> = Promise.resolve();

  /**
   * Runs `work` while notebook runs wait (see idle()): a load's inserts run in
   * one transaction on the engine's only connection, and switching datasets
   * must not let a figure run on half of one.
   */
  async #exclusive<T>(work: () => Promise<T>): Promise<T> {
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    this.#loads = this.#loads.then(() => done);
    try {
      return await work();
    } finally {
      finished();
    }
  }

  /** A file the user dropped: into their dataset (a new one when the demo shows), kept for the next visit. */
  async #loadOwn(file: File, mapping: Mapping, inspection: FileInspection): Promise<LoadReport | null> {
    return this.#exclusive(async () => {
      if (this.current?.kind !== 'user') await this.#startUserDataset();
      const fingerprint = await fingerprintOf(file);
      const report = await this.#load(file, mapping, { inspection, fingerprint });
      if (report) {
        await this.#keep(file, mapping, fingerprint);
        await this.#finishManifest();
      }
      return report;
    });
  }

  async #load(file: File, mapping: Mapping, options: { inspection?: FileInspection; fingerprint?: string }): Promise<LoadReport | null> {
    this.loading = { file: file.name, progress: null };
    try {
      const damaged = await damagedTables(this.engine.engine);
      if (damaged.length > 0) await this.#rebuild(damaged);
      const inspection = options.inspection ?? (await openFile(this.engine.engine, { name: file.name, file }, mapping.read ?? {}));
      if (this.datasets.some((d) => d.sourceFile === inspection.name)) await this.#dropRows(inspection.name);
      const report = await loadFile(this.engine.engine, inspection, mapping, {
        onProgress: (progress) => (this.loading = { file: file.name, progress }),
      });
      this.#touch(mapping.kind);
      this.reports = { ...this.reports, [report.file]: report };
      const fingerprint = options.fingerprint ?? (await fingerprintOf(file));
      this.#recordFile({ name: report.file, kind: mapping.kind, rows: report.rows.read, size: file.size, fingerprint, mapping });
      await this.refresh();
      return report;
    } catch (error) {
      this.errors = [...this.errors, messageOf(error)];
      return null;
    } finally {
      this.loading = null;
    }
  }

  /**
   * Makes the data tables afresh from the files loaded so far (kept in
   * IndexedDB, or the bundled sample) when something left them unlike loading
   * made them; a load into them would fail, or count wrong.
   */
  async #rebuild(damaged: string[]): Promise<void> {
    const engine = this.engine.engine;
    await dropIngestTables(engine);
    const lost: string[] = [];
    for (const dataset of this.datasets) {
      const stored = this.current?.kind === 'user' ? (await this.repo.files(this.current.id)).find((f) => f.name === dataset.sourceFile) : undefined;
      const sample = this.current?.kind === 'demo' ? SAMPLE_FILES.find((s) => s.name === dataset.sourceFile) : undefined;
      const file = stored ? new File([stored.blob], stored.name) : sample ? await this.#fetchSample(sample) : null;
      if (!file) {
        lost.push(dataset.sourceFile);
        continue;
      }
      const mapping = stored?.mapping as Mapping | undefined;
      const inspection = await openFile(engine, { name: file.name, file }, mapping?.read ?? {});
      await loadFile(engine, inspection, mapping ?? inspection.mapping);
      this.#touch(dataset.kind);
    }
    await this.refresh();
    const notice = `Recur's data tables had been changed (${damaged.join(', ')}); they were rebuilt from the loaded files.`;
    this.errors = [...this.errors, lost.length > 0 ? `${notice} ${lost.join(', ')} was not kept in this browser: load it again.` : notice];
  }

  /** Deletes a loaded file's rows from the data tables, noting which tables changed. */
  async #dropRows(sourceFile: string): Promise<void> {
    this.#touch(this.datasets.find((d) => d.sourceFile === sourceFile)?.kind);
    await removeDataset(this.engine.engine, sourceFile);
  }

  #touch(kind: RowKind | undefined): void {
    if (kind) for (const table of tablesChangedBy(kind)) this.#touched.add(table);
  }

  /** Tells the listener which tables changed (it re-runs the cells reading them). */
  #notify(): void {
    const tables = [...this.#touched];
    this.#touched.clear();
    this.#changed(tables);
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function demoManifest(files: DatasetFile[], asOf: string | null): DatasetManifest {
  return { id: DEMO_DATASET_ID, name: DEMO_DATASET_NAME, kind: 'demo', files, asOf };
}
