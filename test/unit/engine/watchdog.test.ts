import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readableError } from '../../../src/lib/engine/createEngine';
import { EngineRestartedError, isEngineCrash, settlesWithin } from '../../../src/lib/engine/watchdog';

describe('settlesWithin', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('is true when the work settles before the time is up, either way', async () => {
    let resolve!: () => void;
    const answered = settlesWithin(new Promise<void>((r) => (resolve = r)), 3000);
    await vi.advanceTimersByTimeAsync(2999);
    resolve();
    expect(await answered).toBe(true);
    const failed = settlesWithin(Promise.reject(new Error('INTERRUPT Error: Interrupted!')), 3000);
    expect(await failed).toBe(true);
  });

  it('is false when the time runs out first, and does not wait any longer', async () => {
    const stuck = settlesWithin(new Promise(() => {}), 3000);
    let outcome: boolean | null = null;
    void stuck.then((value) => (outcome = value));
    await vi.advanceTimersByTimeAsync(2999);
    expect(outcome).toBe(null);
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome).toBe(false);
  });
});

describe('isEngineCrash', () => {
  const runtimeError = (message: string) => Object.assign(new Error(message), { name: 'RuntimeError' });
  it.each([
    ['an Emscripten abort', new Error('Aborted(OOM). Build with -sASSERTIONS for more info.'), true],
    ['a WebAssembly trap crossing comlink (name kept)', runtimeError('unreachable'), true],
    ['a trap reported as text', new Error('RuntimeError: memory access out of bounds'), true],
    ['the browser refusing more memory', new RangeError('WebAssembly.Memory.grow(): Cannot allocate Wasm memory for new instance'), true],
    ["DuckDB's own out-of-memory error, which it survives", new Error('Out of Memory Error: could not allocate block of size 256.0 KiB (3.1 GiB/3.1 GiB used)'), false],
    ['a cancelled query', new Error('INTERRUPT Error: Interrupted!'), false],
    ['a SQL error that quotes the word', new Error('Parser Error: syntax error at or near "RuntimeError"'), false],
    ['the restart itself', new EngineRestartedError('crash'), false],
    ['a trap after the engine made its message readable', readableError(runtimeError('unreachable')), true],
    ['a SQL error after the same', readableError(new Error('Catalog Error: Table with name unreachable does not exist!')), false],
  ])('%s → %s', (_what, error, expected) => {
    expect(isEngineCrash(error)).toBe(expected);
  });
});
