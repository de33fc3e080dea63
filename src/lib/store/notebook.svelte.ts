import { tableFromIPC } from 'apache-arrow';
import type { Params } from '../engine/api';
import { toRows, type Row } from '../engine/rows';
import { runOrder } from '../notebook/dependencies';
import { History } from '../notebook/history';
import { newId, paramDefs, uniqueName, sqlCellNames, type Cell, type CellKind, type Notebook } from '../notebook/model';
import { notebookParams } from '../notebook/params';
import type { DatasetManifest } from '../notebook/dataset';
import { runModelCell } from '../notebook/modelCell';
import { dropCellResult, exportCellResult, fetchPage, runSqlCell, type CellOutput, type ExportFormat, type PageRequest } from '../notebook/runner';
import { EngineRestartedError } from '../engine/watchdog';
import type { RecipeCatalog } from '../recipes/catalog';
import { explainRows, suggestionsFor } from '../recipes/explain';
import { resolveParams } from '../recipes/params';
import type { ModelFigures, Suggestion } from '../recipes/types';
import type { Revision } from './db';
import type { EngineStore } from './engine.svelte';
import type { EditJournal } from './editJournal';
import { SaveConflictError, type NotebookRepo } from './notebookRepo';
import { isStorageFull, STORAGE_FULL_MESSAGE } from './storageErrors';

export type RunStatus = 'idle' | 'queued' | 'running' | 'done' | 'error' | 'cancelled';

export interface CellState {
  status: RunStatus;
  output?: CellOutput;
  /** The preview rows decoded once, shared by the table and the charts. */
  rows?: Row[];
  error?: string;
  explanation?: string | null;
  warnings?: string[];
  /** Parameter changes the recipe offers in one click (e.g. a shorter active window). */
  suggestions?: Suggestion[];
  /** A model recipe's summary line and charts, from its run. */
  figures?: ModelFigures;
}

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error' | 'conflict';

const SAVE_DELAY_MS = 400;

/** Told when a save runs out of space, and when one goes through again. */
export interface StorageWatcher {
  reportFull(): void;
  cleared(): void;
}

/**
 * One open notebook: its document, undoable edits, saving (debounced, with
 * conflict detection against other tabs) and running cells in dependency order.
 */
export class NotebookSession {
  notebook = $state.raw<Notebook>(null as unknown as Notebook);
  states = $state<Record<string, CellState>>({});
  saveStatus = $state<SaveStatus>('saved');
  saveError = $state<string | null>(null);
  /** The last save failed for want of space (the edits are in the journal meanwhile). */
  storageFull = $state(false);
  /** Set when edits from an earlier visit that never reached storage were brought back. */
  recovered = $state(false);
  /** The other tab's version when a save collided with it. */
  conflict = $state.raw<Notebook | null>(null);
  running = $state(false);
  /** The cell added last, so its view can open ready for typing. */
  lastAdded = $state<string | null>(null);
  // History is a plain class; this counter makes canUndo/canRedo reactive.
  #historyChanges = $state(0);
  #history = new History<Notebook>();
  #saveTimer: ReturnType<typeof setTimeout> | null = null;
  #channel: BroadcastChannel | null = null;
  #runQueue: Promise<void> = Promise.resolve();
  /** Set by Cancel: the cell running fails as cancelled and the rest of its run is skipped. */
  #cancelRequested = false;

  constructor(
    private readonly engine: EngineStore,
    private readonly repo: NotebookRepo,
    private readonly catalog: RecipeCatalog,
    notebook: Notebook,
    /** Awaited before each run, e.g. until a file load finishes (see DataStore.idle). */
    private readonly beforeRun: () => Promise<void> = () => Promise.resolve(),
    /** The unsaved-edits journal, and who to tell when storage runs out. */
    private readonly keeping: { journal?: EditJournal; storage?: StorageWatcher } = {},
  ) {
    this.notebook = notebook;
    if (typeof BroadcastChannel !== 'undefined') {
      this.#channel = new BroadcastChannel('recur-notebooks');
      this.#channel.onmessage = (event: MessageEvent<{ id: string; version: number }>) => void this.#onOtherTabSaved(event.data);
    }
  }

  close(): void {
    this.#channel?.close();
    if (this.#saveTimer) clearTimeout(this.#saveTimer);
  }

  /** A kept cell result as a file's bytes, for download. */
  exportResult(name: string, format: ExportFormat): Promise<Uint8Array> {
    return exportCellResult(this.engine.engine, name, format);
  }

  /** One page of a kept cell result, optionally sorted, for the virtualised table. */
  async resultPage(name: string, page: PageRequest): Promise<Row[]> {
    return toRows(tableFromIPC(await fetchPage(this.engine.engine, name, page)));
  }

  get canUndo(): boolean {
    void this.#historyChanges;
    return this.#history.canUndo;
  }
  get canRedo(): boolean {
    void this.#historyChanges;
    return this.#history.canRedo;
  }

  state(cellId: string): CellState {
    return this.states[cellId] ?? { status: 'idle' };
  }

  /** The state of the SQL cell called `name`, for charts that draw its result. */
  stateByName(name: string): CellState | undefined {
    const cell = this.notebook.cells.find((c) => c.kind === 'sql' && c.name === name);
    return cell ? this.states[cell.id] : undefined;
  }

  params(): Params {
    return notebookParams(this.notebook, this.catalog);
  }

  // ---- editing -------------------------------------------------------------

  #apply(next: Notebook, group: string | null = null): void {
    this.#history.record(this.notebook, group);
    this.#historyChanges += 1;
    this.notebook = next;
    this.#scheduleSave();
  }

  /** Binds the notebook to a dataset (a copy of its manifest). Not an undoable edit: the data in the engine does not follow undo. */
  bindDataset(manifest: DatasetManifest): void {
    if (JSON.stringify(this.notebook.dataset) === JSON.stringify(manifest)) return;
    this.notebook = { ...this.notebook, dataset: structuredClone(manifest) };
    this.#scheduleSave();
  }

  setTitle(title: string): void {
    this.#apply({ ...this.notebook, title }, 'title');
  }

  updateCell(id: string, patch: Partial<Cell>, group: string | null = `edit:${id}`): void {
    const cells = this.notebook.cells.map((cell) => (cell.id === id ? ({ ...cell, ...patch } as Cell) : cell));
    this.#apply({ ...this.notebook, cells }, group);
  }

  addCell(kind: CellKind, afterId?: string, init: Partial<Cell> = {}): string {
    const id = newId();
    const taken = sqlCellNames(this.notebook);
    const fresh: Cell =
      kind === 'sql'
        ? { id, kind, name: uniqueName('result', taken), source: 'SELECT * FROM customers LIMIT 100' }
        : kind === 'markdown'
          ? { id, kind, source: '## Notes\n\nWrite *markdown* here.' }
          : kind === 'chart'
            ? { id, kind, from: taken.at(-1) ?? '', spec: {} }
            : { id, kind, params: [{ name: 'period', label: 'Period', type: 'select', value: 'month', options: ['month', 'quarter', 'year'] }] };
    const cell = { ...fresh, ...init, id } as Cell;
    const cells = [...this.notebook.cells];
    const at = afterId ? cells.findIndex((c) => c.id === afterId) + 1 : cells.length;
    cells.splice(at <= 0 ? cells.length : at, 0, cell);
    this.#history.seal();
    this.#apply({ ...this.notebook, cells });
    this.lastAdded = id;
    return id;
  }

  removeCell(id: string): void {
    const cell = this.notebook.cells.find((c) => c.id === id);
    if (!cell) return;
    this.#history.seal();
    this.#apply({ ...this.notebook, cells: this.notebook.cells.filter((c) => c.id !== id) });
    if (cell.kind === 'sql') void dropCellResult(this.engine.engine, cell.name).catch(() => undefined);
  }

  moveCell(id: string, delta: -1 | 1): void {
    const cells = [...this.notebook.cells];
    const i = cells.findIndex((c) => c.id === id);
    const j = i + delta;
    if (i < 0 || j < 0 || j >= cells.length) return;
    [cells[i], cells[j]] = [cells[j], cells[i]];
    this.#history.seal();
    this.#apply({ ...this.notebook, cells });
  }

  /** Ends the current typing step, e.g. when the editor loses focus. */
  sealHistory(): void {
    this.#history.seal();
  }

  undo(): void {
    const previous = this.#history.undo(this.notebook);
    if (previous) this.#restore(previous);
  }

  redo(): void {
    const next = this.#history.redo(this.notebook);
    if (next) this.#restore(next);
  }

  /**
   * Makes a saved revision the notebook, as one undoable step: the state it
   * replaces is kept as a revision first (see NotebookRepo.restore), and undo
   * brings it back.
   */
  async restoreRevision(revision: Revision): Promise<void> {
    if (this.#saveTimer) clearTimeout(this.#saveTimer);
    this.#saveTimer = null;
    const leaving = this.notebook;
    let restored: Notebook;
    try {
      restored = await this.repo.restore(revision, leaving);
    } catch (error) {
      this.saveError = error instanceof Error ? error.message : String(error);
      this.saveStatus = 'error';
      return;
    }
    this.#history.seal();
    this.#history.record(leaving);
    this.#historyChanges += 1;
    this.notebook = restored;
    this.conflict = null;
    this.saveError = null;
    this.saveStatus = 'saved';
    this.#channel?.postMessage({ id: restored.id, version: restored.version });
    await this.runAll();
  }

  #restore(snapshot: Notebook): void {
    this.#historyChanges += 1;
    // Keep the stored version: undo is an edit like any other, not a rollback of saves.
    this.notebook = { ...snapshot, version: this.notebook.version, dataset: this.notebook.dataset };
    this.#scheduleSave();
  }

  /** Changes a parameter and re-runs exactly the cells that read it. */
  async setParam(name: string, value: string | number | null): Promise<void> {
    const cells = this.notebook.cells.map((cell) =>
      cell.kind === 'params' ? { ...cell, params: cell.params.map((p) => (p.name === name ? { ...p, value } : p)) } : cell,
    );
    this.#history.seal();
    this.#apply({ ...this.notebook, cells });
    await this.#runNames(runOrder(this.notebook, { params: [name] }).order);
  }

  /**
   * Takes a recipe's suggestion: sets the parameter (re-running what reads it),
   * first adding it to the notebook's parameters when no cell declares it.
   */
  async applySuggestion({ param, value }: Suggestion): Promise<void> {
    const setting = typeof value === 'boolean' ? String(value) : value;
    if (paramDefs(this.notebook).some((def) => def.name === param)) return this.setParam(param, setting);
    const cell: Cell = { id: newId(), kind: 'params', params: [{ name: param, type: typeof value === 'number' ? 'number' : 'text', value: setting }] };
    this.#history.seal();
    this.#apply({ ...this.notebook, cells: [cell, ...this.notebook.cells] });
    await this.#runNames(runOrder(this.notebook, { params: [param] }).order);
  }

  /**
   * Takes back edits an earlier visit journalled but never saved: applied as
   * one undoable edit over the saved copy, then saved like any other.
   */
  recover(unsaved: Notebook): void {
    this.#history.seal();
    this.#apply({ ...unsaved, version: this.notebook.version });
    this.#history.seal();
    this.recovered = true;
  }

  // ---- saving --------------------------------------------------------------

  #scheduleSave(): void {
    this.keeping.journal?.write(this.notebook);
    this.saveStatus = 'pending';
    if (this.#saveTimer) clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => void this.saveNow(), SAVE_DELAY_MS);
  }

  /** Saves at once. A failure is shown, never swallowed; a collision with another tab asks the user. */
  async saveNow(options: { overwrite?: boolean } = {}): Promise<void> {
    if (this.#saveTimer) clearTimeout(this.#saveTimer);
    this.#saveTimer = null;
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
    this.#history.record(this.notebook);
    this.notebook = this.conflict;
    this.conflict = null;
    this.saveStatus = 'saved';
    this.keeping.journal?.clear(this.notebook.id);
    void this.runAll();
  }

  async #onOtherTabSaved(message: { id: string; version: number }): Promise<void> {
    if (message.id !== this.notebook.id || message.version <= this.notebook.version) return;
    const theirs = await this.repo.get(message.id);
    if (!theirs) return;
    if (this.saveStatus === 'saved') {
      this.notebook = theirs;
      await this.runAll();
    } else {
      this.conflict = theirs;
      this.saveStatus = 'conflict';
    }
  }

  // ---- running -------------------------------------------------------------

  /** Runs a cell and then every cell that depends on it. */
  async run(cellId: string): Promise<void> {
    const cell = this.notebook.cells.find((c) => c.id === cellId);
    if (!cell || cell.kind !== 'sql') return;
    const { order } = runOrder(this.notebook, { cells: [cell.name] });
    await this.#runNames(order);
  }

  async runAll(): Promise<void> {
    const { order, cycle } = runOrder(this.notebook);
    if (cycle) {
      const [first] = cycle;
      const cell = this.notebook.cells.find((c) => c.kind === 'sql' && c.name === first);
      if (cell) this.states[cell.id] = { status: 'error', error: `These cells read each other in a circle: ${cycle.join(' → ')}.` };
    }
    await this.#runNames(order);
  }

  /** Runs the cells that read any of these data tables, and every cell downstream of them. */
  async runReading(tables: string[]): Promise<void> {
    await this.#runNames(runOrder(this.notebook, { tables }).order);
  }

  /** Stops the run in progress; if the engine does not stop, it is replaced (see EngineSupervisor.cancel). */
  async cancel(): Promise<void> {
    if (!this.running) return;
    this.#cancelRequested = true;
    await this.engine.engine.cancel();
  }

  /**
   * When the engine is being replaced: queues, in dependency order, every cell
   * that shows a result, so its table exists again in the new engine (the run
   * starts once `beforeRun` lets it, after the data is back). Results stay on
   * screen meanwhile. The cell that was running is left out: it may be what
   * broke the engine, and it says what happened to it.
   */
  async rerunAfterRestart(): Promise<void> {
    const showing = (name: string) =>
      this.notebook.cells.some((c) => c.kind === 'sql' && c.name === name && this.states[c.id]?.output && ['done', 'queued'].includes(this.states[c.id].status));
    await this.#runNames(runOrder(this.notebook).order.filter(showing));
  }

  /** Runs named cells one after another; runs queue behind each other so results never interleave. */
  #runNames(names: string[]): Promise<void> {
    const cells = names.flatMap((name) => this.notebook.cells.filter((c) => c.kind === 'sql' && c.name === name));
    for (const cell of cells) this.states[cell.id] = { ...this.state(cell.id), status: 'queued' };
    this.#runQueue = this.#runQueue.then(async () => {
      await this.beforeRun();
      this.running = true;
      this.#cancelRequested = false;
      const generation = this.engine.generation;
      let next = 0;
      try {
        // After Cancel, or once the engine was replaced (its tables are gone), the rest of this run is moot.
        for (; next < cells.length && !this.#cancelRequested && this.engine.generation === generation; next += 1) await this.#runOne(cells[next].id);
      } finally {
        this.running = false;
        this.#cancelRequested = false;
        for (const cell of cells.slice(next)) if (this.states[cell.id]?.status === 'queued') this.#unqueue(cell.id);
      }
    });
    return this.#runQueue;
  }

  /** A cell skipped by a stopped run shows what it showed before it was queued. */
  #unqueue(cellId: string): void {
    const state = this.state(cellId);
    this.states[cellId] = { ...state, status: state.error ? 'error' : state.output ? 'done' : 'idle' };
  }

  async #runOne(cellId: string): Promise<void> {
    const cell = this.notebook.cells.find((c) => c.id === cellId);
    if (!cell || cell.kind !== 'sql') return;
    this.states[cellId] = { ...this.state(cellId), status: 'running', error: undefined };
    try {
      const all = this.params();
      const recipe = cell.recipe && this.catalog.has(cell.recipe) ? this.catalog.get(cell.recipe) : null;
      if (recipe?.kind === 'model') {
        const { output, explanation, warnings, figures } = await runModelCell(this.engine.engine, recipe, cell.name, all);
        this.states[cellId] = { status: 'done', output, rows: toRows(tableFromIPC(output.preview)), explanation, warnings, figures };
        return;
      }
      const params = recipe ? { ...all, ...resolveParams(recipe, all) } : all;
      const output = await runSqlCell(this.engine.engine, cell.name, cell.source, params);
      const rows = toRows(tableFromIPC(output.preview));
      let explanation: string | null = null;
      let suggestions: Suggestion[] = [];
      const warnings: string[] = [];
      if (recipe) {
        try {
          explanation = rows.length === 0 ? recipe.empty : explainRows(recipe.explain, rows, params);
          suggestions = suggestionsFor(recipe.suggest, rows, params);
        } catch (error) {
          warnings.push(`The explanation could not be written: ${(error as Error).message}`);
        }
      }
      this.states[cellId] = { status: 'done', output, rows, explanation, warnings, suggestions };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (this.#cancelRequested && error instanceof EngineRestartedError) this.states[cellId] = { status: 'cancelled', error: message };
      // Interrupted in time: the statement rolled back, so the result shown before (and its table) still stands.
      else if (this.#cancelRequested) this.states[cellId] = { ...this.state(cellId), status: 'cancelled', error: 'Cancelled.' };
      else this.states[cellId] = { status: 'error', error: message };
    }
  }
}
