import { expect, test } from '@playwright/test';
import { openApp, watchForeignRequests } from './helpers';

test('the app starts DuckDB, loads the sample data and shows a first result', async ({ page }) => {
  const foreign = watchForeignRequests(page);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await openApp(page);
  await expect(page.getByRole('status', { name: 'Engine status' })).toContainText(/eh|mvp/);
  const loaded = page.getByRole('list', { name: 'Loaded tables' });
  await expect(loaded).toContainText('orders');
  await expect(loaded).toContainText('feedback');
  await expect(page.getByTestId('row-count').first()).toHaveText(/\d+ rows/);
  await expect(page.getByRole('columnheader', { name: /revenue/ }).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/shell.png', fullPage: true });
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
});

test('a dropped CSV is queried and its numbers appear on screen', async ({ page }) => {
  const foreign = watchForeignRequests(page);
  await openApp(page);
  await expect(page.getByRole('list', { name: 'Loaded tables' })).toContainText('orders');
  await page.getByLabel('Choose files to load').setInputFiles({
    name: 'my shop.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('customer,amount\nann,10.25\nbob,4\nann,7\n'),
  });
  await expect(page.getByRole('list', { name: 'Loaded tables' })).toContainText('my_shop');
  const editor = page.getByRole('textbox', { name: 'SQL query' }).first();
  await editor.fill('SELECT customer, sum(amount) AS total FROM my_shop GROUP BY customer ORDER BY total DESC');
  await editor.press('Control+Enter');
  const table = page.getByRole('table').first();
  await expect(table.getByRole('row').nth(1)).toContainText('ann');
  await expect(table.getByRole('row').nth(1)).toContainText('17.25');
  await expect(table.getByRole('row').nth(2)).toContainText('bob');
  await expect(page.getByTestId('row-count').first()).toHaveText('2 rows');
  expect(foreign).toEqual([]);
});

test('DuckDB errors are shown readably and the cell keeps working', async ({ page }) => {
  await openApp(page);
  const editor = page.getByRole('textbox', { name: 'SQL query' }).first();
  await editor.fill('SELECT * FROM no_such_table');
  await editor.press('Control+Enter');
  await expect(page.getByRole('alert')).toContainText('no_such_table');
  await editor.fill('SELECT 6 * 7 AS answer');
  await page.getByRole('button', { name: 'Run' }).first().click();
  await expect(page.getByRole('table').first()).toContainText('42');
});
