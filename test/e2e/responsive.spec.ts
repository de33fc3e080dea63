import type { Locator, Page } from '@playwright/test';
import { encodeShareFragment } from '../../src/lib/notebook/shareLink';
import { chooseCsv, openApp, openOverview, expect, test } from './helpers';

const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 768, height: 1024 },
] as const;

/** The page scrolls only up and down. */
async function expectNoSideScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `page width ${scrollWidth}px in a ${innerWidth}px window`).toBeLessThanOrEqual(innerWidth);
}

/** The element lies inside the window from left to right, once scrolled to. */
async function expectWithinWidth(page: Page, target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  const width = page.viewportSize()!.width;
  expect(box, 'the element is drawn').not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(width);
}

for (const size of SIZES) {
  test.describe(`${size.name} ${size.width}×${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('no side scroll, and the header tools fold into a menu whose items work', async ({ page }) => {
      await openOverview(page);
      await expectNoSideScroll(page);
      const menu = page.getByRole('button', { name: 'Menu' });
      await expect(menu).toHaveAttribute('aria-expanded', 'false');
      await expect(page.getByRole('button', { name: 'Report view' })).toBeHidden();
      // The engine's state stays in the header: a dot on screen, its words for screen readers.
      await expectWithinWidth(page, page.getByRole('status', { name: 'Engine status' }));
      await page.screenshot({ path: `test-results/responsive-${size.width}-overview.png` });

      await menu.click();
      await expect(menu).toHaveAttribute('aria-expanded', 'true');
      for (const name of ['Copy link', 'Export', 'Import', 'Report view', 'Keyboard shortcuts']) {
        await expectWithinWidth(page, page.getByRole('button', { name }));
      }
      await expectNoSideScroll(page);
      await page.screenshot({ path: `test-results/responsive-${size.width}-menu.png` });
      // Escape closes the menu and gives focus back to its button.
      await page.getByRole('button', { name: 'Import' }).focus();
      await page.keyboard.press('Escape');
      await expect(menu).toHaveAttribute('aria-expanded', 'false');
      await expect(menu).toBeFocused();

      // An item chosen from the menu does its job, and the menu closes.
      await menu.click();
      await page.getByRole('button', { name: 'Report view' }).click();
      await expect(menu).toHaveAttribute('aria-expanded', 'false');
      await menu.click();
      await expect(page.getByRole('button', { name: 'Report view' })).toHaveAttribute('aria-pressed', 'true');
      await expectNoSideScroll(page);
    });

    test('the mapping dialog fits and its Load button is reachable', async ({ page }) => {
      await openOverview(page);
      const dialog = await chooseCsv(page, 'my shop.csv', 'order,customer,date,total\nA1,ann,2024-01-05,10.25\nA2,bob,2024-01-06,4\nA3,ann,2024-02-07,7\n');
      await expectWithinWidth(page, dialog);
      await expectNoSideScroll(page);
      const load = dialog.getByRole('button', { name: /Load my shop\.csv/ });
      await expectWithinWidth(page, load);
      await page.screenshot({ path: `test-results/responsive-${size.width}-mapping.png` });
      await load.click();
      await expect(page.getByRole('region', { name: /Data-quality report for my shop\.csv/ }).getByTestId('orders-loaded')).toHaveText('3');
    });

    test('the shared-notebook review fits and its buttons are reachable', async ({ page }) => {
      const fragment = await encodeShareFragment({
        id: 'shared',
        title: 'A notebook to review on a small screen',
        createdAt: 0,
        updatedAt: 0,
        version: 0,
        cells: [{ id: 'c0', kind: 'sql', name: 'buyers', source: 'SELECT count(DISTINCT customer_id) AS buyers FROM orders' }],
      });
      await openApp(page, `/${fragment}`);
      const dialog = page.getByRole('dialog', { name: 'Open a shared notebook?' });
      await expect(dialog).toBeVisible();
      await expectWithinWidth(page, dialog);
      for (const name of ['Open and run', 'Cancel']) await expectWithinWidth(page, dialog.getByRole('button', { name }));
      await page.screenshot({ path: `test-results/responsive-${size.width}-share-review.png` });
      await dialog.getByRole('button', { name: 'Open and run' }).click();
      await expect(page.getByRole('article', { name: /cell: buyers$/ }).getByTestId('row-count')).toHaveText('1 row', { timeout: 60_000 });
      await expectNoSideScroll(page);
    });
  });
}
