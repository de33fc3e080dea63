import { History } from '../notebook/history';
import { newId, uniqueName, sqlCellNames, type Cell, type CellKind, type Notebook } from '../notebook/model';
import type { DatasetManifest } from '../notebook/dataset';

/**
 * The document of one open notebook and its undoable edits. Every change that
 * should be kept calls {@link edited}, which the saving layer above overrides.
 */
export class NotebookEditor {
  notebook = $state.raw<Notebook>(null as unknown as Notebook);
  /** The cell added last, so its view can open ready for typing. */
  lastAdded = $state<string | null>(null);
  // History is a plain class; this counter makes canUndo/canRedo reactive.
  #historyChanges = $state(0);
  #history = new History<Notebook>();

  constructor(notebook: Notebook) {
    this.notebook = notebook;
  }

  get canUndo(): boolean {
    void this.#historyChanges;
    return this.#history.canUndo;
  }
  get canRedo(): boolean {
    void this.#historyChanges;
    return this.#history.canRedo;
  }

  /** Told after every change of the notebook that should be saved. */
  protected edited(): void {}

  /** Makes `next` the notebook as an undoable step; typing with the same `group` makes one step. */
  protected apply(next: Notebook, group: string | null = null): void {
    this.#history.record(this.notebook, group);
    this.#historyChanges += 1;
    this.notebook = next;
    this.edited();
  }

  /**
   * Makes `next` the notebook (a revision, another tab's version) as its own undoable
   * step, undo going back to `leaving`; saving is the caller's.
   */
  protected replaceUndoably(next: Notebook, leaving: Notebook = this.notebook): void {
    this.#history.seal();
    this.#history.record(leaving);
    this.#historyChanges += 1;
    this.notebook = next;
  }

  /** Binds the notebook to a dataset (a copy of its manifest). Not an undoable edit: the data in the engine does not follow undo. */
  bindDataset(manifest: DatasetManifest): void {
    if (JSON.stringify(this.notebook.dataset) === JSON.stringify(manifest)) return;
    this.notebook = { ...this.notebook, dataset: structuredClone(manifest) };
    this.edited();
  }

  setTitle(title: string): void {
    this.apply({ ...this.notebook, title }, 'title');
  }

  updateCell(id: string, patch: Partial<Cell>, group: string | null = `edit:${id}`): void {
    const cells = this.notebook.cells.map((cell) => (cell.id === id ? ({ ...cell, ...patch } as Cell) : cell));
    this.apply({ ...this.notebook, cells }, group);
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
    this.apply({ ...this.notebook, cells });
    this.lastAdded = id;
    return id;
  }

  /** Removes a cell; returns it, or undefined when there was none with that id. */
  removeCell(id: string): Cell | undefined {
    const cell = this.notebook.cells.find((c) => c.id === id);
    if (!cell) return undefined;
    this.#history.seal();
    this.apply({ ...this.notebook, cells: this.notebook.cells.filter((c) => c.id !== id) });
    return cell;
  }

  moveCell(id: string, delta: -1 | 1): void {
    const cells = [...this.notebook.cells];
    const i = cells.findIndex((c) => c.id === id);
    const j = i + delta;
    if (i < 0 || j < 0 || j >= cells.length) return;
    [cells[i], cells[j]] = [cells[j], cells[i]];
    this.#history.seal();
    this.apply({ ...this.notebook, cells });
  }

  /** Sets a parameter's value in every parameters cell that declares it, as its own undoable step. */
  protected setParamValue(name: string, value: string | number | null): void {
    const cells = this.notebook.cells.map((cell) =>
      cell.kind === 'params' ? { ...cell, params: cell.params.map((p) => (p.name === name ? { ...p, value } : p)) } : cell,
    );
    this.#history.seal();
    this.apply({ ...this.notebook, cells });
  }

  /** Adds a cell at the top, as its own undoable step. */
  protected prependCell(cell: Cell): void {
    this.#history.seal();
    this.apply({ ...this.notebook, cells: [cell, ...this.notebook.cells] });
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

  #restore(snapshot: Notebook): void {
    this.#historyChanges += 1;
    // Keep the stored version: undo is an edit like any other, not a rollback of saves.
    this.notebook = { ...snapshot, version: this.notebook.version, dataset: this.notebook.dataset };
    this.edited();
  }
}
