import type { EngineApi } from '../engine/api';
import { SNAPSHOT_DATABASE } from '../engine/driver';
import { quoteIdent } from '../engine/sql';
import { CANONICAL_VIEWS, SOURCE_FILE_TABLES } from '../ingest/canonical';
import { ensureIngestSchema, INGEST_SCHEMA } from '../ingest/ingestSchema';
import { compressIfLarge, tableBytesInMemory } from '../ingest/compress';
import { queryRows } from '../ingest/queryRows';

/**
 * The database the loaded tables are copied into so a returning visit can skip
 * the re-import: in the browser, a DuckDB file in the origin-private file system
 * the engine opened before its lock-down (`workers/engine.worker.ts`); absent
 * where that file could not be opened (another tab holds it, no OPFS), and then
 * every function here does nothing.
 */
export const SNAPSHOT_DB = SNAPSHOT_DATABASE;

/** Raise when loading changes what it puts in the tables for the same file and mapping: old snapshots are then not trusted. */
export const SNAPSHOT_VERSION = 1;

const TAG_TABLE = `${SNAPSHOT_DB}.main.snapshot_tag`;

/** What a snapshot holds: a dataset's files as stored (name, bytes, mapping), loaded by this code. */
export interface SnapshotFile {
  name: string;
  fingerprint: string;
  mapping?: unknown;
}

/**
 * The tag a snapshot is kept under: the dataset, each file's name, fingerprint
 * and mapping, the snapshot version and the tables' schema. Equal tags mean the
 * same files loaded the same way into tables of the same shape.
 */
export function snapshotTag(datasetId: string, files: readonly SnapshotFile[]): string {
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return JSON.stringify({
    version: SNAPSHOT_VERSION,
    schema: textHash(INGEST_SCHEMA),
    dataset: datasetId,
    files: sorted.map((f) => [f.name, f.fingerprint, JSON.stringify(f.mapping ?? null)]),
  });
}

/** FNV-1a of a text, hex: enough to tell two schema texts apart. */
function textHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/** Whether this engine has a writable snapshot database. */
export async function hasSnapshotStore(engine: EngineApi): Promise<boolean> {
  const rows = await queryRows(engine, 'SELECT count(*)::INTEGER AS n FROM duckdb_databases() WHERE database_name = $db AND NOT readonly', { db: SNAPSHOT_DB });
  return Number(rows[0]?.n ?? 0) > 0;
}

/** The tag of the snapshot kept now, or null (none, or no snapshot database). */
export async function storedTag(engine: EngineApi): Promise<string | null> {
  if (!(await hasSnapshotStore(engine))) return null;
  const present = await queryRows(engine, "SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE database_name = $db AND table_name = 'snapshot_tag'", { db: SNAPSHOT_DB });
  if (Number(present[0]?.n ?? 0) === 0) return null;
  const [row] = await queryRows(engine, `SELECT tag FROM ${TAG_TABLE}`);
  return row?.tag == null ? null : String(row.tag);
}

/**
 * Fills the (emptied) data tables from the snapshot when it was kept under
 * `tag`; false, with the tables left empty, when there is none, it holds other
 * data, or it cannot be read (the caller then loads the files again).
 */
export async function restoreSnapshot(engine: EngineApi, tag: string): Promise<boolean> {
  if ((await storedTag(engine)) !== tag) return false;
  try {
    await dropLoadedTables(engine);
    await ensureIngestSchema(engine);
    const copies = SOURCE_FILE_TABLES.map((t) => `INSERT INTO ${quoteIdent(t)} BY NAME SELECT * FROM ${SNAPSHOT_DB}.main.${quoteIdent(t)};`);
    await engine.exec(`BEGIN TRANSACTION; ${copies.join(' ')} COMMIT;`);
    // As after a load: 10M orders' tables take 1 GiB uncompressed, and the recipes need the room.
    await compressIfLarge(engine);
    return true;
  } catch {
    await engine.exec('ROLLBACK').catch(() => undefined);
    await dropLoadedTables(engine);
    return false;
  }
}

/**
 * Drops the tables and views loading makes, by name: unlike `dropIngestTables`
 * it needs no blueprint of the schema, which costs a second on a start-up where
 * nothing else needs it.
 */
async function dropLoadedTables(engine: EngineApi): Promise<void> {
  const views = CANONICAL_VIEWS.map((v) => `DROP VIEW IF EXISTS ${quoteIdent(v)};`);
  const tables = SOURCE_FILE_TABLES.map((t) => `DROP TABLE IF EXISTS ${quoteIdent(t)};`);
  await engine.exec([...views, ...tables].join(' '));
}

/** Room kept free beyond the snapshot's own estimate: the WAL, DuckDB's headers, and what IndexedDB writes meanwhile. */
export const SNAPSHOT_MARGIN_BYTES = 16 * 1024 * 1024;

/**
 * The bytes of origin storage writing a snapshot may take at its peak: twice
 * what DuckDB's in-memory tables hold (uncompressed, in whole blocks, and the
 * cells' tables too, so more than the compressed copy), plus a margin. An
 * over-estimate on purpose, because a write that meets the quota is worse than
 * a skipped one: DuckDB-WASM's OPFS write then fails inside DuckDB and the
 * engine never answers again.
 */
export async function snapshotBytesNeeded(engine: EngineApi): Promise<number> {
  return 2 * (await tableBytesInMemory(engine)) + SNAPSHOT_MARGIN_BYTES;
}

/** Whether the storage the snapshot is written to has `bytes` free (the browser's quota; see store/storage.svelte.ts hasRoomFor). */
export type HasRoom = (bytes: number) => Promise<boolean>;

/**
 * Keeps the data tables as they are now under `tag`, replacing any snapshot:
 * the old tag goes and the tables are copied in one transaction, the tag is
 * written after it, so a tab closed half-way leaves no tag, never a tag over
 * other rows. Nothing without a snapshot database, or when `hasRoom` says the
 * write may not fit (snapshotBytesNeeded). True when it was written.
 */
export async function writeSnapshot(engine: EngineApi, tag: string, hasRoom: HasRoom): Promise<boolean> {
  if (!(await hasSnapshotStore(engine))) return false;
  if (!(await hasRoom(await snapshotBytesNeeded(engine)))) return false;
  const copies = SOURCE_FILE_TABLES.map((t) => `CREATE OR REPLACE TABLE ${SNAPSHOT_DB}.main.${quoteIdent(t)} AS FROM ${quoteIdent(t)};`);
  await engine.exec(`BEGIN TRANSACTION; DROP TABLE IF EXISTS ${TAG_TABLE}; ${copies.join(' ')} CREATE TABLE ${TAG_TABLE} (tag VARCHAR); COMMIT;`);
  // The rows go into the file before the tag is written: a tab reloaded as soon as the tag shows
  // would otherwise replay the whole copy from the write-ahead log (seconds at 1M orders).
  await engine.exec(`CHECKPOINT ${SNAPSHOT_DB}`);
  // The tag is bound, never pasted into SQL; it is the last write, committed on its own.
  await engine.query(`INSERT INTO ${TAG_TABLE} VALUES ($tag)`, { tag });
  await engine.exec(`CHECKPOINT ${SNAPSHOT_DB}`);
  return true;
}

/** Makes the kept snapshot unusable (before the data changes): its tag goes, its tables stay until the next write. */
export async function forgetSnapshot(engine: EngineApi): Promise<void> {
  if (!(await hasSnapshotStore(engine))) return;
  await engine.exec(`DROP TABLE IF EXISTS ${TAG_TABLE}`);
}
