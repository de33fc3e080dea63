// Builds the headless runner into dist/recur.mjs (plus lazily loaded chunks in
// dist/cli/), so `npx recur …` starts without compiling TypeScript. Packages
// stay in node_modules; the recipe SQL files are embedded, because the bundle
// no longer sits next to src/lib/recipes/sql/.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RECIPE_DIR = path.join(ROOT, 'src/lib/recipes/sql');
const NODE_LOADER = path.join(ROOT, 'src/lib/recipes/node.ts');

/** Replaces src/lib/recipes/node.ts (which reads ./sql from disk) by the same catalog with the texts inlined. */
const embeddedRecipes = {
  name: 'embedded-recipes',
  setup(b) {
    b.onLoad({ filter: /recipes[\\/]node\.ts$/ }, (args) => {
      if (path.resolve(args.path) !== NODE_LOADER) return undefined;
      const texts = Object.fromEntries(
        readdirSync(RECIPE_DIR)
          .filter((name) => name.endsWith('.sql'))
          .sort()
          .map((name) => [name, readFileSync(path.join(RECIPE_DIR, name), 'utf8')]),
      );
      return {
        loader: 'ts',
        resolveDir: path.dirname(NODE_LOADER),
        contents: `import { recipeCatalog, type RecipeCatalog } from './catalog';
const TEXTS: Record<string, string> = ${JSON.stringify(texts)};
export function loadRecipes(): RecipeCatalog { return recipeCatalog(TEXTS); }`,
      };
    });
  },
};

// `--outdir DIR` builds elsewhere (the tests build into a temporary folder).
const at = process.argv.indexOf('--outdir');
const OUTDIR = at > 0 ? path.resolve(process.argv[at + 1]) : path.join(ROOT, 'dist');

await build({
  entryPoints: { recur: path.join(ROOT, 'scripts/recur.ts') },
  outdir: OUTDIR,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'cli/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  banner: { js: '#!/usr/bin/env node' },
  plugins: [embeddedRecipes],
  logLevel: 'warning',
});
