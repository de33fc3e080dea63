/**
 * Undo and redo over snapshots of a value. Typing in one cell is grouped into
 * a single step (by `group` key) so undo does not go back one letter at a time.
 */
export class History<T> {
  #past: { value: T; group: string | null }[] = [];
  #future: T[] = [];
  #lastGroup: string | null = null;

  constructor(private readonly limit = 200) {}

  /** Records `before` as the state to return to; consecutive records with the same group make one step. */
  record(before: T, group: string | null = null): void {
    if (group !== null && group === this.#lastGroup) return;
    this.#past.push({ value: before, group });
    if (this.#past.length > this.limit) this.#past.shift();
    this.#future = [];
    this.#lastGroup = group;
  }

  /** Ends the current typing group, so the next edit starts a new step. */
  seal(): void {
    this.#lastGroup = null;
  }

  undo(current: T): T | null {
    const step = this.#past.pop();
    if (!step) return null;
    this.#future.push(current);
    this.#lastGroup = null;
    return step.value;
  }

  redo(current: T): T | null {
    const next = this.#future.pop();
    if (next === undefined) return null;
    this.#past.push({ value: current, group: null });
    this.#lastGroup = null;
    return next;
  }

  get canUndo(): boolean {
    return this.#past.length > 0;
  }

  get canRedo(): boolean {
    return this.#future.length > 0;
  }
}
