import { defaultChartSpec } from '../defaultSpec';
import { renderGeneric } from '../generic';
import { problem, type ChartContext, type ChartOutcome, type PresetInfo } from '../types';
import { hasColumn } from './common';
import { renderAliveBands } from './aliveBands';
import { renderAliveHeatmap } from './aliveHeatmap';
import { renderCohortCurves, renderRetentionCurves } from './cohortCurves';
import { renderCohortHeatmap } from './cohortHeatmap';
import { renderCrr } from './crr';
import { looksLikeFeedbackRetention, renderFeedbackRetention } from './feedbackRetention';
import { looksLikeFeedbackWorst, renderFeedbackWorst } from './feedbackWorst';
import { renderFunnel } from './funnel';
import { renderHistogram } from './histogram';
import { renderKpi } from './kpi';
import { looksLikeLtvFormula, renderLtvFormula } from './ltvFormula';
import { renderLtvTracking } from './ltvTracking';
import { renderNps } from './nps';
import { renderRfmGrid } from './rfmGrid';
import { renderSegmentBar } from './segmentBar';
import { looksLikeWinBack, renderWinBack } from './winBack';

/** The generic chart for a header without a purpose-built preset: its x/y/series options, else the default spec. */
function genericFromOptions(context: ChartContext, mark: 'bar' | 'line'): ChartOutcome {
  const { x, y, series, color, sort } = context.options;
  if (x && y) {
    const s = sort === 'x' || sort === 'y' || sort === '-y' || sort === 'none' ? sort : undefined;
    return renderGeneric({ mark, x, y, color: series ?? color, sort: s }, context);
  }
  const spec = defaultChartSpec(context.columns, context.rows);
  return spec ? renderGeneric(spec, context) : problem('Nothing to chart: this result reads best as a table');
}

/** `bar` (header id): the RFM segment bars or the feedback-retention bars when the columns are theirs, else a generic bar. */
function renderBar(context: ChartContext): ChartOutcome {
  if (hasColumn(context, 'segment') && hasColumn(context, 'customers') && !hasColumn(context, 'customer_id')) return renderSegmentBar(context);
  if (looksLikeFeedbackRetention(context)) return renderFeedbackRetention(context);
  return genericFromOptions(context, 'bar');
}

/** `table` (header id): bars of the top values for win-back and feedback-worst, else the default chart. */
function renderTable(context: ChartContext): ChartOutcome {
  if (looksLikeWinBack(context)) return renderWinBack(context);
  if (looksLikeFeedbackWorst(context)) return renderFeedbackWorst(context);
  const spec = defaultChartSpec(context.columns, context.rows);
  return spec ? renderGeneric(spec, context) : problem('Nothing to chart: this result reads best as a table');
}

/** `kpi` (header id): the LTV equation for ltv-formula, key-figure tiles otherwise. */
function renderKpiOrLtv(context: ChartContext): ChartOutcome {
  return looksLikeLtvFormula(context) ? renderLtvFormula(context) : renderKpi(context);
}

/**
 * Every preset, by the id a recipe's `-- chart:` header names (`crr`,
 * `cohort-heatmap`, `cohort-curves`, `rfm-grid`, `bar`, `funnel`,
 * `histogram`, `kpi`, `nps`, `table`), plus purpose-named ids and the recipe
 * ids as aliases, so `{ preset: recipe.id }` works too.
 */
export const PRESETS: readonly PresetInfo[] = [
  {
    id: 'crr',
    label: 'Customer retention rate per period: CRR line, churn, benchmarks, incomplete periods apart',
    recipes: ['crr'],
    columns: ['period_start', 'crr', 'churn_rate', 'incomplete_history', 'partial_period', 'period_label', 'period_end', 'S', 'E', 'N'],
    render: renderCrr,
  },
  {
    id: 'cohort-heatmap',
    aliases: ['cohort-retention'],
    label: 'Cohort retention heat-map: cohorts down, periods since first order across',
    recipes: ['cohort-retention'],
    columns: ['cohort', 'offset', 'retention', 'partial_period', 'cohort_label', 'cohort_size', 'period_label'],
    render: renderCohortHeatmap,
  },
  {
    id: 'retention-curves',
    label: 'Retention curves: one line per cohort by periods since first order, plus all cohorts',
    recipes: ['cohort-retention'],
    columns: ['cohort', 'offset', 'retention', 'partial_period', 'cohort_label', 'cohort_size'],
    render: renderRetentionCurves,
  },
  {
    id: 'cohort-curves',
    aliases: ['ltv-historical', 'ltv-curves'],
    label: 'Historical LTV curves: cumulative revenue per customer by months since first order',
    recipes: ['ltv-historical'],
    columns: ['cohort', 'months_since_first', 'cumulative_revenue_per_customer', 'partial_period', 'cohort_label', 'cohort_size'],
    render: renderCohortCurves,
  },
  {
    id: 'rfm-grid',
    aliases: ['rfm'],
    label: 'RFM grid: R score × F score cells coloured by customers, named by segment',
    recipes: ['rfm'],
    columns: ['r_score', 'f_score', 'segment', 'customer_id'],
    render: renderRfmGrid,
  },
  {
    id: 'segment-bar',
    aliases: ['rfm-segments'],
    label: 'RFM segment bars: share of customers and of revenue per segment',
    recipes: ['rfm-segments'],
    columns: ['segment', 'customers', 'revenue', 'customer_share', 'revenue_share'],
    render: renderSegmentBar,
  },
  {
    id: 'funnel',
    aliases: ['milestones'],
    label: 'Milestone funnel: customers with ≥ 1, 2, 5, 10 orders and the conversion between',
    recipes: ['milestones'],
    columns: ['milestone', 'customers_reaching', 'previous_milestone', 'customers_at_previous', 'conversion', 'median_days_from_previous'],
    render: renderFunnel,
  },
  {
    id: 'histogram',
    aliases: ['time-to-second-order'],
    label: 'Time-to-second-order histogram with the median and a 30-day rule',
    recipes: ['time-to-second-order'],
    columns: ['days_to_second_order', 'median_days', 'within_30_days_pct'],
    render: renderHistogram,
  },
  {
    id: 'ltv-formula',
    label: 'LTV as an equation: lifespan × margin per order × purchases per year = LTV',
    recipes: ['ltv-formula'],
    columns: ['lifespan_years', 'avg_margin_per_order', 'purchases_per_year', 'ltv', 'lifespan_source', 'margin_source', 'year_orders', 'year_customers', 'history_incomplete'],
    render: renderLtvFormula,
  },
  {
    id: 'ltv-tracking',
    label: 'Predictive LTV check: actual and model-expected cumulative repeat purchases by week, holdout marked',
    recipes: ['ltv-predictive'],
    columns: ['week', 'actual', 'expected'],
    render: renderLtvTracking,
  },
  {
    id: 'p-alive-heatmap',
    label: 'P(alive) heat-map: repeat purchases up, recency across, colour = probability still active',
    recipes: ['ltv-predictive'],
    columns: ['frequency', 'recency', 'p_alive'],
    render: renderAliveHeatmap,
  },
  {
    id: 'p-alive-bands',
    label: 'Customers by P(alive) band, with the predicted CLV each holds; a bar lists its customers',
    recipes: ['ltv-predictive'],
    columns: ['band', 'customers', 'predicted_clv'],
    render: renderAliveBands,
  },
  {
    id: 'nps',
    aliases: ['feedback-nps'],
    label: 'NPS per period: detractors, passives, promoters stacked, NPS labelled',
    recipes: ['feedback-nps'],
    columns: ['period_start', 'nps', 'scale', 'is_total', 'period_label', 'promoters_pct', 'detractors_pct', 'passives', 'responses', 'csat'],
    render: renderNps,
  },
  {
    id: 'feedback-retention',
    label: 'Repeat purchase rate by first feedback score, one panel per scale',
    recipes: ['feedback-retention'],
    columns: ['score', 'repeat_rate', 'scale', 'score_band', 'customers', 'repeat_customers'],
    render: renderFeedbackRetention,
  },
  {
    id: 'win-back',
    label: 'Most valuable lapsed customers as bars of revenue',
    recipes: ['win-back'],
    columns: ['customer_id', 'revenue', 'days_since_last_order', 'orders', 'lapsed_customers', 'lapsed_share', 'lapsed_revenue'],
    render: renderWinBack,
  },
  {
    id: 'feedback-worst',
    label: 'Lowest-scored comments counted by customer segment',
    recipes: ['feedback-worst'],
    columns: ['segment', 'customer_id', 'revenue'],
    render: renderFeedbackWorst,
  },
  {
    id: 'bar',
    label: 'Header id: segment bars or feedback-retention bars when the columns match, else a generic bar over x, y, series',
    recipes: ['rfm-segments', 'feedback-retention'],
    columns: [],
    render: renderBar,
  },
  {
    id: 'kpi',
    aliases: ['repeat-rate'],
    label: 'Header id: the LTV equation for ltv-formula, key-figure tiles otherwise',
    recipes: ['repeat-rate', 'ltv-formula'],
    columns: [],
    render: renderKpiOrLtv,
  },
  {
    id: 'table',
    // The customer lists read best as tables; as a chart, the default one.
    aliases: ['list-second-purchase', 'list-milestone-due', 'list-win-back', 'list-vips-at-risk', 'list-unhappy-best'],
    label: 'Header id: win-back or feedback-worst bars when the columns match, else the default chart',
    recipes: ['win-back', 'feedback-worst', 'list-second-purchase', 'list-milestone-due', 'list-win-back', 'list-vips-at-risk', 'list-unhappy-best'],
    columns: [],
    render: renderTable,
  },
];

const BY_ID = new Map<string, PresetInfo>();
for (const p of PRESETS) for (const id of [p.id, ...(p.aliases ?? [])]) BY_ID.set(id, p);

/** The preset with this id or alias, or `undefined`. */
export function findPreset(id: string): PresetInfo | undefined {
  return BY_ID.get(id);
}
