/**
 * Work that must not overlap notebook runs: each `run` waits for the one
 * before it, and `idle()` resolves when none is running or queued.
 */
export class ExclusiveQueue {
  #tail: Promise<void> = Promise.resolve();

  /** Resolves when no queued work is left. */
  idle(): Promise<void> {
    return this.#tail;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    this.#tail = this.#tail.then(() => done);
    try {
      return await work();
    } finally {
      finished();
    }
  }
}
