import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/lib/engine/api';
import { createNativeEngine, createNodeEngine } from '../../src/lib/engine/node';
import { loadFile, openFile } from '../../src/lib/ingest';
import { loadRecipes, runRecipe } from '../../src/lib/recipes/node';

// The same recipe SQL on DuckDB-WASM and on native DuckDB (same version), on
// the demo data loaded through the same ingestion: the rows must be identical.
const catalog = loadRecipes();
const engines: Record<'wasm' | 'native', EngineApi> = { wasm: createNodeEngine(), native: createNativeEngine() };

async function loadSample(engine: EngineApi): Promise<void> {
  for (const name of ['orders.csv', 'feedback.csv']) {
    const bytes = new Uint8Array(readFileSync(new URL(`../../sample-data/${name}`, import.meta.url)));
    const inspection = await openFile(engine, { name, bytes });
    await loadFile(engine, inspection);
  }
}

/**
 * Native DuckDB sums on two threads, so a float total can differ in its last
 * bits from the single-threaded WASM sum. Numbers within 1e-9 relative of the
 * WASM value are replaced by it; anything further apart still fails.
 */
function sameUpToSummationOrder<T>(actual: T, expected: unknown): T {
  if (typeof actual === 'number' && typeof expected === 'number') {
    return (Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)) ? expected : actual) as T;
  }
  if (Array.isArray(actual) && Array.isArray(expected)) return actual.map((v, i) => sameUpToSummationOrder(v, expected[i])) as T;
  if (actual && expected && typeof actual === 'object' && typeof expected === 'object') {
    const e = expected as Record<string, unknown>;
    return Object.fromEntries(Object.entries(actual).map(([k, v]) => [k, sameUpToSummationOrder(v, e[k])])) as T;
  }
  return actual;
}

beforeAll(async () => {
  await Promise.all(Object.values(engines).map(loadSample));
}, 120_000);

describe('every recipe gives identical rows on DuckDB-WASM and native DuckDB', () => {
  for (const recipe of catalog.sqlRecipes) {
    it(recipe.id, async () => {
      const params = recipe.params.some((p) => p.name === 'period') ? { period: 'quarter' } : {};
      const [wasm, native] = await Promise.all([runRecipe(engines.wasm, recipe, params), runRecipe(engines.native, recipe, params)]);
      expect(wasm.rows.length).toBeGreaterThan(0);
      expect(native.columns).toEqual(wasm.columns);
      expect(sameUpToSummationOrder(native.rows, wasm.rows)).toEqual(wasm.rows);
      expect(native.explanation).toEqual(wasm.explanation);
    });
  }
});
