import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect, openOverview, cell, typeSql } from './helpers';
import { pageInk, renderPdfPages } from './pdfPages';

/** Page sizes in mm, and the margin report.css sets with @page. */
const PAGES = { A4: { width: 210, height: 297 }, Letter: { width: 215.9, height: 279.4 } } as const;
const MARGIN_MM = 12;
const PX_PER_MM = 96 / 25.4;

/** Opens the overview with one hand-written SQL cell added, and switches to the report view. */
async function openReport(page: Page): Promise<{ crrRows: number }> {
  await openOverview(page);
  const crrRows = Number((await cell(page, 'crr').getByTestId('row-count').innerText()).replace(/\D/g, ''));
  await page.getByRole('button', { name: '+ SQL' }).click();
  const editor = page.getByLabel(/^SQL for /).last();
  await typeSql(editor, "SELECT 'hand written' AS marker");
  await editor.press('Control+Enter');
  await expect(page.getByRole('region', { name: /table$/ }).last()).toContainText('hand written');
  await page.getByRole('button', { name: 'Report view' }).click();
  await expect(page.getByLabel('Report header')).toBeVisible();
  return { crrRows };
}

test('the report view shows results, not code: no SQL, cell types, parameter ids or timings, and a header naming the data', async ({ page }) => {
  const { crrRows } = await openReport(page);
  const notebook = page.getByRole('region', { name: 'Notebook' });

  // No SQL, also of the hand-written cell whose editor was open; no editor at all.
  await expect(notebook.getByText("SELECT 'hand written'")).toBeHidden();
  for (const editor of await page.locator('.cm-editor').all()) await expect(editor).toBeHidden();
  await expect(notebook.getByRole('button', { name: /Show SQL|Hide SQL|Run/ })).toHaveCount(0);
  const text = await notebook.innerText();
  expect(text).not.toMatch(/^(SQL|TEXT|CHART|PARAMETERS)$/m);
  expect(text).not.toMatch(/\$[a-z_]+/);
  expect(text).not.toMatch(/✓|\b\d+(\.\d+)? m?s\b/);
  // The result of the hand-written cell is still there.
  await expect(notebook.getByRole('table').last()).toContainText('hand written');

  // The header: title, data, files, analysis date, when it was printed.
  const header = page.getByLabel('Report header');
  await expect(header.getByRole('heading', { level: 1 })).toHaveText('Retention overview');
  const provenance = await header.getByLabel('Notebook data').innerText();
  const asOf = /as of (\d{4}-\d{2}-\d{2})/.exec(provenance)?.[1];
  expect(asOf, provenance).toBeTruthy();
  await expect(header).toContainText(`${asOf} (the latest order in the data)`);
  await expect(header).toContainText(/sample-orders\.csv \([\d,]+ rows\)/);
  const today = await page.evaluate(() => new Date().toLocaleDateString('sv'));
  await expect(header.getByTestId('printed-at')).toHaveText(new RegExp(`^${today} \\d{2}:\\d{2}$`));
  // The title is said once, though the first text cell opens with it.
  await expect(notebook.getByRole('heading', { name: 'Retention overview' })).toHaveCount(1);
  // The settings read as text.
  await expect(page.getByLabel('Settings')).toContainText(/Period:\s*month/);
  await expect(page.getByLabel('Settings')).toContainText(/Analysis date:\s*latest order/);

  // A printed table carries every row: the CRR's, all of them (the screen's virtual table draws ~14).
  await expect(page.getByRole('table', { name: 'crr table' }).locator('tbody tr')).toHaveCount(crrRows);
  await expect(page.getByLabel('crr table note')).toContainText(`${crrRows} rows.`);
  await page.screenshot({ path: 'test-results/report-view-document.png', fullPage: true });
});

for (const [format, size] of Object.entries(PAGES)) {
  test(`the report prints on ${format}: cells flow across pages, nothing wider than the page, no page half blank`, async ({ page }, testInfo) => {
    await openReport(page);

    // In the DOM, at the printed text width: nothing sticks out.
    const textWidth = Math.floor((size.width - 2 * MARGIN_MM) * PX_PER_MM);
    await page.setViewportSize({ width: textWidth, height: 900 });
    await page.emulateMedia({ media: 'print' });
    const tooWide = await page.evaluate(() => {
      const limit = document.documentElement.clientWidth + 1;
      return [...document.querySelectorAll('main *')]
        .filter((el) => el.checkVisibility() && el.getBoundingClientRect().right > limit)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className} right=${Math.round(el.getBoundingClientRect().right)}`)
        .slice(0, 5);
    });
    expect(tooWide, `elements wider than the ${textWidth}px text width`).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);

    // The PDF, page by page as images.
    const pdf = await page.pdf({ format: format as 'A4' | 'Letter' });
    await writeFile(testInfo.outputPath(`report-${format}.pdf`), pdf);
    const pages = await renderPdfPages(pdf);
    expect(pages.length).toBeGreaterThan(1);
    const inks = pages.map(pageInk);
    testInfo.annotations.push({ type: 'blank below each page', description: inks.map((ink) => ink.blankBelow.toFixed(2)).join(' ') });
    console.log(`${format}: ${pages.length} pages, blank below each: ${inks.map((ink) => ink.blankBelow.toFixed(2)).join(' ')}`);
    const marginFraction = MARGIN_MM / size.width;
    inks.forEach((ink, i) => {
      // Every page but the last is at least half full: no cell is forced onto a page of its own.
      if (i < inks.length - 1) expect(ink.blankBelow, `page ${i + 1} of ${inks.length} is more than half blank`).toBeLessThan(0.5);
      // Nothing printed in the right margin: no table or tile cut at the page's edge.
      expect(ink.marginRight, `page ${i + 1} has ink in its right margin`).toBeGreaterThan(marginFraction * 0.75);
    });
    expect(pages[0].height / pages[0].width).toBeCloseTo(size.height / size.width, 2);

    // The text of the PDF: the data's header, every CRR row, no SQL.
    const pdfPath = testInfo.outputPath(`report-${format}.pdf`);
    const pdfText = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(pdfText).toContain('Figures from Demo data');
    expect(pdfText).toContain('Printed');
    expect(pdfText).not.toMatch(/SELECT|\$as_of/);
  });
}

test('printing from the editing view prints the report, and the editing view comes back', async ({ page }) => {
  await openOverview(page);
  await expect(page.getByRole('button', { name: 'Report view' })).toHaveAttribute('aria-pressed', 'false');
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await expect(page.getByLabel('Report header')).toBeVisible();
  await expect(page.getByRole('toolbar', { name: 'Notebook tools' })).toBeHidden();
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await expect(page.getByRole('button', { name: 'Report view' })).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByRole('toolbar', { name: 'Notebook tools' })).toBeVisible();
  await expect(cell(page, 'crr').getByTestId('row-count')).toBeVisible();
});
