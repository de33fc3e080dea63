import { beforeAll, describe, expect, test } from 'vitest';
import type { EngineApi } from '../../../src/lib/engine/api';
import { createNodeEngine } from '../../../src/lib/engine/node/index';
import { INGEST_TASKS, loadFile, loadFileInEngine, openFile, openFileInEngine, removeDataset, type LoadProgress, type LoadReport } from '../../../src/lib/ingest/index';
import { fixture, rows } from './helpers';

/**
 * The engine as the page sees the worker's: what a task takes and returns is
 * structured-cloned, as `postMessage` does, so anything that cannot cross
 * (a function, a class with methods) fails here as it would in the browser.
 */
function acrossWorkerBoundary(engine: EngineApi): EngineApi {
  return {
    ...engine,
    runTask: async (id, input, onProgress) =>
      structuredClone(await engine.runTask(id, structuredClone(input), onProgress && ((p) => onProgress(structuredClone(p))))),
  };
}

const withoutTime = (report: LoadReport): Omit<LoadReport, 'elapsedMs'> => {
  const { elapsedMs: _elapsed, ...rest } = report;
  return rest;
};

let inWorker: EngineApi;
let direct: EngineApi;
beforeAll(() => {
  inWorker = acrossWorkerBoundary(createNodeEngine({}, INGEST_TASKS));
  direct = createNodeEngine();
});

describe('ingestion as engine tasks', () => {
  test.each(['invoice_lines.csv', 'orders.json', 'cp1252.csv', 'shopify.csv'])('%s: open and load in one call each give what the functions give', async (name) => {
    const viaTasks = await openFileInEngine(inWorker, { name, bytes: fixture(name) });
    const steps: LoadProgress[] = [];
    const report = await loadFileInEngine(inWorker, viaTasks, viaTasks.mapping, { onProgress: (p) => steps.push(p) });
    const inspection = await openFile(direct, { name, bytes: fixture(name) });
    const expected = await loadFile(direct, inspection, inspection.mapping);
    expect(viaTasks.mapping).toEqual(inspection.mapping);
    expect(viaTasks.sampleRows).toEqual(inspection.sampleRows);
    expect(withoutTime(report)).toEqual(withoutTime(expected));
    expect(steps.map((s) => s.step)).toEqual(['reading', 'checking', 'loading', 'reporting', 'done']);
    const orders = 'SELECT order_id, customer_id, ordered_at, revenue, status FROM orders WHERE source_file = $f ORDER BY rowid';
    expect(await rows(inWorker, orders, { f: name })).toEqual(await rows(direct, orders, { f: name }));
    await removeDataset(inWorker, name);
  });

  test('a load whose mapping cannot load fails with the message that names the file', async () => {
    const inspection = await openFileInEngine(inWorker, { name: 'no_amount.csv', bytes: fixture('no_amount.csv') });
    await expect(loadFileInEngine(inWorker, inspection, inspection.mapping)).rejects.toThrow(/no_amount\.csv/);
  });

  test('an engine composed without the tasks says which it lacks', async () => {
    await expect(openFileInEngine(direct, { name: 'canonical.csv', bytes: fixture('canonical.csv') })).rejects.toThrow('This engine has no task "ingest.open".');
    await expect(inWorker.runTask('ingest.nothing', {})).rejects.toThrow('This engine has no task "ingest.nothing"; it has ingest.open, ingest.load.');
  });
});
