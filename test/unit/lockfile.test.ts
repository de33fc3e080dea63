import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// `npm ci` on a fresh machine fails when the lock file lacks an optional
// platform package; npm drops the unpublished ones on every `npm install`.
describe('package-lock.json', () => {
  it('lists every platform binding @duckdb/node-bindings asks for (run node scripts/complete-lock.mjs)', () => {
    const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
      packages: Record<string, { version?: string; optionalDependencies?: Record<string, string> }>;
    };
    const bindings = lock.packages['node_modules/@duckdb/node-bindings'];
    const wanted = Object.keys(bindings?.optionalDependencies ?? {});
    expect(wanted.length).toBeGreaterThan(0);
    const missing = wanted.filter((name) => !lock.packages[`node_modules/${name}`]);
    expect(missing).toEqual([]);
  });

  it('pins one copy of apache-arrow (a second copy breaks instanceof checks in DuckDB-WASM)', () => {
    const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as { packages: Record<string, unknown> };
    const copies = Object.keys(lock.packages).filter((key) => key.endsWith('node_modules/apache-arrow'));
    expect(copies).toEqual(['node_modules/apache-arrow']);
  });
});
