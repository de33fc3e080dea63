import * as Comlink from 'comlink';
import type { EngineApi } from './api';

/** Starts the engine worker and returns its typed proxy. The page's only way to reach DuckDB. */
export function connectEngine(): { engine: Comlink.Remote<EngineApi>; terminate: () => void } {
  const worker = new Worker(new URL('../../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'recur-engine' });
  return { engine: Comlink.wrap<EngineApi>(worker), terminate: () => worker.terminate() };
}
