import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Dexie from 'dexie';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EngineApi } from '../../../src/lib/engine/api';
import { createNodeEngine } from '../../../src/lib/engine/node/index';
import { INGEST_TASKS } from '../../../src/lib/ingest/tasks';
import { queryRows } from '../../../src/lib/ingest/queryRows';
import { DEMO_DATASET_ID, type DatasetManifest } from '../../../src/lib/notebook/dataset';
import { DataStore } from '../../../src/lib/store/data.svelte';
import { RecurDb } from '../../../src/lib/store/db';
import type { EngineStore } from '../../../src/lib/store/engine.svelte';

const ORDERS_A = 'order_id,customer_id,ordered_at,revenue\nA1,ann,2024-01-05,10\nA2,bob,2024-02-06,4\nA3,ann,2024-03-07,7\n';
const ORDERS_B = 'order_id,customer_id,ordered_at,revenue\nB1,cy,2024-05-01,3\nB2,cy,2024-06-09,5\n';

let engine: EngineApi;

beforeAll(async () => {
  engine = createNodeEngine({}, INGEST_TASKS);
  await engine.init();
  // The bundled sample is fetched by its URL in the app; here the URL is a path in the repository.
  vi.stubGlobal('fetch', async (url: string) => new Response(await readFile(path.join(process.cwd(), url.replace(/^\//, '').replace(/\?.*$/, '')))));
});

afterAll(() => vi.unstubAllGlobals());

function csv(name: string, text: string): File {
  return new File([text], name, { type: 'text/csv' });
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

async function sources(): Promise<string[]> {
  const rows = await queryRows(engine, 'SELECT DISTINCT source_file FROM orders ORDER BY 1');
  return rows.map((r) => String(r.source_file));
}

async function storeOn(db: RecurDb): Promise<{ data: DataStore; bound: DatasetManifest[] }> {
  const data = new DataStore({ engine } as unknown as EngineStore, db);
  const bound: DatasetManifest[] = [];
  data.onDatasetChange((manifest) => bound.push(manifest));
  await data.init();
  return { data, bound };
}

/** Loads a file the way a drop does once its header's mapping is known. */
async function drop(data: DataStore, db: RecurDb, file: File): Promise<void> {
  await data.addFiles([file]);
  const pending = data.review.pending.find((p) => p.file === file);
  if (pending) await data.review.confirm(pending, pending.inspection.mapping);
  expect(data.errors).toEqual([]);
  expect(await db.mappings.count()).toBeGreaterThan(0);
}

describe('datasets in the store and the engine', () => {
  it('a file dropped on the demo starts a dataset of its own; the demo rows leave the engine; a reload brings back the same', async () => {
    const db = new RecurDb(`datasets-${Math.random()}`);
    const { data, bound } = await storeOn(db);
    expect(data.available.map((m) => m.id)).toEqual([DEMO_DATASET_ID]);
    expect(data.defaultDatasetId()).toBe(DEMO_DATASET_ID);
    expect(await data.use(DEMO_DATASET_ID)).toBe(true);
    expect(await sources()).toEqual(['sample-orders.csv']);
    expect(data.current?.kind).toBe('demo');
    expect(data.current?.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    await drop(data, db, csv('a.csv', ORDERS_A));
    expect(await sources()).toEqual(['a.csv']);
    const mine = data.current!;
    expect(mine.kind).toBe('user');
    expect(mine.name).toMatch(/^My data \d{4}-\d{2}-\d{2}$/);
    expect(mine.files.map(({ mapping: _m, ...f }) => f)).toEqual([{ name: 'a.csv', kind: 'orders', rows: 3, size: ORDERS_A.length, fingerprint: sha256(ORDERS_A) }]);
    expect(mine.asOf).toBe('2024-03-07');
    expect(bound.at(-1)).toEqual(mine);

    // A second file joins the dataset that shows.
    await drop(data, db, csv('b.csv', ORDERS_B));
    expect(await sources()).toEqual(['a.csv', 'b.csv']);
    expect(data.current?.id).toBe(mine.id);
    expect(data.current?.files.map((f) => f.name)).toEqual(['a.csv', 'b.csv']);
    expect(data.current?.asOf).toBe('2024-06-09');
    expect(data.defaultDatasetId()).toBe(mine.id);

    // Back to the demo: the user's rows go; and the demo is read-only.
    await data.use(DEMO_DATASET_ID);
    expect(await sources()).toEqual(['sample-orders.csv']);
    await data.remove('sample-orders.csv');
    expect(await sources()).toEqual(['sample-orders.csv']);

    // Another tab (or a reload) on the same storage gets the same dataset back, file for file.
    await data.unload();
    const again = await storeOn(db);
    expect(await again.data.use(mine.id)).toBe(true);
    expect(await sources()).toEqual(['a.csv', 'b.csv']);
    expect(again.data.current?.files.map((f) => f.fingerprint)).toEqual([sha256(ORDERS_A), sha256(ORDERS_B)]);

    // Renaming is kept; removing a file updates the manifest and as_of.
    await again.data.rename('Shop exports');
    await again.data.remove('b.csv');
    expect(await sources()).toEqual(['a.csv']);
    expect((await again.data.repo.get(mine.id))?.name).toBe('Shop exports');
    expect((await again.data.repo.get(mine.id))?.files.map((f) => f.name)).toEqual(['a.csv']);
    expect(again.data.current?.asOf).toBe('2024-03-07');
    await again.data.unload();
  });

  it('a dataset this browser does not have leaves the engine empty', async () => {
    const { data } = await storeOn(new RecurDb(`datasets-${Math.random()}`));
    await data.use(DEMO_DATASET_ID);
    expect(await data.use('elsewhere-123')).toBe(false);
    expect(data.current).toBeNull();
    expect(await sources()).toEqual([]);
  });

  it('version 2 moves the files kept by version 1 into one user dataset', async () => {
    const name = `legacy-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ notebooks: 'id, updatedAt', revisions: '++id, notebookId, [notebookId+savedAt]', mappings: 'signature', datasets: 'id, addedAt' });
    await v1.table('datasets').bulkAdd([
      { id: 'a.csv', name: 'a.csv', size: 3, addedAt: Date.UTC(2026, 0, 2), blob: new Blob(['x']), mapping: null },
      { id: 'b.csv', name: 'b.csv', size: 3, addedAt: Date.UTC(2026, 0, 3), blob: new Blob(['y']), mapping: null },
    ]);
    v1.close();
    const db = new RecurDb(name);
    const groups = await db.datasetGroups.toArray();
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ kind: 'user', name: 'My data 2026-01-02' });
    const files = await db.datasets.where('datasetId').equals(groups[0].id).toArray();
    expect(files.map((f) => f.name).sort()).toEqual(['a.csv', 'b.csv']);
  });
});
