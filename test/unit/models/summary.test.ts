import { describe, expect, it } from 'vitest';
import { dayNumber, summarizeTransactions, type Transaction } from '../../../src/lib/models';

const tx = (customerId: string, date: string, amount: number): Transaction => ({ customerId, date, amount });

describe('dayNumber', () => {
  it('counts days since 1970-01-01 and rejects impossible dates', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1997-09-30') - dayNumber('1997-01-01')).toBe(272);
    expect(dayNumber('2024-03-01') - dayNumber('2024-02-28')).toBe(2); // leap year
    expect(() => dayNumber('2023-02-29')).toThrow(/not a valid calendar date/);
    expect(() => dayNumber('2023/01/05')).toThrow(/YYYY-MM-DD/);
  });
});

describe('summarizeTransactions', () => {
  const transactions = [
    tx('b', '2024-01-10', 5),
    tx('a', '2024-01-01', 10),
    tx('a', '2024-01-01', 2.5), // same day: merged into the first purchase
    tx('a', '2024-01-08', 20),
    tx('a', '2024-01-15', 30),
    tx('a', '2024-01-15', 4), // same day: merged, 34 in total
    tx('a', '2024-02-20', 999), // after calibration: ignored
    tx('c', '2024-02-01', 7), // first purchase after calibration: customer left out
  ];
  const options = { calibrationEnd: '2024-01-29', timeUnit: 'days' } as const;

  it('merges same-day purchases and excludes the first purchase from the mean spend', () => {
    const s = summarizeTransactions(transactions, options);
    expect(s.customerIds).toEqual(['a', 'b']);
    expect(Array.from(s.x)).toEqual([2, 0]);
    expect(Array.from(s.tx)).toEqual([14, 0]);
    expect(Array.from(s.T)).toEqual([28, 19]);
    expect(Array.from(s.mbar)).toEqual([(20 + 34) / 2, 0]);
    expect(Array.from(s.firstPurchaseDay)).toEqual([dayNumber('2024-01-01'), dayNumber('2024-01-10')]);
  });

  it('measures time in weeks of 7 days', () => {
    const s = summarizeTransactions(transactions, { ...options, timeUnit: 'weeks' });
    expect(Array.from(s.tx)).toEqual([2, 0]);
    expect(s.T[0]).toBe(4);
    expect(s.T[1]).toBeCloseTo(19 / 7, 14);
  });

  it('does not depend on the order of the transactions', () => {
    const a = summarizeTransactions(transactions, options);
    const b = summarizeTransactions([...transactions].reverse(), options);
    expect(b).toEqual(a);
  });

  it('counts a purchase on the calibration end day, with T = 0 for a customer first seen then', () => {
    const s = summarizeTransactions([tx('z', '2024-01-29', 3), tx('y', '2024-01-01', 1), tx('y', '2024-01-29', 6)], options);
    expect(s.customerIds).toEqual(['y', 'z']);
    expect(Array.from(s.x)).toEqual([1, 0]);
    expect(Array.from(s.tx)).toEqual([28, 0]);
    expect(Array.from(s.T)).toEqual([28, 0]);
    expect(Array.from(s.mbar)).toEqual([6, 0]);
  });

  it('reports bad rows with their position', () => {
    expect(() => summarizeTransactions([tx('a', '2024-01-01', 1), tx('a', '2024-13-01', 1)], options)).toThrow(
      /Transaction 1 .*not a valid calendar date/,
    );
    expect(() => summarizeTransactions([tx('a', '2024-01-01', Number.NaN)], options)).toThrow(/non-numeric amount/);
  });
});
