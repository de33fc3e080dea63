import Dexie from 'dexie';

/**
 * Whether a storage write failed because the origin's quota is used up.
 *
 * The name the browser gives (`QuotaExceededError`) rarely reaches us intact:
 * Chromium aborts the whole IndexedDB transaction instead of failing the
 * request, and Dexie then rejects with an `AbortError` whose `inner` is the
 * quota error and whose message starts with its name
 * (https://github.com/dexie/Dexie.js/issues/776). Firefox used its own name.
 */
export function isStorageFull(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    const { name, message, code, inner } = current as { name?: unknown; message?: unknown; code?: unknown; inner?: unknown };
    if (name === Dexie.errnames.QuotaExceeded || name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
    // DOMException.QUOTA_EXCEEDED_ERR, for errors that lost their name on the way.
    if (code === 22 && current instanceof DOMException) return true;
    if (name === Dexie.errnames.Abort && typeof message === 'string' && message.startsWith(Dexie.errnames.QuotaExceeded)) return true;
    current = inner;
  }
  return false;
}

/** What the user reads when a save ran out of space. */
export const STORAGE_FULL_MESSAGE = 'Browser storage is full';
