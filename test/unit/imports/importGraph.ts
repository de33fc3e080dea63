import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Module file → the module files it imports (relative imports only: packages are not ours). */
export type ImportGraph = Map<string, string[]>;

const SOURCE = /\.(ts|svelte)$/;
// `import … from 'x'`, `export … from 'x'`, `import 'x'` and `import('x')`; type-only imports count too,
// because a type cycle still ties two modules together.
const SPECIFIERS = [
  /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
];
const CANDIDATES = ['', '.ts', '.svelte.ts', '.svelte', '/index.ts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return SOURCE.test(name) ? [full] : [];
  });
}

/** The file a relative specifier names, or null when it is a package or not a source module (`?raw` SQL, assets). */
function resolve(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), specifier.replace(/\?.*$/, '').replace(/\.js$/, ''));
  for (const suffix of CANDIDATES) {
    const candidate = base + suffix;
    if (SOURCE.test(candidate) && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** The specifiers a module's text imports. */
export function importSpecifiers(text: string): string[] {
  return SPECIFIERS.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1]));
}

/** Reads every `.ts` and `.svelte` file under `roots` and the files each one imports, as paths relative to `cwd`. */
export function importGraph(roots: string[], cwd = process.cwd()): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of roots.flatMap((root) => sourceFiles(path.resolve(cwd, root)))) {
    const targets = importSpecifiers(readFileSync(file, 'utf8')).flatMap((s) => resolve(file, s) ?? []);
    graph.set(path.relative(cwd, file), [...new Set(targets.map((t) => path.relative(cwd, t)))]);
  }
  return graph;
}

/**
 * The import cycles of a graph: each strongly connected group of two or more
 * modules (or a module importing itself), its members sorted. Tarjan's algorithm.
 */
export function importCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(group.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}
