import type {} from '../../src/lib/engine/devtools';
import type { PredictiveLtvResult } from '../../src/lib/recipes/ltvPredictive/types';
import { cell, openOverview, watchErrors, expect, test } from './helpers';

const CALIBRATION_END = '2024-06-30';

test('the predictive LTV cell fits the models in the worker and shows the fit, its charts and the top customers', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await openOverview(page);
  await page.getByLabel('New notebook from a template').selectOption('ltv');
  await expect(page.getByLabel('Notebook title')).toHaveValue('Lifetime value', { timeout: 60_000 });

  const ltv = cell(page, 'ltv_predictive');
  await expect(ltv.getByText('Customer lifetime value (predictive)')).toBeVisible();
  await expect(ltv.getByLabel('Explanation')).toContainText('BG/NBD purchase model, fitted on', { timeout: 90_000 });
  // No calibration end: the model learned from every order, and the chart says there is no holdout.
  await expect(ltv.getByRole('img', { name: /^Repeat purchases: actual against the model/ })).toBeVisible();
  await expect(ltv.getByText(/^No holdout: the model learned from every week shown/)).toBeVisible();

  // A calibration end re-runs the fit with a holdout to check it against.
  await page.getByLabel(/^Calibration end/).fill(CALIBRATION_END);
  const explanation = ltv.getByLabel('Explanation');
  await expect(explanation).toContainText('Holdout check: from 2024-07-01 to 2024-12-31', { timeout: 90_000 });
  await expect(ltv.getByRole('status', { name: 'Cell status' })).toContainText('✓');

  // The same fit straight from the engine the page uses: the fitted numbers on screen are its numbers.
  const direct = await page.evaluate(async (calibrationEnd) => {
    const start = performance.now();
    const result = (await window.__recur!.engine.runModelStep('ltv-predictive', { calibration_end: calibrationEnd })) as PredictiveLtvResult;
    return { ms: performance.now() - start, params: result.params, customers: result.rows.length };
  }, CALIBRATION_END);
  console.log(
    `ltv-predictive's model step in Chromium (engine worker), ${direct.customers} customers of the sample data: ${Math.round(direct.ms)} ms; ` +
      `the cell's status: ${await ltv.getByRole('status', { name: 'Cell status' }).innerText()}`,
  );
  const p = direct.params;
  const fitted = ltv.getByLabel('Fitted parameters');
  for (const [symbol, value] of [['r', p.r], ['α', p.alpha], ['a', p.a], ['b', p.b], ['p', p.p], ['q', p.q], ['γ', p.gamma]] as const) {
    await expect(fitted).toContainText(`${symbol} = ${value.toFixed(3)}`);
  }
  await expect(fitted).toContainText(/LL −[\d,]+\.\d+ · Gamma-Gamma/);
  await expect(explanation).toContainText(`Gamma(r = ${p.r.toFixed(3)}, α = ${p.alpha.toFixed(3)})`);
  await expect(explanation).toContainText(`p = ${p.p.toFixed(3)}, q = ${p.q.toFixed(3)}, γ = ${p.gamma.toFixed(3)}`);
  await expect(explanation).toContainText('Worked example, customer');
  await expect(explanation).toContainText(`All ${p.customers.toLocaleString('en-US')} customers together:`);

  // The three charts, each a figure with a description: an image, or a group when its bars are buttons (the P(alive) bands).
  const charts = ltv.locator('figure[role="img"], figure[role="group"]');
  await expect(charts).toHaveCount(3);
  await expect(charts.nth(0)).toHaveAttribute('aria-label', /^Customers by P\(alive\)\. Bar chart of customers in 4 bands of P\(alive\)/);
  await expect(charts.nth(0)).toHaveAttribute('role', 'group');
  await expect(charts.nth(1)).toHaveAttribute('aria-label', /Repeat purchases: actual against the model\. .* with the holdout from week [\d.]+ shaded\./);
  await expect(charts.nth(2)).toHaveAttribute('aria-label', /^Probability a customer is still active, P\(alive\)\. Heat-map of P\(alive\) for a customer first seen/);

  // The table lists the customers with the largest CLV first.
  const table = ltv.getByRole('region', { name: 'ltv_predictive table' });
  await expect(ltv.getByTestId('row-count')).toHaveText(`${p.customers.toLocaleString('en-US')} rows`);
  const clvs = await table.evaluate((region) => {
    const column = [...region.querySelectorAll('thead th')].findIndex((th) => th.querySelector('.name')?.textContent === 'clv');
    const rows = [...region.querySelectorAll('tbody tr:not(.spacer)')];
    return rows.map((row) => Number((row.children[column]?.textContent ?? '').replace(/,/g, '')));
  });
  expect(clvs.length).toBeGreaterThan(5);
  const largest = await page.evaluate(async () => {
    const { engine, rows } = window.__recur!;
    return rows((await engine.query('SELECT max(clv) AS clv FROM ltv_predictive')).ipc)[0].clv as number;
  });
  expect(clvs[0]).toBeCloseTo(largest, 2);
  for (let i = 1; i < clvs.length; i++) expect(clvs[i]).toBeLessThanOrEqual(clvs[i - 1]);

  // The whole cell on one screen, its head clear of the sticky toolbar, for a look by eye.
  await page.setViewportSize({ width: 1280, height: 1900 });
  await ltv.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 120));
  await page.screenshot({ path: 'test-results/predictive.png' });
  expect(errors).toEqual([]);
});

test('a P(alive) band of the predictive model drills to its customers, with P(alive) and CLV, by the menu and by a click on its bar', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1300, height: 1000 });
  await openOverview(page);
  await page.getByLabel('New notebook from a template').selectOption('ltv');
  const ltv = cell(page, 'ltv_predictive');
  await expect(ltv.getByLabel('Explanation')).toContainText('BG/NBD purchase model, fitted on', { timeout: 90_000 });

  // The bands' counts, straight from the kept table the page's engine holds.
  const counts = await page.evaluate(async () => {
    const { engine, rows } = window.__recur!;
    const sql = 'SELECT count(*) FILTER (WHERE p_alive >= 0.75)::INTEGER AS top, count(*) FILTER (WHERE p_alive < 0.25)::INTEGER AS low FROM ltv_predictive';
    return rows((await engine.query(sql)).ipc)[0] as { top: number; low: number };
  });
  expect(counts.low).toBeGreaterThan(1);
  const menu = ltv.getByLabel('Customers behind', { exact: true });
  await menu.selectOption({ label: `P(alive) 0–25 % · ${counts.low.toLocaleString('en-US')} customers` });
  await ltv.getByRole('button', { name: 'List customers' }).click();
  const low = cell(page, 'customers_p_alive_0_25');
  await expect(low.getByRole('heading', { name: /^Customers: P\(alive\) 0–25 %, as of \d{4}-\d{2}-\d{2}$/ })).toBeVisible();
  await expect(low.getByTestId('row-count')).toHaveText(`${counts.low.toLocaleString('en-US')} rows`, { timeout: 60_000 });
  const headers = await low.locator('thead th .name').allTextContents();
  expect(headers).toEqual(expect.arrayContaining(['customer_id', 'p_alive', 'predicted_clv']));
  await ltv.getByRole('group', { name: /^Customers by P\(alive\)/ }).screenshot({ path: 'test-results/predictive-bands.png' });

  // A click on the top band's bar lists that band.
  await ltv.locator('.alive-band rect', { hasText: /^P\(alive\) 75–100 %: / }).click();
  const top = cell(page, 'customers_p_alive_75_100');
  await expect(top.getByTestId('row-count')).toHaveText(`${counts.top.toLocaleString('en-US')} rows`, { timeout: 60_000 });
});
