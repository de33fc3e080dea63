/**
 * The engine's WebAssembly files (DuckDB's bundle, parquet-wasm) kept in Cache
 * Storage by the page itself, so a first visit downloads each one once: the
 * service worker does not precache them (it would fetch the same 34 MB again,
 * beside the page), and a file is fetched only when the engine needs it, so a
 * visit without a Parquet file never downloads the Parquet reader. The next
 * visit, online or offline, reads them from here.
 */

/** The Cache Storage cache the engine's files live in (the service worker leaves it alone). */
export const ENGINE_CACHE = 'recur-engine';

/** The part of the Cache Storage API used here (workers and pages have it as `caches`). */
export interface CacheStore {
  open(name: string): Promise<Cache>;
}

function cacheStore(): CacheStore | null {
  return typeof caches === 'undefined' ? null : caches;
}

/**
 * `url`'s response from the engine's cache, or fetched once and kept there.
 * Files of other builds (`current` lists this build's) are dropped as the new
 * one is kept. Where Cache Storage is missing or refuses (private windows of
 * some browsers), the file is fetched as before.
 */
export async function cachedResponse(url: string, current: readonly string[], store: CacheStore | null = cacheStore()): Promise<Response> {
  const absolute = new URL(url, self.location.href).href;
  const cache = store ? await store.open(ENGINE_CACHE).catch(() => null) : null;
  const kept = await cache?.match(absolute).catch(() => undefined);
  if (kept) return kept;
  const response = await fetch(absolute, { credentials: 'same-origin' });
  if (!cache || !response.ok) return response;
  try {
    await cache.put(absolute, response.clone());
    const wanted = new Set(current.map((u) => new URL(u, self.location.href).href));
    for (const request of await cache.keys()) if (!wanted.has(request.url)) await cache.delete(request);
  } catch {
    // Storage full or refused: the file still works for this visit.
  }
  return response;
}

/**
 * A `blob:` URL of `url`'s bytes from the engine's cache, for DuckDB, which
 * fetches its module itself from a URL: its own fetch would bypass the cache on
 * a first visit. `release` frees the URL once DuckDB has compiled the module.
 */
export async function cachedObjectUrl(url: string, current: readonly string[], store?: CacheStore | null): Promise<{ url: string; release: () => void }> {
  const response = await cachedResponse(url, current, store);
  if (!response.ok) return { url, release: () => undefined };
  // The type lets the browser compile the module while it streams.
  const blob = new Blob([await response.blob()], { type: 'application/wasm' });
  const objectUrl = URL.createObjectURL(blob);
  return { url: objectUrl, release: () => URL.revokeObjectURL(objectUrl) };
}
