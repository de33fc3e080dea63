import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoFigures, loadDemoSamples } from '../../../scripts/cli/demoFigures';
import type { EngineApi } from '../../../src/lib/engine/api';
import { createNodeEngine } from '../../../src/lib/engine/node';
import { readResult, type BuildTimeFigures } from '../../../src/lib/notebook/buildTimeFigures';
import { DEMO_DATASET_ID } from '../../../src/lib/notebook/dataset';
import { FIRST_VISIT_TEMPLATE, templateById } from '../../../src/lib/notebook/templates';
import { INGEST_TASKS } from '../../../src/lib/ingest';
import { recipes } from '../../../src/lib/recipes';
import { MODEL_STEPS } from '../../../src/lib/recipes/modelSteps';
import { RecurDb } from '../../../src/lib/store/db';
import type { EngineStore } from '../../../src/lib/store/engine.svelte';
import { NotebookSession } from '../../../src/lib/store/notebook.svelte';
import { NotebookRepo } from '../../../src/lib/store/notebookRepo';

let engine: EngineApi;
let figures: BuildTimeFigures;
beforeAll(async () => {
  [figures, engine] = await Promise.all([demoFigures('test-build'), createNodeEngine(MODEL_STEPS, INGEST_TASKS)]);
  await engine.init();
  await loadDemoSamples(engine);
}, 120_000);

/** The first-visit notebook, saved, in a session on the real engine holding the demo, showing the build-time figures. */
async function previewSession() {
  const repo = new NotebookRepo(new RecurDb(`build-time-${Math.random()}`));
  const saved = await repo.save({ ...templateById(FIRST_VISIT_TEMPLATE).build(recipes), version: 0 }, { forceRevision: true });
  const session = new NotebookSession({ engine, generation: 0, whenBack: () => Promise.resolve() } as unknown as EngineStore, repo, recipes, saved);
  session.showBuildTime(figures);
  return session;
}

const sqlCells = (session: NotebookSession) => session.notebook.cells.filter((c) => c.kind === 'sql');
const marked = (session: NotebookSession) => sqlCells(session).filter((c) => session.state(c.id).builtAt).length;

describe('a session showing the demo\'s build-time figures', () => {
  it('shows every SQL cell\'s figure, marked, and the engine\'s run replaces each with the same rows', async () => {
    const session = await previewSession();
    expect(marked(session)).toBe(sqlCells(session).length);
    const crr = sqlCells(session)[0]!;
    const built = session.state(crr.id);
    expect(built.status).toBe('done');
    expect(built.explanation).toContain('CRR for');

    await session.runAll();
    expect(marked(session)).toBe(0);
    expect(session.showsBuildTime).toBe(false);
    for (const cell of session.notebook.cells) {
      if (cell.kind !== 'sql') continue;
      const live = session.state(cell.id);
      const stored = readResult(figures.cells[cell.name]!);
      expect(live.status, cell.name).toBe('done');
      expect(live.explanation, cell.name).toBe(stored.explanation);
      // A chart's rows are all kept; a list keeps its first page.
      expect(live.rows?.slice(0, stored.rows.length), cell.name).toEqual(stored.rows);
      expect(live.output?.rowCount, cell.name).toBe(stored.output.rowCount);
    }
    session.close();
  }, 120_000);

  it('drops them when a parameter changes, before anything has run', async () => {
    const session = await previewSession();
    const pending = session.setParam('period', 'quarter');
    expect(marked(session)).toBe(0);
    await pending;
    session.close();
  }, 120_000);

  it('keeps them through an edit of a text cell, which no figure reads', async () => {
    const session = await previewSession();
    const text = session.notebook.cells.find((c) => c.kind === 'markdown')!;
    session.updateCell(text.id, { source: '# Ours' });
    expect(marked(session)).toBe(sqlCells(session).length);
    session.close();
  });

  it('keeps them when bound to the demo, and drops them for a dataset of the user\'s', async () => {
    const session = await previewSession();
    const manifest = { id: DEMO_DATASET_ID, name: 'Demo data', kind: 'demo' as const, files: [], asOf: figures.asOf };
    session.bindDataset(manifest);
    expect(marked(session)).toBe(sqlCells(session).length);
    session.bindDataset({ ...manifest, id: 'mine', name: 'My data', kind: 'user' });
    expect(marked(session)).toBe(0);
    expect(sqlCells(session).every((c) => session.state(c.id).output === undefined)).toBe(true);
    session.close();
  });
});
