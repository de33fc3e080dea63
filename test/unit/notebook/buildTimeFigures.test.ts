import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoFigures, SAMPLE_DIR } from '../../../scripts/cli/demoFigures';
import { run } from '../../../scripts/cli/run';
import { figureKey, figuresFit, readResult, TABLE_ROWS, type BuildTimeFigures } from '../../../src/lib/notebook/buildTimeFigures';
import { fingerprintOf } from '../../../src/lib/notebook/dataset';
import type { Notebook, SqlCell } from '../../../src/lib/notebook/model';
import { notebookParams } from '../../../src/lib/notebook/params';
import { FIRST_VISIT_TEMPLATE, templateById } from '../../../src/lib/notebook/templates';
import { loadRecipes } from '../../../src/lib/recipes/node';

const catalog = loadRecipes();
const overview = templateById(FIRST_VISIT_TEMPLATE).build(catalog);
const recipeCells = overview.cells.filter((c): c is SqlCell & { recipe: string } => c.kind === 'sql' && Boolean(c.recipe));

let figures: BuildTimeFigures;
beforeAll(async () => {
  figures = await demoFigures('test-build');
}, 120_000);

/** The notebook's parameters as the command line gives them (`--param name=value`; empty ones left to the recipe). */
function cliParams(notebook: Notebook): Record<string, string> {
  return Object.fromEntries(Object.entries(notebookParams(notebook, catalog)).flatMap(([name, value]) => (value === null ? [] : [[name, String(value)]])));
}

describe('the demo figures computed at build time', () => {
  it('hold every SQL cell of the first-visit notebook and say what they were computed from', async () => {
    expect(Object.keys(figures.cells).sort()).toEqual(overview.cells.flatMap((c) => (c.kind === 'sql' ? [c.name] : [])).sort());
    expect(figures.app).toBe('test-build');
    const orders = new Blob([await import('node:fs/promises').then((fs) => fs.readFile(path.join(SAMPLE_DIR, 'orders.csv')))]);
    expect(figures.samples.find((s) => s.name === 'sample-orders.csv')?.fingerprint).toBe(await fingerprintOf(orders));
    expect(await figuresFit(figures, overview, null)).toBe(true);
  });

  // The headless runner, started afresh on the sample files for each recipe, against what the build emitted.
  it.each(recipeCells.map((c) => [c.name, c] as const))('%s equals the headless runner on the sample data', async (_name, cell) => {
    const runner = await run({
      recipe: cell.recipe,
      orders: [path.join(SAMPLE_DIR, 'orders.csv')],
      feedback: [path.join(SAMPLE_DIR, 'feedback.csv')],
      params: cliParams(overview),
      engine: 'wasm',
      format: 'json',
    });
    const stored = readResult(figures.cells[cell.name]!);
    expect(stored.output.rowCount).toBe(runner.rows.length);
    expect(stored.rows).toEqual(runner.rows.slice(0, cell.chart ? undefined : TABLE_ROWS));
    expect(stored.explanation).toBe(runner.explanation);
    expect(stored.output.columns.map((c) => c.name)).toEqual(runner.columns.map((c) => c.name));
  }, 120_000);
});

describe('when build-time figures fit', () => {
  const copy = (): Notebook => structuredClone(overview);

  it('not after a parameter, a cell\'s SQL or a cell\'s name changed', async () => {
    const param = copy();
    const params = param.cells.find((c) => c.kind === 'params')!;
    if (params.kind === 'params') params.params[0]!.value = 'quarter';
    const sql = copy();
    const first = sql.cells.find((c) => c.kind === 'sql')!;
    if (first.kind === 'sql') first.source += '\n-- mine';
    const renamed = copy();
    const named = renamed.cells.find((c) => c.kind === 'sql')!;
    if (named.kind === 'sql') named.name = 'my_crr';
    for (const changed of [param, sql, renamed]) {
      expect(figureKey(changed)).not.toBe(figureKey(overview));
      expect(await figuresFit(figures, changed, null)).toBe(false);
    }
  });

  it('still after the text cells or the title changed, which no figure reads', async () => {
    const edited = copy();
    edited.title = 'Mine';
    const text = edited.cells.find((c) => c.kind === 'markdown')!;
    if (text.kind === 'markdown') text.source = '# Mine';
    expect(await figuresFit(figures, edited, null)).toBe(true);
  });

  it('only on the sample files they were computed from', async () => {
    const demo = { files: figures.samples.map((s) => ({ ...s })) };
    expect(await figuresFit(figures, overview, demo)).toBe(true);
    demo.files[0]!.fingerprint = '0'.repeat(64);
    expect(await figuresFit(figures, overview, demo)).toBe(false);
  });
});
