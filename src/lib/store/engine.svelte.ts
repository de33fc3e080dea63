import { tableFromIPC, type Table } from 'apache-arrow';
import type { EngineApi, EngineInfo, Params, QueryResult } from '../engine/api';
import { connectEngine } from '../engine/client';
import { EngineSupervisor, type EngineConnection } from '../engine/supervisor';
import type { RestartReason } from '../engine/watchdog';
import { messageOf } from '../errorMessage';

export type EngineStatus = 'starting' | 'ready' | 'restarting' | 'failed';

export interface DecodedResult extends Omit<QueryResult, 'ipc'> {
  table: Table;
}

/** What the page says once a replaced engine is back with the data. */
export const RESTARTED_NOTICE = 'The engine stopped answering and was restarted; your data was reloaded.';

/** Puts back what a replaced engine held: the data, then the cells' tables. */
export type RestartListener = (reason: RestartReason) => Promise<void>;

/**
 * The page's handle on the engine worker: its status for the header, and the
 * only place components go through to reach DuckDB. The worker's lifecycle
 * (start, cancel watchdog, restart after a crash) is its supervisor's.
 */
export class EngineStore {
  status = $state<EngineStatus>('starting');
  info = $state.raw<EngineInfo | null>(null);
  error = $state<string | null>(null);
  /** Set after the engine was replaced, until the user dismisses it. */
  notice = $state<string | null>(null);
  restarts = $state(0);
  #listeners: RestartListener[] = [];
  #replacing: (() => void)[] = [];
  /** Pending from the moment the engine is being replaced until the new one holds the data again. */
  #back: Promise<void> = Promise.resolve();
  #markBack: () => void = () => {};
  /** Set from the moment the engine is replaced until the new one holds the data again; a Retry then restarts, not just starts. */
  #needsRestore = false;
  readonly #supervisor: EngineSupervisor;

  constructor(connect: () => EngineConnection = connectEngine, graceMs?: number) {
    this.#supervisor = new EngineSupervisor(
      connect,
      {
        restarting: () => {
          this.status = 'restarting';
          this.notice = null;
          if (this.#needsRestore) return; // A Retry after a failed restart: the work is already queued.
          this.#needsRestore = true;
          this.#back = new Promise((resolve) => (this.#markBack = resolve));
          for (const listener of this.#replacing) listener();
        },
        restarted: async (reason, info) => {
          this.info = info;
          for (const listener of this.#listeners) await listener(reason);
          this.#needsRestore = false;
          this.restarts += 1;
          this.status = 'ready';
          this.notice = RESTARTED_NOTICE;
          this.#markBack();
        },
        // Queued runs keep waiting: they go ahead once a Retry has brought the engine and the data back.
        failed: (error) => this.#fail(error),
      },
      graceMs,
    );
  }

  get engine(): EngineApi {
    return this.#supervisor.engine;
  }

  /** Changes each time the engine is replaced (see `EngineSupervisor.generation`). */
  get generation(): number {
    return this.#supervisor.generation;
  }

  /** Resolves at once, or, while the engine is being replaced (or after that failed, until Retry), once the new one holds the data again. Runs wait on it. */
  whenBack(): Promise<void> {
    return this.#back;
  }

  /** Called as soon as the engine is being replaced, before the new one starts: queue work for when it is back (`whenBack`). */
  onReplacing(listener: () => void): void {
    this.#replacing.push(listener);
  }

  /** Called after a restart, in the order registered, before the engine is reported ready again. */
  onRestart(listener: RestartListener): void {
    this.#listeners.push(listener);
  }

  /** Starts the engine; on failure the worker is replaced so `start` can be retried. */
  async start(): Promise<boolean> {
    if (this.#needsRestore) {
      // Retry after a restart that failed: restart again, so the data and the cells come back too.
      await this.#supervisor.restart('crash');
      return this.status === 'ready';
    }
    this.status = 'starting';
    this.error = null;
    try {
      this.info = await this.#supervisor.start();
      this.status = 'ready';
      return true;
    } catch (error) {
      this.#fail(error);
      return false;
    }
  }

  dismissNotice(): void {
    this.notice = null;
  }

  /** Browser tests only (exposed through `window.__recur` when a test asks): kills the engine worker. */
  crashForTest(): void {
    this.#supervisor.crashForTest();
  }

  async query(sql: string, params?: Params): Promise<DecodedResult> {
    const { ipc, ...rest } = await this.engine.query(sql, params);
    return { ...rest, table: tableFromIPC(ipc) };
  }

  #fail(error: unknown): void {
    this.error = messageOf(error);
    this.status = 'failed';
  }
}
