import type { Page } from '@playwright/test';
import { openApp, openOverview, expect, test } from './helpers';

/** A CSV of orders of about `bytes` bytes (never more). */
function ordersCsv(prefix: string, bytes: number): Buffer {
  let csv = 'order_id,customer_id,ordered_at,revenue\n';
  for (let i = 0; ; i++) {
    const line = `${prefix}${i},c${i % 700},2024-0${1 + (i % 9)}-1${i % 10},${(i % 97) + 0.5}\n`;
    if (csv.length + line.length > bytes) return Buffer.from(csv);
    csv += line;
  }
}

const QUOTA = 2 * 1024 * 1024;
/** Kept free below the half the first file may take. */
const HEADROOM = 16 * 1024;

/** Loads a file; one whose header was mapped before loads without the review. */
async function loadFile(page: Page, name: string, buffer: Buffer, { review }: { review: boolean }): Promise<void> {
  await page.getByLabel('Choose files to load').setInputFiles({ name, mimeType: 'text/csv', buffer });
  if (review) await page.getByRole('dialog', { name: new RegExp(name.replace('.', '\\.')) }).getByRole('button', { name: `Load ${name}` }).click();
  await expect(page.getByRole('list', { name: 'Loaded data sets' })).toContainText(name, { timeout: 60_000 });
}

/** Names of the data files kept in IndexedDB (setup checks only; the user sees them in the storage panel). */
function storedFiles(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('recur');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('datasets').objectStore('datasets').getAllKeys();
          request.onsuccess = () => {
            open.result.close();
            // Stored files are keyed "<dataset id>/<file name>".
            resolve((request.result as string[]).map((key) => key.slice(key.lastIndexOf('/') + 1)));
          };
        };
      }),
  );
}

test('with storage full, the last edit survives a reload, the app says so, frees space and Try again saves', async ({ page }) => {
  // A small quota for the origin, set before anything is stored (Chromium reads it when storage opens).
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(test.info().project.use.baseURL!).origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: QUOTA });
  await openOverview(page);
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText('Saved');

  // A first data file takes about half of what is left: Chromium needs room for about twice a blob
  // while it writes one, so half is the most a file can take, and the rest is what the edit must exceed.
  const { usage } = await cdp.send('Storage.getUsageAndQuota', { origin });
  await loadFile(page, 'kept.csv', ordersCsv('K', (QUOTA - usage) / 2 - HEADROOM), { review: true });
  await expect.poll(() => storedFiles(page)).toEqual(['kept.csv']);
  // A second, smaller one halves what is left again, so the edit below need not be large.
  const after = await cdp.send('Storage.getUsageAndQuota', { origin });
  await loadFile(page, 'filler.csv', ordersCsv('F', (QUOTA - after.usage) / 2 - HEADROOM), { review: false });
  await expect.poll(() => storedFiles(page)).toEqual(['filler.csv', 'kept.csv']);

  // A second one does not fit: it is loaded, and the app says in words that it will not be kept.
  await loadFile(page, 'big.csv', ordersCsv('B', QUOTA), { review: false });
  const data = page.getByRole('region', { name: 'Data', exact: true });
  await expect(data.getByRole('alert')).toContainText('Browser storage is full: big.csv is loaded now but will not be there after a reload');
  await expect(data).not.toContainText('QuotaExceededError');
  const panel = page.getByRole('region', { name: 'Browser storage is full' });
  await expect(panel).toContainText(/Recur uses [\d.]+ [KMG]?B of the [\d.]+ [KMG]?B this browser gives it/);
  await expect(panel.getByRole('list', { name: 'Stored data files' })).toContainText('kept.csv');

  // Edit (more than is left), and reload before the save can happen.
  await page.getByRole('button', { name: '+ Text' }).first().click();
  const text = page.getByRole('textbox', { name: 'Markdown text' });
  await text.fill(`${'Notes on the cohort. '.repeat(Math.ceil((0.27 * QUOTA) / 21))}The last edit before the reload`);
  await page.reload();

  await openApp(page);
  await expect(page.getByRole('status', { name: 'Recovered edits' })).toContainText('Edits from your last visit that had not been saved were brought back', { timeout: 60_000 });
  await expect(page.getByRole('article', { name: /Text cell/ }).last()).toContainText('The last edit before the reload');
  const failed = page.getByRole('alert').filter({ hasText: 'Not saved' });
  await expect(failed).toContainText('Browser storage is full: this notebook could not be saved');
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText('Not saved');
  const drop = panel.getByRole('button', { name: /Remove the stored copy of kept\.csv \([\d.]+ [KM]B\)/ });
  await expect(drop).toBeVisible();

  // No space yet: trying again still fails, and says so.
  await failed.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText('Not saved');

  await drop.click();
  await expect(panel.getByRole('status')).toContainText('its data stays loaded until you close or reload this tab');
  await expect(panel.getByRole('list', { name: 'Stored data files' })).not.toContainText('kept.csv');
  await expect(page.getByRole('list', { name: 'Loaded data sets' })).toContainText('kept.csv');
  await failed.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText('Saved');

  // Saved for real: after another reload the edit comes from IndexedDB, not the journal.
  await page.reload();
  await openApp(page);
  await expect(page.getByRole('article', { name: /Text cell/ }).last()).toContainText('The last edit before the reload', { timeout: 60_000 });
  await expect(page.getByRole('status', { name: 'Recovered edits' })).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText('Saved');
});
