import { cell, expect, openOverview, test } from './helpers';

test('a file with no customer column says so before Load and offers the e-mail column', async ({ page }) => {
  await openOverview(page);
  await page.getByLabel('Choose files to load').setInputFiles({
    name: 'till export.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Receipt,Date,Total,Paid by\nR1,2024-01-05,12.50,ann@example.com\nR2,2024-01-09,8.00,ben@example.com\nR3,2024-02-01,20.00,ann@example.com\n'),
  });
  const dialog = page.getByRole('dialog', { name: /till export\.csv/ });
  await expect(dialog.getByLabel('Customer id').locator('option:checked')).toHaveText('— none —');
  const warning = dialog.getByRole('alert').filter({ hasText: 'no column is mapped to the customer id' });
  await expect(warning).toContainText('every order would load as a guest');
  await page.screenshot({ path: 'test-results/no-customer.png' });

  await warning.getByRole('button', { name: 'Use “Paid by” as the customer id' }).click();
  await expect(dialog.getByLabel('Customer id')).toHaveValue('Paid by');
  await expect(dialog.getByRole('alert').filter({ hasText: 'guest' })).toHaveCount(0);
  await dialog.getByRole('button', { name: /Load till export\.csv/ }).click();
  const report = page.getByRole('region', { name: /Data-quality report for till export\.csv/ });
  await expect(report.getByTestId('orders-loaded')).toHaveText('3');
  await expect(cell(page, 'crr')).toBeVisible();
});

test('whitespace-separated text without a header: the dialog shows the separator and header row, and changing them re-reads the file', async ({ page }) => {
  await openOverview(page);
  // The layout of the CDNOW master file: customer, date YYYYMMDD, CDs, dollars, aligned with spaces.
  const text = ' 00001 19970101  1   11.77\r\n 00002 19970112  1   12.00\r\n 00002 19970112  5   77.00\r\n 00003 19970102  2   20.76\r\n 00003 19970330  2   20.76\r\n';
  await page.getByLabel('Choose files to load').setInputFiles({ name: 'cdnow.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  const dialog = page.getByRole('dialog', { name: /cdnow\.txt/ });
  await expect(dialog.getByLabel('Separator')).toHaveValue('whitespace');
  await expect(dialog.getByLabel('first line names the columns')).not.toBeChecked();
  await expect(dialog.getByRole('row', { name: /Order date/ })).toContainText('19970101 · 19970112 · 19970112 · 19970102');
  await expect(dialog.getByRole('row', { name: /Customer id/ })).toContainText('00001 · 00002 · 00002 · 00003');
  await page.screenshot({ path: 'test-results/whitespace-dialog.png' });

  await dialog.getByLabel('first line names the columns').click();
  const reread = page.getByRole('dialog', { name: /cdnow\.txt/ });
  await expect(reread.getByLabel('Customer id').getByRole('option', { name: '19970101' })).toHaveCount(1);
  await expect(reread.getByLabel('first line names the columns')).toBeChecked();
  await expect(reread.getByRole('alert').filter({ hasText: 'has no date column' })).toBeVisible();

  await reread.getByLabel('first line names the columns').click();
  await expect(page.getByRole('dialog', { name: /cdnow\.txt/ }).getByLabel('first line names the columns')).not.toBeChecked();
  await expect(page.getByRole('dialog', { name: /cdnow\.txt/ }).getByRole('row', { name: /Amount/ })).toContainText('11.77 · 12.00 · 77.00');
  await page.getByRole('dialog', { name: /cdnow\.txt/ }).getByRole('button', { name: /Load cdnow\.txt/ }).click();
  const report = page.getByRole('region', { name: /Data-quality report for cdnow\.txt/ });
  await expect(report.getByTestId('orders-loaded')).toHaveText('5');
});
