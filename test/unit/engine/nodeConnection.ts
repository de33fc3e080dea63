import type { EngineConnection } from '../../../src/lib/engine/supervisor';
import { createNodeEngine } from '../../../src/lib/engine/node/index';
import { INGEST_TASKS } from '../../../src/lib/ingest/tasks';

/** SQL naming this never finishes, as when DuckDB's worker is stuck in one step Cancel cannot reach. */
export const STUCK = 'never_finishes';
/** SQL naming this fails the way a call on an aborted WebAssembly instance does. */
export const ABORT = 'wasm_abort';
/**
 * SQL naming this runs until the engine's `cancel`, then fails as DuckDB's
 * interrupt makes it fail (the blocking Node build cannot be interrupted itself).
 */
export const INTERRUPTIBLE = 'runs_until_cancelled';

export interface TestConnection extends EngineConnection {
  /** What the worker's `error` event does. */
  crash(detail: string): void;
  terminated: boolean;
  /** How many statements naming STUCK were sent to this engine. */
  stuckCalls: number;
}

/** A real DuckDB-WASM engine in Node behind the connection interface; only statements naming the markers above misbehave. */
export function nodeConnection(): TestConnection {
  const real = createNodeEngine({}, INGEST_TASKS);
  let crashListener: (detail: string) => void = () => {};
  const interrupts: (() => void)[] = [];
  const connection: TestConnection = {
    engine: {
      ...real,
      query: (sql, params, options) => {
        if (sql.includes(STUCK)) {
          connection.stuckCalls += 1;
          return new Promise(() => {});
        }
        if (sql.includes(INTERRUPTIBLE)) return new Promise((_resolve, reject) => interrupts.push(() => reject(new Error('INTERRUPT Error: Interrupted!'))));
        if (sql.includes(ABORT)) return Promise.reject(Object.assign(new Error('Aborted(OOM). Build with -sASSERTIONS for more info.'), { name: 'RuntimeError' }));
        return real.query(sql, params, options);
      },
      cancel: async () => {
        const running = interrupts.splice(0);
        for (const interrupt of running) interrupt();
        return running.length > 0 || real.cancel();
      },
    },
    terminated: false,
    stuckCalls: 0,
    terminate: () => void (connection.terminated = true),
    onCrash: (listener) => void (crashListener = listener),
    crash: (detail) => crashListener(detail),
  };
  return connection;
}
