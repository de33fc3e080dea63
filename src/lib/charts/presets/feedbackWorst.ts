import { toLabel, toNumber } from '../data';
import { formatCount, formatNumber } from '../../format';
import { type ChartContext, type ChartOutcome } from '../types';
import { hasColumn, needColumns } from './common';
import { horizontalBars, type Bar } from './horizontalBars';

/** Whether the result looks like the `feedback-worst` recipe's. */
export function looksLikeFeedbackWorst(context: ChartContext): boolean {
  return ['comment', 'score', 'segment'].every((c) => hasColumn(context, c));
}

/**
 * Worst feedback from your best customers (`feedback-worst` recipe, whose
 * header asks for a table): the listed comments counted by the writer's RFM
 * segment, each bar labelled with those customers' revenue — where the most
 * valuable unhappy customers sit.
 */
export function renderFeedbackWorst(context: ChartContext): ChartOutcome {
  const missing = needColumns(context, 'worst feedback', ['segment', 'comment']);
  if (missing) return missing;
  const bySegment = new Map<string, { comments: number; revenue: Map<string, number> }>();
  for (const row of context.rows) {
    const segment = row['segment'] === null ? 'no segment (customer unknown)' : toLabel(row['segment']);
    const s = bySegment.get(segment) ?? { comments: 0, revenue: new Map<string, number>() };
    s.comments++;
    const revenue = toNumber(row['revenue']);
    if (revenue !== null) s.revenue.set(toLabel(row['customer_id']), revenue);
    bySegment.set(segment, s);
  }
  const withRevenue = hasColumn(context, 'revenue');
  const bars: Bar[] = [...bySegment.entries()]
    .map(([name, s]) => {
      const revenue = [...s.revenue.values()].reduce((a, b) => a + b, 0);
      return { name, value: s.comments, label: `${formatCount(s.comments)} comment${s.comments === 1 ? '' : 's'}${withRevenue ? ` · customers spent ${formatNumber(Math.round(revenue))}` : ''}`, revenue };
    })
    .sort((a, b) => b.value - a.value || b.revenue - a.revenue);
  const total = context.rows.length;
  return {
    kind: 'chart',
    title: 'Lowest-scored comments by customer segment',
    subtitle: `The ${formatCount(total)} lowest-scored comments, counted by the RFM segment of the customer who wrote them`,
    description: `Bar chart of ${formatCount(total)} low-scored comments by customer segment: ${bars.map((b) => `${b.name} ${b.label}`).join('; ')}.`,
    panels: [{ element: horizontalBars(context, bars, 'comments →', 'worst-bar') }],
  };
}
