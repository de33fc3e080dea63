import { readFileSync } from 'node:fs';
import type { CDPSession, Page } from '@playwright/test';
import type {} from '../../src/lib/engine/devtools';
import type { BrowserMemory } from './types';
import { WorkerHeaps } from './workerHeaps';

const SAMPLE_EVERY_MS = 500;

/** The peak resident set (VmHWM) of a process, from Linux's /proc; null elsewhere. */
export function peakRss(pid: number): number | null {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** DuckDB's own count of the memory it holds, through the page's engine handle. */
export async function duckdbMemory(page: Page): Promise<number | null> {
  return page.evaluate(async () => {
    const recur = window.__recur;
    if (!recur) return null;
    const result = await recur.engine.query('SELECT sum(memory_usage_bytes)::DOUBLE AS bytes FROM duckdb_memory()');
    const bytes = recur.rows(result.ipc)[0]?.bytes;
    return typeof bytes === 'number' ? bytes : null;
  });
}

/**
 * Samples the page's memory while the benchmark runs: the main thread's and
 * each worker's JS heap every half second, DuckDB's accounting when asked
 * (`checkpoint`, between steps: it queues behind the engine's work), and at
 * the end the renderer's peak resident set and DuckDB-WASM's linear memory.
 * Every probe is best effort: what the browser does not offer stays null.
 */
export class MemorySampler {
  readonly #page: Page;
  readonly #main: CDPSession;
  readonly #browser: CDPSession | null;
  readonly #workers: WorkerHeaps | null;
  #mainPeak: number | null = null;
  #duckdbPeak: number | null = null;
  #timer: NodeJS.Timeout | null = null;
  #busy = false;

  private constructor(page: Page, main: CDPSession, browser: CDPSession | null) {
    this.#page = page;
    this.#main = main;
    this.#browser = browser;
    this.#workers = browser ? new WorkerHeaps(browser) : null;
  }

  static async start(page: Page): Promise<MemorySampler> {
    const main = await page.context().newCDPSession(page);
    const browser = await page.context().browser()?.newBrowserCDPSession().catch(() => null) ?? null;
    const sampler = new MemorySampler(page, main, browser);
    sampler.#timer = setInterval(() => void sampler.#sample(), SAMPLE_EVERY_MS);
    await sampler.#sample();
    return sampler;
  }

  async #sample(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      const { usedSize } = await this.#main.send('Runtime.getHeapUsage');
      this.#mainPeak = Math.max(this.#mainPeak ?? 0, usedSize);
      await this.#workers?.poke();
    } catch {
      // A page that is navigating or closing has nothing to report this time.
    } finally {
      this.#busy = false;
    }
  }

  async checkpoint(): Promise<void> {
    const bytes = await duckdbMemory(this.#page).catch(() => null);
    if (bytes !== null) this.#duckdbPeak = Math.max(this.#duckdbPeak ?? 0, bytes);
    await this.#sample();
  }

  async stop(): Promise<BrowserMemory> {
    await this.checkpoint();
    if (this.#timer) clearInterval(this.#timer);
    const memory: BrowserMemory = {
      rendererPeakRss: await this.#rendererPeakRss(),
      mainHeapPeak: this.#mainPeak,
      workerHeapPeak: this.#workers?.peaks ?? {},
      wasmMemory: await this.#wasmMemory(),
      duckdbMemoryPeak: this.#duckdbPeak,
    };
    await this.#main.detach().catch(() => undefined);
    await this.#browser?.detach().catch(() => undefined);
    return memory;
  }

  /** The largest renderer: the page's (the others are Chromium's own small pages). */
  async #rendererPeakRss(): Promise<number | null> {
    if (!this.#browser) return null;
    const info = await this.#browser.send('SystemInfo.getProcessInfo').catch(() => null);
    const peaks = (info?.processInfo ?? []).filter((p) => p.type === 'renderer').map((p) => peakRss(p.id));
    const known = peaks.filter((p): p is number => p !== null);
    return known.length > 0 ? Math.max(...known) : null;
  }

  /** DuckDB-WASM's heap, read in DuckDB's own worker, where the bundle keeps its bindings on the global scope. */
  async #wasmMemory(): Promise<number | null> {
    const worker = this.#page.workers().find((w) => /duckdb-browser-\w+\.worker/.test(w.url()));
    if (!worker) return null;
    return worker
      .evaluate(() => {
        const bindings = (globalThis as { DUCKDB_BINDINGS?: { _instance?: { HEAPU8?: Uint8Array } } }).DUCKDB_BINDINGS;
        return bindings?._instance?.HEAPU8?.buffer.byteLength ?? null;
      })
      .catch(() => null);
  }
}
