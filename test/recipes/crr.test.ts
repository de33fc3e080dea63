import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/lib/engine/api';
import { loadData, pick, rounded, run, startEngine } from './helpers';
import { SHOP_ORDERS } from './shop';

let engine: EngineApi;
beforeAll(async () => {
  engine = await startEngine();
});
afterAll(async () => {
  await engine.exec('DELETE FROM orders');
});

const COLUMNS = [
  'period_start', 'period_end', 'S', 'E', 'N', 'crr', 'strict_retained_pct', 'churn_rate', 'returning_rate',
  'incomplete_history', 'partial_period',
];

describe('crr on the hand-made shop', () => {
  beforeAll(() => loadData(engine, SHOP_ORDERS));

  it('follows the contract month by month with a 30-day active window', async () => {
    // Active on day d = a completed customer order on a day in [d − 29, d].
    // as_of = 2024-06-28 (the guest order), data start 2024-01-05.
    // incomplete_history: start − 30 < 01-05 → Jan (12-02) and Feb (01-02) only.
    // Jan: S on 12-31 = 0 → CRR NULL; E on 01-31 [01-02..01-31] = {A, B}; N = {A, B}.
    // Feb: S on 01-31 = {A, B}; E on 02-29 [01-31..02-29] = {C}; N = {C}
    //      → (1 − 1) / 2 = 0 %, strict 0/2; returning: Jan buyers {A,B}, both in Feb? no → 0/2.
    // Mar: S on 02-29 = {C}; E on 03-31 [03-02..03-31] = {A, D}; N = {D}
    //      → (2 − 1) / 1 = 100 %, but strictly C was not kept → 0 %; returning 0/1.
    // Apr: S on 03-31 = {A, D}; E on 04-30 = {E} (D's refund 04-01 does not count); N = {E}
    //      → 0 %; returning: Mar buyers {A, D} → 0/2.
    // May: S on 04-30 = {E}; E on 05-31 [05-02..05-31] = {E} (C's 05-01 is just outside, D's
    //      cancelled 05-05 does not count); N = 0 → 100 %; strict 100 %; returning: Apr {E} → 1/1.
    // Jun (partial, ends 06-28): S on 05-31 = {E}; E on 06-28 [05-30..06-28] = {A, E, G}; N = {G}
    //      → (3 − 1) / 1 = 200 % (A came back); strict 1/1; returning: May {C, E}, in Jun {E} → 1/2.
    const result = await run(engine, 'crr', { period: 'month', active_window_days: 30 });
    expect(rounded(pick(result.rows, COLUMNS))).toEqual([
      row('2024-01-01', '2024-01-31', 0, 2, 2, null, null, null, null, true, false),
      row('2024-02-01', '2024-02-29', 2, 1, 1, 0, 0, 100, 0, true, false),
      row('2024-03-01', '2024-03-31', 1, 2, 1, 100, 0, 0, 0, false, false),
      row('2024-04-01', '2024-04-30', 2, 1, 1, 0, 0, 100, 0, false, false),
      row('2024-05-01', '2024-05-31', 1, 1, 0, 100, 100, 0, 100, false, false),
      row('2024-06-01', '2024-06-28', 1, 3, 1, 200, 100, -100, 50, false, true),
    ]);
    // The explanation reads the last complete period with complete history: May.
    expect(result.explanation).toContain('CRR for 2024-05 = (E − N) / S = (1 − 0) / 1 = 100.0 %');
    expect(result.explanation).toContain('active = at least one order in the 30 days up to that day');
    expect(result.warnings.join(' ')).toMatch(/incomplete_history/);
  });

  it('uses calendar quarters and the default 365-day window', async () => {
    // Q1: S on 2023-12-31 = 0 → NULL; E on 03-31 = {A, B, C, D}; N = 4.
    // Q2 (partial, ends 06-28): S on 03-31 = {A, B, C, D}; E on 06-28 = all six; N = {E, G}
    //   → (6 − 2) / 4 = 100 %; strict 4/4; returning: Q1 buyers {A,B,C,D}, in Q2 {A, C} → 50 %.
    // Q2 starts 365 days after 2023-04-01 < 01-05, so its history is incomplete.
    const result = await run(engine, 'crr', { period: 'quarter' });
    expect(rounded(pick(result.rows, COLUMNS))).toEqual([
      row('2024-01-01', '2024-03-31', 0, 4, 4, null, null, null, null, true, false),
      row('2024-04-01', '2024-06-28', 4, 6, 2, 100, 100, 0, 50, true, true),
    ]);
    expect(result.rows.map((r) => r.period_label)).toEqual(['2024-Q1', '2024-Q2']);
    // No period is complete with full history, so no rate may be explained as if it were; the
    // explanation says why, and that no usual shorter window helps (Q1 starts 4 days before the data).
    expect(result.explanation).toBe(
      'No complete quarter with customers at its start has full history for a 365-day active window yet, so no CRR here can be ' +
        'read as real. No window of 90, 60 or 30 days leaves a complete quarter either: choose a shorter period.',
    );
    expect(result.suggestions).toEqual([]);
  });

  it('falls back to a flagged explanation when every complete period has incomplete history', async () => {
    // Months with the 365-day window: every start − 365 is before 01-05. Last complete month with
    // S > 0 is May: S on 04-30 = {A, B, C, D, E}, E on 05-31 = same five, N = 0 → 100 %.
    const result = await run(engine, 'crr', { period: 'month' });
    expect(result.explanation).toContain('CRR for 2024-05 = (E − N) / S = (5 − 0) / 5 = 100.0 %');
    expect(result.explanation).toContain('inflated');
  });

  it('ignores orders after as_of and ends the last period on as_of', async () => {
    // as_of 03-15, window 30: Mar ends 03-15 (partial): S on 02-29 = {C}; E on 03-15
    // [02-15..03-15] = {A, D}; N = {D} → (2 − 1) / 1 = 100 %. Nothing after 03-15 exists.
    const result = await run(engine, 'crr', { as_of: '2024-03-15', active_window_days: 30 });
    expect(rounded(pick(result.rows, COLUMNS)).at(-1)).toEqual(
      row('2024-03-01', '2024-03-15', 1, 2, 1, 100, 0, 0, 0, false, true),
    );
    expect(result.rows).toHaveLength(3);
  });

  it('keeps periods in which nobody ordered', async () => {
    // as_of 08-31, window 30: July and August have no orders.
    // Jul: S on 06-30 [06-01..06-30] = {A, E, G}; E on 07-31 = nobody; N = 0 → (0 − 0) / 3 = 0 %;
    //      returning: Jun buyers {A, E, G}, none in Jul → 0 %.
    // Aug: S on 07-31 = 0 → CRR NULL; no July buyers → returning NULL. Aug ends on as_of: not partial.
    const result = await run(engine, 'crr', { as_of: '2024-08-31', active_window_days: 30 });
    expect(rounded(pick(result.rows, COLUMNS)).slice(-2)).toEqual([
      row('2024-07-01', '2024-07-31', 3, 0, 0, 0, 0, 100, 0, false, false),
      row('2024-08-01', '2024-08-31', 0, 0, 0, null, null, null, null, false, false),
    ]);
  });

  it('makes one row per calendar year', async () => {
    const years = await run(engine, 'crr', { period: 'year' });
    expect(pick(years.rows, ['period_start', 'period_end', 'period_label', 'S', 'E', 'N', 'partial_period'])).toEqual([
      { period_start: '2024-01-01', period_end: '2024-06-28', period_label: '2024', S: 0, E: 6, N: 6, partial_period: true },
    ]);
  });

  it('rejects bad parameters with a readable message', async () => {
    await expect(run(engine, 'crr', { period: 'week' })).rejects.toThrow('period must be month, quarter or year, not "week".');
    await expect(run(engine, 'crr', { active_window_days: 0 })).rejects.toThrow(/active_window_days must be a whole number of days, 1 or more/);
    await expect(run(engine, 'crr', { active_window_days: 2.5 })).rejects.toThrow(/active_window_days must be a whole number/);
    await expect(run(engine, 'crr', { as_of: '2024-02-30' })).rejects.toThrow(/as_of must be a date written YYYY-MM-DD/);
  });
});

describe('crr with a window shorter than the period', () => {
  it('keeps a customer who lapses inside the period and comes back before its end', async () => {
    // Q2 2024 (04-01..06-30), 30-day window, as_of 06-30; data start 01-01, so Q2's history
    // is complete (04-01 − 30 = 03-02). Active on 03-31 = an order in [03-02, 03-31]; on 06-30,
    // in [06-01, 06-30].
    // k1: 03-20, 04-10, 06-20 → active at the start and the end, though lapsed in May: kept.
    // k2: 03-20, 04-10 → active at the start only. k3: 03-25, 06-05 → kept. k4: 03-15 → not.
    // x0: 01-01 only (not active on 03-31). n1: new on 05-01, again 06-25.
    // S = {k1..k4} = 4, E = {k1, k3, n1} = 3, N = 1 → CRR (3 − 1) / 4 = 50 %; strict {k1, k3} = 50 %;
    // returning: Q1 buyers {x0, k1..k4}, in Q2 {k1, k2, k3} → 60 %.
    await engine.exec(`
      DELETE FROM orders;
      INSERT INTO orders VALUES
        ('o1', 'x0', TIMESTAMP '2024-01-01 10:00', 10, NULL, 'completed', NULL),
        ('o2', 'k1', TIMESTAMP '2024-03-20 10:00', 10, NULL, 'completed', NULL),
        ('o3', 'k1', TIMESTAMP '2024-04-10 10:00', 10, NULL, 'completed', NULL),
        ('o4', 'k1', TIMESTAMP '2024-06-20 10:00', 10, NULL, 'completed', NULL),
        ('o5', 'k2', TIMESTAMP '2024-03-20 10:00', 10, NULL, 'completed', NULL),
        ('o6', 'k2', TIMESTAMP '2024-04-10 10:00', 10, NULL, 'completed', NULL),
        ('o7', 'k3', TIMESTAMP '2024-03-25 10:00', 10, NULL, 'completed', NULL),
        ('o8', 'k3', TIMESTAMP '2024-06-05 10:00', 10, NULL, 'completed', NULL),
        ('o9', 'k4', TIMESTAMP '2024-03-15 10:00', 10, NULL, 'completed', NULL),
        ('o10', 'n1', TIMESTAMP '2024-05-01 10:00', 10, NULL, 'completed', NULL),
        ('o11', 'n1', TIMESTAMP '2024-06-25 10:00', 10, NULL, 'completed', NULL);
    `);
    const result = await run(engine, 'crr', { period: 'quarter', as_of: '2024-06-30', active_window_days: 30 });
    expect(rounded(pick(result.rows, COLUMNS)).at(-1)).toEqual(row('2024-04-01', '2024-06-30', 4, 3, 1, 50, 50, 50, 60, false, false));
  });
});

describe('crr reproduces the seeds’ worked examples exactly', () => {
  it('S = 80, N = 20, E = 60 → 50 % (seed 001)', async () => {
    // Yearly periods, 365-day window, as_of 2023-12-31 (2023 complete).
    // 80 customers order on 2022-01-01 (the first day of the data): all active on 2022-12-31 → S = 80.
    // 40 of them order again on 2023-06-15; 20 new customers first order on 2023-03-01.
    // Active on 2023-12-31 = ordered in 2023 → E = 40 + 20 = 60; N = 20.
    // Churned customers' cancelled and refunded 2023 orders, and guest orders, must not count.
    // 2023 starts exactly 365 days after the first order: history complete.
    await engine.exec(`
      DELETE FROM orders;
      INSERT INTO orders SELECT 's' || i, 's' || i, TIMESTAMP '2022-01-01 10:00', 10, NULL, 'completed', NULL FROM range(1, 81) t(i);
      INSERT INTO orders SELECT 'r' || i, 's' || i, TIMESTAMP '2023-06-15 10:00', 10, NULL, 'completed', NULL FROM range(1, 41) t(i);
      INSERT INTO orders SELECT 'n' || i, 'n' || i, TIMESTAMP '2023-03-01 10:00', 10, NULL, 'completed', NULL FROM range(1, 21) t(i);
      INSERT INTO orders VALUES
        ('x1', 's41', TIMESTAMP '2023-05-01 10:00', 10, NULL, 'cancelled', NULL),
        ('x2', 's42', TIMESTAMP '2023-05-02 10:00', 10, NULL, 'refunded', NULL),
        ('x3', NULL, TIMESTAMP '2023-07-01 10:00', 10, NULL, 'completed', NULL);
    `);
    const result = await run(engine, 'crr', { period: 'year', as_of: '2023-12-31' });
    const year = result.rows.find((r) => r.period_start === '2023-01-01');
    expect(pick([year!], ['S', 'E', 'N', 'crr', 'strict_retained_pct', 'churn_rate', 'incomplete_history', 'partial_period'])).toEqual([
      { S: 80, E: 60, N: 20, crr: 50, strict_retained_pct: 50, churn_rate: 50, incomplete_history: false, partial_period: false },
    ]);
    expect(result.explanation).toContain('CRR for 2023 = (E − N) / S = (60 − 20) / 80 = 50.0 %.');
    expect(result.explanation).toContain('S = 80 customers');
  });

  it('S = 10,000, N = 5,500, churned 2,500, E = 13,000 → 75 % (seed 002)', async () => {
    // Monthly periods, 31-day window, as_of 2024-03-31. Data start 2024-01-01.
    // 10,000 customers: first order 2024-01-01, again on 02-15 → active on 02-29 → S(March) = 10,000.
    // 7,500 of them order on 03-10 (2,500 churn); 5,500 new customers first order on 03-20.
    // Active on 03-31 = ordered in [03-01, 03-31] → E = 7,500 + 5,500 = 13,000; N = 5,500.
    // March starts 31 days after 01-30 ≥ 01-01: complete history.
    await engine.exec(`
      DELETE FROM orders;
      INSERT INTO orders SELECT 'a' || i, 'c' || i, TIMESTAMP '2024-01-01 09:00', 20, NULL, 'completed', NULL FROM range(1, 10001) t(i);
      INSERT INTO orders SELECT 'b' || i, 'c' || i, TIMESTAMP '2024-02-15 09:00', 20, NULL, 'completed', NULL FROM range(1, 10001) t(i);
      INSERT INTO orders SELECT 'k' || i, 'c' || i, TIMESTAMP '2024-03-10 09:00', 20, NULL, 'completed', NULL FROM range(1, 7501) t(i);
      INSERT INTO orders SELECT 'n' || i, 'new' || i, TIMESTAMP '2024-03-20 09:00', 20, NULL, 'completed', NULL FROM range(1, 5501) t(i);
    `);
    const result = await run(engine, 'crr', { period: 'month', as_of: '2024-03-31', active_window_days: 31 });
    expect(pick(result.rows, ['period_start', 'S', 'E', 'N', 'crr', 'strict_retained_pct', 'incomplete_history', 'partial_period']).at(-1)).toEqual(
      { period_start: '2024-03-01', S: 10000, E: 13000, N: 5500, crr: 75, strict_retained_pct: 75, incomplete_history: false, partial_period: false },
    );
    expect(result.explanation).toContain('CRR for 2024-03 = (E − N) / S = (13,000 − 5,500) / 10,000 = 75.0 %.');
    expect(result.explanation).toContain('churn rate = 100 − CRR = 25.0 %');
  });
});

function row(
  period_start: string, period_end: string, S: number, E: number, N: number,
  crr: number | null, strict_retained_pct: number | null, churn_rate: number | null, returning_rate: number | null,
  incomplete_history: boolean, partial_period: boolean,
) {
  return { period_start, period_end, S, E, N, crr, strict_retained_pct, churn_rate, returning_rate, incomplete_history, partial_period };
}
