import { beforeAll, describe, expect, test } from 'vitest';
import type { EngineApi } from '../../../src/lib/engine/api';
import { createNodeEngine } from '../../../src/lib/engine/node/index';
import { loadFile, openFile } from '../../../src/lib/ingest/index';
import { fixture, load, ordersOf } from './helpers';

let engine: EngineApi;
beforeAll(() => {
  engine = createNodeEngine();
});

const ascii = (s: string): number[] => [...new TextEncoder().encode(s)];

/** An order file that is plain ASCII for `rows` rows (ids `<prefix><n>`), then has a Windows-1252 `€` (0x80) and `ü` (0xFC). */
function lateWindows1252(rows: number, prefix: string): Uint8Array {
  const body = Array.from({ length: rows }, (_, i) => `${prefix}${i},c${i % 50},2024-01-01,1.00 EUR`).join('\n');
  return new Uint8Array([...ascii(`order_id,customer_id,ordered_at,revenue\n${body}\n${prefix}-last,M`), 0xfc, ...ascii('ller,2024-01-02,2.50 '), 0x80, ...ascii('\n')]);
}

describe('choosing the encoding of a text file', () => {
  test('Windows-1252 text read as UTF-8 shows replacement characters; read as Windows-1252 it is right again', async () => {
    const detected = await openFile(engine, { name: 'cp1252.csv', bytes: fixture('cp1252.csv') });
    expect(detected.encoding).toBe('windows-1252');
    const asUtf8 = await openFile(engine, { name: 'cp1252.csv', bytes: fixture('cp1252.csv') }, { encoding: 'utf-8' });
    expect(asUtf8.encoding).toBe('utf-8');
    expect(asUtf8.sampleRows[0]).toMatchObject({ customer: 'M\uFFFDller', amount: '12.50 \uFFFD' });
    const back = await openFile(engine, { name: 'cp1252.csv', bytes: fixture('cp1252.csv') }, { encoding: 'windows-1252', delimiter: ',' });
    expect(back.sampleRows[0]).toMatchObject({ customer: 'Müller', amount: '12.50 €', comment: '“great” – thanks' });
  });

  test('Windows-1252 bytes within what inspection reads, after a UTF-8-looking head: read as Windows-1252', async () => {
    const inspection = await openFile(engine, { name: 'soon_cp1252.csv', bytes: lateWindows1252(3000, 'S') });
    expect(inspection.encoding).toBe('windows-1252');
    expect((await loadFile(engine, inspection)).rows).toMatchObject({ read: 3001, loaded: 3001 });
    expect((await ordersOf(engine, 'soon_cp1252.csv')).at(-1)).toMatchObject({ order_id: 'S-last', customer_id: 'Müller', revenue: 2.5 });
  });

  test('Windows-1252 bytes past what inspection reads: the load says to choose the encoding, and with it the file loads', async () => {
    const bytes = lateWindows1252(40000, 'L');
    const inspection = await openFile(engine, { name: 'late_cp1252.csv', bytes });
    expect(inspection.encoding).toBe('utf-8');
    await expect(loadFile(engine, inspection)).rejects.toThrow(
      'late_cp1252.csv has bytes Latin-1 does not define (0x80–0x9F, Windows-1252 characters such as € or curly quotes). Choose the encoding Windows-1252 for it (in the mapping dialog, or --encoding windows-1252) and load it again.',
    );
    const chosen = await openFile(engine, { name: 'late_cp1252.csv', bytes }, { encoding: 'windows-1252' });
    const report = await loadFile(engine, chosen);
    expect(report).toMatchObject({ encoding: 'windows-1252', rows: { read: 40001, loaded: 40001 } });
    expect(report.currencies).toEqual(['EUR']);
    expect((await ordersOf(engine, 'late_cp1252.csv')).at(-1)).toMatchObject({ order_id: 'L-last', customer_id: 'Müller', revenue: 2.5 });
  });

  test('UTF-16: little-endian with a byte-order mark is read as it is, big-endian converted', async () => {
    const text = 'order_id,customer_id,ordered_at,revenue\nU1,Zoë,2024-03-01,5\nU2,Zoë,2024-04-01,6\n';
    const le = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...text].map((c) => c.charCodeAt(0))).buffer)]);
    const be = new Uint8Array([0xfe, 0xff, ...[...text].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff])]);
    const { inspection: leInspection } = await load(engine, 'le.csv', le, (m) => ({ ...m, read: { encoding: 'utf-16' } }));
    expect((await openFile(engine, { name: 'le.csv', bytes: le }, { encoding: 'utf-16' })).encoding).toBe('utf-16');
    expect(leInspection.encoding).toBe('utf-16');
    expect((await openFile(engine, { name: 'be.csv', bytes: be }, { encoding: 'utf-16' })).sampleRows[0]).toMatchObject({ customer_id: 'Zoë' });
    expect((await ordersOf(engine, 'le.csv')).map((o) => o.customer_id)).toEqual(['Zoë', 'Zoë']);
  });
});
