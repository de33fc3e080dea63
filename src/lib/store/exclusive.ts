/**
 * Work that must not overlap, nor overlap notebook runs: each `run` starts only
 * when the one before it has finished (a load's inserts run in one transaction on
 * the engine's only connection, so a second load started beside it fails with
 * "cannot start a transaction within a transaction"), and `idle()` resolves when
 * none is running or queued. Work must not call `run` or `idle` itself: it would
 * wait for its own end.
 */
export class ExclusiveQueue {
  #tail: Promise<void> = Promise.resolve();

  /** Resolves when no queued work is left. */
  idle(): Promise<void> {
    return this.#tail;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const before = this.#tail;
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    this.#tail = before.then(() => done);
    await before;
    try {
      return await work();
    } finally {
      finished();
    }
  }
}
