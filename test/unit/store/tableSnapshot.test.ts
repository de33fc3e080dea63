import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../../src/lib/engine/api';
import { createNativeEngine, createNodeEngine } from '../../../src/lib/engine/node/index';
import { loadFile, openFile } from '../../../src/lib/ingest/index';
import { SOURCE_FILE_TABLES } from '../../../src/lib/ingest/canonical';
import { damagedTables } from '../../../src/lib/ingest/schemaDamage';
import { queryRows } from '../../../src/lib/ingest/queryRows';
import { forgetSnapshot, hasSnapshotStore, restoreSnapshot, snapshotBytesNeeded, snapshotTag, SNAPSHOT_MARGIN_BYTES, SNAPSHOT_DB, storedTag, writeSnapshot } from '../../../src/lib/store/tableSnapshot';
import { EXTRACT_PATH } from '../../recipes/onlineRetail';

/** Storage with room for any snapshot. */
const roomForAll = () => Promise.resolve(true);

const FILES = [
  { name: 'online_retail.csv.gz', fingerprint: 'aa11', mapping: { kind: 'order_lines', fields: { order_id: 'InvoiceNo' } } },
  { name: 'feedback.csv', fingerprint: 'bb22' },
];

describe('snapshotTag', () => {
  const tag = snapshotTag('ds-1', FILES);

  it('is the same for the same files in any order', () => {
    expect(snapshotTag('ds-1', [...FILES].reverse())).toBe(tag);
  });

  it.each([
    ['another dataset', snapshotTag('ds-2', FILES)],
    ['a changed file', snapshotTag('ds-1', [{ ...FILES[0], fingerprint: 'cc33' }, FILES[1]])],
    ['a renamed file', snapshotTag('ds-1', [{ ...FILES[0], name: 'retail.csv.gz' }, FILES[1]])],
    ['another mapping', snapshotTag('ds-1', [{ ...FILES[0], mapping: { kind: 'order_lines', fields: { order_id: 'StockCode' } } }, FILES[1]])],
    ['a removed file', snapshotTag('ds-1', [FILES[0]])],
    ['an added file', snapshotTag('ds-1', [...FILES, { name: 'more.csv', fingerprint: 'dd44' }])],
  ])('differs for %s', (_what, other) => {
    expect(other).not.toBe(tag);
  });

  it('names the snapshot version and the schema it was written with', () => {
    const parsed = JSON.parse(tag) as { version: number; schema: string };
    expect(parsed.version).toBeGreaterThan(0);
    expect(parsed.schema).toMatch(/^[0-9a-f]{8}$/);
  });
});

/** Every row of every table a load writes, in a fixed order, as text: what must come back unchanged. */
async function tableContents(engine: EngineApi): Promise<Record<string, string>> {
  const contents: Record<string, string> = {};
  for (const table of SOURCE_FILE_TABLES) {
    const rows = await queryRows(engine, `SELECT count(*)::BIGINT::VARCHAR AS n, coalesce(sum(hash(t)::HUGEINT), 0)::VARCHAR AS h FROM ${table} t`);
    contents[table] = `${rows[0].n}:${rows[0].h}`;
  }
  return contents;
}

describe('a snapshot of the loaded tables', () => {
  let engine: EngineApi;
  let loaded: Record<string, string>;
  const tag = snapshotTag('ds-1', FILES);

  beforeAll(async () => {
    engine = createNodeEngine();
    const bytes = new Uint8Array(readFileSync(EXTRACT_PATH));
    const inspection = await openFile(engine, { name: 'online_retail.csv.gz', bytes });
    await loadFile(engine, inspection);
    loaded = await tableContents(engine);
  }, 60_000);
  afterAll(async () => {
    await engine.exec(`DETACH DATABASE IF EXISTS ${SNAPSHOT_DB}`).catch(() => undefined);
  });

  it('does nothing where there is no snapshot database', async () => {
    expect(await hasSnapshotStore(engine)).toBe(false);
    // Nor asks for room: the browser's check grows a scratch file.
    await writeSnapshot(engine, tag, () => Promise.reject(new Error('asked for room without a snapshot database')));
    expect(await storedTag(engine)).toBeNull();
    expect(await restoreSnapshot(engine, tag)).toBe(false);
    expect(await tableContents(engine)).toEqual(loaded);
  });

  it('brings back every table exactly, in the shape loading makes', async () => {
    // In Node an in-memory database stands in for the browser's OPFS file.
    await engine.exec(`ATTACH ':memory:' AS ${SNAPSHOT_DB}`);
    await writeSnapshot(engine, tag, roomForAll);
    expect(await storedTag(engine)).toBe(tag);
    await engine.exec('DELETE FROM orders; DELETE FROM order_lines; DELETE FROM load_files');
    expect(Number(loaded.order_lines.split(':')[0])).toBeGreaterThan(1000);

    expect(await restoreSnapshot(engine, tag)).toBe(true);
    expect(await tableContents(engine)).toEqual(loaded);
    expect(await damagedTables(engine)).toEqual([]);
  });

  it('is not used for other files, and is forgotten before a change', async () => {
    expect(await restoreSnapshot(engine, snapshotTag('ds-1', [FILES[0]]))).toBe(false);
    await forgetSnapshot(engine);
    expect(await storedTag(engine)).toBeNull();
    expect(await restoreSnapshot(engine, tag)).toBe(false);
  });

  it('replaces the previous snapshot when written again', async () => {
    await writeSnapshot(engine, tag, roomForAll);
    await engine.exec("DELETE FROM order_lines WHERE quantity > 10");
    const changed = await tableContents(engine);
    expect(changed.order_lines).not.toBe(loaded.order_lines);
    const newTag = snapshotTag('ds-1', [FILES[0]]);
    await writeSnapshot(engine, newTag, roomForAll);
    expect(await restoreSnapshot(engine, tag)).toBe(false);
    expect(await restoreSnapshot(engine, newTag)).toBe(true);
    expect(await tableContents(engine)).toEqual(changed);
  });

  it('asks for more room than writing it to a file takes', async () => {
    // Checked before a browser write: DuckDB-WASM's engine hangs when an OPFS write meets the quota.
    const dir = mkdtempSync(join(tmpdir(), 'recur-snapshot-'));
    try {
      // Native DuckDB, which may attach a file on disk: the WASM engine is locked down.
      const native = createNativeEngine();
      const inspection = await openFile(native, { name: 'online_retail.csv.gz', bytes: new Uint8Array(readFileSync(EXTRACT_PATH)) });
      await loadFile(native, inspection);
      const file = join(dir, 'snapshot.db');
      await native.exec(`ATTACH '${file}' AS ${SNAPSHOT_DB}`);
      const needed = await snapshotBytesNeeded(native);
      await writeSnapshot(native, tag, roomForAll);
      const written = [file, `${file}.wal`].filter(existsSync).reduce((sum, path) => sum + statSync(path).size, 0);
      expect(written).toBeGreaterThan(0);
      // Without its fixed margin, so the part that scales with the data is checked.
      expect(needed - SNAPSHOT_MARGIN_BYTES).toBeGreaterThan(written);
      // Not just the fixed margin: the estimate follows the rows loaded.
      await native.exec('DROP TABLE order_lines');
      expect(await snapshotBytesNeeded(native)).toBeLessThan(needed);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
