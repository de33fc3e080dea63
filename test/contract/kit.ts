import { tableFromIPC } from 'apache-arrow';
import { expect } from 'vitest';
import type { EngineApi } from '../../src/lib/engine/api';
import { toRows } from '../../src/lib/engine/rows';
import type { ContractKit } from './engineContract';

/** The contract kit for an in-process engine, asserting with vitest. */
export function nodeKit(engine: EngineApi): ContractKit {
  return {
    engine,
    rows: (ipc) => toRows(tableFromIPC(ipc)),
    equal: (actual, expected, what) => expect(actual, what).toEqual(expected),
    rejects: async (promise, pattern, what) => {
      await expect(promise, what).rejects.toThrow(pattern);
    },
  };
}
