import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../../src/lib/engine/api';
import { createNodeEngine } from '../../../src/lib/engine/node/index';
import { INGEST_TASKS } from '../../../src/lib/ingest/tasks';
import { DataStore } from '../../../src/lib/store/data.svelte';
import { RecurDb } from '../../../src/lib/store/db';
import type { EngineStore } from '../../../src/lib/store/engine.svelte';
import { overQuota } from './overQuota';

let engine: EngineApi;
beforeAll(async () => {
  engine = createNodeEngine({}, INGEST_TASKS);
  await engine.init();
});

describe('DataStore keeping a file when storage is full', () => {
  it('saves the notebook first, loads the file all the same and says in words that it will not be kept', async () => {
    const log: string[] = [];
    const db = overQuota(new RecurDb(`keep-${Math.random()}`), (table) => table === 'datasets', log);
    const data = new DataStore({ engine } as unknown as EngineStore, db);
    data.onKeep({
      before: async () => {
        await db.notebooks.put({ id: 'nb', title: 'Plan', cells: [], createdAt: 1, updatedAt: 1, version: 1 });
      },
      full: () => log.push('told: storage full'),
    });
    const csv = 'order_id,customer_id,ordered_at,revenue\nA1,ann,2024-01-05,10\nA2,bob,2024-02-06,20\n';
    await data.addFiles([new File([csv], 'shop.csv', { type: 'text/csv' })], { trustGuess: true });

    expect(data.errors).toEqual([]);
    expect(data.datasets.map((d) => d.sourceFile)).toContain('shop.csv');
    // Dataset manifests (small, in datasetGroups) are written too; the order that matters is notebook → file → told.
    expect(log.filter((entry) => entry !== 'stored in datasetGroups')).toEqual(['stored in notebooks', 'stored in datasets', 'told: storage full']);
    expect(data.storageWarning).toBe('Browser storage is full: shop.csv is loaded now but will not be there after a reload. Your notebooks are kept.');
    expect(await db.notebooks.get('nb')).toMatchObject({ title: 'Plan' });
    expect(await db.datasets.count()).toBe(0);
  });
});
