import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, test } from 'vitest';
import type { EngineApi } from '../../../src/lib/engine/api';
import { createNodeEngine } from '../../../src/lib/engine/node/index';
import { openFile } from '../../../src/lib/ingest/index';
import { detectSpreadsheet } from '../../../src/lib/ingest/spreadsheet';
import { buildXlsx, type XlsxCell } from '../../xlsxFixture';
import { load, ordersOf } from './helpers';

let engine: EngineApi;
beforeAll(() => {
  engine = createNodeEngine();
});

const HEADER: XlsxCell[] = ['Order', 'Email', 'Order date', 'Total', 'Paid online'];
/** Typed cells: dates as serial days with a date format (day ≤ 12, so a text reading could swap day and month), numbers whose text could be read with a decimal comma. */
const ORDERS: XlsxCell[][] = [
  HEADER,
  ['A-1', 'ann@example.com', { date: '2024-03-04' }, 1.234, true],
  ['A-2', 'ben@example.com', { dateTime: '2024-03-05 14:30' }, 1234.5, false],
  [null, null, null, null, null],
  ['A-3', 'ann@example.com', { date: '2024-04-01' }, 0.1 + 0.2, true],
];

const workbook = (): Uint8Array =>
  buildXlsx([
    { name: 'Orders', rows: ORDERS },
    { name: 'Returns', rows: [['Order', 'Email', 'Order date', 'Total'], ['R-1', 'cy@example.com', { date: '2024-05-06' }, 40]] },
  ]);

describe('.xlsx workbooks', () => {
  test('the first sheet loads with dates and numbers as the sheet types them', async () => {
    const { inspection, report } = await load(engine, 'orders.xlsx', workbook());
    expect(inspection).toMatchObject({ format: 'xlsx', sheets: ['Orders', 'Returns'], sheet: 'Orders', columns: HEADER });
    expect(inspection.mapping.fields).toMatchObject({ order_id: 'Order', customer_id: 'Email', ordered_at: 'Order date', revenue: 'Total' });
    expect(inspection.sampleRows[0]).toEqual({ Order: 'A-1', Email: 'ann@example.com', 'Order date': '2024-03-04', Total: '1.234', 'Paid online': 'true' });
    expect(report).toMatchObject({ format: 'xlsx', rows: { read: 3, loaded: 3, rejected: 0 } });
    expect((await ordersOf(engine, 'orders.xlsx')).map((o) => [o.order_id, o.customer_id, String(o.ordered_at), o.revenue])).toEqual([
      ['A-1', 'ann@example.com', '2024-03-04T00:00:00', 1.234],
      ['A-2', 'ben@example.com', '2024-03-05T14:30:00', 1234.5],
      ['A-3', 'ann@example.com', '2024-04-01T00:00:00', 0.3],
    ]);
  });

  test('another sheet is read when chosen', async () => {
    const inspection = await openFile(engine, { name: 'orders.xlsx', bytes: workbook() }, { sheet: 'Returns' });
    expect(inspection.sheet).toBe('Returns');
    expect(inspection.sampleRows).toEqual([{ Order: 'R-1', Email: 'cy@example.com', 'Order date': '2024-05-06', Total: '40' }]);
  });

  test('an empty first sheet is passed over; a sheet that is not there is named', async () => {
    const bytes = buildXlsx([{ name: 'Cover', rows: [] }, { name: 'Data', rows: ORDERS }]);
    expect((await openFile(engine, { name: 'book.xlsx', bytes })).sheet).toBe('Data');
    await expect(openFile(engine, { name: 'book.xlsx', bytes }, { sheet: 'Summary' })).rejects.toThrow('book.xlsx has no sheet named “Summary”; its sheets are “Cover”, “Data”.');
  });

  test('a workbook named .csv is still read as a workbook; a broken one is named with what to do', async () => {
    expect((await openFile(engine, { name: 'export.csv', bytes: workbook() })).format).toBe('xlsx');
    const broken = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook><sheets>') });
    await expect(openFile(engine, { name: 'broken.xlsx', bytes: broken })).rejects.toThrow(/^broken\.xlsx could not be read as an Excel workbook \(.+\)\. Save it again from your spreadsheet program as \.xlsx, or export the sheet as CSV\.$/);
  });

  test('.xls and .ods are refused with what to do', async () => {
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    await expect(openFile(engine, { name: 'orders.xls', bytes: xls })).rejects.toThrow(
      'orders.xls is an Excel 97–2003 workbook (.xls), which Recur does not read. Open it in Excel, LibreOffice or Google Sheets and save it as an Excel workbook (.xlsx) or as CSV, then load that.',
    );
    const ods = zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }], 'content.xml': strToU8('<office:document-content/>') });
    await expect(openFile(engine, { name: 'orders.ods', bytes: ods })).rejects.toThrow(/^orders\.ods is an OpenDocument spreadsheet \(\.ods\), which Recur does not read\./);
    expect(detectSpreadsheet('notes.zip', zipSync({ 'notes.txt': strToU8('hello') }))).toBeNull();
  });

  test('a sheet without a header row gets generated column names', async () => {
    const bytes = buildXlsx([{ name: 'S', rows: ORDERS.slice(1) }]);
    const inspection = await openFile(engine, { name: 'noheader.xlsx', bytes }, { header: false });
    expect(inspection.columns).toEqual(['column_1', 'column_2', 'column_3', 'column_4', 'column_5']);
    expect(inspection.header).toBe(false);
    expect(inspection.sampleRows[0]).toMatchObject({ column_1: 'A-1', column_3: '2024-03-04', column_4: '1.234' });
  });

  test('a SurveyMonkey workbook: its two header rows become one, as in its CSV export', async () => {
    const bytes = buildXlsx([{
      name: 'Sheet',
      rows: [
        ['Respondent ID', 'Collector ID', 'Start Date', 'End Date', 'customer_id', 'How likely are you to recommend us?', 'Which did you buy?', null],
        [null, null, null, null, null, 'Response', 'Shoes', 'Bags'],
        [114230118061, 431588201, { dateTime: '2024-03-14 09:10:02' }, { dateTime: '2024-03-14 09:13:30' }, 'C-100', 10, 'Shoes', null],
      ],
    }]);
    const { inspection, report } = await load(engine, 'surveymonkey.xlsx', bytes);
    expect(inspection.columns.slice(4)).toEqual(['customer_id', 'How likely are you to recommend us?', 'Which did you buy? — Shoes', 'Which did you buy? — Bags']);
    expect(inspection).toMatchObject({ preset: 'surveymonkey', kind: 'feedback' });
    expect(report.rows).toMatchObject({ read: 1, loaded: 1 });
    expect(report.dateRange).toEqual({ from: '2024-03-14T09:13:30', to: '2024-03-14T09:13:30' });
  });
});
