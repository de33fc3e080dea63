import { listDatasets, loadFile, openFile, removeDataset, tablesChangedBy, type FileInspection, type LoadProgress, type LoadReport, type LoadedDataset, type Mapping, type ReadOptions, type RowKind } from '../ingest';
import { loadedReport } from '../ingest/datasets';
import { damagedTables, dropIngestTables } from '../ingest/schemaDamage';
import type { EngineStore } from './engine.svelte';
import type { RecurDb } from './db';
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
 */
export class DataStore {
  datasets = $state.raw<LoadedDataset[]>([]);
  pending = $state.raw<PendingFile[]>([]);
  reports = $state.raw<Record<string, LoadReport>>({});
  loading = $state.raw<LoadState | null>(null);
  errors = $state.raw<string[]>([]);
  /** Set when a stored file could not be kept (quota): the data still loads, but won't survive a reload. */
  storageWarning = $state<string | null>(null);
  #changed: DataChangeListener = () => {};
  #keeping: KeepHooks = { before: () => Promise.resolve(), full: () => {} };
  /** Tables changed by loads and removals since the listener was last told. */
  #touched = new Set<string>();

  constructor(
    private readonly engine: EngineStore,
    private readonly db: RecurDb,
  ) {}

  /** Called after any change to the loaded data, so the notebook can re-run what reads it. */
  onChange(listener: DataChangeListener): void {
    this.#changed = listener;
  }

  /** `before` runs before a file is stored (the notebook is saved first); `full` when storage ran out. */
  onKeep(hooks: KeepHooks): void {
    this.#keeping = hooks;
  }

  get hasData(): boolean {
    return this.datasets.length > 0;
  }

  async refresh(): Promise<void> {
    this.datasets = await listDatasets(this.engine.engine);
  }

  /** Brings back the files kept from earlier visits; the sample data when there are none. */
  async restore(): Promise<void> {
    const stored = await this.db.datasets.orderBy('addedAt').toArray();
    if (stored.length === 0) {
      await this.loadSample();
      return;
    }
    for (const entry of stored) {
      const file = new File([entry.blob], entry.name);
      await this.#load(file, entry.mapping as Mapping, { keep: false });
    }
    this.#notify();
  }

  async loadSample(): Promise<void> {
    for (const sample of SAMPLE_FILES) {
      const file = await this.#fetchSample(sample);
      const inspection = file && (await this.#open(file));
      if (file && inspection) await this.#load(file, inspection.mapping, { keep: false, inspection });
    }
    this.#notify();
  }

  async #fetchSample(sample: (typeof SAMPLE_FILES)[number]): Promise<File | null> {
    const response = await fetch(sample.url);
    if (!response.ok) {
      this.errors = [...this.errors, `The sample ${sample.name} could not be fetched (${response.status} ${response.statusText}). Reload to try again.`];
      return null;
    }
    return new File([await response.blob()], sample.name, { type: 'text/csv' });
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
        await this.#load(file, mapping as Mapping, { keep: true, inspection });
        this.#notify();
      } else {
        this.pending = [...this.pending, { id: crypto.randomUUID(), file, inspection, mapping: structuredClone(inspection.mapping) }];
      }
    }
  }

  /** Loads a reviewed file with the (possibly corrected) mapping, and remembers the mapping for its header. */
  async confirm(pending: PendingFile, mapping: Mapping): Promise<LoadReport | null> {
    const report = await this.#load(pending.file, mapping, { keep: true, inspection: pending.inspection });
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

  /** Removes a loaded file's rows and frees its stored copy. */
  async remove(sourceFile: string): Promise<void> {
    await this.#remove(sourceFile);
    await this.refresh();
    this.#notify();
  }

  /** Removes every loaded file (a shared link that brings its own data replaces what was there). */
  async removeAll(): Promise<void> {
    for (const dataset of this.datasets) await this.#remove(dataset.sourceFile);
    await this.refresh();
    this.#notify();
  }

  async #remove(sourceFile: string): Promise<void> {
    await this.#dropRows(sourceFile);
    await this.db.datasets.delete(sourceFile);
    const { [sourceFile]: _removed, ...rest } = this.reports;
    void _removed;
    this.reports = rest;
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

  async #load(file: File, mapping: Mapping, options: { keep: boolean; inspection?: FileInspection }): Promise<LoadReport | null> {
    this.loading = { file: file.name, progress: null };
    // A load's inserts run in one transaction on the engine's only connection;
    // notebook runs wait for it (idle()) so their statements never land inside it.
    let finished!: () => void;
    const loaded = new Promise<void>((resolve) => (finished = resolve));
    const before = this.#loads;
    this.#loads = before.then(() => loaded);
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
      if (options.keep) await this.#keep(file, mapping);
      await this.refresh();
      return report;
    } catch (error) {
      this.errors = [...this.errors, messageOf(error)];
      return null;
    } finally {
      this.loading = null;
      finished();
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
      const stored = await this.db.datasets.get(dataset.sourceFile);
      const sample = SAMPLE_FILES.find((s) => s.name === dataset.sourceFile);
      const file = stored ? new File([stored.blob], stored.name) : sample ? await this.#fetchSample(sample) : null;
      if (!file) {
        lost.push(dataset.sourceFile);
        continue;
      }
      const inspection = await openFile(engine, { name: file.name, file });
      await loadFile(engine, inspection, (stored?.mapping as Mapping | undefined) ?? inspection.mapping);
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

  async #keep(file: File, mapping: Mapping): Promise<void> {
    await this.#keeping.before().catch(() => undefined);
    try {
      await this.db.datasets.put({ id: file.name, name: file.name, size: file.size, addedAt: Date.now(), blob: file, mapping });
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
