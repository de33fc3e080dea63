import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunArgs } from '../../scripts/cli/args';
import type { RunOutput } from '../../scripts/cli/format';
import { run } from '../../scripts/cli/run';
import type { EngineApi } from '../../src/lib/engine/api';
import { createNodeEngine } from '../../src/lib/engine/node/index';
import { INGEST_TASKS } from '../../src/lib/ingest/tasks';
import { removeDataset } from '../../src/lib/ingest/index';
import { BAD_DIR, BAD_INPUT, BASELINE, badInputBytes, isGenerated, readableMessage, type BadInputCase } from './ingest/badInputCases';

// The headless runner on the bad-input corpus, as `recur run repeat-rate --orders
// <bad file>` (or `--feedback <bad file>`), on one engine that holds
// baseline_orders.csv: starting an engine per case would take minutes here.
const baseline = path.join(BAD_DIR, BASELINE);
let generatedDir: string;
let engine: EngineApi;
let baselineOutput: RunOutput;

const fileOf = (file: string): string => (isGenerated(file) ? path.join(generatedDir, file) : path.join(BAD_DIR, file));
// Some corpus files have no customer column: guests are meant here (the refusal has its own test, cliExports.test.ts).
const args = (orders: string[], feedback: string[] = []): RunArgs => ({ recipe: 'repeat-rate', orders, feedback, params: {}, engine: 'wasm', format: 'json', read: { allowGuests: true } });
const runOn = (c: BadInputCase): Promise<RunOutput> => run(c.feedback ? args([], [fileOf(c.file)]) : args([fileOf(c.file)]), engine);

beforeAll(async () => {
  generatedDir = mkdtempSync(path.join(tmpdir(), 'recur-bad-'));
  for (const c of BAD_INPUT.filter((c) => isGenerated(c.file))) writeFileSync(fileOf(c.file), badInputBytes(c.file));
  engine = createNodeEngine({}, INGEST_TASKS);
  baselineOutput = await run(args([baseline]), engine);
}, 60_000);

afterAll(() => rmSync(generatedDir, { recursive: true, force: true }));

describe('recur run on the bad-input corpus', () => {
  test.each(BAD_INPUT.map((c) => [c.file, c] as const))('%s', async (file: string, expected: BadInputCase) => {
    const outcome = await runOn(expected).then(
      (output) => ({ output, error: null }),
      (error: unknown) => ({ output: null, error: error as Error }),
    );
    try {
      if (expected.error) {
        expect(outcome.error?.message).toMatch(expected.error);
        expect(readableMessage(file, outcome.error!.message)).toEqual([]);
        return;
      }
      if (outcome.error) throw outcome.error;
      const output = outcome.output!;
      const rejected = expected.rows?.rejected ?? 0;
      const warning = output.warnings.find((w) => w.startsWith(`${file}: ${rejected} rows rejected`));
      if (rejected > 0) {
        const first = expected.rejects![0];
        expect(warning).toBe(`${file}: ${rejected} rows rejected (first: row ${first.row}, ${first.column}: ${first.reason}).`);
      } else expect(warning).toBeUndefined();
      for (const w of output.warnings) expect(readableMessage(file, w), w).toEqual([]);
      // Whatever the file holds, the figures are numbers: no NaN or Infinity reaches the output.
      for (const value of Object.values(output.rows[0])) if (typeof value === 'number') expect(Number.isFinite(value), String(value)).toBe(true);
      if (expected.feedback || expected.rows?.loaded === 0) expect(output.rows).toEqual(baselineOutput.rows);
    } finally {
      await removeDataset(engine, path.basename(file));
    }
    // The engine still answers, with the good file's figures as they were.
    expect((await run(args([]), engine)).rows).toEqual(baselineOutput.rows);
  }, 60_000);
});

describe('the recur command', () => {
  test('prints one line naming the bad file, no stack trace, and exits 1', async () => {
    const result = await promisify(execFile)('npx', ['tsx', 'scripts/recur.ts', 'run', 'repeat-rate', '--orders', baseline, '--orders', path.join(BAD_DIR, 'truncated.csv.gz')]).then(
      () => null,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(result?.code).toBe(1);
    expect(result?.stdout).toBe('');
    expect(result?.stderr).toBe('recur: truncated.csv.gz is a damaged or incomplete gzip file: its compressed data ends too early. Download or export it again.\n');
  }, 60_000);
});
