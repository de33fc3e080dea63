/**
 * The CDNOW sample *transactions* through the ingestion path a person uses
 * (whitespace-separated text, no header, `YYYYMMDD` dates), then predictive LTV:
 * the spend model must see the same transactions as the frequency model, as
 * the published fit did (Fader, Hardie & Lee 2005).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../../src/lib/engine/api';
import { createNodeEngine } from '../../../src/lib/engine/node';
import { loadFile, openFile, type LoadReport } from '../../../src/lib/ingest';
import { runPredictiveLtv } from '../../../src/lib/recipes/ltvPredictive/step';
import type { PredictiveLtvResult } from '../../../src/lib/recipes/ltvPredictive/types';
import { sharedData } from '../../sharedData';
import { MODEL_STEPS } from '../../../src/lib/recipes/modelSteps';

let engine: EngineApi;
let report: LoadReport;
let result: PredictiveLtvResult;

beforeAll(async () => {
  engine = createNodeEngine(MODEL_STEPS);
  const bytes = new Uint8Array(readFileSync(sharedData('cdnow/CDNOW_sample.txt')));
  const inspection = await openFile(engine, { name: 'CDNOW_sample.txt', bytes });
  report = await loadFile(engine, inspection);
  result = await runPredictiveLtv(engine, { calibration_end: '1997-09-30', time_unit: 'weeks' });
});

const within = (actual: number, published: number, share: number): void => {
  expect(Math.abs(actual - published) / published).toBeLessThan(share);
};

describe('predictive LTV on the CDNOW sample loaded as a file', () => {
  it('loads every one of the 6,919 purchase records, identical ones included', () => {
    expect(report.rows).toMatchObject({ read: 6919, loaded: 6919, duplicates: 0, rejected: 0 });
    expect(report.warnings).toContain('21 rows are exact copies of an earlier row; with no order id to tell them apart they were loaded as separate purchases.');
  });

  it('fits BG/NBD and Gamma-Gamma to the published p = 6.25, q = 3.74, γ = 15.44 within 0.5 %', () => {
    const { params } = result;
    within(params.r, 0.243, 0.005);
    within(params.alpha, 4.414, 0.005);
    expect(params.spend_model_customers).toBe(946);
    within(params.p, 6.25, 0.005);
    within(params.q, 3.74, 0.005);
    within(params.gamma, 15.44, 0.005);
  });
});
