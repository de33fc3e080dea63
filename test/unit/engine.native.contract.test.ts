import { describe, it } from 'vitest';
import { createNativeEngine } from '../../src/lib/engine/node';
import { ENGINE_CONTRACT } from '../contract/engineContract';
import { nodeKit } from '../contract/kit';

// Native DuckDB shares the contract, except for the lock-down (it reads real
// paths for files beyond the browser's reach) and the version check, which
// the WASM suites cover.
const WASM_ONLY = new Set(['the engine is locked down: no network, no files outside /data/, no config changes']);

describe('EngineApi contract — native DuckDB (@duckdb/node-api)', () => {
  const kit = nodeKit(createNativeEngine());
  for (const c of ENGINE_CONTRACT.filter((c) => !WASM_ONLY.has(c.name))) it(c.name, () => c.run(kit));
});
