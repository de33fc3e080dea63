import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineApi } from '../../../src/lib/engine/api';
import { createNodeEngine } from '../../../src/lib/engine/node/index';
import { INGEST_TASKS } from '../../../src/lib/ingest/tasks';
import { DataStore } from '../../../src/lib/store/data.svelte';
import { RecurDb } from '../../../src/lib/store/db';
import type { EngineStore } from '../../../src/lib/store/engine.svelte';
import { SNAPSHOT_DB, storedTag } from '../../../src/lib/store/tableSnapshot';

/**
 * The browser's storage as hasRoomFor sees it: estimate() and a scratch OPFS
 * file that may grow to `room` bytes (a larger truncate fails as Chromium's
 * quota check does). `grown` records each size asked for.
 */
function browserStorage(room: number, grown: number[]) {
  const writable = {
    truncate: async (bytes: number) => {
      grown.push(bytes);
      if (bytes > room) throw new DOMException('over quota', 'QuotaExceededError');
    },
    abort: async () => undefined,
  };
  const root = {
    getFileHandle: async () => ({ createWritable: async () => writable }),
    removeEntry: async () => undefined,
  };
  return {
    // The estimate says there is plenty: only the scratch file meets the real quota.
    storage: { estimate: async () => ({ usage: 0, quota: 10 * 1024 ** 3 }), getDirectory: async () => root },
  };
}

const CSV = 'order_id,customer_id,ordered_at,revenue\nA1,ann,2024-01-05,10\nA2,bob,2024-02-06,20\nA3,ann,2024-03-01,5\n';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until the snapshot has a tag, or `ms` pass. */
async function tagWithin(engine: EngineApi, ms: number): Promise<string | null> {
  const until = Date.now() + ms;
  for (;;) {
    const tag = await storedTag(engine);
    if (tag || Date.now() > until) return tag;
    await sleep(200);
  }
}

describe('the snapshot of a loaded file', () => {
  let engine: EngineApi;
  let data: DataStore;
  const grown: number[] = [];

  async function start(room: number): Promise<void> {
    vi.stubGlobal('navigator', browserStorage(room, grown));
    engine = createNodeEngine({}, INGEST_TASKS);
    await engine.init();
    // In Node an in-memory database stands in for the browser's OPFS file.
    await engine.exec(`ATTACH ':memory:' AS ${SNAPSHOT_DB}`);
    data = new DataStore({ engine } as unknown as EngineStore, new RecurDb(`quiet-${Math.random()}`));
  }
  const drop = (name: string) => data.addFiles([new File([CSV.replaceAll('A', name[0])], name, { type: 'text/csv' })], { trustGuess: true });

  beforeEach(() => {
    grown.length = 0;
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('is written once the data has been left alone, not at once', async () => {
    await start(Number.MAX_SAFE_INTEGER);
    await drop('shop.csv');
    data.keepSnapshotWhenQuiet();
    await sleep(1000);
    expect(await storedTag(engine)).toBeNull();
    const tag = await tagWithin(engine, 10_000);
    expect(JSON.parse(tag!).files.map(([name]: [string]) => name)).toEqual(['shop.csv']);
  });

  it('waits again for a file dropped meanwhile, then holds both files', async () => {
    await start(Number.MAX_SAFE_INTEGER);
    await drop('shop.csv');
    data.keepSnapshotWhenQuiet();
    await sleep(2000);
    await drop('more.csv');
    // The first wait would have ended here; the drop started it again.
    await sleep(1500);
    expect(await storedTag(engine)).toBeNull();
    data.keepSnapshotWhenQuiet(); // as the app does after the new file's figures
    const tag = await tagWithin(engine, 10_000);
    expect(JSON.parse(tag!).files.map(([name]: [string]) => name)).toEqual(['more.csv', 'shop.csv']);
  });

  it('is not written where the browser has no room for it, and the engine goes on answering', async () => {
    await start(1024 * 1024);
    await drop('shop.csv');
    data.keepSnapshotWhenQuiet();
    await sleep(4500);
    expect(grown.length).toBe(1);
    expect(grown[0]).toBeGreaterThan(1024 * 1024);
    expect(await storedTag(engine)).toBeNull();
    await drop('more.csv');
    expect(data.datasets.map((d) => d.sourceFile).sort()).toEqual(['more.csv', 'shop.csv']);
  });
});
