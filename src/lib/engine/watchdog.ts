/** How long a cancelled query may take to stop before the engine is replaced. */
export const CANCEL_GRACE_MS = 3000;

export type RestartReason = 'cancel' | 'crash';

/** What a person reads on a cell or a load that was running when the engine was replaced. */
export const RESTART_MESSAGES: Readonly<Record<RestartReason, string>> = {
  cancel: `Cancelled. The engine did not stop within ${CANCEL_GRACE_MS / 1000} s, so it was restarted and your data reloaded.`,
  crash: 'The engine stopped answering and was restarted; your data was reloaded. Run this again if you still need it.',
};

/** The error a call in flight gets when the engine behind it is replaced: it never hangs. */
export class EngineRestartedError extends Error {
  constructor(readonly reason: RestartReason) {
    super(RESTART_MESSAGES[reason]);
    this.name = 'EngineRestartedError';
  }
}

/** Resolves `true` when `work` settles (either way) within `ms`, `false` when the time runs out first. */
export function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    const done = () => {
      clearTimeout(timer);
      resolve(true);
    };
    work.then(done, done);
  });
}

/**
 * A failure that leaves the WebAssembly instance unusable (an Emscripten abort,
 * a trap, the browser refusing it more memory), as opposed to an error DuckDB
 * reports and survives, such as its own "Out of Memory Error".
 */
const WASM_DEATH = /^(?:\w*Error: )?RuntimeError\b|Aborted\(|memory access out of bounds|Cannot allocate Wasm memory|unreachable executed/;

export function isEngineCrash(error: unknown): boolean {
  if (error instanceof EngineRestartedError) return false;
  if (error instanceof Error && error.name === 'RuntimeError') return true;
  return WASM_DEATH.test(error instanceof Error ? error.message : String(error));
}

/** The message `workers/engine.worker.ts` answers by dying like an aborted WebAssembly instance (browser tests only). */
export const CRASH_FOR_TEST = 'recur:crash-for-test';
