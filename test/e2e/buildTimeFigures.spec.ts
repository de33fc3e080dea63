import type { BrowserContext, Page } from '@playwright/test';
import { encodeShareFragment } from '../../src/lib/notebook/shareLink';
import { FIRST_VISIT_TEMPLATE, templateById } from '../../src/lib/notebook/templates';
import { loadRecipes } from '../../src/lib/recipes/node';
import { cell, chooseCsv, openOverview, expect, test } from './helpers';

const MARK = 'Computed when the app was built';

/** Holds back DuckDB's WebAssembly until the returned function is called: the engine cannot start before. */
async function holdEngine(context: BrowserContext): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await context.route('**/duckdb-*.wasm', async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** Notes in the page whether a build-time mark was ever on screen, from the first paint of every load. */
async function watchForMark(context: BrowserContext): Promise<void> {
  await context.addInitScript((mark) => {
    const seen = window as unknown as { __buildTimeSeen: boolean };
    seen.__buildTimeSeen = false;
    new MutationObserver(() => {
      if (document.body?.textContent?.includes(mark)) seen.__buildTimeSeen = true;
    }).observe(document, { subtree: true, childList: true, characterData: true });
  }, MARK);
}

const markSeen = (page: Page) => page.evaluate(() => (window as unknown as { __buildTimeSeen: boolean }).__buildTimeSeen);

/** What each SQL cell shows a reader: its explanation, its charts' text and its table's first rows. */
async function figuresOnScreen(page: Page): Promise<Record<string, { explanation: string; charts: string[]; rows: string[] }>> {
  const figures: Record<string, { explanation: string; charts: string[]; rows: string[] }> = {};
  for (const article of await page.getByRole('article', { name: /^SQL cell: / }).all()) {
    const name = (await article.getAttribute('aria-label'))!.replace('SQL cell: ', '');
    figures[name] = {
      // A compact customer list shows its one-line summary instead of the explanation ("Show list" opens it).
      explanation: await article.getByLabel('Explanation').or(article.getByLabel('List summary')).innerText(),
      charts: await article.getByRole('img').allTextContents(),
      rows: (await article.getByRole('row').allInnerTexts()).slice(0, 6),
    };
  }
  return figures;
}

test('a cold visit shows the overview with the figures computed at build time while DuckDB downloads, then the engine\'s own, the same', async ({ page, context }) => {
  await watchForMark(context);
  const release = await holdEngine(context);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto('/');

  const crr = cell(page, 'crr');
  await expect(crr.getByRole('status', { name: 'Cell status' })).toHaveText(`${MARK} · engine starting`);
  await expect(crr.getByRole('img').first()).toBeVisible();
  await expect(crr.getByLabel('Explanation')).toContainText('CRR for');
  await expect(page.getByLabel('Notebook data')).toContainText('Figures from Demo data · as of');
  const sqlCells = page.getByRole('article', { name: /^SQL cell: / });
  const count = await sqlCells.count();
  expect(count).toBeGreaterThan(5);
  await expect(page.getByRole('status', { name: 'Cell status' }).filter({ hasText: MARK })).toHaveCount(count);
  // The engine really is held back: everything above came without it.
  await expect(page.getByRole('status', { name: 'Engine status' })).not.toContainText('DuckDB v1');
  const built = await figuresOnScreen(page);
  await page.screenshot({ path: 'test-results/build-time-figures.png' });
  const crrTop = (await crr.boundingBox())!.y;

  release();
  await expect(page.getByRole('status', { name: 'Engine status' })).toContainText('DuckDB v1', { timeout: 60_000 });
  await expect(page.getByRole('status', { name: 'Cell status' }).filter({ hasText: MARK })).toHaveCount(0, { timeout: 90_000 });
  await expect(page.getByRole('status', { name: 'Cell status' }).filter({ hasText: '✓' })).toHaveCount(count);
  expect(await figuresOnScreen(page)).toEqual(built);
  // Replaced in place: the first chart did not move.
  expect((await crr.boundingBox())!.y).toBe(crrTop);
  expect(await markSeen(page)).toBe(true);
});

test('a shared #nb= link never shows build-time figures, even of the demo notebook itself', async ({ page, context }) => {
  await watchForMark(context);
  const overview = templateById(FIRST_VISIT_TEMPLATE).build(loadRecipes());
  await page.goto(`/${await encodeShareFragment(overview)}`);
  const review = page.getByRole('dialog', { name: 'Open a shared notebook?' });
  await review.getByRole('button', { name: 'Open and run' }).click({ timeout: 60_000 });
  await expect(cell(page, 'crr').getByRole('status', { name: 'Cell status' })).toContainText('✓', { timeout: 60_000 });
  await expect(cell(page, 'crr').getByLabel('Explanation')).toContainText('CRR for');
  expect(await markSeen(page)).toBe(false);
});

test('after a dropped file of the user\'s, the next visit never shows build-time figures', async ({ page, context }) => {
  await watchForMark(context);
  await openOverview(page);
  const dialog = await chooseCsv(page, 'my shop.csv', 'order_id,customer_id,ordered_at,revenue\nA1,ann,2024-01-05,10.25\nA2,bob,2024-01-06,4\nA3,ann,2024-02-07,7\n');
  await dialog.getByRole('button', { name: /Load my shop\.csv/ }).click();
  await expect(page.getByLabel('Notebook data')).toContainText('my shop.csv', { timeout: 60_000 });
  await expect(cell(page, 'repeat_rate').getByRole('status', { name: 'Cell status' })).toContainText('✓', { timeout: 60_000 });

  await page.reload();
  await expect(page.getByLabel('Notebook data')).toContainText('my shop.csv', { timeout: 60_000 });
  await expect(cell(page, 'repeat_rate').getByRole('status', { name: 'Cell status' })).toContainText('✓', { timeout: 60_000 });
  await expect(cell(page, 'repeat_rate').getByLabel('Explanation')).toContainText('= 1 / 2');
  expect(await markSeen(page)).toBe(false);
});
