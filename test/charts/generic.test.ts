import { beforeAll, describe, expect, test } from 'vitest';
import { chartToSvgString, renderChart } from '../../src/lib/charts/index';
import { MAX_BARS, MAX_FACETS } from '../../src/lib/charts/generic';
import type { ChartSpec } from '../../src/lib/charts/spec';
import { all, cols, countIn, expectGolden, makeDocument, texts, type Row } from './helpers';

let document: Document;
beforeAll(() => {
  document = makeDocument();
});

const segmentCols = cols({ segment: 'VARCHAR', customers: 'INTEGER', channel: 'VARCHAR' });
const segmentRows: Row[] = [
  { segment: 'Champions', customers: 226, channel: 'web' },
  { segment: 'Loyal', customers: 265, channel: 'web' },
  { segment: 'At Risk', customers: 119, channel: 'app' },
  { segment: 'Hibernating', customers: 1575, channel: 'app' },
];
const monthCols = cols({ month: 'DATE', revenue: 'DOUBLE', channel: 'VARCHAR', region: 'VARCHAR' });
const monthRows: Row[] = ['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01'].flatMap((month, i) => [
  { month, revenue: 1000 + 250 * i, channel: 'web', region: 'north' },
  { month, revenue: 600 + 100 * i, channel: 'app', region: 'south' },
]);

const draw = (spec: ChartSpec, rows: readonly Row[], columns = segmentCols, width = 640) => renderChart(spec, rows, columns, { width, document });
const message = (el: Element) => el.querySelector('p')?.textContent ?? '';
/** The x tick labels, left to right. */
const xTicks = (el: Element) => all(el, 'g[aria-label="x-axis tick label"] text').map((t) => t.textContent);
const yTicks = (el: Element) => all(el, 'g[aria-label="y-axis tick label"] text').map((t) => t.textContent);

describe('frame and accessibility', () => {
  test('a chart is a figure with role img and an aria-label that says what it shows', () => {
    const el = draw({ mark: 'bar', x: 'segment', y: 'customers', sort: '-y' }, segmentRows);
    expect(el.localName).toBe('figure');
    expect(el.getAttribute('role')).toBe('img');
    const label = el.getAttribute('aria-label') ?? '';
    expect(label).toContain('Bar chart of customers by segment');
    expect(label).toContain('4 bars');
    expect(label).toContain('highest 1,575 at Hibernating');
    expect(el.getAttribute('data-chart')).toBe('generic-bar');
  });

  test('numbers on axes and labels have thousands separators', () => {
    const el = draw({ mark: 'bar', x: 'segment', y: 'customers' }, segmentRows);
    expect(yTicks(el)).toContain('1,400');
    const rows = [{ segment: 'A', customers: 1234567 }];
    const wide = draw({ mark: 'bar', x: 'segment', y: 'customers' }, rows);
    expect(wide.getAttribute('aria-label')).toContain('1,234,567');
  });

  test('without a document in Node it says how to pass one', () => {
    expect(() => renderChart({ mark: 'bar', x: 'segment', y: 'customers' }, segmentRows, segmentCols, { width: 300 })).toThrow(/options\.document/);
  });
});

describe('messages instead of charts', () => {
  test.each<[string, ChartSpec, Row[], string]>([
    ['no rows', { mark: 'bar', x: 'segment', y: 'customers' }, [], 'No rows to draw'],
    ['no x', { mark: 'bar', y: 'customers' }, segmentRows, 'Pick a column for x'],
    ['no y', { mark: 'line', x: 'segment' }, segmentRows, 'Pick a column for y'],
    ['no colour for a heat-map', { mark: 'cell', x: 'segment', y: 'channel' }, segmentRows, 'Pick a column for colour'],
    ['a column the result lacks', { mark: 'bar', x: 'segment', y: 'revenue' }, segmentRows, 'There is no column "revenue" in this result'],
    ['text for y', { mark: 'bar', x: 'customers', y: 'segment' }, segmentRows, 'Pick a number column for y ("segment" holds text)'],
    ['only nulls in y', { mark: 'bar', x: 'segment', y: 'customers' }, [{ segment: 'A', customers: null }], 'No numbers to draw in customers'],
  ])('%s', (_name, spec, rows, expected) => {
    const el = draw(spec, rows);
    expect(message(el)).toBe(expected);
    expect(el.classList.contains('recur-chart-message')).toBe(true);
    expect(el.getAttribute('role')).toBe('img');
    expect(el.getAttribute('aria-label')).toBe(`Chart not drawn: ${expected}`);
    expect(el.querySelector('svg')).toBeNull();
  });

  test('too many facets asks for another column', () => {
    const rows = Array.from({ length: MAX_FACETS + 1 }, (_, i) => ({ segment: `S${i}`, customers: i, channel: 'web' }));
    expect(message(draw({ mark: 'bar', x: 'channel', y: 'customers', facet: 'segment' }, rows))).toContain('Too many panels: "segment" has 21 values');
  });

  test('a failure while drawing becomes a message in the error colour, not an exception', () => {
    const row: Row = { segment: 'A' };
    Object.defineProperty(row, 'customers', { enumerable: true, get: () => { throw new Error('the value could not be read'); } });
    const el = draw({ mark: 'bar', x: 'segment', y: 'customers' }, [row]);
    expect(message(el)).toBe('This chart could not be drawn: the value could not be read');
    expect(el.getAttribute('data-tone')).toBe('error');
    expect(el.querySelector('p')?.getAttribute('style')).toContain('#b42318');
    expect(draw({ mark: 'bar', x: 'segment', y: 'nope' }, segmentRows).getAttribute('data-tone')).toBe('info');
  });

  test('a blank spec with nothing chartable says so', () => {
    const el = renderChart({}, [{ a: 'x' }], cols({ a: 'VARCHAR' }), { width: 400, document });
    expect(message(el)).toMatch(/^Nothing to chart/);
  });

  test('odd values (NaN, Infinity, strings in a number column) are skipped, not drawn or thrown', () => {
    const rows: Row[] = [
      { segment: 'A', customers: Number.NaN },
      { segment: 'B', customers: Number.POSITIVE_INFINITY },
      { segment: 'C', customers: 'many' },
      { segment: 'D', customers: 4 },
      { segment: null, customers: 2 },
    ];
    const el = draw({ mark: 'bar', x: 'segment', y: 'customers' }, rows);
    expect(countIn(el, 'generic-bar', 'rect')).toBe(2);
    expect(xTicks(el)).toEqual(['D', '(empty)']);
    expect(el.querySelector('.recur-chart-note')?.textContent).toBe('3 rows without a value for segment or customers are not drawn.');
  });
});

describe('bar', () => {
  test('one rect per category, sorted by -y, y, x or kept as they come', () => {
    const spec = { mark: 'bar', x: 'segment', y: 'customers' } as const;
    expect(countIn(draw(spec, segmentRows), 'generic-bar', 'rect')).toBe(4);
    expect(xTicks(draw({ ...spec, sort: '-y' }, segmentRows))).toEqual(['Hibernating', 'Loyal', 'Champions', 'At Risk']);
    expect(xTicks(draw({ ...spec, sort: 'y' }, segmentRows))).toEqual(['At Risk', 'Champions', 'Loyal', 'Hibernating']);
    expect(xTicks(draw({ ...spec, sort: 'x' }, segmentRows))).toEqual(['At Risk', 'Champions', 'Hibernating', 'Loyal']);
    expect(xTicks(draw({ ...spec, sort: 'none' }, segmentRows))).toEqual(['Champions', 'Loyal', 'At Risk', 'Hibernating']);
  });

  test('bars are the accent teal without a colour column, and coloured by category with a legend', () => {
    const plain = draw({ mark: 'bar', x: 'segment', y: 'customers' }, segmentRows);
    expect(all(plain, 'g.generic-bar rect').every((r) => (r.getAttribute('fill') ?? r.parentElement?.getAttribute('fill')) === '#0f766e')).toBe(true);
    expect(plain.querySelector('.recur-chart-legend')).toBeNull();
    const coloured = draw({ mark: 'bar', x: 'segment', y: 'customers', color: 'channel' }, segmentRows);
    const fills = new Set(all(coloured, 'g.generic-bar rect').map((r) => r.getAttribute('fill')));
    expect(fills).toEqual(new Set(['#0f766e', '#d97706']));
    expect(all(coloured, '.recur-chart-key').map((k) => k.textContent)).toEqual(['web', 'app']);
  });

  test('many or long categories lie down as horizontal bars with value labels', () => {
    const rows = Array.from({ length: 15 }, (_, i) => ({ segment: `Segment number ${i}`, customers: 10 * (i + 1), channel: 'web' }));
    const el = draw({ mark: 'bar', x: 'segment', y: 'customers', sort: '-y' }, rows);
    const bars = all(el, 'g.generic-bar rect');
    expect(bars).toHaveLength(15);
    expect(bars.every((r) => r.hasAttribute('y') && Number(r.getAttribute('height')) < 30)).toBe(true);
    const labels = all(el, 'g.generic-bar-label text').map((t) => t.textContent);
    expect(labels).toHaveLength(15);
    expect(labels).toContain('150');
    expect(all(el, 'g[aria-label="y-axis tick label"] text')[0].textContent).toBe('Segment number 14');
  });

  test(`more than ${MAX_BARS} categories: the largest ${MAX_BARS} are drawn, with a note`, () => {
    const rows = Array.from({ length: MAX_BARS + 10 }, (_, i) => ({ segment: `S${i}`, customers: i, channel: 'web' }));
    const el = draw({ mark: 'bar', x: 'segment', y: 'customers', sort: '-y' }, rows);
    expect(countIn(el, 'generic-bar', 'rect')).toBe(MAX_BARS);
    expect(el.textContent).toContain(`Showing the ${MAX_BARS} largest of 60 bars.`);
    expect(texts(el)).not.toContain('S0');
  });

  test('a facet draws one panel per value', () => {
    const el = draw({ mark: 'bar', x: 'segment', y: 'customers', facet: 'channel' }, segmentRows);
    expect(all(el, 'g[aria-label="fy-axis tick label"] text').map((t) => t.textContent)).toEqual(['web', 'app']);
    expect(countIn(el, 'generic-bar', 'rect')).toBe(4);
  });
});

describe('line, area, dot and cell', () => {
  test('line: one path per colour series, dots on the points, dates on a time axis', () => {
    const el = draw({ mark: 'line', x: 'month', y: 'revenue', color: 'channel' }, monthRows, monthCols);
    expect(countIn(el, 'generic-line', 'path')).toBe(2);
    expect(countIn(el, 'generic-dot', 'circle')).toBe(8);
    expect(xTicks(el).join(' ')).toMatch(/Feb|Mar/);
    expect(el.getAttribute('aria-label')).toContain('Line chart of revenue by month, coloured by channel: 8 points');
  });

  test('line without colour is one teal path; points are drawn in x order even when rows are not', () => {
    const rows = [...monthRows.filter((r) => r.channel === 'web')].reverse();
    const el = draw({ mark: 'line', x: 'month', y: 'revenue' }, rows, monthCols);
    const paths = all(el, 'g.generic-line path');
    expect(paths).toHaveLength(1);
    const xs = [...(paths[0].getAttribute('d') ?? '').matchAll(/[ML]([\d.]+),/g)].map((m) => Number(m[1]));
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(all(el, 'g.generic-line')[0].getAttribute('stroke')).toBe('#0f766e');
  });

  test('area: a filled area with its line, stacked areas when coloured', () => {
    const single = draw({ mark: 'area', x: 'month', y: 'revenue' }, monthRows.filter((r) => r.channel === 'web'), monthCols);
    expect(countIn(single, 'generic-area', 'path')).toBe(1);
    expect(countIn(single, 'generic-line', 'path')).toBe(1);
    const stacked = draw({ mark: 'area', x: 'month', y: 'revenue', color: 'channel' }, monthRows, monthCols);
    expect(countIn(stacked, 'generic-area', 'path')).toBe(2);
    expect(countIn(stacked, 'generic-line', 'path')).toBe(0);
  });

  test('dot: one circle per row with both values', () => {
    const rows = [{ f: 1, m: 10 }, { f: 2, m: 25 }, { f: 5, m: 300 }, { f: null, m: 4 }];
    const el = draw({ mark: 'dot', x: 'f', y: 'm' }, rows, cols({ f: 'INTEGER', m: 'DOUBLE' }));
    expect(countIn(el, 'generic-dot', 'circle')).toBe(3);
  });

  test('cell: one rect per x × y pair, a ramp legend and values written in the cells', () => {
    const rows: Row[] = ['web', 'app', 'store'].flatMap((channel, i) => ['A', 'B'].map((segment, j) => ({ channel, segment, customers: 10 * i + j })));
    const el = draw({ mark: 'cell', x: 'channel', y: 'segment', color: 'customers' }, rows, cols({ channel: 'VARCHAR', segment: 'VARCHAR', customers: 'INTEGER' }));
    expect(countIn(el, 'generic-cell', 'rect')).toBe(6);
    expect(all(el, 'g.generic-cell-label text').map((t) => t.textContent)).toEqual(['0', '1', '10', '11', '20', '21']);
    expect(el.querySelector('svg.recur-chart-ramp')).not.toBeNull();
    expect(el.getAttribute('aria-label')).toContain('customers from 0 to 21');
  });

  test('a blank spec draws the default chart', () => {
    const el = renderChart({}, monthRows, monthCols, { width: 500, document });
    expect(el.getAttribute('data-chart')).toBe('generic-auto');
    expect(countIn(el, 'generic-line', 'path')).toBe(2);
  });

  test('a width below the minimum is raised, a missing one becomes the default', () => {
    const narrow = draw({ mark: 'bar', x: 'segment', y: 'customers' }, segmentRows, segmentCols, 50);
    expect(narrow.querySelector('svg')?.getAttribute('width')).toBe('240');
    const missing = draw({ mark: 'bar', x: 'segment', y: 'customers' }, segmentRows, segmentCols, Number.NaN);
    expect(missing.querySelector('svg')?.getAttribute('width')).toBe('640');
  });
});

describe('golden SVGs', () => {
  test('bar', () => {
    expectGolden('generic-bar', chartToSvgString(draw({ mark: 'bar', x: 'segment', y: 'customers', color: 'channel', sort: '-y' }, segmentRows)));
  });
  test('line', () => {
    expectGolden('generic-line', chartToSvgString(draw({ mark: 'line', x: 'month', y: 'revenue', color: 'channel' }, monthRows, monthCols)));
  });
  test('cell', () => {
    const rows: Row[] = ['web', 'app'].flatMap((channel, i) => ['A', 'B', 'C'].map((segment, j) => ({ channel, segment, customers: 100 * i + 7 * j })));
    expectGolden('generic-cell', chartToSvgString(draw({ mark: 'cell', x: 'segment', y: 'channel', color: 'customers' }, rows, cols({ channel: 'VARCHAR', segment: 'VARCHAR', customers: 'INTEGER' }))));
  });
});
