import type { EngineApi, ModelSteps } from '../api';
import { createEngine } from '../createEngine';
import { nativeDriver } from './nativeDriver';
import { nodeWasmDriver } from './wasmDriver';

/**
 * The real DuckDB-WASM engine in Node, behind the same contract as the browser
 * worker; `steps` are the model steps it offers (the worker's are `MODEL_STEPS`).
 */
export function createNodeEngine(steps: ModelSteps = {}): EngineApi {
  return createEngine(nodeWasmDriver(), steps);
}

/** Native DuckDB (same version) behind the same contract. */
export function createNativeEngine(steps: ModelSteps = {}): EngineApi {
  return createEngine(nativeDriver(), steps);
}
