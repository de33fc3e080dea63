import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { csvField, findRaggedRecord, guessDelimiter, splitRecords } from '../../../src/lib/ingest/csvText';
import { decodeWindows1252, detectEncoding, gunzip } from '../../../src/lib/ingest/head';
import {
  detectFormat,
  guessMapping,
  headerSignature,
  jsonToCsv,
  normalizeHeader,
  normalizeStatus,
  validateMapping,
} from '../../../src/lib/ingest/index';
import { guessDateOrder, guessDecimalComma, guessScale } from '../../../src/lib/ingest/valueHints';
import { fixture } from './helpers';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('detectFormat', () => {
  test.each([
    ['orders.csv', text('a,b\n1,2\n'), 'csv', false],
    ['orders.txt', text('a;b\n1;2\n'), 'csv', false],
    ['orders.json', text('  [{"a": 1}]'), 'json', false],
    ['orders.json', text('{"a": 1}\n{"a": 2}\n'), 'ndjson', false],
    ['orders.json', text('{\n  "orders": []\n}'), 'json', false],
    ['orders.jsonl', text('{"a": 1}'), 'ndjson', false],
    ['orders.data', text('\uFEFF[{"a": 1}]'), 'json', false],
    ['orders.csv', gzipSync(text('a,b\n')), 'csv', true],
    ['orders.json.gz', gzipSync(text('[]')), 'json', true],
    ['orders.csv', new Uint8Array([0x50, 0x41, 0x52, 0x31, 0, 0, 0]), 'parquet', false],
    ['x.parquet', new Uint8Array([0x50, 0x41, 0x52, 0x31, 0, 0, 0]), 'parquet', false],
  ] as const)('%s', (name, head, format, gzip) => {
    expect(detectFormat(name, head)).toEqual({ format, gzip });
  });

  test('magic bytes win over the extension', () => {
    expect(detectFormat('export.json', text('id,total\n1,2\n')).format).toBe('csv');
  });

  test('refuses empty, binary and spreadsheet files with the file name', () => {
    expect(() => detectFormat('orders.csv', new Uint8Array(0))).toThrow('orders.csv is empty.');
    expect(() => detectFormat('orders.csv', text(' \n\r\n'))).toThrow('orders.csv is empty.');
    expect(() => detectFormat('orders.csv', fixture('binary.csv'))).toThrow('orders.csv is not a text file (it looks binary).');
    expect(() => detectFormat('orders.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toThrow(/orders\.xlsx is a ZIP archive or an Excel workbook/);
  });

  test('UTF-16 text is not mistaken for binary', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('a,b\n', (c) => [c.charCodeAt(0), 0]).flat()]);
    expect(detectFormat('u.csv', utf16)).toEqual({ format: 'csv', gzip: false });
  });
});

describe('encoding', () => {
  test('UTF-8, BOM, UTF-16 and Latin-1 from the head bytes', () => {
    expect(detectEncoding(text('a,b\nM\u00fcller,1\n'))).toEqual({ encoding: 'utf-8', bom: false });
    expect(detectEncoding(fixture('bom.csv'))).toEqual({ encoding: 'utf-8', bom: true });
    expect(detectEncoding(fixture('latin1.csv'))).toEqual({ encoding: 'latin-1', bom: false });
    expect(detectEncoding(new Uint8Array([0xff, 0xfe, 0x61, 0]))).toEqual({ encoding: 'utf-16', bom: true });
  });

  test('a multi-byte character cut at the end of the head is still UTF-8', () => {
    const bytes = text('name\n\u20ac');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1)).encoding).toBe('utf-8');
  });

  test('Windows-1252 decoding maps 0x80–0x9F to € and typographic characters', () => {
    expect(decodeWindows1252(new Uint8Array([0x80, 0x20, 0x93, 0x61, 0x94, 0x96, 0xe9, 0x81]))).toBe('\u20ac \u201ca\u201d\u2013\u00e9\u0081');
  });

  test('gunzip of a truncated head keeps what came out', async () => {
    const big = text('id,amount\n' + Array.from({ length: 20000 }, (_, i) => `${i},${i * 3}`).join('\n'));
    const zipped = gzipSync(big);
    const head = await gunzip(zipped.subarray(0, 4096), 1000);
    expect(head.length).toBe(1000);
    expect(new TextDecoder().decode(head).startsWith('id,amount\n0,0\n1,3\n')).toBe(true);
    expect((await gunzip(zipped)).length).toBe(big.length);
  });
});

describe('value hints', () => {
  test.each([
    [['2024-01-05', '2024-02-06'], 'ymd', false],
    [['13/01/2024', '05/02/2024'], 'dmy', false],
    [['01/13/2024 10:00', '02/05/2024'], 'mdy', false],
    [['05.01.2024', '06.02.2024'], 'dmy', false],
    [['01/02/2024', '03/04/2024'], 'dmy', true],
    [['12/1/2010 8:26', '12/1/2010 9:41', '12/13/2010 8:34'], 'mdy', false],
  ] as const)('date order of %j', (values, order, ambiguous) => {
    const guess = guessDateOrder(values);
    expect(guess.order).toBe(order);
    expect(guess.ambiguous).toBe(ambiguous);
  });

  test('ambiguous dates fall back to the hint (month first for dollar amounts)', () => {
    expect(guessDateOrder(['01/02/2024'], 'mdy')).toEqual({ order: 'mdy', ambiguous: true, conflicting: false });
    expect(guessDateOrder(['13/01/2024', '01/13/2024']).conflicting).toBe(true);
  });

  test.each([
    [['12,50', '3,00'], false, true],
    [['1.234,56'], false, true],
    [['12.50', '3.00'], true, false],
    [['1,234.56'], true, false],
    [['€12,50', '12,50 EUR'], false, true],
    [['12', '30'], true, true],
    [['12', '30'], false, false],
  ] as const)('decimal comma of %j (fallback %s)', (values, fallback, expected) => {
    expect(guessDecimalComma(values, fallback)).toBe(expected);
  });

  test('feedback scale from header and values', () => {
    expect(guessScale('nps_score', { min: 1, max: 5 })).toBe('nps_10');
    expect(guessScale('CSAT', { min: 1, max: 5 })).toBe('csat_5');
    expect(guessScale('Satisfaction', null)).toBe('csat_5');
    expect(guessScale('rating', { min: 1, max: 5 })).toBe('rating_5');
    expect(guessScale('score', { min: 0, max: 10 })).toBe('nps_10');
    expect(guessScale('score', { min: 0, max: 100 })).toBeNull();
    expect(guessScale('score', null)).toBeNull();
  });
});

describe('headers and presets', () => {
  test('normalizeHeader', () => {
    expect(['InvoiceNo', 'CustomerID', 'Lineitem quantity', 'Päivämäärä', '\uFEFFOrder #'].map(normalizeHeader)).toEqual([
      'invoice_no', 'customer_id', 'lineitem_quantity', 'paivamaara', 'order',
    ]);
  });

  test('headerSignature is stable across case and punctuation, and differs for other headers', () => {
    const a = headerSignature(['Order ID', 'Customer', 'Total']);
    expect(headerSignature(['order_id', 'customer', 'TOTAL'])).toBe(a);
    expect(headerSignature(['Order ID', 'Total', 'Customer'])).not.toBe(a);
    expect(headerSignature(['Order ID', 'Customer'])).not.toBe(a);
    expect(a).toMatch(/^3-[0-9a-f]{8}$/);
  });

  test('normalizeStatus matches the SQL normalisation', () => {
    expect(['Partially Refunded', 'wc-on-hold', ' Annulé '].map(normalizeStatus)).toEqual(['partially_refunded', 'on_hold', 'annule']);
  });

  test.each([
    [['Name', 'Email', 'Financial Status', 'Created at', 'Lineitem quantity', 'Lineitem price', 'Lineitem sku', 'Subtotal', 'Total', 'Cancelled at', 'Currency', 'Source'],
      'shopify', 'orders', { order_id: 'Name', customer_id: 'Email', ordered_at: 'Created at', revenue: 'Subtotal', status: 'Financial Status', cancelled_at: 'Cancelled at', quantity: 'Lineitem quantity', unit_price: 'Lineitem price', sku: 'Lineitem sku', currency: 'Currency', channel: 'Source' }],
    [['order_id', 'order_number', 'order_date', 'status', 'order_total', 'order_currency', 'customer_user', 'billing_email'],
      'woocommerce', 'orders', { order_id: 'order_number', customer_id: 'billing_email', ordered_at: 'order_date', revenue: 'order_total', status: 'status', currency: 'order_currency' }],
    [['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'],
      'invoice_lines', 'order_lines', { order_id: 'InvoiceNo', sku: 'StockCode', quantity: 'Quantity', ordered_at: 'InvoiceDate', unit_price: 'UnitPrice', customer_id: 'CustomerID', revenue: null }],
    [['Invoice', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'Price', 'Customer ID', 'Country'],
      'invoice_lines', 'order_lines', { order_id: 'Invoice', unit_price: 'Price', customer_id: 'Customer ID' }],
    [['order_id', 'customer_id', 'ordered_at', 'revenue', 'gross_margin', 'status', 'channel'],
      'canonical', 'orders', { order_id: 'order_id', gross_margin: 'gross_margin', channel: 'channel' }],
    [['customer_id', 'order_id', 'responded_at', 'score', 'scale', 'comment'],
      'canonical', 'feedback', { responded_at: 'responded_at', score: 'score', comment: 'comment', ordered_at: null }],
    [['Bestellnummer', 'Kunde', 'Datum', 'Betrag', 'Status'],
      'generic', 'orders', { order_id: 'Bestellnummer', customer_id: 'Kunde', ordered_at: 'Datum', revenue: 'Betrag', status: 'Status' }],
    [['Order Ref', 'Client Email', 'Purchase Date', 'Grand Total'],
      'generic', 'orders', { order_id: 'Order Ref', customer_id: 'Client Email', ordered_at: 'Purchase Date', revenue: 'Grand Total' }],
    [['order', 'date', 'product', 'qty', 'price'],
      'generic', 'order_lines', { order_id: 'order', ordered_at: 'date', sku: 'product', quantity: 'qty', unit_price: 'price', revenue: null }],
    [['response_id', 'customer_id', 'order_id', 'submitted_at', 'nps_score', 'comment'],
      'generic', 'feedback', { customer_id: 'customer_id', order_id: 'order_id', responded_at: 'submitted_at', score: 'nps_score', comment: 'comment' }],
    [['date', 'amount'], 'generic', 'orders', { ordered_at: 'date', revenue: 'amount', order_id: null, customer_id: null }],
  ] as const)('%j → %s %s', (columns, preset, kind, fields) => {
    const mapping = guessMapping(columns, []);
    expect(mapping.preset).toBe(preset);
    expect(mapping.kind).toBe(kind);
    expect(mapping.fields).toMatchObject(fields);
  });

  test('options follow the preset and the sample values', () => {
    const invoice = guessMapping(['InvoiceNo', 'StockCode', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID'], [
      { InvoiceNo: '536365', StockCode: 'X', Quantity: '6', InvoiceDate: '12/13/2010 8:26', UnitPrice: '2.55', CustomerID: '17850' },
    ]);
    expect(invoice.options).toMatchObject({ cancelPrefix: 'C', negativeIsReturn: true, dateOrder: 'mdy', dateOrderAmbiguous: false, decimalComma: false });
    const semicolon = guessMapping(['id', 'datum', 'betrag'], [{ id: '1', datum: '01.02.2024', betrag: '12' }], ';');
    expect(semicolon.options).toMatchObject({ decimalComma: true, dateOrder: 'dmy', dateOrderAmbiguous: false, cancelPrefix: null });
    expect(guessMapping(['Name', 'Financial Status', 'Lineitem quantity', 'Lineitem price', 'Created at', 'Total'], []).options.statusMap.pending).toBe('completed');
    expect(guessMapping(['order_key', 'status', 'order_total', 'order_date'], []).options.statusMap.pending).toBe('cancelled');
  });

  test('validateMapping names what is missing', () => {
    const noDate = guessMapping(['id', 'amount'], []);
    expect(validateMapping('x.csv', ['id', 'amount'], noDate)).toEqual([
      'x.csv has no date column: none of its columns (id, amount) looks like an order date. Choose the date column in the mapping.',
    ]);
    const noAmount = guessMapping(['id', 'date'], []);
    expect(validateMapping('x.csv', ['id', 'date'], noAmount)[0]).toMatch(/^x\.csv has no amount column/);
    const wrong = { ...noAmount, fields: { ...noAmount.fields, revenue: 'total' } };
    expect(validateMapping('x.csv', ['id', 'date'], wrong)).toEqual(['x.csv has no column "total" (mapped to revenue).']);
  });
});

describe('CSV and JSON text', () => {
  test('splitRecords handles quotes, doubled quotes and newlines in fields', () => {
    const records = splitRecords('a,b\n1,"x, ""y""\nz"\n2,w\n', ',');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', 'x, "y"\nz'] },
      { line: 4, fields: ['2', 'w'] },
    ]);
    expect(findRaggedRecord(splitRecords('a,b\n1,2\n3,4,5\n', ','))).toEqual({ line: 3, found: 3, expected: 2 });
    expect(guessDelimiter('a;b;"c,d"')).toBe(';');
    expect(csvField('he said "hi", twice')).toBe('"he said ""hi"", twice"');
  });

  test('jsonToCsv flattens objects and unions keys', () => {
    const csv = jsonToCsv('[{"id": 1, "c": {"id": "x"}, "tags": ["a"]}, {"id": 2, "total": 1.5, "c": null}]', 'json', 'o.json');
    expect(csv).toBe('id,c.id,tags,total\n1,x,"[""a""]",\n2,,,1.5\n');
    expect(jsonToCsv('{"orders": [{"id": 1}]}', 'json', 'o.json')).toBe('id\n1\n');
    expect(jsonToCsv('{"id": 1}\n\n{"id": 2}\n', 'ndjson', 'o.ndjson')).toBe('id\n1\n2\n');
    expect(() => jsonToCsv('[{"id": 1},', 'json', 'o.json')).toThrow(/^o\.json is not valid JSON/);
    expect(() => jsonToCsv('{"id": 1}\n{oops}\n', 'ndjson', 'o.ndjson')).toThrow(/^o\.ndjson line 2 is not valid JSON/);
    expect(() => jsonToCsv('[1, 2]', 'json', 'o.json')).toThrow('o.json: record 1 is not an object, so it has no named fields.');
    expect(() => jsonToCsv('[]', 'json', 'o.json')).toThrow('o.json has no records.');
  });
});
