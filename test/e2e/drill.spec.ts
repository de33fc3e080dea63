import { readFile } from 'node:fs/promises';
import { run } from '../../scripts/recur';
import { parseArgs } from '../../scripts/cli/args';
import { cell, expect, openOverview, test } from './helpers';

const FILE = 'test/fixtures/online_retail/online_retail_extract.csv.gz';
const FILE_NAME = 'online_retail_extract.csv.gz';

/** The first column of a CSV export, header dropped (customer ids hold no commas or quotes). */
function firstColumn(csv: string): string[] {
  return csv.trim().split('\n').slice(1).map((line) => line.split(',')[0].replace(/^"|"$/g, ''));
}

test('drill from the RFM segments to "At Risk": a cell of its own, whose CSV holds the headless runner\'s At Risk customers', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1300, height: 1000 });
  await openOverview(page);
  await page.getByLabel('Choose files to load').setInputFiles(FILE);
  await page.getByRole('dialog', { name: new RegExp(FILE_NAME.replaceAll('.', '\\.')) }).getByRole('button', { name: /^Load / }).click();
  await expect(page.getByRole('list', { name: 'Loaded data sets' })).toContainText(FILE_NAME);
  const segments = cell(page, 'rfm_segments');
  await expect(segments.getByLabel('Data source')).toContainText(FILE_NAME, { timeout: 60_000 });

  // The lists section of the overview, on the loaded file.
  const lists = page.getByRole('article', { name: /This week's lists/ });
  await expect(lists).toBeVisible();
  const nudge = cell(page, 'list_second_purchase');
  await expect(nudge.getByLabel('List summary')).toHaveText(/^\d+ customers? · [\d,.]+ revenue at stake · Customers whose first and only order was 3–4 weeks ago\.$/, { timeout: 60_000 });
  // The list and its explanation one click away.
  await nudge.getByRole('button', { name: 'Show list' }).click();
  await expect(nudge.getByLabel('Explanation')).toContainText(/On the list: \d+, .* before 2011-12-0\d\./);
  await expect(nudge.getByLabel('List summary')).toHaveCount(0);
  await expect(nudge.getByTestId('row-count')).toHaveText(/^\d+ rows?$/);
  await nudge.getByRole('button', { name: 'Hide list' }).click();
  await expect(cell(page, 'list_unhappy_best').getByRole('status', { name: 'Cell status' })).toContainText('✓', { timeout: 60_000 });
  await lists.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: 'test-results/drill-lists-section.png' });

  // The headless runner's At Risk customers, on the same file.
  const expected = (await run(parseArgs(['run', 'rfm', '--orders', FILE]))).rows.filter((r) => r.segment === 'At Risk').map((r) => String(r.customer_id));
  expect(expected.length).toBeGreaterThan(1);

  // Keyboard only: pick the group in the cell's "Customers behind" menu and press the button.
  const menu = segments.getByLabel('Customers behind', { exact: true });
  await segments.getByRole('group', { name: 'Drill-through of rfm_segments' }).screenshot({ path: 'test-results/drill-menu.png' });
  await menu.selectOption({ label: `At Risk · ${expected.length} customers` });
  await menu.press('Tab');
  await expect(segments.getByRole('button', { name: 'List customers' })).toBeFocused();
  await page.keyboard.press('Enter');

  const drill = cell(page, 'customers_at_risk');
  await expect(drill.getByRole('heading', { name: /^Customers: At Risk, as of 2011-12-0\d$/ })).toBeVisible();
  await expect(drill.getByRole('status', { name: 'Cell status' })).toContainText('✓', { timeout: 60_000 });
  // Right after the figure it came from.
  const names = await page.getByRole('article').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label')));
  expect(names[names.indexOf('SQL cell: rfm_segments') + 1]).toBe('SQL cell: customers_at_risk');
  await drill.screenshot({ path: 'test-results/drill-cell.png' });

  const download = page.waitForEvent('download');
  await drill.getByRole('button', { name: 'CSV', exact: true }).click();
  const file = await download;
  // Named by what it is and its date, like a customer list.
  expect(file.suggestedFilename()).toMatch(/^customers-at-risk-2011-12-0\d\.csv$/);
  const csv = await readFile(await file.path(), 'utf8');
  expect(csv.split('\n')[0]).toMatch(/^"?customer_id"?,"?email"?,"?segment"?,"?first_order_date"?,"?last_order_date"?,"?orders"?,"?revenue"?/);
  expect(firstColumn(csv).sort()).toEqual([...expected].sort());

  // A click on a segment's bar in the chart drills too.
  const champions = (await run(parseArgs(['run', 'rfm', '--orders', FILE]))).rows.filter((r) => r.segment === 'Champions').length;
  await segments.locator('.segment-bar rect', { hasText: /^Champions: / }).first().click();
  const clicked = cell(page, 'customers_champions');
  await expect(clicked.getByRole('heading', { name: /^Customers: Champions, as of 2011-12-0\d$/ })).toBeVisible();
  expect(champions).toBeGreaterThan(1);
  await expect(clicked.getByTestId('row-count')).toHaveText(`${champions} rows`, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(clicked).toHaveCount(0);

  // The drill is an ordinary edit: undo takes it away, redo brings it back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(drill).toHaveCount(0);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(drill.getByRole('heading', { name: /^Customers: At Risk/ })).toBeVisible();
});

test('drill from an NPS group to the customers behind its responses: the list says how many responses it holds and how many have no customer', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1300, height: 1000 });
  await openOverview(page);
  const nps = cell(page, 'feedback_nps');
  await expect(nps.getByRole('status', { name: 'Cell status' })).toContainText('✓', { timeout: 60_000 });

  // The headless runner's count of detractor responses, on the same sample files.
  const result = await run(parseArgs(['run', 'feedback-nps', '--orders', 'sample-data/orders.csv', '--feedback', 'sample-data/feedback.csv']));
  const total = result.rows.find((r) => r.scale === 'nps_10' && r.is_total === true);
  const detractors = Number(total?.detractors);
  expect(detractors).toBeGreaterThan(1);

  await nps.getByLabel('Customers behind', { exact: true }).selectOption({ label: `NPS detractors (0–6), all responses · ${detractors} responses` });
  await nps.getByRole('button', { name: 'List customers' }).click();
  const drill = cell(page, 'customers_nps_detractors_all');
  await expect(drill.getByRole('heading', { name: /^Customers: NPS detractors \(0–6\), all responses, as of \d{4}-\d{2}-\d{2}$/ })).toBeVisible();
  await expect(drill.getByRole('status', { name: 'Cell status' })).toContainText('✓', { timeout: 60_000 });
  const note = drill.getByLabel('Responses behind the list');
  await expect(note).toHaveText(new RegExp(`^${detractors.toLocaleString('en-US')} responses from [\\d,]+ customers`));
  // The note's customers are the list's rows.
  const customers = /from ([\d,]+) customers/.exec((await note.textContent()) ?? '')?.[1]?.replaceAll(',', '');
  await expect(drill.getByTestId('row-count')).toHaveText(`${Number(customers).toLocaleString('en-US')} rows`);
  await drill.screenshot({ path: 'test-results/drill-nps-cell.png' });

  // A click on a period's promoters bar drills into that period's promoters.
  await nps.locator('.nps-bar rect', { hasText: /, promoters: / }).last().click();
  await expect(page.getByRole('heading', { name: /^Customers: NPS promoters \(9–10\), \d{4}-\d{2}, as of / })).toBeVisible();
});

test("This week's lists are compact: count, revenue at stake, why and export, at 1280 and 390 px", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 1000 });
  await openOverview(page);
  const names = ['list_second_purchase', 'list_milestone_due', 'list_win_back', 'list_vips_at_risk', 'list_unhappy_best'];
  for (const name of names) {
    const list = cell(page, name);
    await expect(list.getByLabel('List summary')).toHaveText(/^(\d[\d,]* customers? · [\d,.]+ revenue at stake|No customers on this list now) · .+\.$/, { timeout: 60_000 });
    await expect(list.getByRole('table')).toHaveCount(0);
    await expect(list.getByRole('button', { name: 'CSV', exact: true })).toBeVisible();
    await expect(list.getByRole('button', { name: 'Customer list' })).toBeVisible();
  }
  // The count in the line is the list's: shown in full, the table has as many rows.
  const winBack = cell(page, 'list_win_back');
  const customers = /^([\d,]+) customers/.exec((await winBack.getByLabel('List summary').textContent()) ?? '')?.[1];
  await winBack.getByRole('button', { name: 'Show list' }).click();
  await expect(winBack.getByTestId('row-count')).toHaveText(`${customers} rows`);
  await winBack.getByRole('button', { name: 'Hide list' }).click();

  const lists = page.getByRole('article', { name: /This week's lists/ });
  await lists.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: 'test-results/lists-1280.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await lists.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.screenshot({ path: 'test-results/lists-390.png' });
});

test('the segment bars take the keyboard: Tab reaches the first, arrows move, Enter lists the focused segment', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 1000 });
  await openOverview(page);
  await expect(page.getByRole('button', { name: 'Run all' })).toBeEnabled({ timeout: 60_000 });
  const segments = cell(page, 'rfm_segments');
  const chart = segments.getByRole('group', { name: /^Customers and revenue by RFM segment/ });
  const bars = chart.getByRole('button');
  // One tab stop: the first bar; Tab from the element before the chart lands on it.
  await expect(bars.first()).toHaveAttribute('tabindex', '0');
  expect(await bars.evaluateAll((nodes) => nodes.filter((n) => n.getAttribute('tabindex') === '0').length)).toBe(1);
  await segments.getByRole('button', { name: 'Run', exact: true }).focus();
  await page.keyboard.press('Tab');
  await expect(bars.first()).toBeFocused();
  // Two bars a segment (customers, revenue): two steps down is the second segment.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const focused = bars.nth(2);
  await expect(focused).toBeFocused();
  const segment = /^([^:]+):/.exec((await focused.getAttribute('aria-label')) ?? '')?.[1];
  expect(segment).toBeTruthy();
  // A visible focus ring.
  expect(await focused.evaluate((node) => getComputedStyle(node).outlineStyle)).toBe('solid');
  await chart.screenshot({ path: 'test-results/drill-focused-bar.png' });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: new RegExp(`^Customers: ${segment}, as of `) })).toBeFocused();
  await expect(page.getByRole('heading', { name: new RegExp(`^Customers: ${segment}, as of `) })).toBeVisible();
});
