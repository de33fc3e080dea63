import type { Remote } from 'comlink';
import { tableFromIPC, type Table } from 'apache-arrow';
import type { EngineApi, EngineInfo, Params, QueryResult } from '../engine/api';
import { connectEngine } from '../engine/client';

export type EngineStatus = 'starting' | 'ready' | 'failed';

export interface DecodedResult extends Omit<QueryResult, 'ipc'> {
  table: Table;
}

/**
 * The page's handle on the engine worker: its status for the header, and the
 * only place components go through to reach DuckDB.
 */
export class EngineStore {
  status = $state<EngineStatus>('starting');
  info = $state.raw<EngineInfo | null>(null);
  error = $state<string | null>(null);
  #connection: { engine: Remote<EngineApi>; terminate: () => void } | null = null;

  get engine(): Remote<EngineApi> {
    this.#connection ??= connectEngine();
    return this.#connection.engine;
  }

  /** Starts the engine; on failure the worker is replaced so `start` can be retried. */
  async start(): Promise<boolean> {
    this.status = 'starting';
    this.error = null;
    try {
      this.info = await this.engine.init();
      this.status = 'ready';
      return true;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      this.status = 'failed';
      this.#connection?.terminate();
      this.#connection = null;
      return false;
    }
  }

  async query(sql: string, params?: Params): Promise<DecodedResult> {
    const { ipc, ...rest } = await this.engine.query(sql, params);
    return { ...rest, table: tableFromIPC(ipc) };
  }
}
