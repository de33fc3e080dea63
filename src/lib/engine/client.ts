import * as Comlink from 'comlink';
import type { EngineApi } from './api';
import type { EngineConnection } from './supervisor';
import { CRASH_FOR_TEST } from './watchdog';

/** Starts the engine worker and returns its typed proxy. The page's only way to reach DuckDB. */
export function connectEngine(): EngineConnection {
  const worker = new Worker(new URL('../../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'recur-engine' });
  const remote = Comlink.wrap<EngineApi>(worker);
  // A task's progress listener stays in the page: the worker gets a proxy that calls it back.
  const runTask: EngineApi['runTask'] = (id, input, onProgress) => remote.runTask(id, input, onProgress && Comlink.proxy(onProgress));
  return {
    engine: new Proxy(remote, { get: (target, key) => (key === 'runTask' ? runTask : Reflect.get(target, key)) }),
    terminate: () => worker.terminate(),
    onCrash(listener) {
      worker.addEventListener('error', (event) => {
        // Handled here (the engine is replaced), so the browser need not report it again.
        event.preventDefault();
        listener(event.message || 'the engine worker failed');
      });
      worker.addEventListener('messageerror', () => listener('a message from the engine could not be read'));
    },
    crashForTest: () => worker.postMessage(CRASH_FOR_TEST),
  };
}
