import { beforeAll, describe, expect, test } from 'vitest';
import { CRR_BENCHMARKS, INCOMPLETE_NOTE, PRESETS, chartToSvgString, findPreset, renderChart } from '../../src/lib/charts/index';
import { WIN_BACK_TOP } from '../../src/lib/charts/presets/winBack';
import { ACCENT, MUTED, PAPER, SEQUENTIAL, WARM } from '../../src/lib/charts/theme';
import { RECIPE_IDS, recipes } from '../../src/lib/recipes/index';
import * as F from './fixtures';
import { all, cols, countIn, expectGolden, makeDocument, texts, type Row } from './helpers';

let document: Document;
beforeAll(() => {
  document = makeDocument();
});

function draw(preset: string, fixture: F.Fixture, width = 640, chartOptions: Record<string, string> = {}): Element {
  return renderChart({ preset }, fixture.rows, fixture.columns, { width, document, chartOptions });
}
const label = (el: Element) => el.getAttribute('aria-label') ?? '';
const message = (el: Element) => (el.classList.contains('recur-chart-message') ? (el.querySelector('p')?.textContent ?? '') : null);
const notes = (el: Element) => all(el, '.recur-chart-note').map((n) => n.textContent ?? '');
const legend = (el: Element) => all(el, '.recur-chart-key').map((k) => k.textContent ?? '');
const textsIn = (el: Element, className: string) => all(el, `g.${className} text`).map((t) => t.textContent ?? '');
const ticks = (el: Element, axis: string) => all(el, `g[aria-label="${axis}-axis tick label"] text`).map((t) => t.textContent ?? '');
const groupAttr = (el: Element, className: string, attr: string) => el.querySelector(`g.${className}`)?.getAttribute(attr) ?? null;
/** A hex colour as Plot's interpolated fills write it. */
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
/** Each multi-line label's lines (Plot writes them as tspans). */
const lines = (el: Element, className: string) => all(el, `g.${className} text`).map((t) => all(t, 'tspan').map((s) => s.textContent ?? ''));

describe('registry', () => {
  test('every chart id a recipe header names has a preset', () => {
    const ids = recipes.sqlRecipes.map((r) => r.chart);
    expect(ids.length).toBeGreaterThanOrEqual(13);
    for (const id of ids) expect(findPreset(id), id).toBeDefined();
  });

  test('every recipe id names a preset too, and it draws that recipe', () => {
    for (const id of RECIPE_IDS) {
      const preset = findPreset(id);
      expect(preset, id).toBeDefined();
      expect(preset!.recipes, id).toContain(id);
    }
  });

  test('ids and aliases are unique', () => {
    const names = PRESETS.flatMap((p) => [p.id, ...(p.aliases ?? [])]);
    expect(new Set(names).size).toBe(names.length);
  });

  test('an unknown preset falls back to the default chart and says so', () => {
    const el = draw('sparkle', F.segments);
    expect(el.getAttribute('data-chart')).toBe('sparkle');
    expect(countIn(el, 'generic-bar', 'rect')).toBe(4);
    expect(notes(el)).toContain('There is no "sparkle" chart; showing a default chart instead.');
  });

  test.each(PRESETS.map((p) => p.id))('%s: no rows → "No rows to draw"', (id) => {
    const el = renderChart({ preset: id }, [], F.crr.columns, { width: 500, document });
    expect(message(el)).toBe('No rows to draw');
    expect(el.getAttribute('role')).toBe('img');
  });

  test.each([
    ['crr', 'The CRR chart needs the columns "period_start", "crr"'],
    ['cohort-heatmap', 'The cohort heat-map chart needs the columns "cohort", "offset", "retention"'],
    ['retention-curves', 'The retention curves chart needs the columns "offset", "retention", "cohort"'],
    ['cohort-curves', 'The cohort curves chart needs the columns "months_since_first", "cumulative_revenue_per_customer", "cohort"'],
    ['rfm-grid', 'The RFM grid chart needs the columns "f_score", "r_score"'],
    ['segment-bar', 'The segment bar chart needs the column "customers"'],
    ['funnel', 'The milestone funnel chart needs the columns "milestone", "customers_reaching"'],
    ['histogram', 'The histogram chart needs the column "days_to_second_order"'],
    ['ltv-formula', 'The LTV formula chart needs the columns "lifespan_years", "avg_margin_per_order", "purchases_per_year", "ltv"'],
    ['nps', 'The NPS chart needs the column "nps"'],
    ['feedback-retention', 'The feedback retention chart needs the columns "score", "repeat_rate"'],
    ['win-back', 'The win-back chart needs the columns "customer_id", "revenue"'],
    ['feedback-worst', 'The worst feedback chart needs the column "comment"'],
    ['ltv-tracking', 'The tracking chart needs the columns "week", "actual", "expected"'],
    ['p-alive-heatmap', 'The P(alive) heat-map chart needs the columns "frequency", "recency", "p_alive"'],
    ['p-alive-bands', 'The P(alive) bands chart needs the columns "band", "customers", "predicted_clv"'],
  ])('%s names the columns it misses', (id, expected) => {
    const el = renderChart({ preset: id }, [{ segment: 'x' }], cols({ segment: 'VARCHAR' }), { width: 500, document });
    expect(message(el)).toBe(`${expected}, which this result does not have`);
  });
});

describe('crr', () => {
  test('complete periods are filled dots on a solid line; incomplete and partial ones hollow and dashed', () => {
    const el = draw('crr', F.crr);
    expect(countIn(el, 'crr-dot', 'circle')).toBe(3);
    expect(groupAttr(el, 'crr-dot', 'fill')).toBe(ACCENT);
    expect(countIn(el, 'crr-dot-open', 'circle')).toBe(4);
    expect(groupAttr(el, 'crr-dot-open', 'fill')).toBe(PAPER);
    expect(groupAttr(el, 'crr-dot-open', 'stroke')).toBe(ACCENT);
    expect(countIn(el, 'crr-line', 'path')).toBe(1);
    expect(groupAttr(el, 'crr-line', 'stroke-dasharray')).toBeNull();
    expect(countIn(el, 'crr-line-open', 'path')).toBe(4);
    expect(groupAttr(el, 'crr-line-open', 'stroke-dasharray')).toBe('4,3');
    expect(countIn(el, 'crr-incomplete-band', 'rect')).toBe(1);
    expect(lines(el, 'crr-incomplete-label').map((l) => l.join(' '))).toEqual([INCOMPLETE_NOTE]);
    expect(textsIn(el, 'crr-partial-label')).toEqual(['partial']);
  });

  test('benchmark rules at 20, 35 and 79 % with their labels, on a 0–100 % axis', () => {
    const el = draw('crr', F.crr);
    expect(countIn(el, 'crr-benchmark', 'line')).toBe(3);
    expect(textsIn(el, 'crr-benchmark-label')).toEqual(['small business aim ≥ 20 %', 'e-commerce/SaaS doing very well ≥ 35 %', 'insurance & media > 79 %']);
    expect(CRR_BENCHMARKS.map((b) => b.value)).toEqual([20, 35, 79]);
    expect(ticks(el, 'y')).toEqual(['0 %', '20 %', '40 %', '60 %', '80 %', '100 %']);
    const ys = all(el, 'g.crr-benchmark line').map((l) => Number(l.getAttribute('y1')));
    expect(ys[0]).toBeGreaterThan(ys[1]);
    expect(ys[1]).toBeGreaterThan(ys[2]);
  });

  test('a CRR above 100 % widens the axis above 100 % (and below 0 for its churn) and says why', () => {
    // 2024-Q3 at 105 %: E − N = 178.5 > S = 170, so churn is −5 %.
    const over = { ...F.crr, rows: F.crr.rows.map((r) => (r.period_label === '2024-Q3' ? { ...r, E: 198.5, crr: 105, churn_rate: -5 } : r)) };
    const el = draw('crr', over);
    expect(ticks(el, 'y')).toEqual(['0 %', '20 %', '40 %', '60 %', '80 %', '100 %']);
    const yOf = (text: string) => {
      const tick = all(el, 'g[aria-label="y-axis tick label"] text').find((t) => t.textContent === text);
      return Number(/,([\d.]+)\)/.exec(tick?.getAttribute('transform') ?? '')?.[1]);
    };
    const q3 = all(el, 'g.crr-dot circle').find((c) => c.querySelector('title')?.textContent?.startsWith('2024-Q3'));
    // Drawn above the 100 % line, inside the plot, rather than clipped onto it.
    expect(Number(q3?.getAttribute('cy'))).toBeLessThan(yOf('100 %') - 5);
    expect(Number(q3?.getAttribute('cy'))).toBeGreaterThan(0);
    expect(notes(el)).toContain('CRR above 100 % in 2024-Q3: customers who had lapsed came back (they count in E but in neither S nor N).');
    expect(label(el)).toContain('on a −10–110 % scale');
  });

  test('churn is a lighter second line; churn=none hides it', () => {
    const el = draw('crr', F.crr);
    expect(countIn(el, 'churn-dot', 'circle')).toBe(7);
    expect(groupAttr(el, 'churn-line', 'stroke')).toBe(WARM);
    expect(groupAttr(el, 'churn-line', 'stroke-opacity')).toBe('0.7');
    expect(legend(el)).toEqual(['CRR', 'churn rate (100 − CRR)', 'incomplete history', 'partial period', 'benchmarks']);
    const without = draw('crr', F.crr, 640, { churn: 'none' });
    expect(without.querySelector('g.churn-line, g.churn-dot')).toBeNull();
    expect(legend(without)).not.toContain('churn rate (100 − CRR)');
  });

  test('notes, tooltips and the aria-label say what is inflated, partial and missing', () => {
    const el = draw('crr', F.crr);
    expect(notes(el)).toEqual([
      'incomplete history: CRR inflated for 2023-Q1 – 2023-Q4: these periods begin before anyone could have lapsed (hollow dots, dashed line, shaded).',
      'partial period: 2024-Q4 is not over yet, so its CRR can still change.',
      'No CRR for 2023-Q1: no customers were active at the start.',
    ]);
    expect(all(el, 'g.crr-dot circle title')[0].textContent).toBe('2024-Q1\nCRR 86.7 % = (160 − 30) / 150\nchurn 13.3 %');
    expect(all(el, 'g.crr-dot-open circle title')[0].textContent).toContain(INCOMPLETE_NOTE);
    expect(label(el)).toContain('Customer retention rate per quarter.');
    expect(label(el)).toContain('Latest complete quarter 2024-Q3: CRR 89.4 %, churn 10.6 %.');
    expect(label(el)).toContain('4 periods with incomplete history (CRR inflated) drawn hollow and dashed.');
    expect(label(el)).toContain('Benchmark rules at 20 %, 35 %, 79 %.');
  });

  test('header options rename the columns', () => {
    const rows = F.crr.rows.map(({ incomplete_history, crr, ...rest }) => ({ ...rest, early: incomplete_history, rate: crr }));
    const el = renderChart({ preset: 'crr' }, rows, [], { width: 640, document, chartOptions: { y: 'rate', flag: 'early' } });
    expect(countIn(el, 'crr-dot', 'circle')).toBe(3);
    expect(countIn(el, 'crr-dot-open', 'circle')).toBe(4);
  });

  test('only null CRR → a message', () => {
    const rows = F.crr.rows.map((r) => ({ ...r, crr: null }));
    expect(message(renderChart({ preset: 'crr' }, rows, F.crr.columns, { width: 500, document }))).toBe('No CRR values to draw: every period has crr empty');
  });
});

describe('cohort heat-map', () => {
  test('cohorts down (oldest first), offsets across, offset 0 neutral, partial cells faded and dashed', () => {
    const shuffled = { ...F.cohorts, rows: [...F.cohorts.rows].reverse() };
    const el = draw('cohort-heatmap', shuffled);
    expect(ticks(el, 'y')).toEqual(['2024-01 · 50', '2024-02 · 40', '2024-03 · 60', '2024-04 · 30']);
    expect(ticks(el, 'x')).toEqual(['0', '1', '2', '3']);
    expect(countIn(el, 'cohort-cell-base', 'rect')).toBe(4);
    expect(countIn(el, 'cohort-cell', 'rect')).toBe(3);
    expect(countIn(el, 'cohort-cell-partial', 'rect')).toBe(3);
    expect(groupAttr(el, 'cohort-cell-partial', 'stroke-dasharray')).toBe('3,2');
    expect(groupAttr(el, 'cohort-cell-partial', 'fill-opacity')).toBe('0.45');
    expect(textsIn(el, 'cohort-label').sort()).toEqual(['100 %', '100 %', '100 %', '100 %', '18 %', '20 %', '22 %', '25 %', '30 %', '35 %'].sort());
  });

  test('colour spreads over offsets ≥ 1: the highest retention gets the darkest teal', () => {
    const el = draw('cohort-heatmap', F.cohorts);
    const fills = all(el, 'g.cohort-cell-partial rect').map((r) => r.getAttribute('fill'));
    expect(fills).toContain(rgb(SEQUENTIAL[1]));
    expect(el.querySelector('svg.recur-chart-ramp')).not.toBeNull();
    expect(texts(el.querySelector('svg.recur-chart-ramp')!)).toContain('0 %');
  });

  test('labels, notes and aria-label', () => {
    const el = draw('cohort-heatmap', F.cohorts);
    expect(label(el)).toContain('Cohort retention by month.');
    expect(label(el)).toContain('4 monthly cohorts (2024-01 to 2024-04, oldest at the top)');
    expect(label(el)).toContain('One month on, retention ranges from 25.0 % (2024-02) to 30.0 % (2024-01).');
    expect(notes(el)[0]).toBe('partial period: the latest period is not over yet; its 4 cells are faded with a dashed border.');
  });

  test('cells too small for text get none, and a note says so', () => {
    const many: Row[] = [];
    for (let offset = 0; offset < 40; offset++) many.push({ cohort: '2021-01-01', cohort_label: '2021-01', offset, retention: offset === 0 ? 100 : 10, cohort_size: 10, partial_period: false });
    const el = renderChart({ preset: 'cohort-retention' }, many, [], { width: 400, document });
    expect(countIn(el, 'cohort-cell', 'rect')).toBe(39);
    expect(el.querySelector('g.cohort-label')).toBeNull();
    expect(notes(el)).toContain('The cells are too small for their values; hover a cell, or widen the chart, to read it.');
  });
});

describe('cohort curves', () => {
  test('retention curves: one line per cohort, open last points dashed, a size-weighted line over all', () => {
    const el = draw('retention-curves', F.cohorts);
    expect(countIn(el, 'curve-line', 'path')).toBe(2);
    expect(countIn(el, 'curve-line-open', 'path')).toBe(2);
    expect(groupAttr(el, 'curve-line-open', 'stroke-dasharray')).toBe('3,3');
    expect(countIn(el, 'curve-dot-open', 'circle')).toBe(3);
    expect(countIn(el, 'curve-overall', 'path')).toBe(1);
    // 2024-04 has only offset 0, which is left out.
    expect(legend(el)).toEqual(['all cohorts (size-weighted)', '2024-01', '2024-02', '2024-03']);
    expect(label(el)).toContain('Across all cohorts: 27.8 % at 1, 22.0 % at 2.');
    expect(notes(el)[0]).toMatch(/^Offset 0 .* is left out/);
    expect(ticks(el, 'x')).not.toContain('0');
  });

  test('historical LTV curves keep month 0 and draw money, not percent', () => {
    const el = draw('cohort-curves', F.ltvCurves);
    expect(countIn(el, 'curve-line', 'path')).toBe(3);
    expect(countIn(el, 'curve-line-open', 'path')).toBe(2);
    expect(countIn(el, 'curve-dot-open', 'circle')).toBe(2);
    expect(label(el)).toContain('Across all cohorts: 83.33 at 0, 125 at 3.');
    expect(ticks(el, 'y').some((t) => t.endsWith('%'))).toBe(false);
    expect(el.querySelector('.recur-chart-title')?.textContent).toBe('Cumulative revenue per customer by cohort');
    expect(draw('ltv-historical', F.ltvCurves).getAttribute('aria-label')).toBe(label(el));
  });

  test('more than six cohorts are shaded old → new instead of named', () => {
    const rows: Row[] = [];
    for (let c = 1; c <= 8; c++) for (let m = 0; m < 3; m++) rows.push({ cohort: `2024-0${c}-01`, cohort_label: `2024-0${c}`, months_since_first: m, cumulative_revenue_per_customer: 50 + m * 10 + c, cohort_size: 10, partial_period: false });
    const el = renderChart({ preset: 'cohort-curves' }, rows, [], { width: 600, document });
    expect(legend(el)).toEqual(['all cohorts (size-weighted)', 'oldest cohort 2024-01', 'newest 2024-08']);
    expect(new Set(all(el, 'g.curve-line path').map((p) => p.getAttribute('stroke'))).size).toBe(8);
  });
});

describe('rfm grid', () => {
  test('R down (5 on top) × F across, one cell per score pair, segment names and counts in cells', () => {
    const el = draw('rfm-grid', F.rfm);
    expect(ticks(el, 'y')).toEqual(['5', '4', '3', '2', '1']);
    expect(ticks(el, 'x')).toEqual(['1', '2', '3', '4', '5']);
    expect(countIn(el, 'rfm-cell', 'rect')).toBe(6);
    expect(countIn(el, 'rfm-cell-empty', 'rect')).toBe(19);
    const cellLines = lines(el, 'rfm-label');
    expect(cellLines).toContainEqual(['Champions', '6']);
    expect(cellLines).toContainEqual(["Can't Lose Them", '2']);
    const hibernating = all(el, 'g.rfm-cell rect').find((r) => r.querySelector('title')?.textContent === 'R 1, F 1: Hibernating, 9 customers');
    expect(hibernating?.getAttribute('fill')).toBe(rgb(SEQUENTIAL[1]));
    expect(label(el)).toContain('Grid of 29 customers');
    expect(label(el)).toContain('The largest cell is R 1 F 1 (Hibernating) with 9 customers, 31.0 % of all. 19 of 25 cells are empty.');
  });

  test('already-counted rows (a customers column) are summed, not counted', () => {
    const rows = [
      { r_score: 5, f_score: 5, segment: 'Champions', customers: 120 },
      { r_score: 1, f_score: 1, segment: 'Hibernating', customers: 80 },
    ];
    const el = renderChart({ preset: 'rfm' }, rows, [], { width: 640, document });
    expect(lines(el, 'rfm-label')).toEqual([['Champions', '120'], ['Hibernating', '80']]);
  });
});

describe('segment bar', () => {
  test('share of customers and of revenue per segment, labelled, in the recipe order', () => {
    const el = draw('segment-bar', F.segments);
    expect(countIn(el, 'segment-bar', 'rect')).toBe(8);
    expect(ticks(el, 'fy')).toEqual(['Champions', 'Loyal Customers', 'Potential Loyalists', 'Hibernating']);
    expect(textsIn(el, 'segment-bar-label').slice(0, 2)).toEqual(['20 customers · 20.0 %', '6,000 revenue · 60.0 %']);
    expect(legend(el)).toEqual(['share of customers', 'share of revenue']);
    expect(label(el)).toContain('Largest by revenue: Champions: 20.0 % of customers, 60.0 % of revenue; Loyal Customers');
  });

  test('without revenue it draws customers only and works the shares out', () => {
    const rows = F.segments.rows.map(({ segment, customers }) => ({ segment, customers }));
    const el = renderChart({ preset: 'rfm-segments' }, rows, [], { width: 640, document });
    expect(countIn(el, 'segment-bar', 'rect')).toBe(4);
    expect(textsIn(el, 'segment-bar-label')).toEqual(['20 customers · 20.0 %', '30 customers · 30.0 %', '0 customers · 0.0 %', '50 customers · 50.0 %']);
    expect(el.querySelector('.recur-chart-title')?.textContent).toBe('Customers by RFM segment');
  });
});

describe('milestone funnel', () => {
  test('bars for ≥ 1, 2, 5, 10 orders with counts and conversion from the previous milestone', () => {
    const el = draw('funnel', F.milestones);
    expect(countIn(el, 'funnel-bar', 'rect')).toBe(4);
    expect(textsIn(el, 'funnel-count')).toEqual(['1,000', '400', '100', '30']);
    expect(textsIn(el, 'funnel-conversion')).toEqual(['everyone', '40.0 % of ≥ 1 order', '25.0 % of ≥ 2 orders', '30.0 % of ≥ 5 orders']);
    const heights = all(el, 'g.funnel-bar rect').map((r) => Number(r.getAttribute('height')));
    expect(heights).toEqual([...heights].sort((a, b) => b - a));
    expect(all(el, 'g[aria-label="x-axis tick label"] text').map((t) => all(t, 'tspan').map((s) => s.textContent).join(' | '))).toEqual([
      '',
      '≥ 2 orders | median 20 days',
      '≥ 5 orders | median 70 days',
      '≥ 10 orders | median 110 days',
    ]);
    expect(ticks(el, 'x')[0]).toBe('≥ 1 order');
    expect(label(el)).toBe(
      'Order milestones. Funnel bar chart of customers by number of orders: ≥ 1 order 1,000, ≥ 2 orders 400 (40.0 % of ≥ 1 order), ≥ 5 orders 100 (25.0 % of ≥ 2 orders), ≥ 10 orders 30 (30.0 % of ≥ 5 orders).',
    );
  });

  test('conversion is worked out when the column is missing', () => {
    const rows = F.milestones.rows.map(({ conversion: _c, ...rest }) => rest);
    const el = renderChart({ preset: 'milestones' }, rows, [], { width: 640, document });
    expect(textsIn(el, 'funnel-conversion')[1]).toBe('40.0 % of ≥ 1 order');
  });
});

describe('time to second order', () => {
  test('bins, a median rule and a dashed 30-day rule, with the first month in teal and a tail bin', () => {
    const el = draw('histogram', F.secondOrder);
    const bins = all(el, 'g.histogram-bin rect');
    expect(bins).toHaveLength(34);
    expect(bins.filter((r) => r.getAttribute('fill') === ACCENT)).toHaveLength(6);
    expect(bins.filter((r) => r.getAttribute('fill') === MUTED)).toHaveLength(1);
    expect(all(el, 'g.histogram-bin rect title').map((t) => t.textContent).slice(0, 2)).toEqual(['0–4 days: 3', '5–9 days: 3']);
    expect(countIn(el, 'histogram-median', 'line')).toBe(1);
    expect(countIn(el, 'histogram-window', 'line')).toBe(1);
    expect(groupAttr(el, 'histogram-window', 'stroke-dasharray')).toBe('4,3');
    expect(textsIn(el, 'histogram-rule-label')).toEqual(['median 17.5 days', '30 days']);
    expect(textsIn(el, 'histogram-tail-label')).toEqual(['≥ 165']);
    expect(notes(el)).toEqual(['65.0 % of customers with a second order came back within 30 days.']);
    const medianX = Number(all(el, 'g.histogram-median line')[0].getAttribute('x1'));
    const windowX = Number(all(el, 'g.histogram-window line')[0].getAttribute('x1'));
    expect(medianX).toBeLessThan(windowX);
  });

  test('median worked out from the values; window=none drops the 30-day rule', () => {
    const rows = F.secondOrder.rows.map(({ customer_id, days_to_second_order }) => ({ customer_id, days_to_second_order }));
    const el = renderChart({ preset: 'time-to-second-order' }, rows, [], { width: 640, document, chartOptions: { window: 'none' } });
    expect(textsIn(el, 'histogram-rule-label')).toEqual(['median 21 days']);
    expect(el.querySelector('g.histogram-window')).toBeNull();
    expect(notes(el)).toEqual([]);
  });
});

describe('ltv formula', () => {
  test('lifespan × margin per order × purchases per year = LTV, as labelled boxes', () => {
    const el = draw('ltv-formula', F.ltvFormula);
    expect(all(el, 'g.ltv-factor')).toHaveLength(3);
    expect(all(el, 'g.ltv-result')).toHaveLength(1);
    expect(all(el, 'text.ltv-operator').map((t) => t.textContent)).toEqual(['×', '×', '=']);
    expect(all(el, 'g.ltv-factor, g.ltv-result').map((g) => g.querySelector('text')?.textContent)).toEqual(['2 years', '30', '3', '180']);
    expect(all(el, 'g.ltv-result rect')[0].getAttribute('fill')).toBe(ACCENT);
    expect(texts(el).join(' ')).toContain('3,000 orders / 1,000 customers in the last year');
    expect(label(el)).toBe('Customer lifetime value. LTV = lifespan × gross margin per order × purchases per year = 2 years × 30 × 3 = 180.');
    expect(notes(el)[0]).toMatch(/^incomplete history: .*lifespan overstated\.$/);
  });

  test('side by side when wide, stacked when narrow', () => {
    const wide = all(draw('ltv-formula', F.ltvFormula, 800), 'g.ltv-factor').map((g) => g.getAttribute('transform'));
    expect(new Set(wide.map((t) => /,([\d.]+)\)/.exec(t ?? '')?.[1])).size).toBe(1);
    const narrow = all(draw('ltv-formula', F.ltvFormula, 400), 'g.ltv-factor').map((g) => g.getAttribute('transform'));
    expect(new Set(narrow.map((t) => /\(([\d.]+),/.exec(t ?? '')?.[1])).size).toBe(1);
  });

  test('an empty factor is a message, and kpi picks this chart for ltv-formula rows', () => {
    const rows = [{ ...F.ltvFormula.rows[0], ltv: null }];
    expect(message(renderChart({ preset: 'ltv-formula' }, rows, F.ltvFormula.columns, { width: 640, document }))).toBe('LTV cannot be drawn: ltv is empty');
    expect(all(draw('kpi', F.ltvFormula), 'g.ltv-result')).toHaveLength(1);
  });
});

describe('nps', () => {
  test('detractors, passives and promoters stacked per period, NPS above each bar, overall in the title', () => {
    const el = draw('nps', F.nps);
    expect(countIn(el, 'nps-bar', 'rect')).toBe(9);
    expect(textsIn(el, 'nps-value')).toEqual(['+25', '0', '−33']);
    expect(ticks(el, 'x')).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(el.querySelector('.recur-chart-title')?.textContent).toBe('NPS +20 overall (100 answers)');
    expect(legend(el)).toEqual(['detractors (0–6)', 'passives (7–8)', 'promoters (9–10)']);
    expect(notes(el)).toContain('rating_5: 60.0 % satisfied (4 or 5) of 50 answers.');
    // Detractors sit at the bottom of each bar.
    const rects = all(el, 'g.nps-bar rect');
    const first = (fill: string) => rects.find((r) => r.getAttribute('fill') === fill)!;
    expect(Number(first(WARM).getAttribute('y'))).toBeGreaterThan(Number(first(ACCENT).getAttribute('y')));
    expect(label(el)).toContain('latest 2024-03: NPS −33');
  });

  test('only CSAT answers → CSAT per period instead', () => {
    const rows = F.nps.rows.filter((r) => r.scale === 'rating_5');
    const el = renderChart({ preset: 'feedback-nps' }, rows, F.nps.columns, { width: 640, document });
    expect(el.querySelector('.recur-chart-title')?.textContent).toBe('CSAT per period');
    expect(countIn(el, 'csat-dot', 'circle')).toBe(1);
  });
});

describe('feedback retention', () => {
  test('one panel per scale, bars coloured by band, counts and the overall rate', () => {
    const el = draw('feedback-retention', F.feedbackRetention);
    expect(all(el, '.recur-chart-heading').map((h) => h.textContent)).toEqual(['First NPS answer (0–10)', 'First rating (1–5 stars)']);
    const svgs = all(el, '.recur-chart-panel > svg');
    expect(svgs).toHaveLength(2);
    expect(countIn(svgs[0], 'feedback-bar', 'rect')).toBe(3);
    expect(countIn(svgs[1], 'feedback-bar', 'rect')).toBe(2);
    expect(ticks(svgs[0], 'x')).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(ticks(svgs[1], 'x')).toEqual(['1', '2', '3', '4', '5']);
    expect(all(svgs[0], 'g.feedback-bar rect').map((r) => r.getAttribute('fill'))).toEqual([WARM, '#cbd5e1', ACCENT]);
    expect(textsIn(el, 'feedback-overall-label')).toEqual(['all: 56.7 %', 'all: 65.0 %']);
    expect(textsIn(svgs[1], 'feedback-count')).toEqual(['n=4', 'n=16']);
    expect(legend(el)).toEqual(['detractor / dissatisfied', 'passive', 'promoter / satisfied']);
    expect(notes(el)).toEqual(['1 bar rests on fewer than 10 customers (n= above each bar); read it with care.']);
  });
});

describe('win-back and worst feedback (table headers)', () => {
  test(`win-back: the ${WIN_BACK_TOP} customers who spent most, labelled with days since their last order`, () => {
    const el = draw('win-back', F.winBack);
    expect(countIn(el, 'winback-bar', 'rect')).toBe(WIN_BACK_TOP);
    expect(ticks(el, 'y').slice(0, 2)).toEqual(['C001', 'C002']);
    expect(textsIn(el, 'winback-bar-label')[0]).toBe('2,000 · 200 days ago · 1 order');
    expect(el.querySelector('.recur-chart-subtitle')?.textContent).toBe('18 lapsed customers (45.0 % of all) spent 20,700 in all; the 15 who spent most');
    expect(notes(el)).toEqual(['3 more lapsed customers are in the table.']);
    expect(draw('table', F.winBack).querySelector('g.winback-bar')).not.toBeNull();
  });

  test('feedback-worst: comments counted per segment with what those customers spent', () => {
    const el = draw('feedback-worst', F.feedbackWorst);
    expect(ticks(el, 'y')).toEqual(['Champions', 'Hibernating', 'no segment (customer unknown)']);
    expect(textsIn(el, 'worst-bar-label')).toEqual(['3 comments · customers spent 1,200', '1 comment · customers spent 40', '1 comment · customers spent 0']);
    expect(draw('table', F.feedbackWorst).querySelector('g.worst-bar')).not.toBeNull();
  });

  test('table with other columns draws the default chart, or says it is a table', () => {
    expect(countIn(draw('table', F.segments), 'generic-bar', 'rect')).toBe(4);
    const el = renderChart({ preset: 'table' }, [{ a: 'x' }], cols({ a: 'VARCHAR' }), { width: 400, document });
    expect(message(el)).toBe('Nothing to chart: this result reads best as a table');
  });
});

describe('bar and kpi headers', () => {
  test('bar picks the segment bars or the feedback bars by their columns, else a generic bar from the options', () => {
    expect(draw('bar', F.segments).querySelector('g.segment-bar')).not.toBeNull();
    expect(draw('bar', F.feedbackRetention).querySelector('g.feedback-bar')).not.toBeNull();
    const rows = [{ channel: 'web', orders: 5 }, { channel: 'app', orders: 9 }];
    const el = renderChart({ preset: 'bar' }, rows, [], { width: 500, document, chartOptions: { x: 'channel', y: 'orders', sort: '-y' } });
    expect(ticks(el, 'x')).toEqual(['app', 'web']);
  });

  test('kpi: the first row’s numbers as tiles, rates in percent', () => {
    const el = draw('kpi', F.repeatRate);
    expect(all(el, 'g.kpi-tile')).toHaveLength(5);
    expect(all(el, 'g.kpi-tile').map((g) => g.querySelector('text')?.textContent)).toEqual(['1,895', '671', '35.4 %', '5,318', '69.37']);
    expect(label(el)).toBe('Key figures: customers 1,895, repeat customers 671, repeat rate 35.4 %, orders 5,318, aov 69.37.');
    expect(draw('repeat-rate', F.repeatRate).getAttribute('aria-label')).toBe(label(el));
  });
});

describe('predictive LTV tracking', () => {
  test('actual solid, expected dashed, the holdout marked by a rule and a shaded band', () => {
    const el = draw('ltv-tracking', F.tracking, 640, { holdout: '6' });
    expect(countIn(el, 'tracking-actual', 'path')).toBe(1);
    expect(groupAttr(el, 'tracking-actual', 'stroke')).toBe(ACCENT);
    expect(groupAttr(el, 'tracking-expected', 'stroke')).toBe(WARM);
    expect(groupAttr(el, 'tracking-expected', 'stroke-dasharray')).toBe('6,4');
    expect(countIn(el, 'tracking-holdout', 'line')).toBe(1);
    expect(countIn(el, 'tracking-holdout-band', 'rect')).toBe(1);
    expect(textsIn(el, 'tracking-holdout-label')).toEqual(['← calibration', 'holdout →']);
    expect(legend(el)).toEqual(['actual', 'expected by the model (BG/NBD)', 'holdout starts (week 6)']);
    expect(notes(el)).toEqual([]);
    expect(countIn(el, 'tracking-hover', 'title')).toBe(10);
  });

  test('the description gives the figures at the end of calibration and of the data', () => {
    const el = draw('ltv-tracking', F.tracking, 640, { holdout: '6' });
    expect(label(el)).toBe(
      'Repeat purchases: actual against the model. Line chart of cumulative repeat purchases by week since the first purchase, ' +
        "actual against the BG/NBD model's expectation, weeks 1 to 9.5, with the holdout from week 6 shaded. " +
        'Last calibration week (week 6): 27 actual, 26.5 expected, 1.9 % fewer than actual. End of data (week 9.5): 40 actual, 42.4 expected, 6.0 % more than actual.',
    );
  });

  test('without a holdout inside the weeks: no rule, and a note says the chart shows the fit only', () => {
    for (const options of [{}, { holdout: '9.5' }, { holdout: 'soon' }] as Record<string, string>[]) {
      const el = draw('ltv-tracking', F.tracking, 640, options);
      expect(el.querySelector('g.tracking-holdout')).toBeNull();
      expect(legend(el)).toEqual(['actual', 'expected by the model (BG/NBD)']);
      expect(notes(el)[0]).toMatch(/^No holdout: the model learned from every week shown/);
    }
  });

  test('rows in any order are drawn by week', () => {
    const shuffled = { ...F.tracking, rows: [...F.tracking.rows].reverse() };
    expect(chartToSvgString(draw('ltv-tracking', shuffled, 640, { holdout: '6' }))).toBe(chartToSvgString(draw('ltv-tracking', F.tracking, 640, { holdout: '6' })));
  });
});

describe('P(alive) heat-map', () => {
  test('one cell per grid point, frequency up, recency across, a 0–100 % ramp', () => {
    const el = draw('p-alive-heatmap', F.aliveGrid, 640, { age: '8', unit: 'weeks' });
    expect(countIn(el, 'alive-cell', 'rect')).toBe(45);
    expect(ticks(el, 'y')).toEqual(['0', '1', '2', '3', '4']);
    expect(texts(el.querySelector('svg.recur-chart-ramp')!)).toEqual(['P(alive) (%)', '0 %', '25 %', '50 %', '75 %', '100 %']);
    // Frequency 0 is alive by definition: the darkest teal.
    const zero = all(el, 'g.alive-cell rect').filter((r) => (r.querySelector('title')?.textContent ?? '').startsWith('0 repeat purchases'));
    expect(zero).toHaveLength(9);
    for (const r of zero) expect(r.getAttribute('fill')).toBe(rgb(SEQUENTIAL[1]));
    expect(notes(el)).toEqual(['With no repeat purchase P(alive) is 100 %: in BG/NBD a customer can only drop out right after a repeat purchase.']);
  });

  test('the description names the age and the starkest contrast', () => {
    const el = draw('p-alive-heatmap', F.aliveGrid, 640, { age: '8', unit: 'weeks' });
    const stale = F.aliveGrid.rows.find((r) => r.frequency === 4 && r.recency === 0)!.p_alive as number;
    const fresh = F.aliveGrid.rows.find((r) => r.frequency === 4 && r.recency === 8)!.p_alive as number;
    // Right after a purchase a customer may still have dropped out: 1 / (1 + a / (b + x − 1)).
    expect(fresh).toBeCloseTo(1 / (1 + 0.793 / (2.426 + 3)), 10);
    expect(stale).toBeLessThan(0.5);
    expect(label(el)).toBe(
      'Probability a customer is still active, P(alive). Heat-map of P(alive) for a customer first seen 8 weeks ago, by repeat purchases (0 to 4, up) ' +
        'and recency (0 to 8 weeks, across); darker is more likely still active. ' +
        `A customer with 4 repeat purchases is ${(fresh * 100).toFixed(1)} % likely alive if the last was 8 weeks after the first, ${(stale * 100).toFixed(1)} % if it was 0 weeks after.`,
    );
  });

  test('days as the unit, and no age given', () => {
    const el = draw('p-alive-heatmap', F.aliveGrid, 640, { unit: 'days' });
    expect(label(el)).toContain('Heat-map of P(alive), by repeat purchases');
    expect(label(el)).toContain('recency (0 to 8 days, across)');
  });
});

describe('P(alive) bands', () => {
  test('a bar of customers per band, most likely active first, each labelled with its CLV and titled by its band', () => {
    const el = draw('p-alive-bands', F.aliveBands, 640, { horizon: '12' });
    expect(F.aliveBands.rows.map((r) => [r.band, r.customers])).toEqual([
      ['P(alive) 75–100 %', 2], ['P(alive) 50–75 %', 1], ['P(alive) 25–50 %', 1], ['P(alive) 0–25 %', 2],
    ]);
    expect(all(el, 'g.alive-band rect').map((r) => r.querySelector('title')?.textContent)).toEqual([
      'P(alive) 75–100 %: 2 customers · CLV 200',
      'P(alive) 50–75 %: 1 customer · CLV 31',
      'P(alive) 25–50 %: 1 customer · CLV 10',
      'P(alive) 0–25 %: 2 customers · CLV 3',
    ]);
    expect(el.querySelector('.recur-chart-title')?.textContent).toBe('Customers by P(alive)');
    expect(el.querySelector('.recur-chart-subtitle')?.textContent).toBe('6 customers, predicted CLV 243 over 12 months');
  });
});

describe('golden SVGs', () => {
  const cases: [string, string, F.Fixture][] = [
    ['crr', 'crr', F.crr],
    ['cohort-heatmap', 'cohort-heatmap', F.cohorts],
    ['retention-curves', 'retention-curves', F.cohorts],
    ['cohort-curves', 'cohort-curves', F.ltvCurves],
    ['rfm-grid', 'rfm-grid', F.rfm],
    ['segment-bar', 'segment-bar', F.segments],
    ['funnel', 'funnel', F.milestones],
    ['histogram', 'histogram', F.secondOrder],
    ['ltv-formula', 'ltv-formula', F.ltvFormula],
    ['nps', 'nps', F.nps],
    ['feedback-retention', 'feedback-retention', F.feedbackRetention],
    ['win-back', 'win-back', F.winBack],
    ['feedback-worst', 'feedback-worst', F.feedbackWorst],
    ['kpi', 'kpi', F.repeatRate],
  ];
  test.each(cases)('%s', (name, preset, fixture) => {
    expectGolden(`preset-${name}`, chartToSvgString(draw(preset, fixture)));
  });
  test('ltv-tracking', () => {
    expectGolden('preset-ltv-tracking', chartToSvgString(draw('ltv-tracking', F.tracking, 640, { holdout: '6' })));
  });
  test('p-alive-bands', () => {
    expectGolden('preset-p-alive-bands', chartToSvgString(draw('p-alive-bands', F.aliveBands, 640, { horizon: '12' })));
  });
  test('p-alive-heatmap', () => {
    expectGolden('preset-p-alive-heatmap', chartToSvgString(draw('p-alive-heatmap', F.aliveGrid, 640, { age: '8', unit: 'weeks' })));
  });
});
