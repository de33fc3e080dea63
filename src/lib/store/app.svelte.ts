import type { SQLNamespace } from '@codemirror/lang-sql';
import type { Notebook } from '../notebook/model';
import { emptyNotebook } from '../notebook/model';
import { messageOf } from '../errorMessage';
import { datasetLabel, DEMO_DATASET_ID, type DatasetManifest } from '../notebook/dataset';
import { figuresFit } from '../notebook/buildTimeFigures';
import { FIRST_VISIT_TEMPLATE, templateById } from '../notebook/templates';
import { recipes } from '../recipes';
import { fetchBuildTimeFigures } from './buildTimeDemo';
import { DataStore } from './data.svelte';
import { RecurDb, type Revision } from './db';
import { demoManifest } from './sampleFiles';
import { EditJournal } from './editJournal';
import { EngineStore } from './engine.svelte';
import { NotebookSession } from './notebook.svelte';
import { NotebookRepo } from './notebookRepo';
import { ShareStore } from './share.svelte';
import { StorageStore } from './storage.svelte';
import { isStorageFull, STORAGE_FULL_MESSAGE } from './storageErrors';

const LAST_OPEN_KEY = 'recur:last-notebook';

/**
 * The whole app's state: the engine, the loaded data, the saved notebooks
 * and the one that is open. Components read it and call its methods.
 */
export class AppStore {
  readonly engine = new EngineStore();
  readonly db = new RecurDb();
  readonly repo = new NotebookRepo(this.db);
  readonly data = new DataStore(this.engine, this.db);
  readonly catalog = recipes;
  readonly share = new ShareStore(this);
  readonly journal = new EditJournal();
  readonly storage = new StorageStore(this.db);
  notebooks = $state.raw<Notebook[]>([]);
  session = $state.raw<NotebookSession | null>(null);
  /** Table and column names for SQL completion. */
  schema = $state.raw<SQLNamespace>({});
  /** The last deleted notebook, for undo. */
  deleted = $state.raw<Awaited<ReturnType<NotebookRepo['delete']>>>(null);
  startupError = $state<string | null>(null);
  /** The read-only report view: code hidden, results shown, printable. */
  reportView = $state(false);

  /** The dataset the open notebook is bound to when this browser does not have it (a shared notebook): nothing runs until the user chooses data. */
  missingDataset = $state.raw<DatasetManifest | null>(null);
  /** The demo's source line while its build-time figures show, before the engine holds the data. */
  buildTimeLabel = $state<string | null>(null);
  /** The session showing the demo's build-time figures while the engine starts (see #preview); null once it runs on the engine. */
  #previewing: NotebookSession | null = null;
  /** Set while `start` runs, and when a notebook was opened meanwhile (from the preview), so start-up does not open another over it. */
  #starting = false;
  #openedDuringStart = false;
  /** Its runs wait for this: the demo loaded into the engine. */
  #previewLoaded: Promise<void>;
  #markPreviewLoaded: () => void = () => {};

  constructor() {
    this.#previewLoaded = new Promise((resolve) => (this.#markPreviewLoaded = resolve));
    this.data.onChange((tables) => void this.#afterDataChange(tables));
    // The notebook (small) is saved before a data file (large) is stored, so a
    // file that fills the quota can never take the notebook's edits with it.
    this.data.onKeep({ before: () => (this.session?.saveStatus === 'pending' ? this.session.saveNow() : Promise.resolve()), full: () => this.storage.reportFull() });
    // The cells' tables are re-created first in the run queue, ahead of anything the user runs meanwhile.
    this.engine.onReplacing(() => void this.session?.rerunAfterRestart());
    this.engine.onRestart(() => this.#afterEngineRestart());
    this.data.onDatasetChange((manifest) => {
      this.missingDataset = null;
      this.session?.bindDataset(manifest);
    });
  }

  /** Starts the engine, reads the datasets, opens the last notebook (or the overview on first start) on its dataset and runs it. */
  async start(): Promise<void> {
    this.#starting = true;
    const started = this.engine.start();
    await this.#preview().catch(() => undefined);
    if (!(await started)) return this.#endPreview();
    try {
      await this.data.init();
      await this.refreshList();
      const previewing = this.#previewing;
      if (previewing && this.session === previewing) return await this.#runPreviewed(previewing);
      this.#endPreview();
      // The user opened another notebook from the preview before the engine was up: that one is opening already.
      if (this.#openedDuringStart) return;
      // A shared notebook waits for the user's go-ahead (see ShareReview); nothing opens under it.
      if (await this.share.readAddress(location.href)) return;
      await this.openLast();
    } catch (error) {
      const full = isStorageFull(error);
      if (full) this.storage.reportFull();
      this.startupError = full
        ? `${STORAGE_FULL_MESSAGE}, so a new notebook could not be created. Free some space, then reload.`
        : messageOf(error);
    } finally {
      this.#starting = false;
    }
  }

  /** Where each figure comes from: the dataset in the engine, or the demo while its build-time figures show. */
  get figuresLabel(): string | null {
    return this.data.label ?? (this.session?.showsBuildTime ? this.buildTimeLabel : null);
  }

  /**
   * Before the engine has started: when the notebook a visit opens is the
   * demo notebook, unchanged, on the demo data (a first visit, or a return to
   * it), shows it at once with the figures this build computed (see
   * notebook/buildTimeFigures.ts). A shared link, a user's dataset or an edited
   * notebook shows none. Its runs wait until the demo is in the engine.
   */
  async #preview(): Promise<void> {
    if (location.hash || location.search) return;
    const [figures, notebooks, datasets] = await Promise.all([fetchBuildTimeFigures(), this.repo.list(), this.data.repo.list()]);
    if (!figures) return;
    const last = this.#lastOf(notebooks);
    if (last && this.journal.newerThan(last)) return;
    const notebook = last ?? templateById(FIRST_VISIT_TEMPLATE).build(this.catalog);
    const datasetId = notebook.dataset?.id ?? (datasets.some((m) => m.kind === 'user') ? null : DEMO_DATASET_ID);
    if (datasetId !== DEMO_DATASET_ID || !(await figuresFit(figures, notebook, datasets.find((m) => m.id === DEMO_DATASET_ID) ?? null))) return;
    // Saved as a first visit's overview is (see adopt), so the start below opens this very notebook.
    const opened = last ?? (await this.#saveNew(notebook));
    const session = new NotebookSession(this.engine, this.repo, this.catalog, opened, () => this.#previewLoaded.then(() => this.#settled()), {
      journal: this.journal,
      storage: this.storage,
    });
    session.showBuildTime(figures);
    this.buildTimeLabel = datasetLabel(demoManifest([], figures.asOf));
    this.#previewing = this.session = session;
  }

  /** The engine is up: the demo loads under the previewed notebook, which then runs; each live result replaces a build-time one in place. */
  async #runPreviewed(session: NotebookSession): Promise<void> {
    const loaded = await this.data.use(DEMO_DATASET_ID);
    this.#markPreviewLoaded();
    // The user opened another notebook from the preview while the demo loaded: that one opens itself.
    if (this.#previewing !== session) return;
    this.#previewing = null;
    await this.#bindAndRun(session, loaded, true);
  }

  /** No engine, or another notebook opened: the build-time preview goes. */
  #endPreview(): void {
    if (this.#previewing && this.session === this.#previewing) {
      this.session.close();
      this.session = null;
    }
    this.#previewing = null;
    this.buildTimeLabel = null;
  }

  /** The notebook a visit opens: the one used last, or the first. */
  #lastOf(notebooks: Notebook[]): Notebook | undefined {
    const lastId = localStorage.getItem(LAST_OPEN_KEY);
    return (lastId && notebooks.find((n) => n.id === lastId)) || notebooks[0];
  }

  /** Opens the notebook used last (or the first, or a new overview on a first visit). */
  async openLast(): Promise<void> {
    const last = this.#lastOf(this.notebooks);
    if (last) await this.open(last.id);
    else await this.createFromTemplate(FIRST_VISIT_TEMPLATE);
  }

  async refreshList(): Promise<void> {
    this.notebooks = await this.repo.list();
  }

  /**
   * Opens a saved notebook on the dataset it is bound to (a notebook from
   * before datasets takes the user's newest, else the demo) and, unless told
   * not to, runs it. A notebook bound to a dataset this browser does not have
   * opens without running, with the engine empty (see `missingDataset`).
   */
  async open(id: string, { run = true } = {}): Promise<void> {
    // A notebook opened from the build-time preview (New notebook, a template…) replaces it, and start-up leaves it be.
    if (this.#starting) this.#openedDuringStart = true;
    this.#endPreview();
    const notebook = await this.repo.get(id);
    if (!notebook) return;
    await this.session?.saveNow();
    this.session?.close();
    // Read before anything (binding the dataset, a save) can write this notebook's journal again.
    const unsaved = this.journal.newerThan(notebook);
    const datasetId = notebook.dataset?.id ?? this.data.defaultDatasetId();
    // While the engine changes datasets no session is open, so none re-runs on (or is bound to) the data in between.
    if (datasetId !== this.data.current?.id) this.session = null;
    const loaded = await this.data.use(datasetId);
    this.session = new NotebookSession(this.engine, this.repo, this.catalog, notebook, () => this.#settled(), { journal: this.journal, storage: this.storage });
    if (unsaved) this.session.recover(unsaved);
    await this.#bindAndRun(this.session, loaded, run);
  }

  /** Binds an opened notebook to the dataset loaded for it and runs it (unless told not to, or its data is missing). */
  async #bindAndRun(session: NotebookSession, loaded: boolean, run: boolean): Promise<void> {
    this.missingDataset = loaded ? null : (session.notebook.dataset ?? null);
    if (loaded && this.data.current) session.bindDataset(this.data.current);
    localStorage.setItem(LAST_OPEN_KEY, session.notebook.id);
    await this.refreshSchema();
    if (!run || !loaded) return;
    await session.runAll();
    await this.refreshSchema();
    // After the figures: copying the tables into this browser's storage must not delay them.
    this.data.keepSnapshotWhenQuiet();
  }

  /** Saves and closes the open notebook (before the data changes under it for another notebook). */
  async closeSession(): Promise<void> {
    await this.session?.saveNow();
    this.session?.close();
    this.session = null;
  }

  /** Binds the open notebook to another dataset the user chose, loads it and re-runs what reads the data. */
  async switchDataset(id: string): Promise<void> {
    await this.data.use(id);
    if (this.session && this.data.current) this.session.bindDataset(this.data.current);
    this.missingDataset = null;
  }

  /** Opens a notebook that did not come from this browser's store (a shared link or file) after saving it. */
  async adopt(notebook: Notebook, options: { run?: boolean } = {}): Promise<void> {
    const saved = await this.#saveNew(notebook);
    await this.open(saved.id, options);
  }

  async #saveNew(notebook: Notebook): Promise<Notebook> {
    const saved = await this.repo.save({ ...notebook, version: 0 }, { forceRevision: true });
    await this.refreshList();
    return saved;
  }

  async createFromTemplate(templateId: string): Promise<void> {
    const notebook = templateById(templateId).build(this.catalog);
    await this.adopt(notebook);
  }

  async createEmpty(): Promise<void> {
    const notebook = emptyNotebook();
    notebook.cells = [{ id: crypto.randomUUID().slice(0, 8), kind: 'sql', name: 'result', source: 'SELECT * FROM customers ORDER BY revenue DESC LIMIT 100' }];
    await this.adopt(notebook);
  }

  async duplicate(id: string): Promise<void> {
    const copy = await this.repo.duplicate(id);
    await this.refreshList();
    await this.open(copy.id);
  }

  async rename(title: string): Promise<void> {
    this.session?.setTitle(title);
    await this.session?.saveNow();
    await this.refreshList();
  }

  async remove(id: string): Promise<void> {
    this.deleted = await this.repo.delete(id);
    this.journal.clear(id);
    await this.refreshList();
    if (this.session?.notebook.id === id) {
      this.session.close();
      this.session = null;
      if (this.notebooks[0]) await this.open(this.notebooks[0].id);
    }
  }

  async undoDelete(): Promise<void> {
    if (!this.deleted) return;
    const { notebook } = this.deleted;
    await this.repo.undoDelete(this.deleted);
    this.deleted = null;
    await this.refreshList();
    await this.open(notebook.id);
  }

  /** Restores a revision of the open notebook in place, so the session's undo can take it back. */
  async restoreRevision(revision: Revision): Promise<void> {
    if (this.session?.notebook.id !== revision.notebookId) return;
    await this.session.restoreRevision(revision);
    await this.refreshList();
    await this.refreshSchema();
  }

  async refreshSchema(): Promise<void> {
    const tables = await this.engine.engine.describe();
    this.schema = Object.fromEntries(tables.filter((t) => !t.name.startsWith('load_') && !t.name.startsWith('recur_')).map((t) => [t.name, t.columns.map((c) => c.name)]));
  }

  /** Resolves when the engine is not being replaced and no file is loading: when a notebook run may start. */
  async #settled(): Promise<void> {
    await this.engine.whenBack();
    await this.data.idle();
  }

  /** A new engine holds nothing: load the data again (the queued re-run then re-creates the cells' tables). */
  async #afterEngineRestart(): Promise<void> {
    await this.data.reload();
    await this.refreshSchema();
  }

  /** Re-runs the cells that read the changed tables, and what depends on them. */
  async #afterDataChange(tables: string[]): Promise<void> {
    // The notebook open when the data changed, taken before any wait: a notebook opened meanwhile
    // (open() loads its dataset first) runs whole on its own, so re-running it here ran it twice.
    const session = this.session;
    // The demo loading under a build-time preview: the preview runs whole once it is in (#runPreviewed).
    const previewing = this.#previewing !== null && session === this.#previewing;
    await this.refreshSchema();
    if (!previewing && session && session === this.session) await session.runReading(tables);
    this.data.keepSnapshotWhenQuiet();
  }
}
