import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Locator, Page } from '@playwright/test';
import { cell, expect, openApp, test, typeSql } from './helpers';

// Each test starts the app, runs two cells and downloads files, and runs the headless runner beside it.
test.describe.configure({ timeout: 180_000 });

/** The headless runner's rows of a recipe on the bundled sample orders (the demo data the app opens on). */
async function headlessRows(recipe: string): Promise<Record<string, string | number | null>[]> {
  const { stdout } = await promisify(execFile)('node', ['dist/recur.mjs', 'run', recipe, '--orders', 'sample-data/orders.csv', '--format', 'json'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return byCustomer((JSON.parse(stdout) as { rows: Record<string, string | number | null>[] }).rows, 'customer_id');
}

/** Rows in customer order: a table's row order is not part of what is compared. */
function byCustomer<T extends Record<string, unknown>>(rows: T[], id: string): T[] {
  return [...rows].sort((a, b) => String(a[id]).localeCompare(String(b[id])));
}

/** A CSV as DuckDB writes it (RFC 4180 quoting, no line breaks inside these values), as records by header. */
function parseCsv(text: string): Record<string, string>[] {
  const fields = (line: string) => {
    const out: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted && c === '"' && line[i + 1] === '"') field += line[++i];
      else if (c === '"') quoted = !quoted;
      else if (c === ',' && !quoted) out.push(field), (field = '');
      else field += c;
    }
    return [...out, field];
  };
  const [header, ...lines] = text.trimEnd().split('\n').map(fields);
  return lines.map((values) => Object.fromEntries(header.map((name, i) => [name, values[i]])));
}

async function downloadList(page: Page, result: Locator, layout: string): Promise<{ name: string; rows: Record<string, string>[] }> {
  await result.getByLabel('Customer list layout').selectOption({ label: layout });
  const download = page.waitForEvent('download');
  await result.getByRole('button', { name: 'Customer list' }).click();
  const file = await download;
  const rows = parseCsv(await readFile(await file.path(), 'utf8'));
  const id = ['customer_id', 'external_id', 'Email Address', 'Email'].find((name) => name in (rows[0] ?? {})) ?? 'customer_id';
  return { name: file.suggestedFilename(), rows: byCustomer(rows, id) };
}

/** A new notebook with the per-customer RFM recipe and a cell `result` running `sql` over it. */
async function customerResult(page: Page, sql: string): Promise<Locator> {
  await openApp(page);
  await expect(page.getByRole('button', { name: 'Run all' })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'New notebook' }).click();
  const editor = page.getByRole('textbox', { name: 'SQL for result', exact: true });
  await expect(editor).toBeVisible();
  await page.getByLabel('Insert a recipe').selectOption({ label: 'RFM segments' });
  await expect(cell(page, 'rfm').getByRole('status', { name: 'Cell status' })).toContainText('✓', { timeout: 60_000 });
  await typeSql(editor, sql);
  await editor.press('Control+Enter');
  const result = cell(page, 'result');
  await expect(result.getByRole('status', { name: 'Cell status' })).toContainText('✓', { timeout: 60_000 });
  return result;
}

test("the At Risk customers download as a list named by segment and as_of, with the headless runner's rows, money to the cent", async ({ page }) => {
  const result = await customerResult(page, "SELECT * FROM rfm WHERE segment = 'At Risk'");
  // The demo has no e-mail addresses: the tools that need one are offered but cannot be chosen.
  await expect(result.getByRole('option', { name: /Mailchimp \(needs an e-mail column\)/ })).toBeDisabled();

  const expected = (await headlessRows('rfm')).filter((row) => row.segment === 'At Risk');
  expect(expected.length).toBeGreaterThan(0);
  const asOf = String(expected[0].as_of);
  const list = await downloadList(page, result, 'Any tool (CSV)');
  expect(list.name).toBe(`at-risk-customers-${asOf}.csv`);
  expect(list.rows.map((row) => row.customer_id)).toEqual(expected.map((row) => row.customer_id));
  list.rows.forEach((row, i) => {
    expect(row.monetary).toMatch(/^\d+(\.\d{1,2})?$/);
    expect(Number(row.monetary)).toBeCloseTo(Number(expected[i].monetary), 2);
    expect(row.last_order_date).toBe(expected[i].last_order_date);
    expect(row.last_order_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(row.segment).toBe('At Risk');
  });

  await result.getByLabel('Customer list layout').selectOption({ label: 'Any tool (JSON)' });
  const download = page.waitForEvent('download');
  await result.getByRole('button', { name: 'Customer list' }).click();
  const json = await download;
  expect(json.suggestedFilename()).toBe(`at-risk-customers-${asOf}.json`);
  const records = byCustomer(JSON.parse(await readFile(await json.path(), 'utf8')) as Record<string, unknown>[], 'customer_id');
  expect(records.map((row) => row.monetary)).toEqual(expected.map((row) => Math.round(Number(row.monetary) * 100) / 100));
});

test('a customer table with e-mail addresses exports in Klaviyo, Mailchimp and Shopify import layouts', async ({ page }) => {
  const result = await customerResult(
    page,
    "SELECT customer_id, lower(customer_id) || '@example.com' AS email, last_order_date, frequency AS orders, monetary AS revenue, segment FROM rfm WHERE segment = 'At Risk'",
  );
  const expected = (await headlessRows('rfm')).filter((row) => row.segment === 'At Risk');
  const asOf = String(expected[0].as_of);
  const addresses = expected.map((row) => `${String(row.customer_id).toLowerCase()}@example.com`);

  const klaviyo = await downloadList(page, result, 'Klaviyo');
  expect(klaviyo.name).toBe(`at-risk-customers-${asOf}-klaviyo.csv`);
  expect(Object.keys(klaviyo.rows[0])).toEqual(['email', 'external_id', 'recur_list', 'last_order_date', 'orders', 'revenue', 'segment']);
  expect(klaviyo.rows.map((row) => row.email)).toEqual(addresses);
  expect(klaviyo.rows.map((row) => row.external_id)).toEqual(expected.map((row) => row.customer_id));
  expect(klaviyo.rows.map((row) => Number(row.revenue))).toEqual(expected.map((row) => Math.round(Number(row.monetary) * 100) / 100));

  const mailchimp = await downloadList(page, result, 'Mailchimp');
  expect(mailchimp.name).toBe(`at-risk-customers-${asOf}-mailchimp.csv`);
  expect(Object.keys(mailchimp.rows[0]).slice(0, 3)).toEqual(['Email Address', 'First Name', 'Last Name']);
  expect(mailchimp.rows.map((row) => row['Email Address'])).toEqual(addresses);

  const shopify = await downloadList(page, result, 'Shopify customers');
  expect(shopify.name).toBe(`at-risk-customers-${asOf}-shopify.csv`);
  expect(Object.keys(shopify.rows[0])).toEqual(['First Name', 'Last Name', 'Email', 'Phone', 'Tags', 'Note']);
  expect(shopify.rows.map((row) => row.Email)).toEqual(addresses);
  expect(shopify.rows[0].Tags).toBe('at-risk-customers, At Risk');
  expect(shopify.rows[0].Note).toMatch(/^customer_id: C\d+; last_order_date: \d{4}-\d{2}-\d{2}; orders: \d+; revenue: \d+(\.\d{1,2})?$/);
  await result.getByRole('group', { name: 'Customer list' }).locator('..').screenshot({ path: 'test-results/customer-list-export.png' });
});
