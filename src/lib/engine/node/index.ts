import type { EngineApi } from '../api';
import { createEngine } from '../createEngine';
import { nativeDriver } from './nativeDriver';
import { nodeWasmDriver } from './wasmDriver';

/** The real DuckDB-WASM engine in Node, behind the same contract as the browser worker. */
export function createNodeEngine(): EngineApi {
  return createEngine(nodeWasmDriver());
}

/** Native DuckDB (same version) behind the same contract. */
export function createNativeEngine(): EngineApi {
  return createEngine(nativeDriver());
}
