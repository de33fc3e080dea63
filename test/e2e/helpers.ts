import { expect, type Page } from '@playwright/test';

/**
 * Records every request the page and its workers make that leaves 127.0.0.1,
 * so a test can assert the app never touches the network.
 */
export function watchForeignRequests(page: Page): string[] {
  const foreign: string[] = [];
  page.context().on('request', (request) => {
    const url = new URL(request.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol)) foreign.push(request.url());
  });
  return foreign;
}

/** Opens the app and waits until the engine says it is ready. */
export async function openApp(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole('status', { name: 'Engine status' })).toContainText(/DuckDB v1\.4/, { timeout: 60_000 });
}
