import type { EngineApi, FileSource } from '../engine/api';
import { quoteIdent } from '../engine/sql';
import { headerSignature } from './headers';
import { detectFormat, detectTextFormat } from './detectFormat';
import { HEAD_BYTES, decodeWindows1252, detectEncoding, gunzip, readAll, readHead } from './head';
import { inspectFile, inspectParquetTable } from './inspectFile';
import { jsonToCsv } from './jsonToCsv';
import type { FileInspection } from './types';

/**
 * The usual way in: reads the head of a file, registers it with the engine and
 * inspects it. Three kinds of file are converted first because this DuckDB
 * build cannot read them: Parquet is imported into a table by the engine's
 * parquet-wasm (`parquetTable(name)`, dropped once `loadFile` has staged it, and imported again
 * from `inspection.source` if loaded again), JSON/NDJSON (no JSON extension) becomes CSV, and text
 * that is not UTF-8 is decoded as Windows-1252 and re-encoded as UTF-8
 * (DuckDB's Latin-1 decoder refuses the bytes 0x80–0x9F that hold `€` and
 * curly quotes). Gzipped files are decompressed for these conversions only.
 * The caller gives each file a unique name; that name identifies what the file
 * contributes to the canonical tables.
 */
export async function openFile(engine: EngineApi, source: FileSource): Promise<FileInspection> {
  const head = await readHead(source);
  const detected = detectFormat(source.name, head);
  if (detected.format === 'parquet') {
    const table = parquetTable(source.name);
    await engine.exec(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
    await engine.importParquet(source, table);
    const size = source.bytes?.byteLength ?? source.file?.size ?? 0;
    return { ...(await inspectParquetTable(engine, { path: '', name: source.name, size }, table, source.name)), source };
  }
  const text = detected.gzip ? await gunzip(head, HEAD_BYTES) : head;
  const format = detectTextFormat(source.name, text);
  const content = async (): Promise<Uint8Array> => (detected.gzip ? gunzip(await readAll(source)) : readAll(source));
  if (format === 'json' || format === 'ndjson') {
    const csv = new TextEncoder().encode(jsonToCsv(new TextDecoder('utf-8').decode(await content()), format, source.name));
    const file = await engine.registerFile({ name: `${source.name}.csv`, bytes: csv });
    return inspectFile(engine, file, csv.subarray(0, HEAD_BYTES), { name: source.name, format });
  }
  if (detectEncoding(text).encoding === 'latin-1') {
    const utf8 = new TextEncoder().encode(decodeWindows1252(await content()));
    const file = await engine.registerFile({ name: `${source.name}.utf8.csv`, bytes: utf8 });
    return inspectFile(engine, file, utf8.subarray(0, HEAD_BYTES), { name: source.name, encoding: 'windows-1252' });
  }
  return inspectFile(engine, await engine.registerFile(source), head);
}

/** The table a Parquet file's rows are imported into: one per file name. */
export function parquetTable(fileName: string): string {
  return `load_parquet_${headerSignature([fileName]).split('-')[1]}`;
}
