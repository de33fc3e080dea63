import { describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/lib/engine/node';
import { queryRows } from '../../src/lib/ingest/queryRows';
import { ENGINE_CONTRACT } from '../contract/engineContract';
import { nodeKit } from '../contract/kit';

describe('EngineApi contract — DuckDB-WASM in Node', () => {
  const kit = nodeKit(createNodeEngine());
  for (const c of ENGINE_CONTRACT) it(c.name, () => c.run(kit));
});

describe('DuckDB-WASM storage', () => {
  it('tables are compressed at a checkpoint, and only then', async () => {
    const engine = createNodeEngine();
    const compressions = async (): Promise<string[]> =>
      (await queryRows(engine, "SELECT DISTINCT compression FROM pragma_storage_info('packed') WHERE segment_type = 'VARCHAR' ORDER BY 1")).map((r) => String(r.compression));
    await engine.exec("CREATE TABLE packed AS SELECT 'C' || (range % 1000) AS customer_id FROM range(200000)");
    expect(await compressions()).toEqual(['Uncompressed']);
    await engine.exec('CHECKPOINT');
    expect(await compressions()).not.toContain('Uncompressed');
    expect(await queryRows(engine, "SELECT count(DISTINCT customer_id) AS n FROM packed WHERE customer_id LIKE 'C9%'")).toEqual([{ n: 111 }]);
  });
});
