import type { EngineApi, EngineInfo } from './api';
import { CANCEL_GRACE_MS, EngineRestartedError, isEngineCrash, settlesWithin, type RestartReason } from './watchdog';

/** One running engine (in the browser: the worker and its comlink proxy). */
export interface EngineConnection {
  engine: EngineApi;
  /** Stops the engine for good; calls still in flight on it never answer. */
  terminate(): void;
  /** Registers what to do when the engine dies on its own (the worker's `error` event). */
  onCrash(listener: (detail: string) => void): void;
  /** Browser tests only: makes the engine die the way a WebAssembly abort does. */
  crashForTest?(): void;
}

export interface SupervisorHooks {
  /** The old engine is gone and its calls have failed; a new one is starting. */
  restarting?(reason: RestartReason): void;
  /** The new engine answers: put back what the old one held (data, cell tables) before this resolves. */
  restarted?(reason: RestartReason, info: EngineInfo): Promise<void>;
  /** The engine could not be started (or restarted). */
  failed?(error: Error): void;
}

interface Call {
  reject(error: Error): void;
  settled: Promise<void>;
}

/**
 * Owns the engine's lifecycle: it starts it, hands out one `EngineApi` that
 * always reaches the current engine, and replaces the engine when it dies or
 * a cancel is not answered within the grace period. Calls in flight on a
 * replaced engine fail with `EngineRestartedError` instead of hanging.
 */
export class EngineSupervisor {
  /** The engine every caller uses; it survives restarts. */
  readonly engine: EngineApi;
  #connection: EngineConnection | null = null;
  /** Whether the current connection has answered `init` (a crash before that is a failed start, not a restart). */
  #started = false;
  #calls = new Set<Call>();
  #generation = 0;
  #restarting: Promise<void> | null = null;

  constructor(
    private readonly connect: () => EngineConnection,
    private readonly hooks: SupervisorHooks = {},
    private readonly graceMs = CANCEL_GRACE_MS,
  ) {
    this.engine = this.#facade();
  }

  /** Goes up by one each time the engine is replaced, so a long task can tell its engine is gone. */
  get generation(): number {
    return this.#generation;
  }

  /** Starts the engine (or retries a failed start). */
  async start(): Promise<EngineInfo> {
    try {
      const info = await this.engine.init();
      this.#started = true;
      return info;
    } catch (error) {
      // A fresh worker for the retry: this one may be half started.
      this.#drop(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
  }

  /**
   * Interrupts what is running. When the calls in flight have not all settled
   * within the grace period, the engine is replaced (in the background) and
   * they fail with a message saying so. Resolves `true` when something was running.
   */
  async cancel(): Promise<boolean> {
    const connection = this.#connection;
    const pending = [...this.#calls];
    if (!connection || pending.length === 0) return false;
    const generation = this.#generation;
    void connection.engine.cancel().catch(() => false);
    const answered = await settlesWithin(Promise.all(pending.map((call) => call.settled)), this.graceMs);
    if (!answered && generation === this.#generation) void this.restart('cancel');
    return true;
  }

  /** Replaces the engine; concurrent callers share one restart. */
  restart(reason: RestartReason): Promise<void> {
    this.#restarting ??= this.#replace(reason).finally(() => (this.#restarting = null));
    return this.#restarting;
  }

  /** Browser tests only: see `EngineConnection.crashForTest`. */
  crashForTest(): void {
    this.#connection?.crashForTest?.();
  }

  async #replace(reason: RestartReason): Promise<void> {
    this.#generation += 1;
    this.#drop(new EngineRestartedError(reason));
    this.hooks.restarting?.(reason);
    try {
      const info = await this.start();
      await this.hooks.restarted?.(reason, info);
    } catch (error) {
      this.hooks.failed?.(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Ends the current engine and fails every call still waiting on it. */
  #drop(error: Error): void {
    this.#connection?.terminate();
    this.#connection = null;
    this.#started = false;
    const calls = [...this.#calls];
    this.#calls.clear();
    for (const call of calls) call.reject(error);
  }

  #current(): EngineConnection {
    if (this.#connection) return this.#connection;
    const connection = this.connect();
    connection.onCrash((detail) => {
      if (this.#connection !== connection) return;
      if (this.#started) void this.restart('crash');
      else this.#drop(new Error(`The engine stopped while starting: ${detail}`));
    });
    this.#connection = connection;
    return connection;
  }

  /** Runs one call on the current engine, remembered until it settles so a restart can fail it. */
  #call<T>(invoke: (engine: EngineApi) => Promise<T>): Promise<T> {
    const connection = this.#current();
    let reject!: (error: Error) => void;
    const result = new Promise<T>((resolve, fail) => {
      reject = fail;
      invoke(connection.engine).then(resolve, (error: unknown) => {
        // A dead WebAssembly instance: the restart fails this call (and the others) with its own message.
        if (this.#connection === connection && this.#started && isEngineCrash(error)) void this.restart('crash');
        fail(error);
      });
    });
    const call: Call = { reject, settled: result.then(noop, noop) };
    this.#calls.add(call);
    void call.settled.then(() => this.#calls.delete(call));
    return result;
  }

  #facade(): EngineApi {
    const call = this.#call.bind(this);
    return {
      init: () => call((e) => e.init()),
      registerFile: (source) => call((e) => e.registerFile(source)),
      dropFile: (path) => call((e) => e.dropFile(path)),
      query: (sql, params, options) => call((e) => e.query(sql, params, options)),
      exec: (sql) => call((e) => e.exec(sql)),
      importParquet: (source, table) => call((e) => e.importParquet(source, table)),
      exportQuery: (sql, params, format) => call((e) => e.exportQuery(sql, params, format)),
      describe: () => call((e) => e.describe()),
      cancel: () => this.cancel(),
      insertArrow: (table, ipc) => call((e) => e.insertArrow(table, ipc)),
      runModelStep: (id, params, keepAs) => call((e) => e.runModelStep(id, params, keepAs)),
      runTask: (id, input, onProgress) => call((e) => e.runTask(id, input, onProgress)),
    };
  }
}

function noop(): void {}
