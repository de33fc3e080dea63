import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import type { ColumnInfo, EngineApi } from '../../src/lib/engine/api';
import { createNodeEngine } from '../../src/lib/engine/node/index';
import { MODEL_STEPS } from '../../src/lib/recipes/modelSteps';
import type { Row } from '../../src/lib/engine/rows';
import { CANONICAL_SCHEMA } from '../../src/lib/ingest/canonical';
import { recipes, runRecipe, type ParamInput, type RecipeResult } from '../../src/lib/recipes/index';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Golden SVGs: `<name>.svg` is the accepted drawing, `<name>-changed.svg` a differing new one. */
export const GOLDEN_DIR = path.join(ROOT, 'test/output/charts');

/** A fresh happy-dom document (charts get it through the `document` option). */
export function makeDocument(): Document {
  return new Window({ width: 1024, height: 768 }).document as unknown as Document;
}

/** Columns for hand-made rows: `{ name: 'VARCHAR' }` → ColumnInfo[]. */
export function cols(types: Record<string, string>): ColumnInfo[] {
  return Object.entries(types).map(([name, type]) => ({ name, type }));
}

/** All elements under `root` matching `selector`. */
export function all(root: Element, selector: string): Element[] {
  return Array.from(root.querySelectorAll(selector));
}

/** The number of SVG shapes (circle, path, rect, line, text) inside the mark groups with this class. */
export function countIn(root: Element, className: string, shape: string): number {
  return all(root, `g.${className} ${shape}`).length;
}

/** Text of every `<text>` in the element, joined by newlines. */
export function texts(root: Element): string[] {
  return all(root, 'text').map((t) => t.textContent ?? '');
}

/**
 * Compares `svg` with the golden file `<name>.svg`. A difference writes
 * `<name>-changed.svg` beside it and throws, so the test fails until the change
 * is reviewed (replace the golden file to accept it). A missing golden file is
 * written on a developer's machine (and the test still fails, so it is looked
 * at before it is committed); under CI it is simply a failure.
 */
export function expectGolden(name: string, svg: string): void {
  mkdirSync(GOLDEN_DIR, { recursive: true });
  const file = path.join(GOLDEN_DIR, `${name}.svg`);
  const changed = path.join(GOLDEN_DIR, `${name}-changed.svg`);
  if (!existsSync(file)) {
    if (!process.env.CI) writeFileSync(file, svg);
    throw new Error(`${name}.svg has no golden file${process.env.CI ? '' : `; the drawing was written to ${path.relative(ROOT, file)}: look at it, commit it, and run again`}.`);
  }
  const expected = readFileSync(file, 'utf8');
  if (expected === svg) return;
  writeFileSync(changed, svg);
  throw new Error(`${name}.svg differs from the golden file; the new drawing is in ${path.relative(ROOT, changed)}. Replace ${name}.svg with it if the change is intended.`);
}

let engine: Promise<EngineApi> | null = null;

/** One Node DuckDB-WASM engine with the canonical tables filled from sample-data (shared by a test file). */
export function sampleEngine(): Promise<EngineApi> {
  engine ??= (async () => {
    const e = createNodeEngine(MODEL_STEPS);
    await e.exec(CANONICAL_SCHEMA);
    for (const table of ['orders', 'feedback']) {
      const bytes = readFileSync(path.join(ROOT, 'sample-data', `${table}.csv`));
      const file = await e.registerFile({ name: `chart-sample-${table}.csv`, bytes });
      await e.exec(`INSERT INTO ${table} SELECT * FROM read_csv('${file.path}', header = true)`);
    }
    return e;
  })();
  return engine;
}

/** A recipe's real output on the sample data, with its header's chart id and options. */
export async function sampleRecipe(id: string, params: ParamInput = {}): Promise<RecipeResult & { chart: string; chartOptions: Readonly<Record<string, string>> }> {
  const recipe = recipes.getSql(id);
  const result = await runRecipe(await sampleEngine(), recipe, params);
  return { ...result, chart: recipe.chart, chartOptions: recipe.chartOptions };
}

export type { Row };
