/**
 * The layers of docs/architecture.md, enforced: imports point down only.
 * engine ← models ← recipes ← notebook ← store ← components. The engine knows no
 * feature and the models are maths: walking their import graphs never leaves their
 * own folder. Components talk to stores, never to the engine.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const LIB = path.join(SRC, 'lib');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return filesUnder(full);
    return /\.(ts|svelte)$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The files a module imports from this repository (packages are left out), resolved to paths. */
export function localImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g),
    ...text.matchAll(/\bimport\s*['"]([^'"]+)['"]/g),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] as string);
  return specifiers.filter((s) => s.startsWith('.')).map((s) => resolve(path.dirname(file), s.replace(/\?.*$/, '')));
}

function resolve(dir: string, specifier: string): string {
  const base = path.resolve(dir, specifier);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return base; // a file that does not exist: still named, so a layer check can see where it points
}

/** Every file reachable from `starts`, with the import that first reached it. */
function reachable(starts: readonly string[]): Map<string, string> {
  const seen = new Map<string, string>(starts.map((f) => [f, '(start)']));
  const queue = [...starts];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (!/\.(ts|svelte)$/.test(file) || !existsSync(file)) continue;
    for (const target of localImports(file)) {
      if (seen.has(target)) continue;
      seen.set(target, file);
      queue.push(target);
    }
  }
  return seen;
}

const rel = (file: string) => path.relative(SRC, file);

/** `file → imported` for every file reachable from `layer` that lies outside it. */
function escapes(layer: string): string[] {
  const dir = path.join(LIB, layer) + path.sep;
  const graph = reachable(filesUnder(dir));
  return [...graph].filter(([file]) => !file.startsWith(dir)).map(([file, from]) => `${rel(from)} → ${rel(file)}`);
}

describe('the layers', () => {
  it('finds imports of every form (a check that finds nothing proves nothing)', () => {
    const imports = localImports(path.join(SRC, 'components', 'cells', 'SqlCellView.svelte')).map(rel);
    expect(imports).toContain(path.join('lib', 'store', 'notebook.svelte.ts'));
    expect(localImports(path.join(LIB, 'engine', 'node', 'index.ts')).map(rel)).toContain(path.join('lib', 'engine', 'createEngine.ts'));
    expect(reachable(filesUnder(path.join(LIB, 'models'))).size).toBeGreaterThan(5);
  });

  it('engine/ imports nothing above it: no recipe, model, notebook, store or component', () => {
    expect(escapes('engine')).toEqual([]);
  });

  it('models/ is maths: it imports nothing outside its folder, not even the engine', () => {
    expect(escapes('models')).toEqual([]);
  });

  it('no component imports the engine: export, paging and previews go through the stores', () => {
    const engine = path.join(LIB, 'engine') + path.sep;
    const offending = filesUnder(path.join(SRC, 'components')).flatMap((file) =>
      localImports(file)
        .filter((target) => target.startsWith(engine))
        .map((target) => `${rel(file)} → ${rel(target)}`),
    );
    expect(offending).toEqual([]);
  });
});
