import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Plugin } from 'vite';

const MODULE = 'virtual:recur-build-time-figures';
const RESOLVED = `\0${MODULE}`;
const ROOT = path.resolve(import.meta.dirname, '..');

/** This build: the app's version and commit, so figures are only ever shown by the build that computed them. */
async function buildId(): Promise<string> {
  const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const commit = await promisify(execFile)('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).then(
    ({ stdout }) => stdout.trim(),
    () => 'unknown',
  );
  return `${version}+${commit}.${Date.now().toString(36)}`;
}

/**
 * `vite build` runs the demo notebook on the bundled samples in Node
 * (scripts/demo-figures.ts, the headless runner's engine) and emits the results
 * as a hashed asset; `virtual:recur-build-time-figures` gives the page its URL
 * and the build's id. Elsewhere (dev server, tests) the module says there are none.
 */
export function buildTimeFigures(): Plugin {
  let computing: Promise<{ file: string; build: string }> | null = null;
  let building = false;
  return {
    name: 'recur-build-time-figures',
    configResolved(config) {
      building = config.command === 'build' && !config.build.ssr;
    },
    // Started here and awaited where the page's module asks for it, so it runs beside the bundling.
    buildStart() {
      if (building) computing ??= computeFigures();
    },
    resolveId: (id) => (id === MODULE ? RESOLVED : undefined),
    async load(id) {
      if (id !== RESOLVED) return undefined;
      if (!computing) return 'export const FIGURES_URL = null;\nexport const BUILD_ID = null;\n';
      const { file, build } = await computing;
      // no-inline: a hashed file of its own, fetched only where it is shown, never inlined into the page's script.
      return `import url from ${JSON.stringify(`${file}?url&no-inline`)};\nexport const FIGURES_URL = url;\nexport const BUILD_ID = ${JSON.stringify(build)};\n`;
    },
  };
}

async function computeFigures(): Promise<{ file: string; build: string }> {
  const dir = path.join(ROOT, 'node_modules/.cache/recur');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'demo-figures.json');
  const build = await buildId();
  await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/demo-figures.ts'), file, build], { cwd: ROOT }).catch((error: { stderr?: string; message: string }) => {
    throw new Error(`The demo's build-time figures could not be computed: ${error.stderr?.trim() || error.message}`);
  });
  return { file, build };
}
