import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../../src/lib/engine/api';
import { createNodeEngine } from '../../../src/lib/engine/node';
import { INGEST_TASKS } from '../../../src/lib/ingest/tasks';
import { CANONICAL_SCHEMA } from '../../../src/lib/ingest/canonical';
import { emptyNotebook } from '../../../src/lib/notebook/model';
import { recipes } from '../../../src/lib/recipes';
import { RecurDb } from '../../../src/lib/store/db';
import type { EngineStore } from '../../../src/lib/store/engine.svelte';
import { NotebookSession } from '../../../src/lib/store/notebook.svelte';
import { NotebookRepo } from '../../../src/lib/store/notebookRepo';

let engine: EngineApi;
beforeAll(async () => {
  engine = createNodeEngine({}, INGEST_TASKS);
  await engine.exec(CANONICAL_SCHEMA);
});

/** A session on the real engine and a fresh IndexedDB (fake-indexeddb), holding one saved notebook. */
async function openSession() {
  const repo = new NotebookRepo(new RecurDb(`session-${Math.random()}`));
  const first = { ...emptyNotebook('Untitled'), cells: [{ id: 'first', kind: 'sql' as const, name: 'result', source: 'SELECT 1 AS one' }] };
  const saved = await repo.save(first, { forceRevision: true });
  const session = new NotebookSession({ engine } as unknown as EngineStore, repo, recipes, saved);
  return { repo, session };
}

describe('NotebookSession.restoreRevision', () => {
  it('is one undoable step: undo brings the work back, redo the restored state', async () => {
    const { repo, session } = await openSession();
    session.addCell('sql', undefined, { source: 'SELECT 2 AS two' });
    session.addCell('chart');
    session.setTitle('Churn deep-dive');
    await session.saveNow();
    const work = session.notebook;
    const [oldest] = (await repo.revisions(work.id)).slice(-1);

    await session.restoreRevision(oldest);
    expect(session.notebook.title).toBe('Untitled');
    expect(session.notebook.cells).toHaveLength(1);
    expect(session.canUndo).toBe(true);
    expect((await repo.get(work.id))?.title).toBe('Untitled');

    session.undo();
    expect(session.notebook.title).toBe('Churn deep-dive');
    expect(session.notebook.cells.map((c) => c.kind)).toEqual(['sql', 'sql', 'chart']);
    await session.saveNow();
    expect((await repo.get(work.id))?.cells).toHaveLength(3);

    session.redo();
    expect(session.notebook.cells).toHaveLength(1);
    session.close();
  });

  it('runs the restored cells', async () => {
    const { repo, session } = await openSession();
    session.updateCell('first', { source: 'SELECT 7 AS seven' });
    await session.saveNow();
    const [oldest] = (await repo.revisions(session.notebook.id)).slice(-1);
    await session.restoreRevision(oldest);
    expect(session.state('first').status).toBe('done');
    expect(session.state('first').output?.columns.map((c) => c.name)).toEqual(['one']);
    session.close();
  });
});

describe('NotebookSession.applySuggestion', () => {
  it('sets a declared parameter, and declares one the notebook lacks before setting it', async () => {
    const { session } = await openSession();
    await session.applySuggestion({ param: 'active_window_days', value: 90, label: 'Use a 90-day window' });
    const [params] = session.notebook.cells;
    expect(params).toMatchObject({ kind: 'params', params: [{ name: 'active_window_days', type: 'number', value: 90 }] });
    expect(session.params().active_window_days).toBe(90);
    await session.applySuggestion({ param: 'active_window_days', value: 60, label: 'Use a 60-day window' });
    expect(session.notebook.cells.filter((c) => c.kind === 'params')).toHaveLength(1);
    expect(session.params().active_window_days).toBe(60);
    session.undo();
    expect(session.params().active_window_days).toBe(90);
    session.close();
  });
});

describe('NotebookSession: results for the views, without the engine', () => {
  it('keeps decoded rows, pages and sorts a result, exports it, and drops its table with the cell', async () => {
    const { session } = await openSession();
    const id = session.addCell('sql', undefined, { name: 'squares', source: 'SELECT range::INTEGER AS n, (range * range)::INTEGER AS sq FROM range(12)' });
    await session.run(id);
    expect(session.state(id).status).toBe('done');
    expect(session.state(id).rows?.slice(0, 3)).toEqual([{ n: 0, sq: 0 }, { n: 1, sq: 1 }, { n: 2, sq: 4 }]);

    expect(await session.resultPage('squares', { offset: 2, limit: 3, sort: { column: 'sq', descending: true } })).toEqual([
      { n: 9, sq: 81 },
      { n: 8, sq: 64 },
      { n: 7, sq: 49 },
    ]);
    const output = session.state(id).output!;
    const file = await session.exportResult({ table: 'squares', columns: output.columns, rows: session.state(id).rows!, asOf: '2024-12-31' }, 'csv');
    expect(file.fileName).toBe('squares-2024-12-31.csv');
    expect(new TextDecoder().decode(file.bytes).trim().split('\n')).toEqual(['n,sq', ...Array.from({ length: 12 }, (_, i) => `${i},${i * i}`)]);

    // Money to the cent and dates in ISO, as in a customer list; a result's own as_of names the file.
    const money = session.addCell('sql', undefined, {
      name: 'takings',
      source: "SELECT 4295022.429999998::DOUBLE AS revenue, TIMESTAMP '2011-12-01 00:00:00' AS ordered_at, DATE '2011-12-09' AS as_of",
    });
    await session.run(money);
    const takings = await session.exportResult({ table: 'takings', columns: session.state(money).output!.columns, rows: session.state(money).rows!, asOf: null }, 'csv');
    expect(takings.fileName).toBe('takings-2011-12-09.csv');
    expect(new TextDecoder().decode(takings.bytes).trim().split('\n')).toEqual(['revenue,ordered_at,as_of', '4295022.43,2011-12-01,2011-12-09']);

    session.removeCell(id);
    await expect.poll(async () => (await engine.describe()).some((t) => t.name === 'squares')).toBe(false);
  });
});
