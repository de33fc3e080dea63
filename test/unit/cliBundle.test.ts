import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const EXTRACT = path.join(ROOT, 'test/fixtures/online_retail/online_retail_extract.csv.gz');
let bundle: string;
let bundleDir: string;

/**
 * Runs the command with its stdout going into a shell pipe (`| cat > file`), as `| jq` or `| wc -c`
 * would take it: a real pipe, unlike Node's own child-process streams.
 */
async function throughShellPipe(command: string[], args: string[]): Promise<Buffer> {
  const out = path.join(bundleDir, `piped-${Date.now()}.json`);
  const quoted = [...command, ...args].map((word) => `'${word.replaceAll("'", "'\\''")}'`).join(' ');
  await run('sh', ['-c', `${quoted} | cat > '${out}'`]);
  return readFileSync(out);
}

describe('the bundled runner (dist/recur.mjs)', () => {
  beforeAll(async () => {
    // Inside the repo, so the bundle finds node_modules as dist/recur.mjs does.
    mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
    const dir = mkdtempSync(path.join(ROOT, 'test-results', 'cli-'));
    await run(process.execPath, [path.join(ROOT, 'scripts/build-cli.mjs'), '--outdir', dir], { cwd: ROOT });
    bundleDir = dir;
    bundle = path.join(dir, 'recur.mjs');
  });

  it('answers --help without loading an engine', async () => {
    const { stdout } = await run(process.execPath, [bundle, '--help']);
    expect(stdout).toMatch(/^usage: recur run/);
    expect(stdout).toContain('--out <file>');
    expect(stdout).toContain('ltv-predictive');
  });

  it('exits non-zero with a one-line reason for bad arguments', async () => {
    await expect(run(process.execPath, [bundle, 'run', 'crr'])).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/^recur: Give at least one --orders file/) });
  });

  // Through tsx (`npm run recur`) the output used to stop at 65,536 bytes: the process exited before the pipe drained.
  it.each([
    ['the bundle', () => [process.execPath, bundle]],
    ['npm run recur (tsx)', () => [path.join(ROOT, 'node_modules/.bin/tsx'), path.join(ROOT, 'scripts/recur.ts')]],
  ])('hands a pipe every byte of a large JSON result: %s', async (_, command) => {
    const bytes = await throughShellPipe(command(), ['run', 'rfm', '--orders', EXTRACT, '--format', 'json']);
    expect(bytes.length).toBeGreaterThan(65_536);
    const output = JSON.parse(bytes.toString('utf8')) as { recipe: string; rows: unknown[] };
    expect(output.recipe).toBe('rfm');
    expect(output.rows.length).toBeGreaterThan(100);
  });
});
