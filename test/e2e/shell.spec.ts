import { cell, openApp, openOverview, typeSql, watchErrors, watchForeignRequests, expect, test } from './helpers';

test('the app starts DuckDB, loads the sample data and runs the overview', async ({ page }) => {
  const foreign = watchForeignRequests(page);
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await openOverview(page);
  await expect(page.getByRole('status', { name: 'Engine status' })).toContainText(/eh|mvp/);
  const loaded = page.getByRole('list', { name: 'Loaded data sets' });
  await expect(loaded).toContainText('sample-feedback.csv');
  await expect(loaded).toContainText('6,000 rows');
  // The CRR explanation plugs the sample's own numbers into the formula.
  await expect(cell(page, 'crr').getByLabel('Explanation')).toContainText(/= \([\d,]+ − [\d,]+\) \/ [\d,]+ = [\d.]+ %/);
  await expect(cell(page, 'crr').getByRole('img').first()).toBeVisible();
  await expect(cell(page, 'repeat_rate').getByTestId('row-count')).toHaveText('1 row');
  await page.screenshot({ path: 'test-results/overview.png' });
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
});

test('a dropped CSV is mapped, loaded, queried, and its numbers appear on screen', async ({ page }) => {
  const foreign = watchForeignRequests(page);
  await openOverview(page);
  await page.getByLabel('Choose files to load').setInputFiles({
    name: 'my shop.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('order,buyer,date,total\nA1,ann,2024-01-05,10.25\nA2,bob,2024-01-06,4\nA3,ann,2024-02-07,7\n'),
  });
  const dialog = page.getByRole('dialog', { name: /my shop\.csv/ });
  await expect(dialog).toBeVisible();
  // "buyer" is not a name Recur knows for a customer column: fix it on the mapping screen.
  await dialog.getByLabel('Customer id').selectOption('buyer');
  await expect(dialog.getByRole('row', { name: /Customer id/ })).toContainText('ann · bob · ann');
  await page.screenshot({ path: 'test-results/mapping.png' });
  await dialog.getByRole('button', { name: /Load my shop\.csv/ }).click();
  const report = page.getByRole('region', { name: /Data-quality report for my shop\.csv/ });
  await expect(report.getByTestId('orders-loaded')).toHaveText('3');
  await page.screenshot({ path: 'test-results/after-load.png' });

  await page.getByRole('button', { name: '+ SQL' }).click();
  const editor = page.getByRole('textbox', { name: /SQL for result/ }).last();
  await typeSql(editor, "SELECT customer_id, sum(revenue) AS total FROM orders WHERE source_file = 'my shop.csv' GROUP BY ALL ORDER BY total DESC");
  await editor.press('Control+Enter');
  const result = page.getByRole('region', { name: /result table/ }).last();
  await expect(result.getByRole('row').nth(1)).toContainText('ann');
  await expect(result.getByRole('row').nth(1)).toContainText('17.25');
  await expect(result.getByRole('row').nth(2)).toContainText('bob');
  expect(foreign).toEqual([]);
});

test('DuckDB errors are shown under the cell and the cell keeps working', async ({ page }) => {
  await openApp(page);
  await expect(page.getByRole('button', { name: 'Run all' })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: '+ SQL' }).click();
  const editor = page.getByRole('textbox', { name: /SQL for result/ }).last();
  await typeSql(editor, 'SELECT * FROM no_such_table');
  await editor.press('Control+Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'no_such_table' })).toBeVisible();
  await typeSql(editor, 'SELECT 6 * 7 AS answer');
  await editor.press('Control+Enter');
  await expect(page.getByRole('region', { name: /result table/ }).last()).toContainText('42');
});

test('a dropped file and its mapping survive a reload, and the notebook reads it again', async ({ page }) => {
  await openOverview(page);
  await page.getByLabel('Choose files to load').setInputFiles({
    name: 'kept.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('order_id,customer_id,ordered_at,revenue\nK1,zed,2024-03-01,11\nK2,zed,2024-04-01,22\nK3,yan,2024-04-02,33\n'),
  });
  await page.getByRole('dialog', { name: /kept\.csv/ }).getByRole('button', { name: /Load kept\.csv/ }).click();
  const loaded = page.getByRole('list', { name: 'Loaded data sets' });
  await expect(loaded).toContainText('kept.csv');
  await page.getByRole('button', { name: '+ SQL' }).click();
  const editor = page.getByRole('textbox', { name: /SQL for result/ }).last();
  await typeSql(editor, "SELECT count(*) AS n, sum(revenue) AS total FROM orders WHERE source_file = 'kept.csv'");
  await editor.press('Control+Enter');
  await expect(page.getByRole('region', { name: /result table/ }).last().getByRole('row').nth(1)).toContainText('66');
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText('Saved');

  await page.reload();
  await expect(page.getByRole('status', { name: 'Engine status' })).toContainText(/DuckDB v1\.4/, { timeout: 60_000 });
  await expect(loaded).toContainText('kept.csv', { timeout: 60_000 });
  await expect(loaded).toContainText('3 rows');
  const table = page.getByRole('region', { name: /result table/ }).last();
  await expect(table.getByRole('row').nth(1)).toContainText('3', { timeout: 60_000 });
  await expect(table.getByRole('row').nth(1)).toContainText('66');
});

test('a cell run while a file loads waits for the load, then sees all of its rows', async ({ page }) => {
  await openOverview(page);
  await page.getByRole('button', { name: '+ SQL' }).click();
  const editor = page.getByRole('textbox', { name: /SQL for result/ }).last();
  await typeSql(editor, "SELECT count(*) AS n FROM orders WHERE source_file = 'big.csv'");
  const rows = Array.from({ length: 250_000 }, (_, i) => `B${i},c${i % 9000},2024-0${1 + (i % 9)}-1${i % 10},${(i % 97) + 0.5}`);
  await page.getByLabel('Choose files to load').setInputFiles({
    name: 'big.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`order_id,customer_id,ordered_at,revenue\n${rows.join('\n')}\n`),
  });
  await page.getByRole('dialog', { name: /big\.csv/ }).getByRole('button', { name: /Load big\.csv/ }).click();
  await expect(page.getByRole('status', { name: 'Loading progress' })).toBeVisible();
  const sqlCell = page.getByRole('article').filter({ has: editor });
  await sqlCell.getByRole('button', { name: 'Run', exact: true }).evaluate((run) => run.setAttribute('data-run-during-load', ''));
  // Its statements must not land inside the load's transaction: it stays queued
  // for as long as the load runs. Run is pressed in the page, in the same task
  // that starts watching, so a fast load cannot end between the two.
  const statusDuringLoad = await page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        if (!document.querySelector('[aria-label="Loading progress"]')) return reject(new Error('the load ended before Run was pressed'));
        (document.querySelector('[data-run-during-load]') as HTMLButtonElement).click();
        const seen = new Set<string>();
        const timer = setInterval(() => {
          const statuses = document.querySelectorAll('[aria-label="Cell status"]');
          const status = statuses[statuses.length - 1]?.textContent?.trim() ?? '';
          if (!document.querySelector('[aria-label="Loading progress"]')) {
            clearInterval(timer);
            resolve([...seen]);
          } else seen.add(status);
        }, 10);
      }),
  );
  expect(statusDuringLoad).toEqual(['Queued']);
  await expect(sqlCell.getByRole('region', { name: /result table/ }).getByRole('row').nth(1)).toContainText('250,000', { timeout: 60_000 });
  await expect(page.getByRole('region', { name: /Data-quality report for big\.csv/ }).getByTestId('orders-loaded')).toHaveText('250,000');
});

test('a loaded file re-runs only the cells that read what it changed', async ({ page }) => {
  await openOverview(page);
  const allDone = () =>
    expect.poll(async () => (await page.locator('[aria-label="Cell status"]').allTextContents()).every((s) => s.trim().startsWith('✓')), { timeout: 60_000 }).toBe(true);
  await allDone();
  // Notes every cell whose status leaves ✓ (queued, running) from here on.
  const startWatching = () =>
    page.evaluate(() => {
      const w = window as unknown as { rerun: string[]; rerunObserver?: MutationObserver };
      w.rerun = [];
      w.rerunObserver ??= new MutationObserver(() => {
        for (const article of document.querySelectorAll('article[aria-label^="SQL cell: "]')) {
          const name = (article.getAttribute('aria-label') ?? '').replace('SQL cell: ', '');
          const status = article.querySelector('[aria-label="Cell status"]')?.textContent?.trim() ?? '';
          if (!status.startsWith('✓') && !w.rerun.includes(name)) w.rerun.push(name);
        }
      });
      w.rerunObserver.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  const rerun = () => page.evaluate(() => [...(window as unknown as { rerun: string[] }).rerun].sort());
  const load = async (name: string, csv: string) => {
    await page.getByLabel('Choose files to load').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('dialog', { name: new RegExp(name.replace('.', '\\.')) }).getByRole('button', { name: `Load ${name}` }).click();
    await expect(page.getByRole('region', { name: `Data-quality report for ${name}` })).toBeVisible({ timeout: 60_000 });
  };

  // A file dropped on the demo starts a dataset of the user's (every table changes); the next ones add to it.
  await load('base-orders.csv', 'order_id,customer_id,ordered_at,revenue,channel\nO1,ann,2024-01-05,10,web\nO2,ann,2024-02-05,12,web\nO3,bob,2024-02-09,7,store\n');
  await allDone();
  await startWatching();
  await load('more-feedback.csv', 'customer_id,order_id,responded_at,score,scale,comment\nC00005,,2024-06-01 10:00:00,10,nps_10,great\n');
  await expect.poll(rerun, { timeout: 60_000 }).toEqual(['feedback_nps', 'feedback_retention', 'list_unhappy_best']);
  await allDone();
  expect(await rerun()).toEqual(['feedback_nps', 'feedback_retention', 'list_unhappy_best']);

  await startWatching();
  await load('more-orders.csv', 'order_id,customer_id,ordered_at,revenue\nM1,zed,2024-03-01,11\nM2,zed,2024-04-01,22\n');
  await expect.poll(rerun, { timeout: 60_000 }).toContain('crr');
  await allDone();
  const afterOrders = await rerun();
  expect(afterOrders).toEqual(expect.arrayContaining(['crr', 'repeat_rate', 'cohort_retention', 'rfm_segments', 'ltv_formula', 'feedback_retention']));
  expect(afterOrders).not.toContain('feedback_nps');
});
