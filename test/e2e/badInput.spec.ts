import { readFileSync } from 'node:fs';
import { cell, openOverview, watchErrors, expect, test } from './helpers';

// The worst of the bad-input corpus (test/fixtures/bad/README.md) dropped on the
// built app: each is refused with a message that names it, nothing is loaded,
// and the notebook still runs with the demo figures it had before.
const bad = (name: string) => ({ name, mimeType: 'application/octet-stream', buffer: readFileSync(`test/fixtures/bad/${name}`) });

const REFUSED: Array<[string, RegExp]> = [
  ['png_renamed.csv', /^png_renamed\.csv is not a text file \(it looks binary\)\.$/],
  ['truncated.csv.gz', /^truncated\.csv\.gz is a damaged or incomplete gzip file/],
  ['mixed_line_ends.csv', /^mixed_line_ends\.csv is not CSV DuckDB can read: its line ends are probably mixed/],
  ['delimiter_changes.csv', /^delimiter_changes\.csv has ragged rows: line 12 has 2 fields where the header has 4\./],
];

test('bad files are refused by name, HTML in names stays text, and the demo figures do not move', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await openOverview(page);
  const loaded = page.getByRole('list', { name: 'Loaded data sets' });
  const repeatRate = cell(page, 'repeat_rate').getByRole('region', { name: 'repeat_rate table' });
  const crr = cell(page, 'crr').getByLabel('Explanation');
  await expect(repeatRate.getByRole('row').nth(1)).toBeVisible();
  const before = { repeat: await repeatRate.innerText(), crr: await crr.innerText(), datasets: await loaded.innerText() };

  for (const [name, message] of REFUSED) {
    await page.getByLabel('Choose files to load').setInputFiles(bad(name));
    const alert = page.getByRole('alert').filter({ hasText: name });
    await expect(alert).toHaveText(message);
    await expect(alert).not.toContainText('undefined');
    await expect(page.getByRole('dialog', { name: new RegExp(name.replaceAll('.', '\\.')) })).toHaveCount(0);
    if (name === 'delimiter_changes.csv') await page.screenshot({ path: 'test-results/bad-input-refused.png' });
  }

  // HTML in a file is shown as text on the mapping screen, never as markup.
  await page.getByLabel('Choose files to load').setInputFiles(bad('html_names.csv'));
  const dialog = page.getByRole('dialog', { name: /html_names\.csv/ });
  await expect(dialog).toContainText('<img src=x onerror=alert(1)>');
  await expect(dialog.locator('img, script, a[href^="javascript"]')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/bad-input-html-names.png' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);

  // Nothing was loaded, and the notebook still runs to the same figures.
  await expect(loaded).toHaveText(before.datasets);
  await page.getByRole('button', { name: 'Run all' }).click();
  await expect.poll(async () => (await page.locator('[aria-label="Cell status"]').allTextContents()).every((s) => s.trim().startsWith('✓')), { timeout: 60_000 }).toBe(true);
  expect(await repeatRate.innerText()).toBe(before.repeat);
  expect(await crr.innerText()).toBe(before.crr);
  expect(errors).toEqual([]);
});
