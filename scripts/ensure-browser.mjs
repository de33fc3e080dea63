#!/usr/bin/env node
// Finds the Chromium the browser tests run in, or installs it, so that the
// README's `npm test` is the whole set-up on a fresh machine (and .ci/run adds
// nothing to it). Order: $CHROMIUM_PATH, Debian's /usr/bin/chromium, Debian's
// package installed with apt where we are root, Playwright's own browser if it
// was downloaded before; otherwise stop at once with the one command to run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

function found(path, how) {
  console.log(`browser tests: ${how} ${path} (${version(path)})`);
  process.exit(0);
}

function version(path) {
  try {
    return execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'version unknown';
  }
}

// The report's PDF test (test/e2e/report.spec.ts) looks at the printed pages as
// images, rendered by poppler's pdftoppm; install it the same way as the browser.
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasCommand = (name) => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
const hasApt = hasCommand('apt-get');
const aptInstall = (pkg) => {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  return (update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', pkg], { stdio: 'inherit', env }) : update).status === 0;
};
if (!hasCommand('pdftoppm')) {
  if (hasApt && isRoot && process.env.RECUR_NO_APT !== '1') {
    console.log('browser tests: installing poppler-utils (pdftoppm) with apt-get for the PDF test');
    if (!aptInstall('poppler-utils')) console.error('browser tests: apt-get could not install poppler-utils; the PDF test will fail.');
  } else {
    console.error('browser tests: pdftoppm not found; the PDF test needs poppler-utils (apt-get install poppler-utils).');
  }
}

const wanted = process.env.CHROMIUM_PATH;
if (wanted) {
  if (existsSync(wanted)) found(wanted, 'CHROMIUM_PATH is');
  console.error(`browser tests: CHROMIUM_PATH is ${wanted}, which does not exist.`);
  process.exit(1);
}
if (existsSync(DEBIAN_CHROMIUM)) found(DEBIAN_CHROMIUM, 'using');

if (hasApt && isRoot && process.env.RECUR_NO_APT !== '1') {
  console.log("browser tests: installing Debian's chromium with apt-get (set RECUR_NO_APT=1 to stop this)");
  if (aptInstall('chromium') && existsSync(DEBIAN_CHROMIUM)) found(DEBIAN_CHROMIUM, 'installed');
  console.error('browser tests: apt-get could not install chromium (see above).');
}

try {
  const { chromium } = createRequire(import.meta.url)('playwright-core');
  const managed = chromium.executablePath();
  if (managed && existsSync(managed)) found(managed, "using Playwright's own browser at");
} catch {
  // playwright-core not resolvable: fall through to the message.
}

console.error(
  [
    'browser tests: no Chromium found. Install one, then run `npm test` again:',
    hasApt ? '  sudo apt-get install -y chromium        (Debian/Ubuntu)' : '',
    '  npx playwright install chromium          (elsewhere)',
    '  or set CHROMIUM_PATH to a Chromium or Chrome binary.',
  ]
    .filter(Boolean)
    .join('\n'),
);
process.exit(1);
