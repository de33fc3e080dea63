import { describe, expect, it } from 'vitest';
import type { ColumnInfo } from '../../../src/lib/engine/api';
import type { Row } from '../../../src/lib/engine/rows';
import { REPORT_ROWS, columnWidthPx, planReportTable, wrappableHeader } from '../../../src/lib/report/reportTable';

const col = (name: string, type = 'DOUBLE'): ColumnInfo => ({ name, type });
const periods = (n: number): Row[] =>
  Array.from({ length: n }, (_, i) => ({ period_label: `2024-${String(i + 1).padStart(2, '0')}`, as_of: '2024-12-31', S: 1000 + i, crr: 91.5 - i, note_text: 'x'.repeat(40 + i) }));
const columns = [col('period_label', 'VARCHAR'), col('as_of', 'DATE'), col('S', 'INTEGER'), col('crr'), col('note_text', 'VARCHAR')];

describe('planReportTable', () => {
  it('prints a one-row result as a list of names and values, which fits any page', () => {
    const plan = planReportTable([col('customers', 'BIGINT'), col('repeat_rate')], [{ customers: 1895, repeat_rate: 35.3562 }], 1, 300);
    expect(plan).toEqual({ layout: 'list', entries: [{ name: 'customers', text: '1,895' }, { name: 'repeat_rate', text: '35.36' }] });
  });

  it('keeps every row up to the limit, and says a value shared by every row once', () => {
    const plan = planReportTable(columns, periods(24), 24, 2000);
    if (plan.layout !== 'table') throw new Error('expected a table');
    expect(plan.rows).toHaveLength(24);
    expect(plan.total).toBe(24);
    expect(plan.constants).toEqual([{ name: 'as_of', text: '2024-12-31' }]);
    expect(plan.columns.map((c) => c.name)).toEqual(['period_label', 'S', 'crr', 'note_text']);
    expect(plan.omitted).toEqual([]);
  });

  it('beyond the limit prints the first rows and the total, and claims no shared value it has not seen', () => {
    const plan = planReportTable(columns, periods(REPORT_ROWS + 5), 4000, 2000);
    if (plan.layout !== 'table') throw new Error('expected a table');
    expect(plan.rows).toHaveLength(REPORT_ROWS);
    expect(plan.total).toBe(4000);
    expect(plan.constants).toEqual([]);
  });

  it('keeps the first column and then the columns that fit the width, naming the ones left out', () => {
    const rows = periods(3);
    const narrow = columnWidthPx(columns[0], rows) + columnWidthPx(columns[2], rows) + columnWidthPx(columns[3], rows);
    const plan = planReportTable(columns, rows, 3, narrow);
    if (plan.layout !== 'table') throw new Error('expected a table');
    expect(plan.columns.map((c) => c.name)).toEqual(['period_label', 'S', 'crr']);
    expect(plan.omitted).toEqual(['note_text']);
    // Narrower than any column: the first still shows.
    const tiny = planReportTable(columns, rows, 3, 10);
    expect(tiny.layout === 'table' && tiny.columns.map((c) => c.name)).toEqual(['period_label']);
  });

  it('drops more columns when the caller measured the drawn table too wide', () => {
    const plan = planReportTable(columns, periods(3), 3, 2000, 2);
    expect(plan.layout === 'table' && plan.columns.map((c) => c.name)).toEqual(['period_label', 'S']);
    expect(plan.layout === 'table' && plan.omitted).toEqual(['crr', 'note_text']);
  });
});

describe('column widths', () => {
  it('counts a header by its longest part, since it wraps at underscores', () => {
    const rows: Row[] = [{ strict_retained_pct: 1 }];
    expect(columnWidthPx(col('strict_retained_pct'), rows)).toBe(columnWidthPx(col('retained_pct'), rows));
    expect(columnWidthPx(col('x'), [{ x: 1234567.891 }])).toBeGreaterThan(columnWidthPx(col('x'), [{ x: 1 }]));
    expect(wrappableHeader('strict_retained_pct')).toBe('strict_\u200bretained_\u200bpct');
  });
});
