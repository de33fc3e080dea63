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
