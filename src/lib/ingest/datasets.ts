import type { EngineApi } from '../engine/api';
import { quoteIdent } from '../engine/sql';
import { ensureIngestSchema } from './ingestSchema';
import { SOURCE_FILE_TABLES } from './canonical';
import { queryRows } from './queryRows';
import type { LoadReport, LoadedDataset, Preset, RowKind } from './types';

/** Deletes everything one file contributed: its orders, lines, responses, rejects, cancellations and its report. */
export async function removeDataset(engine: EngineApi, sourceFile: string): Promise<void> {
  await ensureIngestSchema(engine);
  for (const table of SOURCE_FILE_TABLES) {
    await engine.query(`DELETE FROM ${quoteIdent(table)} WHERE source_file = $file`, { file: sourceFile });
  }
}

/** The files loaded so far, oldest first. */
export async function listDatasets(engine: EngineApi): Promise<LoadedDataset[]> {
  await ensureIngestSchema(engine);
  const rows = await queryRows(engine, 'SELECT source_file, kind, preset, rows_read, loaded_at FROM load_files ORDER BY loaded_at, source_file');
  return rows.map((r) => ({
    sourceFile: String(r.source_file),
    kind: String(r.kind) as RowKind,
    preset: String(r.preset) as Preset,
    rowsRead: Number(r.rows_read),
    loadedAt: String(r.loaded_at),
  }));
}

/** The data-quality report saved when a file was loaded, or `null`. */
export async function loadedReport(engine: EngineApi, sourceFile: string): Promise<LoadReport | null> {
  await ensureIngestSchema(engine);
  const [row] = await queryRows(engine, 'SELECT report_json FROM load_files WHERE source_file = $file', { file: sourceFile });
  return row ? (JSON.parse(String(row.report_json)) as LoadReport) : null;
}

/** The day of the latest order loaded (`YYYY-MM-DD`), the `as_of` a dataset's figures are computed at; null without orders. */
export async function latestOrderDay(engine: EngineApi): Promise<string | null> {
  await ensureIngestSchema(engine);
  const [row] = await queryRows(engine, "SELECT strftime(max(ordered_at), '%Y-%m-%d') AS as_of FROM orders");
  return row?.as_of == null ? null : String(row.as_of);
}
