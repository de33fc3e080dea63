import type { Locator, Page } from '@playwright/test';
import { cell, expect, openOverview, test, typeSql } from './helpers';

/** Billions of rows from the 6,000 sample orders: it would run for minutes. */
const RUNAWAY = 'SELECT count(*) AS n FROM orders a, orders b, orders c';
/** One function call on a 40M-element list: DuckDB checks for an interrupt only between steps, so Cancel cannot reach it. */
const DEAF_TO_CANCEL = 'SELECT len(list_sort(list_reverse(range(40000000)))) AS n';

/** Adds a SQL cell at the end of the open notebook, types `sql` and runs it; returns the cell's name. */
async function addAndRun(page: Page, name: string, sql: string): Promise<void> {
  await page.getByRole('button', { name: '+ SQL' }).click();
  const editor = page.getByRole('textbox', { name: `SQL for ${name}`, exact: true });
  await typeSql(editor, sql);
  await editor.press('Control+Enter');
}

/** The number in the first row of a cell's result table. */
async function firstNumber(page: Page, name: string): Promise<number> {
  const row = cell(page, name).getByRole('region', { name: `${name} table` }).getByRole('row').nth(1);
  await expect(row).toBeVisible();
  return Number((await row.innerText()).replace(/\D/g, ''));
}

/** The figures work: a new cell reads the orders, and one reads a table the overview made. */
async function expectFiguresUsable(page: Page): Promise<void> {
  await addAndRun(page, 'result_2', 'SELECT count(*) AS n FROM orders');
  await expect.poll(() => firstNumber(page, 'result_2')).toBeGreaterThan(1000);
  await addAndRun(page, 'result_3', 'SELECT count(*) AS n FROM crr');
  await expect.poll(() => firstNumber(page, 'result_3')).toBeGreaterThan(0);
  await expect(cell(page, 'crr').getByLabel('Explanation')).toContainText('CRR for');
}

/**
 * Runs `sql` in a new cell of the overview, presses its Cancel after it has run
 * for `runMs`, and waits (10 s at most) for the cell to say it was cancelled.
 * Returns the cell and how long that took.
 */
async function runAndCancel(page: Page, sql: string, runMs: number): Promise<{ cancelled: Locator; tookMs: number }> {
  await openOverview(page);
  await addAndRun(page, 'result', sql);
  const added = cell(page, 'result');
  const status = added.getByRole('status', { name: 'Cell status' });
  await expect(status).toHaveText('Running…');
  await page.waitForTimeout(runMs);
  const pressed = Date.now();
  await added.getByRole('button', { name: 'Cancel' }).click();
  await expect(status).toHaveText('Cancelled', { timeout: 10_000 });
  return { cancelled: added.getByRole('status', { name: 'Cancelled' }), tookMs: Date.now() - pressed };
}

test('Cancel stops a runaway cross join within 10 s, and the figures work afterwards', async ({ page }) => {
  const { cancelled, tookMs } = await runAndCancel(page, RUNAWAY, 1500);
  expect(tookMs).toBeLessThan(10_000);
  await expect(cancelled).toHaveText('Cancelled.');
  await expectFiguresUsable(page);
});

test('a query the interrupt cannot reach: after 3 s the engine is replaced, the cell says it was cancelled, the figures come back', async ({ page }) => {
  const { cancelled, tookMs } = await runAndCancel(page, DEAF_TO_CANCEL, 500);
  expect(tookMs).toBeLessThan(10_000);
  expect(tookMs).toBeGreaterThanOrEqual(3000);
  await expect(cancelled).toContainText('did not stop within 3 s, so it was restarted');
  // Run at once, while the new engine starts: the runs wait until the data and the overview's tables are back.
  await expect(page.getByRole('status', { name: 'Engine status' })).toContainText('Restarting');
  await expectFiguresUsable(page);
  await expect(page.getByRole('status', { name: 'Engine notice' })).toContainText('your data was reloaded');
});

test('a crashed engine worker is replaced: the running cell says so, the badge and a notice say the engine restarted, data and figures are back', async ({ page }) => {
  await page.addInitScript(() => void (window.__recurTestHooks = true));
  const closed: string[] = [];
  page.on('worker', (worker) => worker.on('close', () => closed.push(worker.url())));
  await openOverview(page);
  const engineBadge = page.getByRole('status', { name: 'Engine status' });
  await expect(engineBadge).not.toContainText('restarted');

  await addAndRun(page, 'result', RUNAWAY);
  const runaway = cell(page, 'result');
  await expect(runaway.getByRole('status', { name: 'Cell status' })).toHaveText('Running…');
  await page.evaluate(() => window.__recur!.crashEngine!());

  await expect(runaway.getByRole('alert')).toContainText('The engine stopped answering and was restarted', { timeout: 10_000 });
  await expect(page.getByRole('status', { name: 'Engine notice' })).toContainText('The engine stopped answering and was restarted; your data was reloaded.', { timeout: 60_000 });
  await expect(engineBadge).toContainText(/DuckDB v1\.4.*restarted/);
  expect(closed.some((url) => url.includes('engine.worker'))).toBe(true);
  await expect(page.getByRole('list', { name: 'Loaded data sets' })).toContainText('sample-orders.csv');
  await page.screenshot({ path: test.info().outputPath('engine-restarted-cell.png') });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: test.info().outputPath('engine-restarted-top.png') });
  await expectFiguresUsable(page);
});
