import type { ColumnInfo } from '../../src/lib/engine/api';
import type { Row } from '../../src/lib/engine/rows';
import { aliveBands as aliveBandRows, aliveGrid as aliveGridCells } from '../../src/lib/recipes/ltvPredictive/chartData';
import { cols } from './helpers';

/** Hand-made results shaped like each recipe's output (small enough to check by eye). */
export interface Fixture {
  rows: Row[];
  columns: ColumnInfo[];
}

/**
 * Quarterly CRR: the first quarter has no CRR (S = 0), the next three have
 * incomplete history (CRR 100), two are complete and the last is partial.
 */
export const crr: Fixture = {
  columns: cols({
    period_start: 'DATE', period_end: 'DATE', period_label: 'VARCHAR', S: 'INTEGER', E: 'INTEGER', N: 'INTEGER',
    crr: 'DOUBLE', churn_rate: 'DOUBLE', incomplete_history: 'BOOLEAN', partial_period: 'BOOLEAN',
  }),
  rows: [
    { period_start: '2023-01-01', period_end: '2023-03-31', period_label: '2023-Q1', S: 0, E: 40, N: 40, crr: null, churn_rate: null, incomplete_history: true, partial_period: false },
    { period_start: '2023-04-01', period_end: '2023-06-30', period_label: '2023-Q2', S: 40, E: 75, N: 35, crr: 100, churn_rate: 0, incomplete_history: true, partial_period: false },
    { period_start: '2023-07-01', period_end: '2023-09-30', period_label: '2023-Q3', S: 75, E: 110, N: 35, crr: 100, churn_rate: 0, incomplete_history: true, partial_period: false },
    { period_start: '2023-10-01', period_end: '2023-12-31', period_label: '2023-Q4', S: 110, E: 150, N: 40, crr: 100, churn_rate: 0, incomplete_history: true, partial_period: false },
    { period_start: '2024-01-01', period_end: '2024-03-31', period_label: '2024-Q1', S: 150, E: 160, N: 30, crr: 86.66666666666667, churn_rate: 13.333333333333329, incomplete_history: false, partial_period: false },
    { period_start: '2024-04-01', period_end: '2024-06-30', period_label: '2024-Q2', S: 160, E: 170, N: 34, crr: 85, churn_rate: 15, incomplete_history: false, partial_period: false },
    { period_start: '2024-07-01', period_end: '2024-09-30', period_label: '2024-Q3', S: 170, E: 172, N: 20, crr: 89.41176470588236, churn_rate: 10.588235294117638, incomplete_history: false, partial_period: false },
    { period_start: '2024-10-01', period_end: '2024-12-31', period_label: '2024-Q4', S: 172, E: 168, N: 12, crr: 90.69767441860465, churn_rate: 9.302325581395351, incomplete_history: false, partial_period: true },
  ],
};

/** Four monthly cohorts over up to four months; the latest month is partial. */
export const cohorts: Fixture = (() => {
  const sizes = [50, 40, 60, 30];
  const retention = [
    [100, 30, 22, 18],
    [100, 25, 20],
    [100, 35],
    [100],
  ];
  const rows: Row[] = [];
  sizes.forEach((size, c) => {
    retention[c].forEach((value, offset) => {
      const month = c + offset + 1;
      rows.push({
        cohort: `2024-0${c + 1}-01`,
        cohort_label: `2024-0${c + 1}`,
        offset,
        period_start: `2024-0${month}-01`,
        period_label: `2024-0${month}`,
        cohort_size: size,
        active_customers: Math.round((size * value) / 100),
        retention: value,
        partial_period: month === 4,
      });
    });
  });
  return {
    rows,
    columns: cols({
      cohort: 'DATE', cohort_label: 'VARCHAR', offset: 'INTEGER', period_start: 'DATE', period_label: 'VARCHAR',
      cohort_size: 'INTEGER', active_customers: 'INTEGER', retention: 'DOUBLE', partial_period: 'BOOLEAN',
    }),
  };
})();

/** Cumulative revenue per customer for three monthly cohorts (ltv-historical). */
export const ltvCurves: Fixture = (() => {
  const series: [string, number, number[]][] = [
    ['2024-01', 20, [80, 100, 115, 125]],
    ['2024-02', 10, [70, 95, 105]],
    ['2024-03', 30, [90, 110]],
  ];
  const rows: Row[] = [];
  for (const [label, size, values] of series) {
    values.forEach((v, m) => {
      rows.push({
        cohort: `${label}-01`,
        cohort_label: label,
        months_since_first: m,
        cohort_size: size,
        cumulative_revenue_per_customer: v,
        partial_period: m === values.length - 1 && label !== '2024-01',
      });
    });
  }
  return {
    rows,
    columns: cols({ cohort: 'DATE', cohort_label: 'VARCHAR', months_since_first: 'INTEGER', cohort_size: 'INTEGER', cumulative_revenue_per_customer: 'DOUBLE', partial_period: 'BOOLEAN' }),
  };
})();

/** One row per customer with R and F scores and the segment map's names. */
export const rfm: Fixture = (() => {
  const cells: [number, number, string, number][] = [
    [5, 5, 'Champions', 6],
    [5, 1, 'New Customers', 4],
    [1, 1, 'Hibernating', 9],
    [2, 1, 'Hibernating', 5],
    [1, 5, "Can't Lose Them", 2],
    [3, 3, 'Need Attention', 3],
  ];
  const rows: Row[] = [];
  let id = 0;
  for (const [r, f, segment, n] of cells) {
    for (let i = 0; i < n; i++) rows.push({ customer_id: `C${String(++id).padStart(3, '0')}`, r_score: r, f_score: f, m_score: 3, segment });
  }
  return { rows, columns: cols({ customer_id: 'VARCHAR', r_score: 'INTEGER', f_score: 'INTEGER', m_score: 'INTEGER', segment: 'VARCHAR' }) };
})();

export const segments: Fixture = {
  columns: cols({ segment: 'VARCHAR', customers: 'INTEGER', customer_share: 'DOUBLE', revenue: 'DOUBLE', revenue_share: 'DOUBLE', all_customers: 'INTEGER' }),
  rows: [
    { segment: 'Champions', customers: 20, customer_share: 20, revenue: 6000, revenue_share: 60, all_customers: 100 },
    { segment: 'Loyal Customers', customers: 30, customer_share: 30, revenue: 3000, revenue_share: 30, all_customers: 100 },
    { segment: 'Potential Loyalists', customers: 0, customer_share: 0, revenue: 0, revenue_share: 0, all_customers: 100 },
    { segment: 'Hibernating', customers: 50, customer_share: 50, revenue: 1000, revenue_share: 10, all_customers: 100 },
  ],
};

export const milestones: Fixture = {
  columns: cols({
    milestone: 'INTEGER', previous_milestone: 'INTEGER', customers: 'INTEGER', customers_at_previous: 'INTEGER',
    customers_reaching: 'INTEGER', conversion: 'DOUBLE', median_days_from_first: 'DOUBLE', median_days_from_previous: 'DOUBLE',
  }),
  rows: [
    { milestone: 2, previous_milestone: 1, customers: 1000, customers_at_previous: 1000, customers_reaching: 400, conversion: 40, median_days_from_first: 20, median_days_from_previous: 20 },
    { milestone: 5, previous_milestone: 2, customers: 1000, customers_at_previous: 400, customers_reaching: 100, conversion: 25, median_days_from_first: 90, median_days_from_previous: 70 },
    { milestone: 10, previous_milestone: 5, customers: 1000, customers_at_previous: 100, customers_reaching: 30, conversion: 30, median_days_from_first: 200, median_days_from_previous: 110 },
  ],
};

/** Days to second order for 20 customers: most within a month, a long tail. */
export const secondOrder: Fixture = (() => {
  const days = [0, 1, 3, 5, 7, 8, 12, 14, 15, 20, 22, 25, 29, 31, 40, 45, 60, 90, 150, 400];
  return {
    columns: cols({ customer_id: 'VARCHAR', days_to_second_order: 'INTEGER', median_days: 'DOUBLE', within_30_days_pct: 'DOUBLE' }),
    rows: days.map((d, i) => ({ customer_id: `C${i}`, days_to_second_order: d, median_days: 17.5, within_30_days_pct: 65 })),
  };
})();

export const ltvFormula: Fixture = {
  columns: cols({
    as_of: 'DATE', annual_churn_rate: 'DOUBLE', measured_lifespan_years: 'DOUBLE', max_lifespan_years: 'DOUBLE', lifespan_years: 'DOUBLE',
    lifespan_source: 'VARCHAR', avg_margin_per_order: 'DOUBLE', margin_source: 'VARCHAR', year_orders: 'INTEGER', year_customers: 'INTEGER',
    purchases_per_year: 'DOUBLE', ltv: 'DOUBLE', history_incomplete: 'BOOLEAN',
  }),
  rows: [
    {
      as_of: '2024-12-31', annual_churn_rate: 50, measured_lifespan_years: 2, max_lifespan_years: 10, lifespan_years: 2,
      lifespan_source: '1 / annual churn rate = 1 / 0.5 = 2 years', avg_margin_per_order: 30, margin_source: 'the gross_margin column',
      year_orders: 3000, year_customers: 1000, purchases_per_year: 3, ltv: 180, history_incomplete: true,
    },
  ],
};

export const nps: Fixture = {
  columns: cols({
    scale: 'VARCHAR', is_total: 'BOOLEAN', period_start: 'DATE', period_label: 'VARCHAR', responses: 'INTEGER', promoters: 'INTEGER',
    passives: 'INTEGER', detractors: 'INTEGER', promoters_pct: 'DOUBLE', detractors_pct: 'DOUBLE', nps: 'DOUBLE', satisfied: 'INTEGER', csat: 'DOUBLE',
  }),
  rows: [
    { scale: 'nps_10', is_total: true, period_start: null, period_label: 'all', responses: 100, promoters: 45, passives: 30, detractors: 25, promoters_pct: 45, detractors_pct: 25, nps: 20, satisfied: null, csat: null },
    { scale: 'nps_10', is_total: false, period_start: '2024-01-01', period_label: '2024-01', responses: 40, promoters: 20, passives: 10, detractors: 10, promoters_pct: 50, detractors_pct: 25, nps: 25, satisfied: null, csat: null },
    { scale: 'nps_10', is_total: false, period_start: '2024-02-01', period_label: '2024-02', responses: 30, promoters: 10, passives: 10, detractors: 10, promoters_pct: 33.333333333333336, detractors_pct: 33.333333333333336, nps: 0, satisfied: null, csat: null },
    { scale: 'nps_10', is_total: false, period_start: '2024-03-01', period_label: '2024-03', responses: 30, promoters: 5, passives: 10, detractors: 15, promoters_pct: 16.666666666666668, detractors_pct: 50, nps: -33.33333333333333, satisfied: null, csat: null },
    { scale: 'rating_5', is_total: true, period_start: null, period_label: 'all', responses: 50, promoters: null, passives: null, detractors: null, promoters_pct: null, detractors_pct: null, nps: null, satisfied: 30, csat: 60 },
    { scale: 'rating_5', is_total: false, period_start: '2024-01-01', period_label: '2024-01', responses: 50, promoters: null, passives: null, detractors: null, promoters_pct: null, detractors_pct: null, nps: null, satisfied: 30, csat: 60 },
  ],
};

export const feedbackRetention: Fixture = {
  columns: cols({ scale: 'VARCHAR', score: 'DOUBLE', score_band: 'VARCHAR', customers: 'INTEGER', repeat_customers: 'INTEGER', repeat_rate: 'DOUBLE' }),
  rows: [
    { scale: 'nps_10', score: 3, score_band: 'detractor', customers: 10, repeat_customers: 3, repeat_rate: 30 },
    { scale: 'nps_10', score: 7, score_band: 'passive', customers: 20, repeat_customers: 10, repeat_rate: 50 },
    { scale: 'nps_10', score: 10, score_band: 'promoter', customers: 30, repeat_customers: 21, repeat_rate: 70 },
    { scale: 'rating_5', score: 1, score_band: 'dissatisfied', customers: 4, repeat_customers: 1, repeat_rate: 25 },
    { scale: 'rating_5', score: 5, score_band: 'satisfied', customers: 16, repeat_customers: 12, repeat_rate: 75 },
  ],
};

export const winBack: Fixture = {
  columns: cols({
    customer_id: 'VARCHAR', last_order_date: 'DATE', days_since_last_order: 'INTEGER', orders: 'INTEGER', revenue: 'DOUBLE',
    lapsed_customers: 'INTEGER', customers: 'INTEGER', lapsed_share: 'DOUBLE', lapsed_revenue: 'DOUBLE',
  }),
  rows: Array.from({ length: 18 }, (_, i) => ({
    customer_id: `C${String(i + 1).padStart(3, '0')}`,
    last_order_date: '2024-01-01',
    days_since_last_order: 200 + i * 10,
    orders: 1 + (i % 4),
    revenue: 2000 - i * 100,
    lapsed_customers: 18,
    customers: 40,
    lapsed_share: 45,
    lapsed_revenue: 20700,
  })),
};

export const feedbackWorst: Fixture = {
  columns: cols({ responded_at: 'TIMESTAMP', scale: 'VARCHAR', score: 'DOUBLE', comment: 'VARCHAR', customer_id: 'VARCHAR', segment: 'VARCHAR', revenue: 'DOUBLE' }),
  rows: [
    { responded_at: '2024-01-02T10:00:00', scale: 'nps_10', score: 0, comment: 'Late again', customer_id: 'C1', segment: 'Champions', revenue: 900 },
    { responded_at: '2024-01-03T10:00:00', scale: 'nps_10', score: 1, comment: 'Broken', customer_id: 'C1', segment: 'Champions', revenue: 900 },
    { responded_at: '2024-01-04T10:00:00', scale: 'rating_5', score: 1, comment: 'No reply', customer_id: 'C2', segment: 'Champions', revenue: 300 },
    { responded_at: '2024-01-05T10:00:00', scale: 'rating_5', score: 1, comment: 'Meh', customer_id: 'C3', segment: 'Hibernating', revenue: 40 },
    { responded_at: '2024-01-06T10:00:00', scale: 'nps_10', score: 2, comment: 'Who are you?', customer_id: null, segment: null, revenue: null },
  ],
};

export const repeatRate: Fixture = {
  columns: cols({ as_of: 'DATE', customers: 'INTEGER', repeat_customers: 'INTEGER', repeat_rate: 'DOUBLE', orders: 'INTEGER', aov: 'DOUBLE' }),
  rows: [{ as_of: '2024-12-31', customers: 1895, repeat_customers: 671, repeat_rate: 35.4089709762533, orders: 5318, aov: 69.37292967280933 }],
};

/**
 * Predictive LTV tracking: cumulative repeat purchases over 10 weeks, calibration
 * ending after week 6 (the chart gets `holdout=6`); the last week is a fraction, as
 * when the data end mid-week.
 */
export const tracking: Fixture = {
  columns: cols({ week: 'DOUBLE', actual: 'DOUBLE', expected: 'DOUBLE' }),
  rows: [
    { week: 1, actual: 2, expected: 1.5 },
    { week: 2, actual: 6, expected: 5.2 },
    { week: 3, actual: 11, expected: 10.4 },
    { week: 4, actual: 15, expected: 15.9 },
    { week: 5, actual: 22, expected: 21.3 },
    { week: 6, actual: 27, expected: 26.5 },
    { week: 7, actual: 30, expected: 31.4 },
    { week: 8, actual: 36, expected: 36.0 },
    { week: 9, actual: 39, expected: 40.3 },
    { week: 9.5, actual: 40, expected: 42.4 },
  ],
};

/** P(alive) at age 8 weeks for 0–4 repeat purchases and recency 0–8, from the published CDNOW fit. */
export const aliveGrid: Fixture = {
  columns: cols({ frequency: 'INTEGER', recency: 'DOUBLE', p_alive: 'DOUBLE' }),
  rows: aliveGridCells({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 4, 8).map((c) => ({ ...c })),
};

/** Six customers by P(alive) band: two likely active (CLV 120 and 80), one 50–75 %, none 25–50 %, two below 25 %, and one exactly at 0.25. */
export const aliveBands: Fixture = {
  columns: cols({ band: 'VARCHAR', lower: 'DOUBLE', upper: 'DOUBLE', customers: 'INTEGER', predicted_clv: 'DOUBLE' }),
  rows: aliveBandRows([
    { p_alive: 1, clv: 120 },
    { p_alive: 0.75, clv: 80 },
    { p_alive: 0.6, clv: 30.5 },
    { p_alive: 0.25, clv: 10 },
    { p_alive: 0.1, clv: 2 },
    { p_alive: 0, clv: 0.5 },
  ]).map((b) => ({ ...b })),
};
