import { beforeAll, describe, expect, test } from 'vitest';
import type { EngineApi } from '../../../src/lib/engine/api';
import { createNodeEngine } from '../../../src/lib/engine/node/index';
import { INGEST_MACROS, dateFormatLists } from '../../../src/lib/ingest/sqlMacros';
import { normalizeStatus } from '../../../src/lib/ingest/presets';
import type { DateOrder } from '../../../src/lib/ingest/types';
import { rows } from './helpers';

let engine: EngineApi;
beforeAll(async () => {
  engine = createNodeEngine();
  await engine.exec(INGEST_MACROS);
});

describe('recur_num reads messy amounts', () => {
  test.each([
    ['12.50', false, 12.5],
    ['12,50', false, 12.5],
    ['12,50', true, 12.5],
    ['1.234,56', false, 1234.56],
    ['1,234.56', true, 1234.56],
    ['1.234.567,8', false, 1234567.8],
    ['1 234,56', true, 1234.56],
    ['1\u00a0234,56', true, 1234.56],
    ["1'234.50", false, 1234.5],
    ['€12,50', true, 12.5],
    ['12,50 €', true, 12.5],
    ['$1,200.00', false, 1200],
    ['US$ 5', false, 5],
    ['12.50 EUR', false, 12.5],
    ['EUR 12,50', true, 12.5],
    ['£3', false, 3],
    ['(12.50)', false, -12.5],
    ['12.50-', false, -12.5],
    ['-€3,00', true, -3],
    ['−4.5', false, -4.5],
    ['+7', false, 7],
    ['1,234', false, 1234],
    ['1,234', true, 1.234],
    ['1.234', true, 1234],
    ['1.234', false, 1.234],
    ['1.5', true, 1.5],
    ['.5', false, 0.5],
    ['12,5 kr', true, 12.5],
    ['1e3', false, 1000],
    ['abc', false, null],
    ['12/05', false, null],
    ['1.2.3', false, null],
    ['12abc5', false, null],
    ['nan', false, null],
    ['inf', false, null],
    [null, false, null],
  ] as const)('%j (decimal comma %s) → %s', async (value, dc, expected) => {
    const [row] = await rows(engine, 'SELECT recur_num($v, $dc) AS n', { v: value, dc });
    if (expected === null) expect(row.n).toBeNull();
    else expect(row.n).toBeCloseTo(expected, 9);
  });
});

describe('recur_currency names the currency of an amount', () => {
  test.each([
    ['€12,50', 'EUR'],
    ['12.50 EUR', 'EUR'],
    ['£3', 'GBP'],
    ['US$5', 'USD'],
    ['$1,200.00', '$'],
    ['CA$4', 'CAD'],
    ['12.50', null],
    ['abc', null],
  ] as const)('%s → %s', async (value, expected) => {
    const [row] = await rows(engine, 'SELECT recur_currency($v) AS c', { v: value });
    expect(row.c).toBe(expected);
  });
});

describe('recur_ts reads dates and keeps the wall-clock time', () => {
  const parse = async (value: string, order: DateOrder): Promise<unknown> => {
    const { f4, f2 } = dateFormatLists(order);
    const [row] = await rows(engine, `SELECT recur_ts($v, ${f4}, ${f2}) AS t`, { v: value });
    return row.t;
  };
  test.each([
    ['2024-01-05', 'ymd', '2024-01-05T00:00:00'],
    ['2024-01-05 10:22', 'ymd', '2024-01-05T10:22:00'],
    ['2024-01-05T10:22:01Z', 'ymd', '2024-01-05T10:22:01'],
    ['2024-01-05 10:22:01 +0100', 'ymd', '2024-01-05T10:22:01'],
    ['2024-01-05T23:30:00-05:00', 'ymd', '2024-01-05T23:30:00'],
    ['2024-01-05T10:22:01.123+02:00', 'ymd', '2024-01-05T10:22:01'],
    ['2024/01/05 10:22:01', 'ymd', '2024-01-05T10:22:01'],
    ['  2024-01-05 ', 'ymd', '2024-01-05T00:00:00'],
    ['05/01/2024', 'dmy', '2024-01-05T00:00:00'],
    ['05/01/2024', 'mdy', '2024-05-01T00:00:00'],
    ['5/1/2024 8:26', 'mdy', '2024-05-01T08:26:00'],
    ['05.01.2024 14:30', 'dmy', '2024-01-05T14:30:00'],
    ['05.01.2024 14:30:15', 'dmy', '2024-01-05T14:30:15'],
    ['5-1-2024', 'dmy', '2024-01-05T00:00:00'],
    ['05/01/24', 'dmy', '2024-01-05T00:00:00'],
    ['1/2/2024 3:04 PM', 'mdy', '2024-01-02T15:04:00'],
    ['5 Jan 2024', 'dmy', '2024-01-05T00:00:00'],
    ['Jan 5, 2024', 'mdy', '2024-01-05T00:00:00'],
    ['31.02.2024', 'dmy', null],
    ['13/13/2024', 'dmy', null],
    ['yesterday', 'ymd', null],
  ] as const)('%s (%s) → %s', async (value, order, expected) => {
    expect(await parse(value, order)).toBe(expected);
  });
});

describe('recur_id', () => {
  test.each([
    [' 17850 ', '17850'],
    ['17850.0', '17850'],
    ['Alice@Example.COM ', 'alice@example.com'],
    ['N/A', null],
    ['null', null],
    ['', null],
    ['C-17', 'C-17'],
    ['ORD-00123', 'ORD-00123'],
    [' ORD-00123', 'ORD-00123'],
    ['#N/A', null],
    [' none ', null],
    ['  NULL  ', null],
    ['17850.00', '17850'],
  ] as const)('%j → %j', async (value, expected) => {
    const [row] = await rows(engine, 'SELECT recur_id($v) AS id', { v: value });
    expect(row.id).toBe(expected);
  });
});

describe('recur_status_text, as normalizeStatus does it', () => {
  test.each(['completed', 'partially_refunded', 'Completed', ' Partially Refunded ', 'wc-on-hold', 'wc_completed', 'Annulé', 'on--hold', 'pending2', ''])('%j', async (value) => {
    const [row] = await rows(engine, 'SELECT recur_status_text($v) AS s', { v: value });
    expect(row.s).toBe(value.trim() === '' ? null : normalizeStatus(value));
  });
});
