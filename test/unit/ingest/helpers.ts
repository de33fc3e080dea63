import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { EngineApi, Params } from '../../../src/lib/engine/api';
import type { Row } from '../../../src/lib/engine/rows';
import { loadFile, openFile, type FileInspection, type LoadReport, type Mapping } from '../../../src/lib/ingest/index';
import { queryRows } from '../../../src/lib/ingest/queryRows';

export const FIXTURES = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../fixtures/ingest');

/** The bytes of a fixture file. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(FIXTURES, name)));
}

/** Rows of a query. */
export function rows(engine: EngineApi, sql: string, params: Params = {}): Promise<Row[]> {
  return queryRows(engine, sql, params);
}

/** Opens bytes under a name and loads them with the guessed mapping, optionally edited first. */
export async function load(
  engine: EngineApi,
  name: string,
  bytes: Uint8Array,
  edit?: (mapping: Mapping) => Mapping,
): Promise<{ inspection: FileInspection; report: LoadReport }> {
  const inspection = await openFile(engine, { name, bytes });
  const report = await loadFile(engine, inspection, edit ? edit(inspection.mapping) : inspection.mapping);
  expectAccounted(report);
  return { inspection, report };
}

/** Every row read is loaded or counted under a reason. */
export function expectAccounted(report: LoadReport): void {
  const { read, loaded, cancelled, rejected, duplicates, alreadyLoaded } = report.rows;
  expect(loaded + cancelled + rejected + duplicates + alreadyLoaded, `rows of ${report.file} accounted for`).toBe(read);
}

/** The canonical rows one file produced, without the bookkeeping column. */
export async function ordersOf(engine: EngineApi, file: string): Promise<Row[]> {
  return rows(engine, 'SELECT * EXCLUDE (source_file) FROM orders WHERE source_file = $file ORDER BY ordered_at, order_id', { file });
}
