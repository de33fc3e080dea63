// Times each statement of openFile + loadFile on one file, in Node's WASM engine and natively,
// beside DuckDB's own `CREATE TABLE t AS SELECT * FROM read_csv(f)` (the floor):
//   npx tsx scripts/bench/loadBreakdown.ts <file.csv> [wasm|native ...]
// Beside wall-clock times it prints the process's CPU time (user + system, all threads), which other
// processes on a shared machine disturb much less: Node's WASM build runs on this one thread.
import { openAsBlob } from 'node:fs';
import path from 'node:path';
import type { EngineApi } from '../../src/lib/engine/api';
import { createNativeEngine, createNodeEngine } from '../../src/lib/engine/node';
import { loadFile, openFile } from '../../src/lib/ingest';
import { readCsvSql, DROP_FLOOR_SQL } from './floor';

interface Timing { label: string; ms: number; cpuMs: number }

const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** The engine with each query and exec timed under a short label (the statement's first words). */
function timed(engine: EngineApi, log: Timing[]): EngineApi {
  const label = (sql: string): string => sql.replace(/\s+/g, ' ').trim().slice(0, 90);
  const time = async <T>(sql: string, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const c0 = cpuMs();
    try {
      return await work();
    } finally {
      log.push({ label: label(sql), ms: performance.now() - t0, cpuMs: cpuMs() - c0 });
    }
  };
  return {
    ...engine,
    query: (sql, params, options) => time(sql, () => engine.query(sql, params, options)),
    exec: (sql) => time(sql, () => engine.exec(sql)),
  };
}

async function breakdown(kind: 'wasm' | 'native', file: string): Promise<void> {
  const engine = kind === 'native' ? createNativeEngine() : createNodeEngine();
  await engine.init();
  const blob = await openAsBlob(file);
  const name = path.basename(file);
  const log: Timing[] = [];
  const t = timed(engine, log);
  let t0 = performance.now();
  const inspection = await openFile(t, { name, file: blob, path: path.resolve(file) });
  const inspectMs = performance.now() - t0;
  log.length = 0;
  t0 = performance.now();
  let c0 = cpuMs();
  await loadFile(t, inspection);
  const loadMs = performance.now() - t0;
  const loadCpu = cpuMs() - c0;
  const registered = await engine.registerFile({ name: `floor-${name}`, path: path.resolve(file), file: blob });
  t0 = performance.now();
  c0 = cpuMs();
  await engine.exec(readCsvSql(registered.path));
  const floorMs = performance.now() - t0;
  const floorCpu = cpuMs() - c0;
  await engine.exec(DROP_FLOOR_SQL);
  console.log(`\n## ${kind}: inspect ${Math.round(inspectMs)} ms, load ${Math.round(loadMs)} ms, floor read_csv ${Math.round(floorMs)} ms (${(loadMs / floorMs).toFixed(1)}×); CPU: load ${Math.round(loadCpu)} ms, floor ${Math.round(floorCpu)} ms (${(loadCpu / floorCpu).toFixed(1)}×)`);
  console.log('  wall ms   CPU ms  statement');
  const sum = log.reduce((a, l) => a + l.ms, 0);
  for (const l of log.filter((l) => l.ms >= 5)) console.log(`${String(Math.round(l.ms)).padStart(9)} ${String(Math.round(l.cpuMs)).padStart(8)}  ${l.label}`);
  const short = log.filter((l) => l.ms < 5);
  console.log(`${String(Math.round(short.reduce((a, l) => a + l.ms, 0))).padStart(9)} ${String(Math.round(short.reduce((a, l) => a + l.cpuMs, 0))).padStart(8)}  ${short.length} statements under 5 ms`);
  console.log(`${String(Math.round(loadMs - sum)).padStart(9)}           outside statements; ${log.length} statements in all`);
}

const [file, ...kinds] = process.argv.slice(2);
if (!file) throw new Error('usage: tsx scripts/bench/loadBreakdown.ts <file.csv> [wasm|native ...]');
for (const kind of kinds.length > 0 ? kinds : ['wasm', 'native']) await breakdown(kind as 'wasm' | 'native', file);
process.exit(0);
