// The bundled demo's figures at build time: the headless runner's engine and
// loader on the sample files, then the first-visit notebook's cells run as the
// page runs them (src/lib/notebook/buildTimeFigures.ts says when they are shown).
import { openAsBlob } from 'node:fs';
import path from 'node:path';
import type { EngineApi } from '../../src/lib/engine/api';
import { createNodeEngine } from '../../src/lib/engine/node';
import { INGEST_TASKS, latestOrderDay } from '../../src/lib/ingest';
import { computeFigures, type BuildTimeFigures } from '../../src/lib/notebook/buildTimeFigures';
import { DEMO_SAMPLES, fingerprintOf } from '../../src/lib/notebook/dataset';
import { FIRST_VISIT_TEMPLATE, templateById } from '../../src/lib/notebook/templates';
import { MODEL_STEPS } from '../../src/lib/recipes/modelSteps';
import { loadRecipes } from '../../src/lib/recipes/node';
import { loadInto } from './run';

/** The folder of the bundled sample files. */
export const SAMPLE_DIR = path.resolve(import.meta.dirname, '../../sample-data');

/** Loads the sample files into `engine` under the demo's names, as the page's demo does, and returns what they are. */
export async function loadDemoSamples(engine: EngineApi, dir = SAMPLE_DIR): Promise<BuildTimeFigures['samples']> {
  const samples: BuildTimeFigures['samples'] = [];
  for (const sample of DEMO_SAMPLES) {
    const file = path.join(dir, sample.file);
    const warnings = await loadInto(engine, file, sample.kind, {}, sample.name);
    if (warnings.length > 0) throw new Error(`The sample ${sample.file} does not load cleanly: ${warnings.join(' ')}`);
    const blob = await openAsBlob(file);
    samples.push({ name: sample.name, size: blob.size, fingerprint: await fingerprintOf(blob) });
  }
  return samples;
}

/** The first-visit notebook's figures on the bundled samples, for the build `app`. */
export async function demoFigures(app: string, engine: EngineApi = createNodeEngine(MODEL_STEPS, INGEST_TASKS)): Promise<BuildTimeFigures> {
  await engine.init();
  const samples = await loadDemoSamples(engine);
  const catalog = loadRecipes();
  const notebook = templateById(FIRST_VISIT_TEMPLATE).build(catalog);
  return computeFigures(engine, catalog, notebook, { app, samples, asOf: await latestOrderDay(engine) });
}
