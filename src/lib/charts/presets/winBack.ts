import { toLabel, toNumber } from '../data';
import { formatCount, formatNumber, formatPct } from '../../format';
import { problem, type ChartContext, type ChartOutcome } from '../types';
import { hasColumn, needColumns } from './common';
import { horizontalBars, type Bar } from './horizontalBars';

/** How many customers the win-back chart lists. */
export const WIN_BACK_TOP = 15;

/** Whether the result looks like the `win-back` recipe's. */
export function looksLikeWinBack(context: ChartContext): boolean {
  return ['customer_id', 'revenue', 'days_since_last_order'].every((c) => hasColumn(context, c));
}

/**
 * Customers to win back (`win-back` recipe, whose header asks for a table):
 * the most valuable lapsed customers as bars of what they spent, each
 * labelled with how long ago they last ordered.
 */
export function renderWinBack(context: ChartContext): ChartOutcome {
  const missing = needColumns(context, 'win-back', ['customer_id', 'revenue']);
  if (missing) return missing;
  const rows = context.rows
    .map((r) => ({ r, revenue: toNumber(r['revenue']) }))
    .filter((d): d is { r: (typeof context.rows)[number]; revenue: number } => d.revenue !== null)
    .sort((a, b) => b.revenue - a.revenue);
  if (rows.length === 0) return problem('No revenue to draw');
  const top = rows.slice(0, WIN_BACK_TOP);
  const bars: Bar[] = top.map(({ r, revenue }) => {
    const days = toNumber(r['days_since_last_order']);
    const orders = toNumber(r['orders']);
    const parts = [formatNumber(Math.round(revenue))];
    if (days !== null) parts.push(`${formatCount(days)} days ago`);
    if (orders !== null) parts.push(`${formatCount(orders)} order${orders === 1 ? '' : 's'}`);
    return { name: toLabel(r['customer_id']), value: revenue, label: parts.join(' · ') };
  });
  const first = context.rows[0];
  const lapsed = toNumber(first['lapsed_customers']);
  const share = toNumber(first['lapsed_share']);
  const lapsedRevenue = toNumber(first['lapsed_revenue']);
  const subtitle =
    lapsed !== null
      ? `${formatCount(lapsed)} lapsed customers${share !== null ? ` (${formatPct(share)} of all)` : ''}${lapsedRevenue !== null ? ` spent ${formatNumber(Math.round(lapsedRevenue))} in all` : ''}; the ${top.length} who spent most`
      : `The ${top.length} lapsed customers who spent most`;
  return {
    kind: 'chart',
    title: 'Customers to win back',
    subtitle,
    description: `Bar chart of the ${top.length} most valuable lapsed customers by revenue, from ${bars[0].name} (${bars[0].label}) down to ${bars[bars.length - 1].name}. ${subtitle}.`,
    panels: [{ element: horizontalBars(context, bars, 'revenue →', 'winback-bar') }],
    notes: rows.length > top.length ? [{ tone: 'info', text: `${formatCount(rows.length - top.length)} more lapsed customers are in the table.` }] : [],
  };
}

