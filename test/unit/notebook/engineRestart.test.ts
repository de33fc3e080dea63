import 'fake-indexeddb/auto';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it, vi } from 'vitest';
import { toRows } from '../../../src/lib/engine/rows';
import { RESTART_MESSAGES } from '../../../src/lib/engine/watchdog';
import { emptyNotebook, type Notebook } from '../../../src/lib/notebook/model';
import { recipes } from '../../../src/lib/recipes/index';
import { RecurDb } from '../../../src/lib/store/db';
import { EngineStore } from '../../../src/lib/store/engine.svelte';
import { NotebookSession } from '../../../src/lib/store/notebook.svelte';
import { NotebookRepo } from '../../../src/lib/store/notebookRepo';
import { INTERRUPTIBLE, STUCK, nodeConnection, type TestConnection } from '../engine/nodeConnection';

const RESTART_WAIT = { timeout: 30_000, interval: 50 };

function notebookWith(cells: [name: string, source: string][]): Notebook {
  return { ...emptyNotebook('Restart'), cells: cells.map(([name, source]) => ({ id: name, kind: 'sql' as const, name, source })) };
}

/** An EngineStore on real Node engines and a session wired to it as AppStore wires them; `broken` engines (by number) cannot start. */
async function open(notebook: Notebook, broken: number[] = []) {
  const connections: TestConnection[] = [];
  const engine = new EngineStore(() => {
    const connection = nodeConnection();
    if (broken.includes(connections.length)) connection.engine = { ...connection.engine, init: () => Promise.reject(new Error('The browser refused the memory for a new engine.')) };
    connections.push(connection);
    return connection;
  }, 100);
  await engine.start();
  const session = new NotebookSession(engine, new NotebookRepo(new RecurDb(`test-${Math.random()}`)), recipes, notebook, () => engine.whenBack());
  engine.onReplacing(() => void session.rerunAfterRestart());
  // The data a reload brings back, as DataStore.reload does in the app.
  const reloadData = () => engine.engine.exec('CREATE TABLE orders AS SELECT range AS id FROM range(5)');
  engine.onRestart(reloadData);
  await reloadData();
  return { engine, session, connections };
}

async function value(engine: EngineStore, sql: string): Promise<unknown> {
  return Object.values(toRows(tableFromIPC((await engine.engine.query(sql)).ipc))[0])[0];
}

describe('NotebookSession when the engine is replaced', { timeout: 60_000 }, () => {
  it('a cancel the engine does not answer: the cell says so, the cells on screen get their tables back in dependency order, the stuck cell is not run again', async () => {
    const { engine, session, connections } = await open(
      notebookWith([
        ['total', 'SELECT count(*)::INTEGER AS n FROM orders'],
        ['doubled', 'SELECT n * 2 AS n2 FROM total'],
        ['slow', 'SELECT 1 AS fast'],
      ]),
    );
    await session.runAll();
    expect(session.state('doubled').status).toBe('done');
    // A cell that showed a result, edited into one that never finishes: it must not be run again by the restart.
    expect(session.state('slow').output).toBeDefined();
    session.updateCell('slow', { source: `SELECT 1 AS ${STUCK}` });

    const slow = session.run('slow');
    await vi.waitFor(() => expect(session.state('slow').status).toBe('running'));
    await session.cancel();
    await slow;
    expect(session.state('slow')).toEqual({ status: 'cancelled', error: RESTART_MESSAGES.cancel });
    // The results stay on screen while the new engine starts.
    expect(session.state('doubled').output?.rowCount).toBe(1);

    await vi.waitFor(() => expect(engine.status).toBe('ready'), RESTART_WAIT);
    expect(engine.restarts).toBe(1);
    expect(engine.notice).toMatch(/restarted; your data was reloaded/);
    await vi.waitFor(() => expect(session.running).toBe(false), RESTART_WAIT);
    expect(session.state('total').status).toBe('done');
    expect(session.state('doubled').status).toBe('done');
    expect(await value(engine, 'SELECT n2 FROM doubled')).toBe(10);
    expect(connections[0].terminated).toBe(true);
    expect(connections.map((c) => c.stuckCalls)).toEqual([1, 0]);
  });

  it('a cancel the engine answers in time: the cell says cancelled, keeps the result it showed, and the engine is kept', async () => {
    const { engine, session, connections } = await open(notebookWith([['total', 'SELECT count(*)::INTEGER AS n FROM orders']]));
    await session.run('total');
    const shown = session.state('total').output;
    session.updateCell('total', { source: `SELECT count(*)::INTEGER AS n, 1 AS ${INTERRUPTIBLE} FROM orders` });
    const again = session.run('total');
    await vi.waitFor(() => expect(session.state('total').status).toBe('running'));
    await session.cancel();
    await again;
    expect(session.state('total')).toMatchObject({ status: 'cancelled', error: 'Cancelled.', output: shown });
    expect(engine.generation).toBe(0);
    expect(connections).toHaveLength(1);
    expect(await value(engine, 'SELECT n FROM total')).toBe(5);
  });

  it('a worker crash mid-run: the running cell fails with a readable message, the rest of the run is skipped, the shown cells come back', async () => {
    const { engine, session, connections } = await open(
      notebookWith([
        ['total', 'SELECT count(*)::INTEGER AS n FROM orders'],
        ['slow', `SELECT n, 1 AS ${STUCK} FROM total`],
        ['after', 'SELECT n + 1 AS n1 FROM slow'],
      ]),
    );
    // Runs total, then the cells that read it: slow hangs, after waits for it.
    const run = session.run('total');
    await vi.waitFor(() => expect(session.state('slow').status).toBe('running'), RESTART_WAIT);
    expect(session.state('after').status).toBe('queued');
    connections[0].crash('Uncaught RuntimeError: Aborted()');
    await run;
    expect(session.state('slow')).toEqual({ status: 'error', error: RESTART_MESSAGES.crash });
    await vi.waitFor(() => expect(engine.status).toBe('ready'), RESTART_WAIT);
    await vi.waitFor(() => expect(session.running).toBe(false), RESTART_WAIT);
    expect(session.state('after').status).toBe('idle');
    expect(await value(engine, 'SELECT n FROM total')).toBe(5);
  });

  it('a restart whose new engine cannot start says so; Retry restarts, and the data and the cells come back', async () => {
    const { engine, session, connections } = await open(notebookWith([['total', 'SELECT count(*)::INTEGER AS n FROM orders']]), [1]);
    await session.run('total');
    connections[0].crash('Uncaught RuntimeError: Aborted()');
    await vi.waitFor(() => expect(engine.status).toBe('failed'), RESTART_WAIT);
    expect(engine.error).toBe('The browser refused the memory for a new engine.');
    expect(await engine.start()).toBe(true);
    expect(connections).toHaveLength(3);
    expect(engine.notice).toMatch(/your data was reloaded/);
    await vi.waitFor(() => expect(session.running).toBe(false), RESTART_WAIT);
    expect(session.state('total').status).toBe('done');
    expect(await value(engine, 'SELECT n FROM total')).toBe(5);
  });
});
