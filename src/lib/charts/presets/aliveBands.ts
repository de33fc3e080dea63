import { toLabel, toNumber } from '../data';
import { formatCount, formatNumber } from '../../format';
import { problem, type ChartContext, type ChartOutcome } from '../types';
import { needColumns, settings } from './common';
import { horizontalBars, type Bar } from './horizontalBars';

/** Columns of the predictive recipe's P(alive) bands; `horizon` is the CLV horizon in months. */
const DEFAULTS = { x: 'band', y: 'customers', value: 'predicted_clv', horizon: '' };

/**
 * Customers by P(alive) band (`ltv-predictive`): a bar of customers per band, most
 * likely active first, labelled with the predicted CLV the band holds. Each bar's
 * title starts with its band, so a click on it lists the band's customers.
 */
export function renderAliveBands(context: ChartContext): ChartOutcome {
  const o = settings(context, DEFAULTS);
  const missing = needColumns(context, 'P(alive) bands', [o.x, o.y, o.value]);
  if (missing) return missing;
  const rows = context.rows.filter((r) => toNumber(r[o.y]) !== null);
  if (rows.length === 0) return problem('No customers to draw');
  const total = rows.reduce((sum, r) => sum + (toNumber(r[o.y]) ?? 0), 0);
  const clvTotal = rows.reduce((sum, r) => sum + (toNumber(r[o.value]) ?? 0), 0);
  const bars: Bar[] = rows.map((r) => {
    const customers = toNumber(r[o.y]) ?? 0;
    const clv = toNumber(r[o.value]) ?? 0;
    return { name: toLabel(r[o.x]), value: customers, label: `${formatCount(customers)} customer${customers === 1 ? '' : 's'} · CLV ${formatNumber(Math.round(clv))}` };
  });
  const horizon = o.horizon ? ` over ${o.horizon} months` : '';
  return {
    kind: 'chart',
    title: 'Customers by P(alive)',
    subtitle: `${formatCount(total)} customers, predicted CLV ${formatNumber(Math.round(clvTotal))}${horizon}`,
    description: `Bar chart of customers in ${bars.length} bands of P(alive), the probability a customer is still active: ${bars.map((b) => `${b.name}: ${b.label}`).join('; ')}.`,
    panels: [{ element: horizontalBars(context, bars, 'customers →', 'alive-band') }],
    notes: [{ tone: 'info', text: 'Click a bar, or pick a band under “Customers behind”, to list its customers with P(alive) and CLV.' }],
  };
}
