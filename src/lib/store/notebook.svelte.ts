import { tableFromIPC } from 'apache-arrow';
import type { Params } from '../engine/api';
import { toRows, type Row } from '../engine/rows';
import { figureKey, readResult, type BuildTimeFigures } from '../notebook/buildTimeFigures';
import type { DatasetManifest } from '../notebook/dataset';
import { runOrder } from '../notebook/dependencies';
import { newId, paramDefs, type Cell, type Notebook } from '../notebook/model';
import { notebookParams } from '../notebook/params';
import { dropCellResult, exportCellResult, fetchPage, type ExportFormat, type PageRequest } from '../notebook/runner';
import { runCell, type CellResult } from '../notebook/runCell';
import { EngineRestartedError } from '../engine/watchdog';
import type { CustomerFacts } from '../notebook/drill';
import type { RecipeCatalog } from '../recipes/catalog';
import type { Suggestion } from '../recipes/types';
import type { ListChoice } from '../exports/customerList';
import { exportCustomerList, type CustomerResult } from './customerListExport';
import { resultAsOf, resultFileName } from '../exports/exportValues';
import type { EngineStore } from './engine.svelte';
import type { NotebookRepo } from './notebookRepo';
import { SavedNotebook, type Keeping } from './notebookSaving.svelte';

export type { SaveStatus, StorageWatcher } from './notebookSaving.svelte';

export type RunStatus = 'idle' | 'queued' | 'running' | 'done' | 'error' | 'cancelled';

export interface CellState extends Partial<CellResult> {
  status: RunStatus;
  error?: string;
  /** Shown from the figures computed when the app was built (see notebook/buildTimeFigures.ts), until the engine's own run replaces them. */
  builtAt?: 'build';
}

/**
 * One open notebook: its document and undoable edits (NotebookEditor), saving
 * with conflict detection against other tabs (SavedNotebook), and here running
 * cells in dependency order, showing their results, paging and exporting them.
 */
export class NotebookSession extends SavedNotebook {
  states = $state<Record<string, CellState>>({});
  running = $state(false);
  #runQueue: Promise<void> = Promise.resolve();
  /** Set by Cancel: the cell running fails as cancelled and the rest of its run is skipped. */
  #cancelRequested = false;
  /** The figure key (see figureKey) the build-time figures on show belong to; null when none are shown. */
  #builtFor: string | null = null;

  constructor(
    private readonly engine: EngineStore,
    repo: NotebookRepo,
    private readonly catalog: RecipeCatalog,
    notebook: Notebook,
    /** Awaited before each run, e.g. until a file load finishes (see DataStore.idle). */
    private readonly beforeRun: () => Promise<void> = () => Promise.resolve(),
    /** The unsaved-edits journal, and who to tell when storage runs out. */
    keeping: Keeping = {},
  ) {
    super(repo, notebook, keeping);
  }

  /** A notebook replaced from outside shows its own results. */
  protected override replaced(): Promise<void> {
    return this.runAll();
  }

  /**
   * Shows the demo's build-time figures (checked to fit by the caller) in the
   * cells that have none yet, marked as such, until each cell's own run
   * replaces them. An edit that changes what the figures depend on, or data
   * other than the demo, takes them away.
   */
  showBuildTime(figures: BuildTimeFigures): void {
    for (const cell of this.notebook.cells) {
      const stored = cell.kind === 'sql' ? figures.cells[cell.name] : undefined;
      if (stored && !this.states[cell.id]?.output) this.states[cell.id] = { ...readResult(stored), status: this.state(cell.id).status === 'idle' ? 'done' : this.state(cell.id).status, builtAt: 'build' };
    }
    this.#builtFor = figureKey(this.notebook);
  }

  /** Whether any cell still shows a build-time figure. */
  get showsBuildTime(): boolean {
    return Object.values(this.states).some((state) => state.builtAt);
  }

  #forgetBuildTime(): void {
    if (this.#builtFor === null) return;
    this.#builtFor = null;
    for (const [id, state] of Object.entries(this.states)) if (state.builtAt) this.states[id] = { status: state.status === 'done' ? 'idle' : state.status };
  }

  protected override edited(): void {
    super.edited();
    if (this.#builtFor !== null && figureKey(this.notebook) !== this.#builtFor) this.#forgetBuildTime();
  }

  override bindDataset(manifest: DatasetManifest): void {
    super.bindDataset(manifest);
    if (manifest.kind !== 'demo') this.#forgetBuildTime();
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

  /** A kept cell result as a file: every column, money to the cent, dates ISO, named by the result and its date (`rfm-segments-2011-12-09.csv`). */
  async exportResult(result: Omit<CustomerResult, 'rowCount'>, format: ExportFormat): Promise<{ bytes: Uint8Array; fileName: string }> {
    const bytes = await exportCellResult(this.engine.engine, result.table, result.columns, format);
    return { bytes, fileName: resultFileName(result.table, resultAsOf(result.rows, result.asOf), format) };
  }

  /** A kept customer result as a list for an e-mail tool or a shop, named by what it is and its date. */
  exportCustomerList(result: CustomerResult, choice: Pick<ListChoice, 'layout' | 'format'>): Promise<{ bytes: Uint8Array; fileName: string }> {
    return exportCustomerList(this.engine.engine, result, choice);
  }

  /** The kept tables of cells that have run whose recipe offers per-customer columns (a model's P(alive) and CLV). */
  customerFacts(): CustomerFacts[] {
    return this.notebook.cells.flatMap((cell) => {
      if (cell.kind !== 'sql' || !cell.recipe || !this.catalog.has(cell.recipe) || this.state(cell.id).status !== 'done') return [];
      const recipe = this.catalog.get(cell.recipe);
      return recipe.kind === 'model' && recipe.customerFacts ? [{ table: cell.name, columns: recipe.customerFacts }] : [];
    });
  }

  /** One page of a kept cell result, optionally sorted, for the virtualised table. */
  async resultPage(name: string, page: PageRequest): Promise<Row[]> {
    return toRows(tableFromIPC(await fetchPage(this.engine.engine, name, page)));
  }

  /** Removes a cell, and the table a SQL cell kept. */
  override removeCell(id: string): Cell | undefined {
    const cell = super.removeCell(id);
    if (cell?.kind === 'sql') void dropCellResult(this.engine.engine, cell.name).catch(() => undefined);
    return cell;
  }

  /** Changes a parameter and re-runs exactly the cells that read it. */
  async setParam(name: string, value: string | number | null): Promise<void> {
    this.setParamValue(name, value);
    await this.#runNames(runOrder(this.notebook, { params: [name] }).order);
  }

  /**
   * Takes a recipe's suggestion: sets the parameter (re-running what reads it),
   * first adding it to the notebook's parameters when no cell declares it.
   */
  async applySuggestion({ param, value }: Suggestion): Promise<void> {
    const setting = typeof value === 'boolean' ? String(value) : value;
    if (paramDefs(this.notebook).some((def) => def.name === param)) return this.setParam(param, setting);
    this.prependCell({ id: newId(), kind: 'params', params: [{ name: param, type: typeof value === 'number' ? 'number' : 'text', value: setting }] });
    await this.#runNames(runOrder(this.notebook, { params: [param] }).order);
  }

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
      this.states[cellId] = { status: 'done', ...(await runCell(this.engine.engine, this.catalog, cell, this.params())) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (this.#cancelRequested && error instanceof EngineRestartedError) this.states[cellId] = { status: 'cancelled', error: message };
      // Interrupted in time: the statement rolled back, so the result shown before (and its table) still stands.
      else if (this.#cancelRequested) this.states[cellId] = { ...this.state(cellId), status: 'cancelled', error: 'Cancelled.' };
      else this.states[cellId] = { status: 'error', error: message };
    }
  }
}
