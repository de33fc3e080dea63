import { describe, expect, test } from 'vitest';
import { columnKind, isTrue, kindOf, parseDate, periodName, toLabel, toNumber } from '../../src/lib/charts/data';
import { binValues } from '../../src/lib/charts/presets/histogram';
import { cols } from './helpers';

describe('columnKind', () => {
  test.each([
    ['INTEGER', 'number'],
    ['BIGINT', 'number'],
    ['DOUBLE', 'number'],
    ['DECIMAL(18,3)', 'number'],
    ['HUGEINT', 'number'],
    ['DATE', 'date'],
    ['TIMESTAMP', 'date'],
    ['TIMESTAMP WITH TIME ZONE', 'date'],
    ['VARCHAR', 'text'],
    ['BOOLEAN', 'boolean'],
    ['INTERVAL', 'other'],
    ['INTEGER[]', 'other'],
    ['STRUCT(a INTEGER)', 'other'],
  ])('%s is %s', (type, kind) => {
    expect(columnKind(type)).toBe(kind);
  });
});

describe('parseDate', () => {
  test('reads DATE and TIMESTAMP strings as UTC', () => {
    expect(parseDate('2024-03-01')?.toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(parseDate('2024-03-01T13:45:10')?.toISOString()).toBe('2024-03-01T13:45:10.000Z');
    expect(parseDate('2024-03-01 13:45')?.toISOString()).toBe('2024-03-01T13:45:00.000Z');
    expect(parseDate('2024-03-01T13:45:10+02:00')?.toISOString()).toBe('2024-03-01T11:45:10.000Z');
  });

  test.each([['2024-02-30'], ['2024-13-01'], ['March 1'], [''], [null], [20240301], [true]])('%j is not a date', (value) => {
    expect(parseDate(value)).toBeNull();
  });
});

describe('values', () => {
  test('only finite numbers are numbers', () => {
    expect(toNumber(3.5)).toBe(3.5);
    expect(toNumber(Number.NaN)).toBeNull();
    expect(toNumber(Number.POSITIVE_INFINITY)).toBeNull();
    expect(toNumber('3')).toBeNull();
    expect(toNumber(null)).toBeNull();
  });

  test('flags may be booleans, 1 or "true"', () => {
    expect([true, 1, 'true', 'TRUE'].map(isTrue)).toEqual([true, true, true, true]);
    expect([false, 0, 'false', null, 'yes'].map(isTrue)).toEqual([false, false, false, false, false]);
  });

  test('labels keep text as written and shorten midnight timestamps', () => {
    expect(toLabel("Can't Lose Them")).toBe("Can't Lose Them");
    expect(toLabel('2024-03-01T00:00:00')).toBe('2024-03-01');
    expect(toLabel('2024-03-01T10:30:00')).toBe('2024-03-01 10:30:00');
    expect(toLabel(1234567.891)).toBe('1,234,567.89');
    expect(toLabel(null)).toBe('(empty)');
  });

  test('the kind of a column comes from its type, else from its values', () => {
    const rows = [{ a: '2024-01-01', b: 'x', c: 1, d: null }];
    expect(kindOf('a', cols({ a: 'VARCHAR' }), rows)).toBe('text');
    expect(kindOf('a', [], rows)).toBe('date');
    expect(kindOf('b', [], rows)).toBe('text');
    expect(kindOf('c', [], rows)).toBe('number');
    expect(kindOf('d', [], rows)).toBe('other');
    expect(kindOf('zzz', [], rows)).toBeNull();
  });

  test('period names come from the labels', () => {
    expect(periodName(['2024-01', '2024-02'])).toBe('month');
    expect(periodName(['2024-Q1', '2024-Q2'])).toBe('quarter');
    expect(periodName(['2023', '2024'])).toBe('year');
    expect(periodName(['2024-01', '2024-Q2'])).toBeNull();
    expect(periodName([null])).toBeNull();
  });
});

describe('binValues', () => {
  test('picks a width so 30 is a bin edge and gathers the tail in one last bin', () => {
    const values = [...Array.from({ length: 95 }, (_, i) => i), 500, 600, 700, 800, 900];
    const bins = binValues(values);
    const width = bins[0].x2 - bins[0].x1;
    expect(30 % width).toBe(0);
    expect(bins.length).toBeLessThanOrEqual(41);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(values.length);
    const tail = bins[bins.length - 1];
    expect(tail.tail).toBe(true);
    expect(tail.count).toBeGreaterThanOrEqual(5);
    expect(bins.filter((b) => b.tail)).toHaveLength(1);
  });

  test('no tail bin when nothing lies beyond the 95th percentile range', () => {
    const bins = binValues([1, 2, 3, 4, 5]);
    expect(bins.some((b) => b.tail)).toBe(false);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(5);
    expect(binValues([])).toEqual([]);
  });
});
