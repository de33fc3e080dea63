import { describe, expect, it, vi } from 'vitest';
import type { EngineApi } from '../../../src/lib/engine/api';
import { toRows } from '../../../src/lib/engine/rows';
import { EngineSupervisor, type SupervisorHooks } from '../../../src/lib/engine/supervisor';
import { EngineRestartedError, RESTART_MESSAGES } from '../../../src/lib/engine/watchdog';
import { tableFromIPC } from 'apache-arrow';
import { ABORT, STUCK, nodeConnection, type TestConnection } from './nodeConnection';

function supervised(hooks: SupervisorHooks = {}, graceMs = 100) {
  const connections: TestConnection[] = [];
  const supervisor = new EngineSupervisor(
    () => {
      const connection = nodeConnection();
      connections.push(connection);
      return connection;
    },
    hooks,
    graceMs,
  );
  return { supervisor, connections };
}

async function scalar(engine: EngineApi, sql: string): Promise<unknown> {
  return Object.values(toRows(tableFromIPC((await engine.query(sql)).ipc))[0])[0];
}


/** Starting a second DuckDB-WASM takes a few seconds on a busy machine. */
const RESTART_WAIT = { timeout: 30_000, interval: 50 };

describe('EngineSupervisor', { timeout: 60_000 }, () => {
  it('keeps the engine when the cancelled calls answer within the grace period', async () => {
    const { supervisor, connections } = supervised();
    await supervisor.start();
    const running = supervisor.engine.query('SELECT sum(range) AS s FROM range(200000)');
    expect(await supervisor.engine.cancel()).toBe(true);
    await running.catch(() => undefined);
    expect(supervisor.generation).toBe(0);
    expect(connections).toHaveLength(1);
    expect(await scalar(supervisor.engine, 'SELECT 42 AS n')).toBe(42);
  });

  it('answers false to a cancel with nothing running, and restarts nothing', async () => {
    const { supervisor, connections } = supervised();
    await supervisor.start();
    expect(await supervisor.engine.cancel()).toBe(false);
    expect(connections).toHaveLength(1);
  });

  it('replaces an engine that does not answer a cancel: the stuck call fails readably, the data comes back, the engine works', async () => {
    const events: string[] = [];
    const { supervisor, connections } = supervised({
      restarting: (reason) => void events.push(`restarting: ${reason}`),
      restarted: async (reason, info) => {
        events.push(`restarted: ${reason} (${info.bundle})`);
        await supervisor.engine.exec('CREATE TABLE orders AS SELECT range AS id FROM range(7)');
      },
    });
    await supervisor.start();
    await supervisor.engine.exec('CREATE TABLE orders AS SELECT range AS id FROM range(7)');
    const stuck = supervisor.engine.query(`SELECT 1 AS ${STUCK}`);
    const t0 = performance.now();
    expect(await supervisor.engine.cancel()).toBe(true);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(95);
    await expect(stuck).rejects.toThrow(RESTART_MESSAGES.cancel);
    await expect(stuck).rejects.toBeInstanceOf(EngineRestartedError);
    expect(connections[0].terminated).toBe(true);
    await vi.waitFor(() => expect(events).toEqual(['restarting: cancel', 'restarted: cancel (node-wasm)']), RESTART_WAIT);
    expect(supervisor.generation).toBe(1);
    expect(connections).toHaveLength(2);
    expect(await scalar(supervisor.engine, 'SELECT count(*)::INTEGER AS n FROM orders')).toBe(7);
  });

  it('replaces a crashed worker: every call in flight fails with the restart message instead of hanging', async () => {
    const restarted = vi.fn(async () => {});
    const { supervisor, connections } = supervised({ restarted });
    await supervisor.start();
    const first = supervisor.engine.query(`SELECT 1 AS ${STUCK}`);
    const second = supervisor.engine.describe();
    connections[0].crash('Uncaught RuntimeError: Aborted()');
    await expect(first).rejects.toThrow(RESTART_MESSAGES.crash);
    await expect(second).rejects.toThrow(RESTART_MESSAGES.crash);
    await vi.waitFor(() => expect(restarted).toHaveBeenCalledWith('crash', expect.objectContaining({ bundle: 'node-wasm' })), RESTART_WAIT);
    expect(connections[0].terminated).toBe(true);
    expect(await scalar(supervisor.engine, 'SELECT 1 + 1 AS n')).toBe(2);
  });

  it('restarts when a call fails with a WebAssembly abort, but not on an error DuckDB survives', async () => {
    const restarted = vi.fn(async () => {});
    const { supervisor, connections } = supervised({ restarted });
    await supervisor.start();
    await expect(supervisor.engine.query('SELECT * FROM no_such_table')).rejects.toThrow(/Catalog Error/);
    expect(supervisor.generation).toBe(0);
    await expect(supervisor.engine.query(`SELECT 1 AS ${ABORT}`)).rejects.toThrow(RESTART_MESSAGES.crash);
    await vi.waitFor(() => expect(restarted).toHaveBeenCalledOnce(), RESTART_WAIT);
    expect(connections).toHaveLength(2);
    expect(supervisor.generation).toBe(1);
  });

  it('a worker that dies while starting fails the start (no restart loop); a retry gets a new worker', async () => {
    const restarting = vi.fn();
    const { supervisor, connections } = supervised({ restarting });
    const starting = supervisor.start();
    connections[0].crash('engine.worker.js could not be loaded');
    await expect(starting).rejects.toThrow('The engine stopped while starting: engine.worker.js could not be loaded');
    expect(restarting).not.toHaveBeenCalled();
    expect(connections[0].terminated).toBe(true);
    await supervisor.start();
    expect(connections).toHaveLength(2);
  });

  it('reports a restart whose new engine cannot start as failed', async () => {
    const failed = vi.fn();
    let made = 0;
    const supervisor = new EngineSupervisor(
      () => {
        made += 1;
        const connection = nodeConnection();
        if (made === 2) connection.engine = { ...connection.engine, init: () => Promise.reject(new Error('no memory for a second engine')) };
        return connection;
      },
      { failed },
      100,
    );
    await supervisor.start();
    await supervisor.restart('crash');
    expect(failed).toHaveBeenCalledWith(new Error('no memory for a second engine'));
  });
});
