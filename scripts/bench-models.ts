/**
 * Times the lifetime-value model fits: `npx tsx scripts/bench-models.ts`.
 * CDNOW sample (2,357 customers, the published benchmark) and 100,000 simulated customers;
 * then the whole `ltv-predictive` run on the DuckDB-WASM engine in Node (SQL summary,
 * both fits, per-customer forecasts, tracking curve, result table) for the CDNOW orders
 * and for 100,000 customers (the CDNOW customers copied under new ids). The browser runs
 * the same code inside the engine worker; its timing is measured separately.
 */
import {
  customerLifetimeValues,
  fitBgNbd,
  fitGammaGamma,
  simulateBgNbd,
  summarizeTransactions,
} from '../src/lib/models';
import { createNodeEngine } from '../src/lib/engine/node';
import { runPredictiveLtv } from '../src/lib/recipes/ltvPredictive/step';
import { readCdnowTransactions } from '../test/unit/models/cdnowFixture';
import { growCdnowOrders, loadCdnowOrders } from '../test/unit/models/cdnowOrders';

interface Row {
  task: string;
  customers: number;
  ms: number;
  note: string;
}

/** Median wall time of `runs` runs, and the last result. */
function time<T>(runs: number, f: () => T): { ms: number; result: T } {
  const times: number[] = [];
  let result = f(); // warm-up, also the result reported
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = f();
    times.push(performance.now() - start);
  }
  times.sort((u, v) => u - v);
  return { ms: times[Math.floor(times.length / 2)] as number, result };
}

const rows: Row[] = [];
const fmt = (v: number): string => v.toFixed(4);

const cdnow = summarizeTransactions(readCdnowTransactions(), { calibrationEnd: '1997-09-30', timeUnit: 'weeks' });
const bfgs = time(5, () => fitBgNbd(cdnow));
rows.push({
  task: 'BG/NBD fit, BFGS',
  customers: cdnow.x.length,
  ms: bfgs.ms,
  note: `r=${fmt(bfgs.result.r)} α=${fmt(bfgs.result.alpha)} a=${fmt(bfgs.result.a)} b=${fmt(bfgs.result.b)} LL=${bfgs.result.logLikelihood.toFixed(2)} (${bfgs.result.evaluations} evals)`,
});
const simplex = time(3, () => fitBgNbd(cdnow, { method: 'nelder-mead' }));
rows.push({
  task: 'BG/NBD fit, Nelder–Mead',
  customers: cdnow.x.length,
  ms: simplex.ms,
  note: `r=${fmt(simplex.result.r)} α=${fmt(simplex.result.alpha)} a=${fmt(simplex.result.a)} b=${fmt(simplex.result.b)} (${simplex.result.evaluations} evals)`,
});
const spend = time(5, () => fitGammaGamma(cdnow));
rows.push({
  task: 'Gamma-Gamma fit',
  customers: spend.result.customers,
  ms: spend.ms,
  note: `p=${fmt(spend.result.p)} q=${fmt(spend.result.q)} γ=${fmt(spend.result.gamma)}`,
});

const truth = { r: 0.5, alpha: 6, a: 0.7, b: 2.5 };
const simulated = time(1, () => simulateBgNbd(truth, 100_000, { seed: 20240601, minT: 26, maxT: 78 }));
rows.push({ task: 'simulate BG/NBD', customers: 100_000, ms: simulated.ms, note: `truth r=0.5 α=6 a=0.7 b=2.5` });
const big = time(3, () => fitBgNbd(simulated.result));
rows.push({
  task: 'BG/NBD fit, BFGS',
  customers: 100_000,
  ms: big.ms,
  note: `r=${fmt(big.result.r)} α=${fmt(big.result.alpha)} a=${fmt(big.result.a)} b=${fmt(big.result.b)} (${big.result.evaluations} evals)`,
});
const mbar = new Float64Array(100_000).fill(30);
const clv = time(1, () =>
  customerLifetimeValues(big.result, spend.result, { ...simulated.result, mbar }, {
    horizonMonths: 12,
    monthlyDiscountRate: 0.01,
    timeUnit: 'weeks',
  }),
);
rows.push({ task: '12-month CLV', customers: 100_000, ms: clv.ms, note: 'per customer: 12 conditional expectations' });

/** Median wall time of `runs` awaited runs after one warm-up. */
async function timeAsync<T>(runs: number, f: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const times: number[] = [];
  let result = await f();
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = await f();
    times.push(performance.now() - start);
  }
  times.sort((u, v) => u - v);
  return { ms: times[Math.floor(times.length / 2)] as number, result };
}

const engine = createNodeEngine();
await loadCdnowOrders(engine);
const ltvParams = { calibration_end: '1997-09-30', time_unit: 'weeks' };
for (const customers of [2357, 100_000]) {
  if (customers > 2357) await growCdnowOrders(engine, customers);
  const run = await timeAsync(3, () => runPredictiveLtv(engine, ltvParams, { tableName: 'bench_ltv' }));
  const p = run.result.params;
  rows.push({
    task: 'ltv-predictive end to end, WASM engine',
    customers: p.customers,
    ms: run.ms,
    note: `r=${fmt(p.r)} α=${fmt(p.alpha)} a=${fmt(p.a)} b=${fmt(p.b)} p=${fmt(p.p)} q=${fmt(p.q)} γ=${fmt(p.gamma)}`,
  });
}

console.log('| task | customers | median ms | result |');
console.log('|---|---:|---:|---|');
for (const row of rows) {
  console.log(`| ${row.task} | ${row.customers.toLocaleString('en-US')} | ${row.ms.toFixed(0)} | ${row.note} |`);
}
