import type { EngineApi, EngineTasks, ModelSteps } from '../api';
import { createEngine } from '../createEngine';
import { nativeDriver } from './nativeDriver';
import { nodeWasmDriver } from './wasmDriver';

/**
 * The real DuckDB-WASM engine in Node, behind the same contract as the browser
 * worker; `steps` and `tasks` are the model steps and tasks it offers (the worker's
 * are `MODEL_STEPS` and `INGEST_TASKS`).
 */
export function createNodeEngine(steps: ModelSteps = {}, tasks: EngineTasks = {}): EngineApi {
  return createEngine(nodeWasmDriver(), steps, tasks);
}

/** Native DuckDB (same version) behind the same contract. */
export function createNativeEngine(steps: ModelSteps = {}, tasks: EngineTasks = {}): EngineApi {
  return createEngine(nativeDriver(), steps, tasks);
}
