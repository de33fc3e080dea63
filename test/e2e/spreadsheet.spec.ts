import { buildXlsx } from '../xlsxFixture';
import { expect, openOverview, test } from './helpers';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

test('an .xlsx workbook: the reader is fetched when it is opened, a sheet picker re-reads the file, typed dates and amounts load', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  await openOverview(page);
  const before = scripts.length;

  const workbook = buildXlsx([
    {
      name: 'Orders',
      rows: [
        ['Order', 'Email', 'Order date', 'Total'],
        ['A-1', 'ann@example.com', { date: '2024-03-04' }, 12.5],
        ['A-2', 'ben@example.com', { dateTime: '2024-03-05 14:30' }, 1.234],
        ['A-3', 'ann@example.com', { date: '2024-04-01' }, 30],
      ],
    },
    { name: 'Wholesale', rows: [['Invoice', 'Customer', 'Date', 'Amount'], ['W-1', 'shop@example.com', { date: '2024-01-09' }, 400]] },
  ]);
  await page.getByLabel('Choose files to load').setInputFiles({ name: 'orders.xlsx', mimeType: XLSX_TYPE, buffer: Buffer.from(workbook) });
  const dialog = page.getByRole('dialog', { name: /orders\.xlsx/ });
  await expect(dialog.getByLabel('Sheet')).toHaveValue('Orders');
  await expect(dialog.getByRole('row', { name: /Order date/ })).toContainText('2024-03-04 · 2024-03-05 14:30:00 · 2024-04-01');
  await expect(dialog.getByRole('row', { name: /Amount/ })).toContainText('12.5 · 1.234 · 30');
  await expect(dialog.getByLabel('Separator')).toHaveCount(0);
  const fetchedOnOpen = scripts.slice(before).filter((p) => !scripts.slice(0, before).includes(p));
  expect(fetchedOnOpen, 'the workbook reader is a chunk of its own, fetched when a workbook is opened').toHaveLength(1);

  await dialog.getByLabel('Sheet').selectOption('Wholesale');
  await expect(dialog.getByLabel('Sheet')).toHaveValue('Wholesale');
  await expect(dialog.getByRole('row', { name: /Amount/ })).toContainText('400');
  await dialog.getByLabel('Sheet').selectOption('Orders');
  await expect(dialog.getByRole('row', { name: /Amount/ })).toContainText('12.5 · 1.234 · 30');
  await page.screenshot({ path: 'test-results/xlsx-dialog.png' });

  await dialog.getByRole('button', { name: /Load orders\.xlsx/ }).click();
  const report = page.getByRole('region', { name: /Data-quality report for orders\.xlsx/ });
  await expect(report.getByTestId('orders-loaded')).toHaveText('3');
});

test('an .xls workbook gets a message naming the file and what to do', async ({ page }) => {
  await openOverview(page);
  const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
  await page.getByLabel('Choose files to load').setInputFiles({ name: 'orders.xls', mimeType: 'application/vnd.ms-excel', buffer: xls });
  await expect(page.getByRole('alert').filter({ hasText: 'orders.xls' })).toHaveText(
    'orders.xls is an Excel 97–2003 workbook (.xls), which Recur does not read. Open it in Excel, LibreOffice or Google Sheets and save it as an Excel workbook (.xlsx) or as CSV, then load that.',
  );
});
