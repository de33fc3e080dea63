import type { EngineApi } from '../api';
import { createEngine } from '../createEngine';
import { nodeWasmDriver } from './wasmDriver';

/** The real DuckDB-WASM engine in Node, behind the same contract as the browser worker. */
export function createNodeEngine(): EngineApi {
  return createEngine(nodeWasmDriver());
}
