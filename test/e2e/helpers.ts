import { test as base, expect, type Locator, type Page } from '@playwright/test';

/**
 * Playwright's `test`, plus a check after every test that the page logged no
 * Content-Security-Policy violation: the policy is the app's, and a violation
 * means something the app needs is blocked (or something it should not do was tried).
 */
export const test = base.extend<{ cspGuard: void }>({
  cspGuard: [
    async ({ page }, use) => {
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      await use();
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

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

/** Collects console errors and uncaught exceptions. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Opens the app and waits until the engine says it is ready. */
export async function openApp(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole('status', { name: 'Engine status' })).toContainText(/DuckDB v1\.4/, { timeout: 60_000 });
}

/** Opens the app and waits for the overview notebook to have run on the sample data. */
export async function openOverview(page: Page): Promise<void> {
  await openApp(page);
  await expect(page.getByRole('list', { name: 'Loaded data sets' })).toContainText('sample-orders.csv');
  await expect(cell(page, 'crr').getByLabel('Explanation')).toContainText('CRR for', { timeout: 60_000 });
  // The engine's own result, not the one computed when the app was built.
  await expect(cell(page, 'crr').getByRole('status', { name: 'Cell status' })).toContainText('✓', { timeout: 60_000 });
}

/** The notebook cell whose title (SQL result name, or text) matches. */
export function cell(page: Page, name: string): Locator {
  return page.getByRole('article', { name: new RegExp(`cell: ${name}$`) });
}

/** Types into a cell's CodeMirror editor, replacing what is there. */
export async function typeSql(editor: Locator, sql: string): Promise<void> {
  await editor.click();
  await editor.press('Control+a');
  await editor.press('Delete');
  await editor.pressSequentially(sql, { delay: 0 });
}

/**
 * Clicks "Copy link" and returns the link. The copy is asynchronous (the
 * notebook is compressed first), so the clipboard is polled, not read once.
 * Where the browser refuses the clipboard, the app shows the link to copy by
 * hand; that is taken instead, and said in the test output.
 */
export async function copyLink(page: Page, pattern: RegExp = /#nb=/): Promise<string> {
  await page.evaluate(() => navigator.clipboard.writeText('')).catch(() => undefined);
  await page.getByRole('button', { name: 'Copy link' }).click();
  const byHand = page.getByLabel('Link to this notebook');
  let link = '';
  await expect
    .poll(
      async () => {
        if (await byHand.isVisible()) {
          link = await byHand.inputValue();
          console.warn(`copyLink: the clipboard was refused (${await page.getByLabel('Link to copy').innerText()}); using the link shown on screen`);
        } else {
          link = await page.evaluate(() => navigator.clipboard.readText()).catch(() => '');
        }
        return link;
      },
      { message: 'the copied link reaches the clipboard or the screen', timeout: 30_000 },
    )
    .toMatch(pattern);
  return link;
}

/** Loads a small CSV through the file picker and returns its column-mapping dialog, once shown. */
export async function chooseCsv(page: Page, name: string, text: string): Promise<Locator> {
  await page.getByLabel('Choose files to load').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  const dialog = page.getByRole('dialog', { name: new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
  await expect(dialog).toBeVisible();
  return dialog;
}
