import { cell, openOverview, typeSql, expect, test } from './helpers';

test.use({ serviceWorkers: 'allow' });

test('after one visit the app starts and queries with the network off', async ({ page, context }) => {
  await openOverview(page);
  await expect(page.getByRole('status', { name: 'Offline ready' })).toBeVisible({ timeout: 60_000 });
  // The page is controlled once the worker has claimed it; reloading guarantees that.
  await page.evaluate(() => navigator.serviceWorker.ready);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('status', { name: 'Engine status' })).toContainText(/DuckDB v1\.4/, { timeout: 60_000 });
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  // The notebook and the sample data come back from IndexedDB and the cache.
  await expect(cell(page, 'crr').getByLabel('Explanation')).toContainText('CRR for', { timeout: 60_000 });
  await page.getByRole('button', { name: '+ SQL' }).click();
  const editor = page.getByRole('textbox', { name: /SQL for result/ }).last();
  await typeSql(editor, 'SELECT count(*) AS n FROM orders');
  await editor.press('Control+Enter');
  await expect(page.getByRole('region', { name: /result table/ }).last()).toContainText(/\d/);
  await context.setOffline(false);
});
