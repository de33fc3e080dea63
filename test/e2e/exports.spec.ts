import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { cell, expect, openApp, test, typeSql } from './helpers';

/** Anything in an exported drawing that would make its viewer fetch something (text content aside). */
const EXTERNAL_REFERENCE = /="[^"]*url\(\s*(?:&quot;|['"])?(?!#)|<style[^>]*>[^<]*(?:url\(|@import)|(?:href|src)\s*=\s*"(?!#|data:)/i;

async function resultOf(page: Page, sql: string): Promise<void> {
  await openApp(page);
  await expect(page.getByRole('button', { name: 'Run all' })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'New notebook' }).click();
  const editor = page.getByRole('textbox', { name: 'SQL for result', exact: true });
  await typeSql(editor, sql);
  await editor.press('Control+Enter');
  await expect(cell(page, 'result').getByRole('status', { name: 'Cell status' })).toContainText('✓');
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const download = page.waitForEvent('download');
  await click();
  const file = await download;
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

test('a chart coloured by url(…) values exports an SVG with no external reference', async ({ page }) => {
  await resultOf(page, "SELECT * FROM (VALUES ('a', 1, 'url(http://127.0.0.1:9/x)'), ('b', 2, 'red'), ('c', 3, 'var(--x)')) t(label, value, paint)");
  await page.getByRole('button', { name: '+ Chart' }).click();
  const chart = page.getByRole('article', { name: /Chart cell/ });
  await chart.getByLabel('Chart data').selectOption('result');
  await chart.getByLabel('Chart mark').selectOption('bar');
  await chart.getByLabel('Chart x').selectOption('label');
  await chart.getByLabel('Chart y').selectOption('value');
  await chart.getByLabel('Chart color').selectOption('paint');
  await expect(chart.getByRole('img').first()).toBeVisible();
  // On screen: no drawn colour comes from the data.
  const paints = await chart.locator('svg [fill], svg [stroke]').evaluateAll((nodes) => nodes.flatMap((n) => [n.getAttribute('fill'), n.getAttribute('stroke')]));
  expect(paints.filter((p) => p && /url\(http|--x|^red$/.test(p))).toEqual([]);
  const svg = await downloaded(page, () => chart.getByRole('button', { name: /as SVG/ }).click());
  expect(svg.text).toContain('<svg');
  expect(svg.text).not.toMatch(EXTERNAL_REFERENCE);
});

test('a CSV export escapes formula text for spreadsheets and keeps numbers as numbers', async ({ page }) => {
  await resultOf(page, `SELECT * FROM (VALUES ('=HYPERLINK("http://127.0.0.1:9","x")', -5.5), ('@SUM(A1)', 2.0)) t(name, amount)`);
  const csv = await downloaded(page, () => cell(page, 'result').getByRole('button', { name: 'CSV' }).click());
  // Named by the result and the demo data's date, like a customer list.
  expect(csv.name).toBe('result-2024-12-31.csv');
  expect(csv.text.trim().split(/\r?\n/)).toEqual(['name,amount', `"'=HYPERLINK(""http://127.0.0.1:9"",""x"")",-5.5`, "'@SUM(A1),2.0"]);
});
