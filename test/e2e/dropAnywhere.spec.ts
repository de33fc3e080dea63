import type { Locator, Page } from '@playwright/test';
import { openOverview, expect, test } from './helpers';

/** A DataTransfer in the page carrying one CSV file, as a drag from the desktop would. */
function csvTransfer(page: Page, name: string, text: string) {
  return page.evaluateHandle(
    ([name, text]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], name, { type: 'text/csv' }));
      return transfer;
    },
    [name, text] as const,
  );
}

/** Dispatches a drag event on the target and says whether the page took it (preventDefault). */
async function drag(target: Locator, type: 'dragenter' | 'dragover' | 'drop', dataTransfer: unknown): Promise<boolean> {
  return target.evaluate(
    (element, [type, dataTransfer]) => {
      const event = new DragEvent(type as string, { bubbles: true, cancelable: true, dataTransfer: dataTransfer as DataTransfer });
      element.dispatchEvent(event);
      return event.defaultPrevented;
    },
    [type, dataTransfer] as const,
  );
}

test('a file dropped on the notebook area is loaded, with an overlay while it is dragged', async ({ page }) => {
  await openOverview(page);
  const notebook = page.getByRole('region', { name: 'Notebook' });
  const transfer = await csvTransfer(page, 'dropped shop.csv', 'order,customer,date,total\nA1,ann,2024-01-05,10.25\nA2,bob,2024-01-06,4\n');
  const overlay = page.getByRole('status', { name: 'Drop files' });
  await expect(overlay).toHaveCount(0);

  // Taking dragover and drop (preventDefault) is what stops the browser opening the file itself.
  expect(await drag(notebook, 'dragenter', transfer)).toBe(true);
  expect(await drag(notebook, 'dragover', transfer)).toBe(true);
  await expect(overlay).toContainText('Drop to load');
  await page.screenshot({ path: 'test-results/drop-overlay.png' });

  expect(await drag(notebook, 'drop', transfer)).toBe(true);
  await expect(overlay).toHaveCount(0);
  const dialog = page.getByRole('dialog', { name: /dropped shop\.csv/ });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: /Load dropped shop\.csv/ }).click();
  await expect(page.getByRole('region', { name: /Data-quality report for dropped shop\.csv/ }).getByTestId('orders-loaded')).toHaveText('2');
});

test('a file dropped on the sidebar zone is loaded once, not twice', async ({ page }) => {
  await openOverview(page);
  const transfer = await csvTransfer(page, 'once.csv', 'order,customer,date,total\nB1,cy,2024-03-01,5\n');
  const zone = page.getByRole('region', { name: 'Drop order or feedback files' });
  await drag(zone, 'dragover', transfer);
  expect(await drag(zone, 'drop', transfer)).toBe(true);
  await expect(page.getByRole('dialog', { name: /once\.csv/ })).toHaveCount(1);
  await page.getByRole('dialog', { name: /once\.csv/ }).getByRole('button', { name: /Load once\.csv/ }).click();
  await expect(page.getByRole('list', { name: 'Loaded data sets' }).getByRole('button', { name: /^once\.csv/ })).toHaveCount(1);
  // Nothing else is waiting to be mapped.
  await expect(page.getByRole('dialog', { name: /Map the columns/ })).toHaveCount(0);
});
