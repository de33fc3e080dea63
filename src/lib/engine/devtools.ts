import { tableFromIPC } from 'apache-arrow';
import type { Remote } from 'comlink';
import type { EngineApi } from './api';
import { toRows, type Row } from './rows';

declare global {
  interface Window {
    /** For the devtools console and browser tests: `await __recur.engine.query('SELECT 42')`. */
    __recur?: { engine: Remote<EngineApi>; rows: (ipc: Uint8Array) => Row[] };
  }
}

/** Puts the engine on `window.__recur`, the same proxy the app uses, for the console and tests. */
export function exposeDevtoolsHandle(engine: Remote<EngineApi>): void {
  window.__recur = { engine, rows: (ipc) => toRows(tableFromIPC(ipc)) };
}
