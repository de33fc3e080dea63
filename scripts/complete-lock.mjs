// @duckdb/node-bindings 1.4.3-r.3 (the native DuckDB matching DuckDB-WASM
// 1.32's v1.4.3) names optional platform packages that were never published
// for macOS, Windows and Linux arm64. npm then leaves them out of the lock
// file, and `npm ci` refuses the lock. This adds the missing entries (never
// installed: their os/cpu do not match). Run it after any `npm install`.
import { readFileSync, writeFileSync } from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const bindings = lock.packages['node_modules/@duckdb/node-bindings'];
if (!bindings) process.exit(0);
const platforms = { 'darwin-arm64': ['darwin', 'arm64'], 'darwin-x64': ['darwin', 'x64'], 'linux-arm64': ['linux', 'arm64'], 'linux-x64': ['linux', 'x64'], 'win32-x64': ['win32', 'x64'] };
let added = 0;
for (const [name, [os, cpu]] of Object.entries(platforms)) {
  const key = `node_modules/@duckdb/node-bindings-${name}`;
  if (lock.packages[key]) continue;
  lock.packages[key] = { version: bindings.version, cpu: [cpu], dev: true, license: 'MIT', optional: true, os: [os] };
  added += 1;
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)));
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lock: ${added} platform entr${added === 1 ? 'y' : 'ies'} added`);
