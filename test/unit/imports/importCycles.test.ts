import { describe, expect, it } from 'vitest';
import { importCycles, importGraph, importSpecifiers } from './importGraph';

describe('import cycles', () => {
  it('finds the modules of a cycle, and none in a tree', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts', 'd.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', []],
      ['e.ts', ['e.ts']],
    ]);
    expect(importCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['e.ts']]);
    expect(importCycles(new Map([['a.ts', ['b.ts']], ['b.ts', []]]))).toEqual([]);
  });

  it('reads every form of import, type-only ones included', () => {
    const text = `import type { A } from './a';\nimport { b,\n  c } from "../b.svelte";\nexport * from './c';\nimport './d.css';\nconst e = await import('./e');`;
    expect(importSpecifiers(text).sort()).toEqual(['../b.svelte', './a', './c', './d.css', './e']);
  });

  it('src/ and workers/ have none', () => {
    const graph = importGraph(['src', 'workers']);
    // The walker really resolved imports (a graph with no edges has no cycles either).
    expect(graph.get('src/lib/store/app.svelte.ts')).toContain('src/lib/store/data.svelte.ts');
    expect(graph.get('src/App.svelte')?.length).toBeGreaterThan(3);
    expect(importCycles(graph)).toEqual([]);
  });
});
