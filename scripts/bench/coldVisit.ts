import type { Browser, BrowserContext } from '@playwright/test';
import type { Network } from './throttle';
import type { ColdVisit } from './types';

/** The network: a teammate opening a shared link on an ordinary connection. */
export const COLD_NETWORK: Network = { bitsPerSecond: 20e6, latencyMs: 40 };

/**
 * The body bytes the server sent for each URL (by path), response by response,
 * to the page, its workers and the service worker, but not what the service
 * worker answered from its cache. A revalidation (304) sends no body: it counts 0.
 */
export function bodiesServed(context: BrowserContext): Map<string, number[]> {
  const served = new Map<string, number[]>();
  context.on('response', async (response) => {
    const url = new URL(response.url());
    if (response.fromServiceWorker() || url.protocol !== 'http:') return;
    const bytes = (await response.request().sizes().catch(() => null))?.responseBodySize ?? 0;
    served.set(url.pathname, [...(served.get(url.pathname) ?? []), bytes]);
  });
  return served;
}

/** Each URL whose body the server sent more than once, as `path: a + b bytes`. */
export function downloadedTwice(served: ReadonlyMap<string, readonly number[]>): string[] {
  return [...served].filter(([, bodies]) => bodies.filter((b) => b > 0).length > 1).map(([url, bodies]) => `${url}: ${bodies.join(' + ')} bytes`);
}

function totalBytes(served: ReadonlyMap<string, readonly number[]>): number {
  return [...served.values()].flat().reduce((a, b) => a + b, 0);
}

/** What a SQL cell's status says while it shows a figure computed when the app was built. */
const BUILD_TIME_MARK = 'Computed when the app was built';

/**
 * A first visit in a fresh browser context (no HTTP cache, no service worker,
 * no IndexedDB), the service worker allowed: navigation until the first chart
 * of the overview is drawn (the build-time figures' where the build has them),
 * then until the first chart of the engine's own run, and the bytes the server
 * sent until each. The network is the server's (`startPreview(…, network)`,
 * see throttle.ts); `network` only says what it was, null for none.
 */
export async function benchColdVisit(browser: Browser, url: string, network: Network | null): Promise<ColdVisit> {
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  try {
    const page = await context.newPage();
    const served = bodiesServed(context);
    const t0 = performance.now();
    await page.goto(url);
    const cells = page.getByRole('article', { name: /^SQL cell: / });
    await cells.getByRole('img').first().waitFor({ timeout: 10 * 60_000 });
    const firstChartMs = performance.now() - t0;
    const firstChartBytes = totalBytes(served);
    const status = (await cells.filter({ has: page.getByRole('img') }).first().getByRole('status', { name: 'Cell status' }).textContent()) ?? '';
    const live = cells.filter({ has: page.getByRole('status', { name: 'Cell status' }).filter({ hasText: '✓' }) });
    await live.getByRole('img').first().waitFor({ timeout: 10 * 60_000 });
    const firstLiveMs = performance.now() - t0;
    // Let the responses that finished with the chart report their sizes.
    await page.waitForTimeout(200);
    return {
      network,
      first_chart_ms: Math.round(firstChartMs),
      first_chart_build_time: status.includes(BUILD_TIME_MARK),
      first_chart_bytes: firstChartBytes,
      first_live_chart_ms: Math.round(firstLiveMs),
      bytes: totalBytes(served),
      fetched_twice: downloadedTwice(served),
    };
  } finally {
    await context.close();
  }
}
