import { describe, it } from 'vitest';
import { createNodeEngine } from '../../src/lib/engine/node';
import { ENGINE_CONTRACT } from '../contract/engineContract';
import { nodeKit } from '../contract/kit';

describe('EngineApi contract — DuckDB-WASM in Node', () => {
  const kit = nodeKit(createNodeEngine());
  for (const c of ENGINE_CONTRACT) it(c.name, () => c.run(kit));
});
