import type { EngineStore } from './engine.svelte';
import { quoteIdent, quoteLiteral } from '../engine/sql';
import { CANONICAL_SCHEMA } from '../ingest/canonical';
import sampleOrdersUrl from '../../../sample-data/orders.csv?url';
import sampleFeedbackUrl from '../../../sample-data/feedback.csv?url';

export interface LoadedFile {
  name: string;
  path: string;
  size: number;
  /** The table or view SQL reads it from. */
  table: string;
  rows: number;
}

/** The data sets loaded into this tab, and the one way to add more. */
export class DataStore {
  files = $state<LoadedFile[]>([]);
  busy = $state(false);
  error = $state<string | null>(null);
  #engine: EngineStore;

  constructor(engine: EngineStore) {
    this.#engine = engine;
  }

  /** Loads the bundled demo orders and feedback into the canonical tables. */
  async loadSample(): Promise<void> {
    await this.#guard(async () => {
      const engine = this.#engine.engine;
      await engine.exec(CANONICAL_SCHEMA);
      for (const [name, url, table] of [
        ['sample-orders.csv', sampleOrdersUrl, 'orders'],
        ['sample-feedback.csv', sampleFeedbackUrl, 'feedback'],
      ] as const) {
        const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
        const file = await engine.registerFile({ name, bytes });
        await engine.exec(`INSERT INTO ${quoteIdent(table)} SELECT * FROM read_csv(${quoteLiteral(file.path)}, header = true)`);
        const rows = Number((await this.#engine.query(`SELECT count(*) AS n FROM ${quoteIdent(table)}`)).table.get(0)?.n ?? 0);
        this.files = [...this.files, { ...file, table, rows }];
      }
    });
  }

  /** Makes each dropped file queryable as a view named after the file. */
  async addFiles(files: File[]): Promise<void> {
    await this.#guard(async () => {
      const engine = this.#engine.engine;
      for (const file of files) {
        const registered = await engine.registerFile({ name: file.name, file });
        const table = tableNameFor(file.name);
        await engine.exec(`CREATE OR REPLACE VIEW ${quoteIdent(table)} AS SELECT * FROM ${readerFor(file.name, registered.path)}`);
        const rows = Number((await this.#engine.query(`SELECT count(*) AS n FROM ${quoteIdent(table)}`)).table.get(0)?.n ?? 0);
        this.files = [...this.files.filter((f) => f.table !== table), { ...registered, table, rows }];
      }
    });
  }

  async #guard(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await work();
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }
}

/** `Orders 2024-03.csv` → `orders_2024_03`. */
export function tableNameFor(fileName: string): string {
  const stem = fileName.replace(/\.(gz)$/i, '').replace(/\.[^.]+$/, '');
  const name = stem.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[a-z_]/.test(name) ? name : `t_${name}`;
}

function readerFor(fileName: string, path: string): string {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.parquet')) return `read_parquet(${quoteLiteral(path)})`;
  if (/\.(json|ndjson|jsonl)$/.test(lower)) return `read_json_auto(${quoteLiteral(path)})`;
  return `read_csv(${quoteLiteral(path)})`;
}
