import { listDatasets, loadFileInEngine, openFileInEngine, removeDataset, type FileInspection, type LoadProgress, type LoadReport, type LoadedDataset, type Mapping, type ReadOptions } from '../ingest';
import { loadedReport } from '../ingest/datasets';
import { damagedTables, dropIngestTables } from '../ingest/schemaDamage';
import { messageOf } from '../errorMessage';
import { fingerprintOf, type DatasetFile } from '../notebook/dataset';
import type { EngineStore } from './engine.svelte';
import { rebuildNotice, rebuildTables, type FileAgain } from './rebuildTables';
import { TableChanges } from './tableChanges';

export interface LoadState {
  file: string;
  progress: LoadProgress | null;
}

/**
 * The files loaded into the engine: loading one with progress and a
 * data-quality report, removing one, and the tables they changed. Which
 * dataset they belong to, and keeping it, is `DataStore`'s job.
 */
export abstract class EngineFiles {
  /** The files loaded into the engine now. */
  datasets = $state.raw<LoadedDataset[]>([]);
  reports = $state.raw<Record<string, LoadReport>>({});
  loading = $state.raw<LoadState | null>(null);
  errors = $state.raw<string[]>([]);
  /** Tables changed by loads and removals since the notebook was last told. */
  protected readonly changes = new TableChanges();

  constructor(protected readonly engine: EngineStore) {}

  /** Notes a file just loaded in the dataset's manifest. */
  protected abstract recordFile(entry: DatasetFile): void;
  /** A loaded file's bytes again, to rebuild damaged tables from. */
  protected abstract fileAgain(sourceFile: string): Promise<FileAgain | null>;

  get hasData(): boolean {
    return this.datasets.length > 0;
  }

  async refresh(): Promise<void> {
    this.datasets = await listDatasets(this.engine.engine);
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

  /** Inspects a file; null (and the reason in `errors`) when it cannot be read. */
  protected async open(file: File, read: ReadOptions = {}): Promise<FileInspection | null> {
    try {
      return await openFileInEngine(this.engine.engine, { name: file.name, file }, read);
    } catch (error) {
      this.errors = [...this.errors, messageOf(error)];
      return null;
    }
  }

  /** Loads one file (replacing a loaded file of the same name); null, with the reason in `errors`, when it fails. */
  protected async load(file: File, mapping: Mapping, options: { inspection?: FileInspection; fingerprint?: string }): Promise<LoadReport | null> {
    this.loading = { file: file.name, progress: null };
    try {
      const damaged = await damagedTables(this.engine.engine);
      if (damaged.length > 0) await this.#rebuild(damaged);
      const inspection = options.inspection ?? (await openFileInEngine(this.engine.engine, { name: file.name, file }, mapping.read ?? {}));
      if (this.datasets.some((d) => d.sourceFile === inspection.name)) await this.dropRows(inspection.name);
      // The inspection crosses to the engine's worker: a plain copy, not the review's reactive state.
      const report = await loadFileInEngine(this.engine.engine, $state.snapshot(inspection), mapping, {
        onProgress: (progress) => (this.loading = { file: file.name, progress }),
      });
      this.changes.touch(mapping.kind);
      this.reports = { ...this.reports, [report.file]: report };
      const fingerprint = options.fingerprint ?? (await fingerprintOf(file));
      this.recordFile({ name: report.file, kind: mapping.kind, rows: report.rows.read, size: file.size, fingerprint, mapping });
      await this.refresh();
      return report;
    } catch (error) {
      this.errors = [...this.errors, messageOf(error)];
      return null;
    } finally {
      this.loading = null;
    }
  }

  /** Makes the data tables afresh from the loaded files when something changed them (see rebuildTables). */
  async #rebuild(damaged: string[]): Promise<void> {
    const lost = await rebuildTables(this.engine.engine, this.datasets, (name) => this.fileAgain(name), (kind) => this.changes.touch(kind));
    await this.refresh();
    this.errors = [...this.errors, rebuildNotice(damaged, lost)];
  }

  /** Deletes a loaded file's rows from the data tables, noting which tables changed. */
  protected async dropRows(sourceFile: string): Promise<void> {
    this.changes.touch(this.datasets.find((d) => d.sourceFile === sourceFile)?.kind);
    await removeDataset(this.engine.engine, sourceFile);
  }

  /** Takes every loaded file out of the engine. */
  protected async unloadAll(): Promise<void> {
    // Nothing loaded (a new engine at start-up): nothing to take out, and the tables need no check here (the next load checks them).
    if (this.datasets.length === 0) {
      this.reports = {};
      return;
    }
    // Tables something changed cannot take row deletes; emptying them all is what unloading means anyway.
    if ((await damagedTables(this.engine.engine)).length > 0) {
      for (const dataset of this.datasets) this.changes.touch(dataset.kind);
      await dropIngestTables(this.engine.engine);
    } else {
      for (const dataset of this.datasets) await this.dropRows(dataset.sourceFile);
    }
    this.reports = {};
    await this.refresh();
  }
}
