import { tableFromIPC } from 'apache-arrow';
import type { EngineApi } from './api';
import { toRows, type Row } from './rows';

declare global {
  interface Window {
    /** For the devtools console and browser tests: `await __recur.engine.query('SELECT 42')`. */
    __recur?: { engine: EngineApi; rows: (ipc: Uint8Array) => Row[]; crashEngine?: () => void };
    /** Set by a browser test before the page loads (`page.addInitScript`) to get the test-only hooks. */
    __recurTestHooks?: boolean;
  }
}

/**
 * Puts the engine on `window.__recur`, the same one the app uses, for the
 * console and tests. Only when a test asked for it, also `crashEngine`, which
 * kills the engine worker so the restart can be tested.
 */
export function exposeDevtoolsHandle(engine: EngineApi, crashEngine: () => void): void {
  window.__recur = { engine, rows: (ipc) => toRows(tableFromIPC(ipc)), ...(window.__recurTestHooks ? { crashEngine } : {}) };
}
