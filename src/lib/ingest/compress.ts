import type { EngineApi } from '../engine/api';
import { queryNumber } from './queryRows';

/**
 * Above this, the tables are compressed after a load (and after a restore from the snapshot): 10M orders hold 180 MB
 * instead of 1 GB of DuckDB-WASM's 3.1 GiB, which the recipes' hash tables need
 * beside them (the first crr took 2 GB at 10M orders). Below it (about 2.4M orders; 1M orders and their feedback hold 135 MiB)
 * they fit easily, and the page's recipes read compressed tables about 10 %
 * slower (1M orders: run all 10.0–10.2 s against 8.8–9.1 s). 256 rather than
 * more so that the feedback of 10M orders (300 MiB) is compressed too.
 */
const COMPRESS_ABOVE_BYTES = 256 * 1024 * 1024;

/**
 * Checkpoints when the tables hold more than `COMPRESS_ABOVE_BYTES`: the WASM
 * engines compress at a checkpoint (WASM_STORAGE in engine/driver.ts). The rows
 * are loaded whether or not it succeeds; they would stay uncompressed. Tables
 * restored from the snapshot (store/tableSnapshot.ts) come back uncompressed too.
 */
export async function compressIfLarge(engine: EngineApi): Promise<void> {
  if ((await tableBytesInMemory(engine)) > COMPRESS_ABOVE_BYTES) await engine.exec('CHECKPOINT').catch(() => undefined);
}

/** What DuckDB's in-memory tables hold now, in bytes (whole blocks; the cells' tables too). */
export function tableBytesInMemory(engine: EngineApi): Promise<number> {
  return queryNumber(engine, "SELECT coalesce(sum(memory_usage_bytes), 0)::BIGINT FROM duckdb_memory() WHERE tag = 'IN_MEMORY_TABLE'");
}
