import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, openOverview, test } from './helpers';

const CP1252 = readFileSync(path.resolve(import.meta.dirname, '../fixtures/ingest/cp1252.csv'));

test('the encoding can be chosen in the mapping dialog and the preview follows it', async ({ page }) => {
  await openOverview(page);
  await page.getByLabel('Choose files to load').setInputFiles({ name: 'kasse.csv', mimeType: 'text/csv', buffer: CP1252 });
  const dialog = page.getByRole('dialog', { name: /kasse\.csv/ });
  await expect(dialog.getByLabel('Encoding')).toHaveValue('windows-1252');
  await expect(dialog.getByRole('row', { name: /Customer id/ })).toContainText('Müller · Åström');

  await dialog.getByLabel('Encoding').selectOption('utf-8');
  await expect(dialog.getByLabel('Encoding')).toHaveValue('utf-8');
  await expect(dialog.getByRole('row', { name: /Customer id/ })).toContainText('M\uFFFDller · \uFFFDstr\uFFFDm');
  await expect(dialog.getByRole('row', { name: /Amount/ })).toContainText('12.50 \uFFFD');
  await page.screenshot({ path: 'test-results/encoding-dialog.png' });

  // Another choice keeps the encoding the user picked.
  await dialog.getByLabel('Separator').selectOption(';');
  await expect(dialog.getByLabel('Separator')).toHaveValue(';');
  await expect(dialog.getByLabel('Encoding')).toHaveValue('utf-8');
  await dialog.getByLabel('Separator').selectOption(',');
  await dialog.getByLabel('Encoding').selectOption('windows-1252');
  await expect(dialog.getByRole('row', { name: /Customer id/ })).toContainText('Müller · Åström');
  await dialog.getByRole('button', { name: /Load kasse\.csv/ }).click();
  const report = page.getByRole('region', { name: /Data-quality report for kasse\.csv/ });
  await expect(report.getByTestId('orders-loaded')).toHaveText('2');
});
