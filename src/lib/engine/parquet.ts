import type { FileSource } from './api';

/**
 * Parquet through parquet-wasm: DuckDB-WASM 1.32 fetches its parquet
 * extension from DuckDB's CDN at run time, which an offline, locked-down app
 * cannot do. parquet-wasm (self-hosted, like DuckDB's bundles) turns Parquet
 * into Arrow IPC that DuckDB inserts natively, and back.
 */
export interface ParquetCodec {
  /** The file as Arrow IPC streams, one per row group, so a large file is never in memory whole. */
  batches(source: FileSource): AsyncIterable<Uint8Array>;
  /** An Arrow IPC stream written as a Parquet file (zstd-compressed). */
  write(ipc: Uint8Array): Uint8Array;
}

/** The parts of parquet-wasm's API Recur uses (its `esm` and `node` builds share them). */
export interface ParquetWasm {
  readParquet(bytes: Uint8Array): { intoIPCStream(): Uint8Array };
  writeParquet(table: unknown, properties?: unknown): Uint8Array;
  Table: { fromIPCStream(buffer: Uint8Array): unknown };
  ParquetFile?: { fromFile(blob: Blob): Promise<{ stream(): Promise<ReadableStream<{ intoIPCStream(): Uint8Array }>> }> };
  WriterPropertiesBuilder: new () => { setCompression(compression: number): { build(): unknown } };
  Compression: { ZSTD: number };
}

export function parquetCodec(pq: ParquetWasm): ParquetCodec {
  return {
    async *batches(source) {
      if (source.file && pq.ParquetFile) {
        const file = await pq.ParquetFile.fromFile(source.file);
        const reader = (await file.stream()).getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          yield value.intoIPCStream();
        }
      }
      const bytes = source.bytes ?? (source.file ? new Uint8Array(await source.file.arrayBuffer()) : null);
      if (!bytes) throw new Error(`No content was given for ${source.name}.`);
      yield pq.readParquet(bytes).intoIPCStream();
    },
    write(ipc) {
      const properties = new pq.WriterPropertiesBuilder().setCompression(pq.Compression.ZSTD).build();
      return pq.writeParquet(pq.Table.fromIPCStream(ipc), properties);
    },
  };
}
