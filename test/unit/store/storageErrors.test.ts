import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { RecurDb } from '../../../src/lib/store/db';
import { isStorageFull } from '../../../src/lib/store/storageErrors';
import { overQuota } from './overQuota';

const quota = () => new DOMException('An attempt was made to add something to storage that exceeded the quota.', 'QuotaExceededError');

describe('isStorageFull', () => {
  it.each([
    // What Chromium + Dexie 4 hand on: the transaction aborts, Dexie wraps the quota error.
    ['an AbortError wrapping a QuotaExceededError', () => new Dexie.AbortError(quota())],
    ['Dexie’s own QuotaExceededError', () => new Dexie.QuotaExceededError('full', quota())],
    ['the browser’s DOMException', quota],
    ['an AbortError that kept only the message', () => Object.assign(new Error('QuotaExceededError The quota was exceeded'), { name: 'AbortError' })],
    ['Firefox’s legacy name', () => Object.assign(new Error('Persistent storage maximum size reached'), { name: 'NS_ERROR_DOM_QUOTA_REACHED' })],
    ['a quota error two wrappers deep', () => new Dexie.OpenFailedError(new Dexie.AbortError(quota()))],
  ])('recognises %s', (_label, make) => {
    expect(isStorageFull(make())).toBe(true);
  });

  it.each([
    ['a plain abort', () => new Dexie.AbortError()],
    ['a constraint error', () => new Dexie.ConstraintError('Key already exists in the object store.')],
    ['an AbortError wrapping another error', () => new Dexie.AbortError(new DOMException('bad', 'DataError'))],
    ['an ordinary error', () => new Error('network down')],
    ['nothing', () => undefined],
    ['a string', () => 'QuotaExceededError'],
  ])('does not mistake %s for a full disk', (_label, make) => {
    expect(isStorageFull(make())).toBe(false);
  });

  it('recognises the error a real Dexie write rejects with when its transaction aborts over quota', async () => {
    const db = overQuota(new RecurDb(`quota-${Math.random()}`), () => true);
    const write = db.datasets.put({ id: 'big.csv', name: 'big.csv', size: 3, addedAt: 1, blob: new Blob(['abc']), mapping: null });
    const error = await write.then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(isStorageFull(error)).toBe(true);
    db.close();
  });
});
