import { beforeAll, describe, expect, test } from 'vitest';
import type { EngineApi } from '../../../src/lib/engine/api';
import { createNodeEngine } from '../../../src/lib/engine/node/index';
import { loadFile, openFile, removeDataset, type LoadReport } from '../../../src/lib/ingest/index';
import { loadRecipes, runRecipe } from '../../../src/lib/recipes/node';
import { BAD_INPUT, BASELINE, badInputBytes, readableMessage, type BadInputCase } from './badInputCases';
import { expectAccounted, ordersOf, rows } from './helpers';

// One engine for the whole corpus: every bad file goes through the same engine
// after the baseline, which must keep working and keep the baseline's figures.
let engine: EngineApi;
let baselineOrders: unknown[];
let baselineFigures: unknown[];
const recipes = loadRecipes();

const figures = async (): Promise<unknown[]> => (await runRecipe(engine, recipes.get('repeat-rate'), {})).rows;

beforeAll(async () => {
  engine = createNodeEngine();
  const inspection = await openFile(engine, { name: BASELINE, bytes: badInputBytes(BASELINE) });
  expect((await loadFile(engine, inspection)).rows.loaded).toBe(40);
  baselineOrders = await ordersOf(engine, BASELINE);
  baselineFigures = await figures();
}, 60_000);

/** Opens and loads a file as the app does: the report, or the error a person would read. */
async function ingest(file: string): Promise<{ report: LoadReport | null; error: Error | null }> {
  try {
    const inspection = await openFile(engine, { name: file, bytes: badInputBytes(file) });
    return { report: await loadFile(engine, inspection), error: null };
  } catch (error) {
    return { report: null, error: error instanceof Error ? error : new Error(String(error)) };
  }
}

const TABLES = ['orders', 'order_lines', 'feedback', 'load_files', 'load_rejects', 'load_cancellations'] as const;

async function customersOf(report: LoadReport): Promise<Array<string | null>> {
  const stored = await rows(engine, `SELECT customer_id FROM ${report.kind} WHERE source_file = $file`, { file: report.file });
  return stored.map((r) => r.customer_id as string | null).sort();
}

async function expectOutcome(file: string, expected: BadInputCase, { report, error }: Awaited<ReturnType<typeof ingest>>): Promise<void> {
  if (expected.error) {
    expect(report, `${file} should not load`).toBeNull();
    expect(error?.message).toMatch(expected.error);
    expect(readableMessage(file, error!.message)).toEqual([]);
    return;
  }
  if (error) throw error;
  expectAccounted(report!);
  expect(report!.rows).toMatchObject(expected.rows!);
  expect(report!.rejects.length).toBeGreaterThanOrEqual(report!.rows.rejected);
  for (const reject of report!.rejects) expect(reject.row > 0 && reject.column !== '' && reject.reason !== '', JSON.stringify(reject)).toBe(true);
  if (expected.rejects) expect(report!.rejects.slice(0, expected.rejects.length).map(({ row, column, reason }) => ({ row, column, reason }))).toEqual(expected.rejects);
  if (expected.customers) expect(await customersOf(report!)).toEqual([...expected.customers].sort());
}

describe('the bad-input corpus through openFile → guessMapping → loadFile', () => {
  test.each(BAD_INPUT.map((c) => [c.file, c] as const))('%s', async (file: string, expected: BadInputCase) => {
    const started = Date.now();
    const outcome = await ingest(file);
    if (expected.withinMs) expect(Date.now() - started).toBeLessThan(expected.withinMs);
    try {
      await expectOutcome(file, expected, outcome);
    } finally {
      // Loaded or not, the file is removed, so a failure here cannot fail the cases after it.
      if (outcome.report) await removeDataset(engine, file);
    }
    // Nothing of the bad file is left, the engine still answers, and what was loaded before is as it was.
    for (const table of TABLES) {
      expect(await rows(engine, `SELECT count(*)::INT AS n FROM ${table} WHERE source_file = $file`, { file }), table).toEqual([{ n: 0 }]);
    }
    expect(await ordersOf(engine, BASELINE)).toEqual(baselineOrders);
    expect(await figures()).toEqual(baselineFigures);
  }, 60_000);

  test('after the whole corpus the engine still loads a good file', async () => {
    const { report } = await ingest('crlf.csv');
    expect(report?.rows).toMatchObject({ read: 2, loaded: 2 });
    await removeDataset(engine, 'crlf.csv');
    expect(await figures()).toEqual(baselineFigures);
  });
});
