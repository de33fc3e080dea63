import { describe, expect, test } from 'vitest';
import { defaultChartSpec } from '../../src/lib/charts/index';
import type { ChartSpec } from '../../src/lib/charts/spec';
import { cols, type Row } from './helpers';

const months = ['2024-01-01', '2024-02-01', '2024-03-01'];

interface Case {
  name: string;
  types: Record<string, string>;
  rows: Row[];
  expected: ChartSpec | null;
}

const cases: Case[] = [
  {
    name: 'a date and a number → line over time',
    types: { month: 'DATE', revenue: 'DOUBLE' },
    rows: months.map((m, i) => ({ month: m, revenue: 100 * (i + 1) })),
    expected: { mark: 'line', x: 'month', y: 'revenue', sort: 'x' },
  },
  {
    name: 'a timestamp counts as a date',
    types: { at: 'TIMESTAMP', n: 'BIGINT' },
    rows: [{ at: '2024-01-01T10:00:00', n: 1 }, { at: '2024-01-02T10:00:00', n: 2 }],
    expected: { mark: 'line', x: 'at', y: 'n', sort: 'x' },
  },
  {
    name: 'a date, a number and a text with few values → line coloured by the text',
    types: { period_start: 'DATE', scale: 'VARCHAR', nps: 'DOUBLE' },
    rows: months.flatMap((m, i) => [{ period_start: m, scale: 'nps_10', nps: i }, { period_start: m, scale: 'csat_5', nps: i + 1 }]),
    expected: { mark: 'line', x: 'period_start', y: 'nps', color: 'scale', sort: 'x' },
  },
  {
    name: 'a text and a number → bar, largest first',
    types: { segment: 'VARCHAR', customers: 'INTEGER' },
    rows: [{ segment: 'A', customers: 3 }, { segment: 'B', customers: 5 }],
    expected: { mark: 'bar', x: 'segment', y: 'customers', sort: '-y' },
  },
  {
    name: 'two numbers → dot',
    types: { frequency: 'INTEGER', monetary: 'DOUBLE' },
    rows: [{ frequency: 1, monetary: 10 }, { frequency: 4, monetary: 80 }],
    expected: { mark: 'dot', x: 'frequency', y: 'monetary' },
  },
  {
    name: 'two texts and a number → cell heat-map',
    types: { channel: 'VARCHAR', segment: 'VARCHAR', customers: 'INTEGER' },
    rows: [
      { channel: 'web', segment: 'A', customers: 3 },
      { channel: 'app', segment: 'B', customers: 5 },
    ],
    expected: { mark: 'cell', x: 'channel', y: 'segment', color: 'customers' },
  },
  {
    name: 'a number that never changes is skipped for one that does',
    types: { segment: 'VARCHAR', all_customers: 'INTEGER', customers: 'INTEGER' },
    rows: [{ segment: 'A', all_customers: 8, customers: 3 }, { segment: 'B', all_customers: 8, customers: 5 }],
    expected: { mark: 'bar', x: 'segment', y: 'customers', sort: '-y' },
  },
  {
    name: 'an id-like text with many values is a bar label, not a heat-map axis',
    types: { customer_id: 'VARCHAR', scale: 'VARCHAR', revenue: 'DOUBLE' },
    rows: Array.from({ length: 60 }, (_, i) => ({ customer_id: `C${i}`, scale: i % 2 ? 'a' : 'b', revenue: i })),
    expected: { mark: 'bar', x: 'scale', y: 'revenue', sort: '-y' },
  },
  {
    name: 'texts only → nothing chartable',
    types: { a: 'VARCHAR', b: 'VARCHAR' },
    rows: [{ a: 'x', b: 'y' }],
    expected: null,
  },
  {
    name: 'one number alone → nothing chartable',
    types: { n: 'INTEGER' },
    rows: [{ n: 1 }, { n: 2 }],
    expected: null,
  },
  {
    name: 'booleans are not categories',
    types: { flag: 'BOOLEAN', n: 'INTEGER' },
    rows: [{ flag: true, n: 1 }, { flag: false, n: 2 }],
    expected: null,
  },
  {
    name: 'no rows: types alone decide',
    types: { month: 'DATE', revenue: 'DOUBLE' },
    rows: [],
    expected: { mark: 'line', x: 'month', y: 'revenue', sort: 'x' },
  },
  {
    name: 'no columns listed: kinds come from the values',
    types: {},
    rows: [{ day: '2024-01-01', n: 1 }, { day: '2024-01-02', n: 2 }],
    expected: { mark: 'line', x: 'day', y: 'n', sort: 'x' },
  },
];

describe('defaultChartSpec', () => {
  test.each(cases)('$name', ({ types, rows, expected }) => {
    expect(defaultChartSpec(cols(types), rows)).toEqual(expected);
  });
});
