import { beforeAll, describe, expect, test } from 'vitest';
import { INCOMPLETE_NOTE, renderChart } from '../../src/lib/charts/index';
import { RECIPE_IDS } from '../../src/lib/recipes/index';
import { all, countIn, makeDocument, sampleEngine, sampleRecipe, texts } from './helpers';
import type { PredictiveLtvResult } from '../../src/lib/recipes/ltvPredictive/types';

/** The real recipes on sample-data, drawn as the notebook would: the header's chart id and options. */

let document: Document;
beforeAll(() => {
  document = makeDocument();
});

async function drawRecipe(id: string, params: Record<string, string> = {}, preset?: string): Promise<{ el: Element; rows: Awaited<ReturnType<typeof sampleRecipe>>['rows'] }> {
  const result = await sampleRecipe(id, params);
  const el = renderChart({ preset: preset ?? result.chart }, result.rows, result.columns, {
    width: 720,
    document,
    chartOptions: preset ? {} : result.chartOptions,
  });
  return { el, rows: result.rows };
}

describe('every recipe on the sample data', () => {
  test.each([...RECIPE_IDS])('%s draws a chart, not a message', async (id) => {
    const { el, rows } = await drawRecipe(id);
    expect(rows.length).toBeGreaterThan(0);
    expect(el.classList.contains('recur-chart-message'), el.textContent ?? '').toBe(false);
    expect(el.getAttribute('role')).toBe('img');
    expect((el.getAttribute('aria-label') ?? '').length).toBeGreaterThan(40);
    expect(el.querySelector('svg')).not.toBeNull();
  });
});

describe('crr', () => {
  test('monthly: one dot per period with a CRR, incomplete ones hollow, benchmarks labelled', async () => {
    const { el, rows } = await drawRecipe('crr');
    const drawn = rows.filter((r) => typeof r.crr === 'number');
    const open = drawn.filter((r) => r.incomplete_history === true || r.partial_period === true);
    expect(open.length).toBeGreaterThan(0);
    expect(countIn(el, 'crr-dot', 'circle')).toBe(drawn.length - open.length);
    expect(countIn(el, 'crr-dot-open', 'circle')).toBe(open.length);
    expect(countIn(el, 'crr-line-open', 'path')).toBeGreaterThanOrEqual(open.length);
    expect(all(el, 'g.crr-benchmark-label text').map((t) => t.textContent)).toEqual([
      'small business aim ≥ 20 %',
      'e-commerce/SaaS doing very well ≥ 35 %',
      'insurance & media > 79 %',
    ]);
    expect(el.textContent).toContain(INCOMPLETE_NOTE);
    expect(el.getAttribute('aria-label')).toContain('per month');
    // The y axis stays 0–100 % however high CRR is.
    expect(all(el, 'g[aria-label="y-axis tick label"] text').map((t) => t.textContent)).toEqual(['0 %', '20 %', '40 %', '60 %', '80 %', '100 %']);
  });

  test('quarterly with as_of inside a quarter: the last period is marked partial', async () => {
    const { el, rows } = await drawRecipe('crr', { period: 'quarter', as_of: '2024-11-15' });
    expect(rows[rows.length - 1].partial_period).toBe(true);
    expect(all(el, 'g.crr-partial-label text').map((t) => t.textContent)).toEqual(['partial']);
    expect(el.textContent).toContain(`partial period: ${rows[rows.length - 1].period_label} is not over yet`);
    expect(el.getAttribute('aria-label')).toContain('per quarter');
  });
});

describe('cohort retention', () => {
  test('heat-map: one cell per cohort × offset, offset 0 neutral, labels in the cells', async () => {
    const { el, rows } = await drawRecipe('cohort-retention');
    const cohorts = new Set(rows.map((r) => r.cohort));
    const zero = rows.filter((r) => r.offset === 0).length;
    expect(zero).toBe(cohorts.size);
    const cells = countIn(el, 'cohort-cell', 'rect') + countIn(el, 'cohort-cell-partial', 'rect') + countIn(el, 'cohort-cell-base', 'rect');
    expect(cells).toBe(rows.length);
    expect(countIn(el, 'cohort-cell-base', 'rect')).toBe(cohorts.size);
    expect(all(el, 'g.cohort-label text')).toHaveLength(rows.length);
    expect(all(el, 'g[aria-label="y-axis tick label"] text')).toHaveLength(cohorts.size);
    expect(el.getAttribute('aria-label')).toContain(`${cohorts.size} monthly cohorts`);
  });

  test('quarterly with as_of inside a quarter: partial cells are dashed', async () => {
    const { el, rows } = await drawRecipe('cohort-retention', { period: 'quarter', as_of: '2024-11-15' });
    const partial = rows.filter((r) => r.partial_period === true && r.offset !== 0).length;
    expect(partial).toBeGreaterThan(0);
    expect(countIn(el, 'cohort-cell-partial', 'rect')).toBe(partial);
    expect(el.querySelector('g.cohort-cell-partial')?.getAttribute('stroke-dasharray')).toBe('3,2');
  });

  test('retention curves: one line per cohort plus the overall curve', async () => {
    const { el, rows } = await drawRecipe('cohort-retention', {}, 'retention-curves');
    const cohorts = new Set(rows.filter((r) => r.offset !== 0).map((r) => r.cohort));
    const strokes = new Set(all(el, 'g.curve-line path').map((p) => p.getAttribute('stroke')));
    expect(strokes.size).toBe(cohorts.size);
    expect(countIn(el, 'curve-overall', 'path')).toBe(1);
  });
});

describe('the other recipes', () => {
  test('ltv-historical, rfm, rfm-segments, milestones and time-to-second-order draw their purpose-built charts', async () => {
    expect((await drawRecipe('ltv-historical')).el.querySelector('g.curve-overall')).not.toBeNull();
    const rfm = await drawRecipe('rfm');
    expect(countIn(rfm.el, 'rfm-cell', 'rect') + countIn(rfm.el, 'rfm-cell-empty', 'rect')).toBe(25);
    expect(texts(rfm.el).join(' ')).toContain("Can't Lose Them");
    const segments = await drawRecipe('rfm-segments');
    expect(countIn(segments.el, 'segment-bar', 'rect')).toBe(2 * segments.rows.length);
    const milestones = await drawRecipe('milestones');
    expect(countIn(milestones.el, 'funnel-bar', 'rect')).toBe(milestones.rows.length + 1);
    const second = await drawRecipe('time-to-second-order');
    expect(all(second.el, 'g.histogram-bin rect title').reduce((s, t) => s + Number(/: ([\d,]+)$/.exec(t.textContent ?? '')?.[1].replace(/,/g, '')), 0)).toBe(second.rows.length);
  });

  test('ltv-formula, feedback-nps, feedback-retention, win-back and feedback-worst', async () => {
    expect((await drawRecipe('ltv-formula')).el.querySelectorAll('g.ltv-factor')).toHaveLength(3);
    const nps = await drawRecipe('feedback-nps');
    const periods = nps.rows.filter((r) => r.scale === 'nps_10' && r.is_total === false).length;
    expect(countIn(nps.el, 'nps-bar', 'rect')).toBe(3 * periods);
    expect(all(nps.el, 'g.nps-value text')).toHaveLength(periods);
    const feedback = await drawRecipe('feedback-retention');
    expect(countIn(feedback.el, 'feedback-bar', 'rect')).toBe(feedback.rows.length);
    expect(countIn((await drawRecipe('win-back')).el, 'winback-bar', 'rect')).toBe(15);
    expect((await drawRecipe('feedback-worst')).el.querySelector('g.worst-bar')).not.toBeNull();
  });
});

describe('ltv-predictive', () => {
  test('its tracking curve and P(alive) grid on the sample data, drawn as the notebook cell draws them', async () => {
    const engine = await sampleEngine();
    const { params, tracking, aliveGrid } = (await engine.runModelStep('ltv-predictive', { calibration_end: '2024-06-30' })) as PredictiveLtvResult;
    const el = renderChart({ preset: 'ltv-tracking' }, tracking, [], { width: 720, document, chartOptions: { holdout: String(params.calibration_weeks) } });
    expect(el.classList.contains('recur-chart-message'), el.textContent ?? '').toBe(false);
    expect(countIn(el, 'tracking-holdout', 'line')).toBe(1);
    expect(el.getAttribute('aria-label')).toContain(`with the holdout from week ${params.calibration_weeks.toFixed(2).replace(/0+$/, '')} shaded`);
    // Tracking weeks are whole: the last one inside calibration holds nearly all its repeat purchases.
    const lastCalibrationWeek = tracking.filter((p) => p.week <= params.calibration_weeks).at(-1)!;
    expect(lastCalibrationWeek.actual).toBeLessThanOrEqual(params.calibration_repeat_purchases);
    expect(el.getAttribute('aria-label')).toContain(`Last calibration week (week ${lastCalibrationWeek.week}): ${lastCalibrationWeek.actual.toLocaleString('en-US')} actual`);
    const heat = renderChart({ preset: 'p-alive-heatmap' }, aliveGrid, [], {
      width: 720,
      document,
      chartOptions: { age: String(params.alive_grid_T), unit: params.time_unit },
    });
    expect(countIn(heat, 'alive-cell', 'rect')).toBe(aliveGrid.length);
    expect(heat.getAttribute('aria-label')).toContain(`for a customer first seen ${params.alive_grid_T} weeks ago`);
  });
});
