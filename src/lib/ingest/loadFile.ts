import type { EngineApi } from '../engine/api';
import { quoteIdent } from '../engine/sql';
import { buildReport } from './buildReport';
import { SOURCE_FILE_TABLES, type FeedbackScale } from './canonical';
import { classifyRows } from './classifyRows';
import { ensureIngestSchema } from './ingestSchema';
import { insertCanonical } from './insertCanonical';
import { tempNames, type LoadContext } from './loadContext';
import { queryNumber, queryRows } from './queryRows';
import { compressIfLarge } from './compress';
import { applyRefunds } from './refunds';
import { isInvalidUnicode, readError } from './readError';
import type { SourceSpec } from './sourceSql';
import { INGEST_MACROS } from './sqlMacros';
import { dateColumn, scanDateOrder, stageSql } from './stage';
import type { DateOrder, FileInspection, LoadOptions, LoadProgress, LoadReport, Mapping, TextEncoding } from './types';
import { typedColumns, withTypedColumns } from './typedRead';
import { validateMapping } from './validateMapping';
import { guessScale } from './valueHints';

const DATE_PATTERN: Record<DateOrder, string> = { ymd: 'yyyy-mm-dd', dmy: 'dd/mm/yyyy', mdy: 'mm/dd/yyyy' };

/**
 * Loads an inspected file into the canonical tables with `mapping` (by default
 * the guessed one) and returns its data-quality report. Files add up: several
 * monthly exports of one kind combine; loading a file with the same name
 * again replaces what it loaded before. Everything from removing the earlier
 * rows to the last insert happens in one transaction.
 *
 * Throws (naming the file) when the mapping lacks a required column, or the
 * file turns out unreadable (ragged rows further down, for instance); a row
 * with a value that cannot be read is rejected and the rest loads.
 */
export async function loadFile(engine: EngineApi, inspection: FileInspection, mapping: Mapping = inspection.mapping, options: LoadOptions = {}): Promise<LoadReport> {
  const t0 = performance.now();
  const name = inspection.name;
  const progress = (step: LoadProgress['step'], done: number): void => options.onProgress?.({ step, done, total: 4 });
  const issues = validateMapping(name, inspection.columns, mapping);
  if (issues.length > 0) throw new Error(issues.join(' '));

  progress('reading', 0);
  await ensureIngestSchema(engine);
  await engine.exec(INGEST_MACROS);
  const warnings: string[] = [];
  let encoding: TextEncoding = inspection.encoding;
  const spec = (): SourceSpec => ({
    path: inspection.file.path, format: inspection.format === 'parquet' ? 'parquet' : 'csv', gzip: inspection.gzip, encoding,
    dialect: inspection.dialect, columns: inspection.columns, table: inspection.table,
  });
  const withEncodingRetry = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (!isInvalidUnicode(error) || encoding !== 'utf-8') throw readError(name, error);
      encoding = 'latin-1';
      warnings.push(`${name} is not valid UTF-8 further down than inspection looked; it was read as Latin-1 (Windows-1252).`);
      return work().catch((again: unknown) => {
        throw readError(name, again);
      });
    }
  };

  if (inspection.table !== null) await reimportParquet(engine, inspection);
  const dateOrder = await settleDateOrder(mapping, name, warnings, () => withEncodingRetry(() => scanDateOrder(engine, spec(), dateColumn(mapping)!)));
  const names = tempNames();
  const ctx: LoadContext = {
    engine, stage: names.stage, classes: names.classes, loaded: names.loaded, orders: names.orders, statusMap: names.statusMap,
    mapping, sourceFile: name, dateOrder, scale: null, oneRowPerOrder: false,
    lines: mapping.fields.quantity !== null && mapping.fields.unit_price !== null && mapping.kind !== 'feedback',
  };
  let report: LoadReport;
  try {
    // Parquet rows arrive as text from their import table; CSV columns the mapping reads as numbers or dates are typed by DuckDB's reader.
    const types = inspection.format === 'parquet' ? {} : typedColumns(mapping);
    await withEncodingRetry(() =>
      withTypedColumns(mapping, types, async (typed) => {
        const source = { ...spec(), types: typed, decimalComma: mapping.options.decimalComma };
        const stage = stageSql({ table: names.raw.stageTable, view: names.raw.stage, source, mapping, dateOrder, sourceFile: name });
        await engine.query(stage.sql, stage.params);
        await engine.exec(stage.viewSql);
      }),
    );
    // The staged rows are all later steps read: the Parquet import (1 GB at 10M orders) would only hold memory. A later load imports it again.
    if (inspection.table !== null) await engine.exec(`DROP TABLE IF EXISTS ${quoteIdent(inspection.table)}`);
    if (mapping.kind === 'feedback') ctx.scale = await settleScale(ctx, warnings);

    progress('checking', 1);
    const replacing = (await queryNumber(engine, 'SELECT count(*) FROM load_files WHERE source_file = $file', { file: name })) > 0;
    await engine.exec('BEGIN TRANSACTION');
    try {
      if (replacing) {
        for (const table of SOURCE_FILE_TABLES) {
          await engine.query(`DELETE FROM ${quoteIdent(table)} WHERE source_file = $file`, { file: name });
        }
        warnings.push(`${name} had been loaded before; what it loaded then was replaced.`);
      }
      await classifyRows(ctx);
      progress('loading', 2);
      await insertCanonical(ctx, warnings);
      const refunds = await applyRefunds(ctx, spec(), warnings);
      progress('reporting', 3);
      const counts = await buildReport(ctx, warnings);
      counts.produced.orders -= refunds.nettedRows;
      report = {
        file: name, kind: mapping.kind, preset: mapping.preset, format: inspection.format, encoding,
        ...counts, dateOrder, scale: ctx.scale, warnings, elapsedMs: 0,
      };
      report.elapsedMs = Math.round(performance.now() - t0);
      await engine.query(
        `INSERT INTO load_files (source_file, kind, preset, format, rows_read, loaded_at, report_json) VALUES ($file, $kind, $preset, $format, $rows, $at, $json)`,
        { file: name, kind: mapping.kind, preset: mapping.preset, format: inspection.format, rows: report.rows.read, at: new Date().toISOString(), json: JSON.stringify(report) },
      );
      await engine.exec('COMMIT');
    } catch (error) {
      await engine.exec('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    await dropTemporary(engine, names);
  }
  // After the temporary tables are gone, so the checkpoint has their memory too.
  await compressIfLarge(engine);
  progress('done', 4);
  return report;
}

/** Drops one load's temporary tables and views, one statement each: the orders are a view or a table (see insertCanonical), and a DROP of the other kind fails. */
async function dropTemporary(engine: EngineApi, names: ReturnType<typeof tempNames>): Promise<void> {
  const temporary = [['VIEW', names.loaded], ['VIEW', names.orders], ['TABLE', names.orders], ['VIEW', names.stage], ['TABLE', names.stageTable], ['TABLE', names.classes], ['TABLE', names.statusMap]];
  for (const [kind, name] of temporary) await engine.exec(`DROP ${kind} IF EXISTS ${name}`).catch(() => undefined);
}

/**
 * Imports a Parquet file again when an earlier load of the same inspection let
 * its import go (it is dropped once staged, whether the load then succeeded
 * or not).
 */
async function reimportParquet(engine: EngineApi, inspection: FileInspection): Promise<void> {
  const table = inspection.table!;
  if ((await queryNumber(engine, 'SELECT count(*) FROM duckdb_tables() WHERE table_name = $t', { t: table })) > 0) return;
  if (!inspection.source) throw new Error(`${inspection.name} was loaded already and its imported rows let go; open it again to load it with another mapping.`);
  await engine.importParquet(inspection.source, table);
}

/**
 * The day/month order to read dates with. When the sample could not tell, the
 * whole date column is scanned; if it still cannot tell, the mapping's order
 * is used and the report says so.
 */
async function settleDateOrder(
  mapping: Mapping,
  name: string,
  warnings: string[],
  scan: () => Promise<{ dayFirst: number; monthFirst: number }>,
): Promise<DateOrder> {
  const { dateOrder, dateOrderAmbiguous } = mapping.options;
  if (!dateOrderAmbiguous || dateColumn(mapping) === null) return dateOrder;
  const { dayFirst, monthFirst } = await scan();
  if (dayFirst > 0 && monthFirst === 0) return 'dmy';
  if (monthFirst > 0 && dayFirst === 0) return 'mdy';
  if (dayFirst > 0 && monthFirst > 0) {
    warnings.push(`${name} mixes day-first and month-first dates; they were read as ${DATE_PATTERN[dateOrder]} and dates that do not fit were rejected.`);
  } else {
    warnings.push(`Day/month order was ambiguous (no day above 12): read as ${DATE_PATTERN[dateOrder]}.`);
  }
  return dateOrder;
}

/** The feedback scale: the mapping's, or (for `auto`) from the header and the range of all scores. */
async function settleScale(ctx: LoadContext, warnings: string[]): Promise<FeedbackScale> {
  const chosen = ctx.mapping.options.scale;
  if (chosen !== 'auto') return chosen;
  const [range] = await queryRows(ctx.engine, `SELECT min(score) AS lo, max(score) AS hi FROM ${ctx.stage} WHERE score IS NOT NULL`);
  const known = range && range.lo !== null ? { min: Number(range.lo), max: Number(range.hi) } : null;
  const scale = guessScale(ctx.mapping.fields.score ?? '', known);
  if (scale) return scale;
  warnings.push(`Scores run from ${known?.min} to ${known?.max}, which fits no known scale; they were read as 0–10 (NPS) and scores outside it rejected.`);
  return 'nps_10';
}
