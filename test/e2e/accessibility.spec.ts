import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { cell, chooseCsv, openOverview, expect, test } from './helpers';

const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe on the page as it stands and lists each violation with the elements it names. */
async function violations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(WCAG_AA);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations.flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')} — ${node.failureSummary?.split('\n').slice(1, 2).join('').trim()}`));
}

test('the overview meets WCAG 2.1 AA', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openOverview(page);
  await expect(page.getByRole('button', { name: 'Run all' })).toBeEnabled({ timeout: 60_000 });
  expect(await violations(page)).toEqual([]);
});

test('the mapping dialog of a dropped file meets WCAG 2.1 AA', async ({ page }) => {
  await openOverview(page);
  await chooseCsv(page, 'my shop.csv', 'order,buyer,date,total\nA1,ann,2024-01-05,10.25\nA2,bob,2024-01-06,4\n');
  expect(await violations(page, '[role="dialog"]')).toEqual([]);
});

test('the report view meets WCAG 2.1 AA', async ({ page }) => {
  await openOverview(page);
  await expect(page.getByRole('button', { name: 'Run all' })).toBeEnabled({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Report view' }).click();
  await expect(page.getByRole('button', { name: 'Report view' })).toHaveAttribute('aria-pressed', 'true');
  expect(await violations(page)).toEqual([]);
});

test('a drill-down meets WCAG 2.1 AA', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openOverview(page);
  const segments = cell(page, 'rfm_segments');
  await expect(segments.getByRole('status', { name: 'Cell status' })).toContainText('✓', { timeout: 60_000 });
  await segments.getByLabel('Customers behind', { exact: true }).selectOption({ index: 0 });
  await segments.getByRole('button', { name: 'List customers' }).click();
  const drill = page.getByRole('article', { name: /^SQL cell: customers_/ }).first();
  await expect(drill.getByRole('status', { name: 'Cell status' })).toContainText('✓', { timeout: 60_000 });
  expect(await violations(page, '[aria-label^="SQL cell: customers_"]')).toEqual([]);
});

test('an NPS drill-down, the compact lists and the predictive P(alive) bands meet WCAG 2.1 AA', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await openOverview(page);
  const nps = cell(page, 'feedback_nps');
  await expect(nps.getByRole('status', { name: 'Cell status' })).toContainText('✓', { timeout: 60_000 });
  const menu = nps.getByLabel('Customers behind', { exact: true });
  await menu.selectOption({ label: (await menu.locator('option', { hasText: 'NPS detractors (0–6), all responses' }).textContent()) ?? '' });
  await nps.getByRole('button', { name: 'List customers' }).click();
  const drill = cell(page, 'customers_nps_detractors_all');
  await expect(drill.getByLabel('Responses behind the list')).toBeVisible({ timeout: 60_000 });
  expect(await violations(page, '[aria-label="SQL cell: customers_nps_detractors_all"]')).toEqual([]);
  await expect(cell(page, 'list_win_back').getByLabel('List summary')).toBeVisible({ timeout: 60_000 });
  expect(await violations(page, '[aria-label="SQL cell: list_win_back"]')).toEqual([]);

  await page.getByLabel('New notebook from a template').selectOption('ltv');
  const ltv = cell(page, 'ltv_predictive');
  await expect(ltv.getByLabel('Customers behind', { exact: true })).toBeVisible({ timeout: 90_000 });
  expect(await violations(page, '[aria-label="SQL cell: ltv_predictive"]')).toEqual([]);
});
