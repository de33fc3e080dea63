// The heavy half of the headless runner: engines, ingestion and recipes. It is
// imported only once the arguments are known to be good, so `--help` and
// argument errors answer without loading DuckDB.
import { openAsBlob } from 'node:fs';
import path from 'node:path';
import type { EngineApi } from '../../src/lib/engine/api';
import { createNativeEngine, createNodeEngine } from '../../src/lib/engine/node';
import { INGEST_TASKS, loadFileInEngine, missingCustomer, openFileInEngine, validateMapping, type FileInspection, type Mapping } from '../../src/lib/ingest';
import { MODEL_STEPS } from '../../src/lib/recipes/modelSteps';
import { loadRecipes } from '../../src/lib/recipes/node';
import { runRecipe } from '../../src/lib/recipes/run';
import type { ReadChoices, RunArgs } from './args';
import type { RunOutput } from './format';

/** Loads one file as the given kind (`name`: what its rows' `source_file` says), returning the load's warnings. */
export async function loadInto(engine: EngineApi, file: string, expect: 'orders' | 'feedback', read: ReadChoices, name = path.basename(file)): Promise<string[]> {
  const blob = await openAsBlob(file).catch(() => {
    throw new Error(`Cannot read ${file}: no such file.`);
  });
  const inspection = await openFileInEngine(engine, { name, file: blob, path: path.resolve(file) }, {
    ...(read.delimiter ? { delimiter: read.delimiter } : {}),
    ...(read.header === false ? { header: false } : {}),
    ...(read.sheet ? { sheet: read.sheet } : {}),
    ...(read.encoding ? { encoding: read.encoding } : {}),
  });
  const mapping = withChoices(inspection.mapping, read);
  const issues = validateMapping(name, inspection.columns, mapping);
  if (issues.length > 0) throw new Error(issues.join(' '));
  const isFeedback = mapping.kind === 'feedback';
  if (isFeedback !== (expect === 'feedback')) {
    throw new Error(`${name} looks like ${mapping.kind.replace('_', ' ')}, but was given as --${expect}.`);
  }
  refuseSilentGuests(inspection, mapping, read);
  const report = await loadFileInEngine(engine, inspection, mapping);
  const warnings = [...report.warnings];
  if (report.rows.rejected > 0) warnings.push(`${name}: ${report.rows.rejected} rows rejected (first: row ${report.rejects[0]?.row}, ${report.rejects[0]?.column}: ${report.rejects[0]?.reason}).`);
  return warnings.map((w) => (w.includes(name) ? w : `${name}: ${w}`));
}

/** The guessed mapping with the command line's choices (`--map`, `--kind`, `--date-format`, `--decimal-comma`) applied. */
function withChoices(guessed: Mapping, read: ReadChoices): Mapping {
  return {
    ...guessed,
    kind: read.kind ?? guessed.kind,
    fields: { ...guessed.fields, ...read.map },
    options: {
      ...guessed.options,
      ...(read.dateOrder ? { dateOrder: read.dateOrder, dateOrderAmbiguous: false } : {}),
      ...(read.decimalComma !== undefined ? { decimalComma: read.decimalComma } : {}),
    },
  };
}

/** An order file without a customer column stops the run, unless `--allow-guests` says guests are meant. */
function refuseSilentGuests(inspection: FileInspection, mapping: Mapping, read: ReadChoices): void {
  const missing = missingCustomer(inspection.name, inspection.columns, inspection.sampleRows, mapping);
  if (!missing || read.allowGuests) return;
  const map = `customer_id=${missing.suggestion ?? '<column>'}`;
  throw new Error(`${missing.message} Give --map ${/^[\w.@=<>-]+$/.test(map) ? map : `"${map.replaceAll('"', '\\"')}"`} or --allow-guests.`);
}

/**
 * Runs a recipe, SQL or model, on the given files. A model recipe's `params` carry
 * the run's settings and what it computed (see its README). A test may pass an
 * engine to run many times on one (the command starts a new one, with the model steps and ingestion's tasks; a test's engine needs the tasks too).
 */
export async function run(
  args: RunArgs,
  engine: EngineApi = args.engine === 'native' ? createNativeEngine(MODEL_STEPS, INGEST_TASKS) : createNodeEngine(MODEL_STEPS, INGEST_TASKS),
): Promise<RunOutput> {
  const recipe = loadRecipes().get(args.recipe);
  await engine.init();
  const warnings: string[] = [];
  const read = args.read ?? {};
  for (const file of args.orders) warnings.push(...(await loadInto(engine, file, 'orders', read)));
  for (const file of args.feedback) warnings.push(...(await loadInto(engine, file, 'feedback', read)));
  const result = await runRecipe(engine, recipe, args.params);
  return {
    recipe: recipe.id,
    params: result.params,
    columns: result.columns,
    rows: result.rows,
    warnings: [...warnings, ...result.warnings],
    explanation: result.explanation,
  };
}
