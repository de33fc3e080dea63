import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCell,
  formatCount,
  formatDecimal,
  formatDuration,
  formatNumber,
  formatPct,
  formatPctTick,
  withTrueMinus,
} from '../../src/lib/format';
import { formatValue } from '../../src/lib/recipes/explain';

describe('formatCell', () => {
  it.each([
    [1234567, '1,234,567'],
    [1234.5678, '1,234.57'],
    [null, '∅'],
    [true, 'true'],
    ['2024-03-05T00:00:00', '2024-03-05'],
    ['2024-03-05T10:20:30', '2024-03-05 10:20:30'],
    ["Can't Lose Them", "Can't Lose Them"],
    ['Tea Time', 'Tea Time'],
  ] as const)('%j → %s', (value, text) => expect(formatCell(value)).toBe(text));
});

describe('durations and sizes', () => {
  it('reads like a person writes them', () => {
    expect(formatDuration(85.4)).toBe('85 ms');
    expect(formatDuration(1430)).toBe('1.43 s');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(12.3 * 1024 * 1024)).toBe('12.3 MB');
  });
});

describe('the one set of number formats (tables, charts, explanations)', () => {
  it.each([
    // value, formatNumber, formatCount, formatPct, formatPctTick
    [1234567, '1,234,567', '1,234,567', '1,234,567.0 %', '1,234,567 %'],
    [0.125, '0.13', '0', '0.1 %', '0.13 %'],
    [35.4089709762533, '35.41', '35', '35.4 %', '35.41 %'],
    [100, '100', '100', '100.0 %', '100 %'],
    [2.5, '2.5', '3', '2.5 %', '2.5 %'],
    [-1234.567, '-1,234.57', '-1,235', '-1,234.6 %', '-1,234.57 %'],
    [0, '0', '0', '0.0 %', '0 %'],
    [NaN, 'NaN', 'NaN', 'NaN', 'NaN %'],
    [Infinity, 'Infinity', 'Infinity', 'Infinity', 'Infinity %'],
  ] as const)('%d → %s · %s · %s · %s', (value, number, count, pct, tick) => {
    expect(formatNumber(value)).toBe(number);
    expect(formatCount(value)).toBe(count);
    expect(formatPct(value)).toBe(pct);
    expect(formatPctTick(value)).toBe(tick);
  });

  it('keeps as many decimals as asked, and writes a true minus only where asked', () => {
    expect(formatDecimal(0.243338, 3)).toBe('0.243');
    expect(formatDecimal(4414.25, 0)).toBe('4,414');
    expect(formatDecimal(1.5)).toBe('1.5');
    expect(withTrueMinus('-12.5')).toBe('−12.5');
    expect(withTrueMinus('12-5')).toBe('12-5');
  });

  it('is what a result table, a chart label and an explanation print for one number', () => {
    expect(formatCell(1234.5678)).toBe(formatNumber(1234.5678));
    expect(formatValue(1234.5678)).toBe(formatNumber(1234.5678));
    expect(formatValue(13000)).toBe(formatCount(13000));
    expect(formatValue(75, 'pct')).toBe('75.0 %');
    expect(formatValue(-3.25, 'num')).toBe('−3.25');
    expect(formatValue(-3, 'count')).toBe('−3');
  });
});
