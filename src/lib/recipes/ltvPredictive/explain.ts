/**
 * The words of a predictive lifetime-value run: both fits, one customer worked
 * through with the run's own numbers, the holdout check and the total.
 */

import { formatDecimal, withTrueMinus } from '../../format';
import { conditionalExpectedPurchases, probabilityAlive } from '../../models/bgnbd';
import { unitsPerMonth } from '../../models/clv';
import type { PredictiveLtvParams, PredictiveLtvResult, PredictiveLtvRow } from './types';
import { dayNumber } from '../../models/summary';

/** A number with up to `digits` decimals, thousands separators and a true minus sign. */
function num(value: number, digits = 2): string {
  return withTrueMinus(formatDecimal(value, digits));
}

/** A number with exactly `digits` decimals (model parameters, probabilities). */
function fixed(value: number, digits = 3): string {
  return withTrueMinus(value.toFixed(digits));
}

function fitParagraphs(p: PredictiveLtvParams): string[] {
  const unit = p.time_unit === 'weeks' ? 'week' : 'day';
  const dropout = p.a / (p.a + p.b);
  return [
    `BG/NBD purchase model, fitted on ${num(p.customers)} customers (${num(p.repeat_buyers)} repeat buyers, ` +
      `${num(p.calibration_repeat_purchases)} repeat purchases) from ${p.cohort_start} to ${p.calibration_end}, time in ${p.time_unit}: ` +
      `while active, a customer buys at a rate drawn from Gamma(r = ${fixed(p.r)}, α = ${fixed(p.alpha)}), ` +
      `on average r / α = ${fixed(p.r / p.alpha, 4)} purchases a ${unit}; after each purchase they drop out with a probability ` +
      `drawn from Beta(a = ${fixed(p.a)}, b = ${fixed(p.b)}), on average a / (a + b) = ${num(dropout * 100, 1)} %. ` +
      `Log-likelihood ${num(p.bgnbd_log_likelihood)}.`,
    `Gamma-Gamma spend model, fitted on the mean repeat spend of ${num(p.spend_model_customers)} repeat buyers: ` +
      `p = ${fixed(p.p)}, q = ${fixed(p.q)}, γ = ${fixed(p.gamma)}; the average spend per purchase across customers is ` +
      `p·γ / (q − 1) = ${fixed(p.p)} × ${fixed(p.gamma)} / ${fixed(p.q - 1)} = ${num(p.population_mean_spend)}. ` +
      `Log-likelihood ${num(p.gamma_gamma_log_likelihood)}.`,
  ];
}

/** The fitted parameters on one line: `BG/NBD r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL −9,582.43 · Gamma-Gamma p = …`. */
export function fitSummary(p: PredictiveLtvParams): string {
  return (
    `BG/NBD r = ${fixed(p.r)}, α = ${fixed(p.alpha)}, a = ${fixed(p.a)}, b = ${fixed(p.b)}, LL ${num(p.bgnbd_log_likelihood)} · ` +
    `Gamma-Gamma p = ${fixed(p.p)}, q = ${fixed(p.q)}, γ = ${fixed(p.gamma)}, LL ${num(p.gamma_gamma_log_likelihood)}`
  );
}

/** The repeat buyer with the median CLV (ties by id): a typical customer, not an outlier. */
function exampleCustomer(rows: readonly PredictiveLtvRow[]): PredictiveLtvRow | undefined {
  const buyers = rows.filter((row) => row.frequency > 0);
  const pool = buyers.length > 0 ? buyers : [...rows];
  pool.sort((u, v) => u.clv - v.clv || (u.customer_id < v.customer_id ? -1 : 1));
  return pool[Math.floor((pool.length - 1) / 2)];
}

function workedExample(p: PredictiveLtvParams, c: PredictiveLtvRow): string {
  const bg = { r: p.r, alpha: p.alpha, a: p.a, b: p.b };
  const { frequency: x, recency: tx, T } = c;
  const unit = p.time_unit;
  const month = unitsPerMonth(unit);
  const lines = [
    `Worked example, customer ${c.customer_id} (the median CLV among repeat buyers): x = ${x} repeat purchase${x === 1 ? '' : 's'}, ` +
      `the last t_x = ${num(tx)} ${unit} after the first, age T = ${num(T)} ${unit}, mean repeat spend ${num(c.monetary)}.`,
  ];
  if (x > 0) {
    const odds = (p.a / (p.b + x - 1)) * Math.pow((p.alpha + T) / (p.alpha + tx), p.r + x);
    lines.push(
      `P(alive) = 1 / (1 + a / (b + x − 1) × ((α + T) / (α + t_x))^(r + x)) = 1 / (1 + ${fixed(p.a)} / ${fixed(p.b + x - 1)} × ` +
        `(${num(p.alpha + T)} / ${num(p.alpha + tx)})^${fixed(p.r + x)}) = 1 / (1 + ${fixed(odds)}) = ${fixed(probabilityAlive(bg, x, tx, T))}.`,
    );
    const w = (p.p * x) / (p.p * x + p.q - 1);
    lines.push(
      `Expected spend per purchase = (1 − w) × ${num(p.population_mean_spend)} + w × ${num(c.monetary)} = ${num(c.expected_spend)}, ` +
        `where w = p·x / (p·x + q − 1) = ${num(p.p * x)} / ${num(p.p * x + p.q - 1)} = ${fixed(w)} weighs the customer’s own mean against the average.`,
    );
  } else {
    lines.push(`P(alive) = 1 (without a repeat purchase nobody can have dropped out yet); expected spend per purchase = the average, ${num(c.expected_spend)}.`);
  }
  lines.push(
    `Expected purchases in the next ${p.horizon_months} months (${p.horizon_months} × 30 days = ${num(p.horizon_months * month)} ${unit}) = ` +
      `${fixed(c.expected_purchases)}.`,
  );
  const value = c.expected_spend * p.margin_rate;
  const terms: string[] = [];
  let previous = 0;
  for (let i = 1; i <= p.horizon_months; i++) {
    const cumulative = conditionalExpectedPurchases(bg, i * month, x, tx, T);
    if (i <= 2 || i === p.horizon_months) {
      terms.push(`${fixed(cumulative - previous)} × ${num(value)} / ${fixed(Math.pow(1 + p.monthly_discount_rate, i), 4)}`);
    } else if (i === 3) terms.push('…');
    previous = cumulative;
  }
  const margin = p.margin_rate === 1 ? '' : ` × margin ${num(p.margin_rate)}`;
  lines.push(
    `CLV = Σ over months i of (purchases expected by month i − by month i − 1) × spend${margin} / (1 + ${num(p.monthly_discount_rate, 4)})^i ` +
      `= ${terms.join(' + ')} = ${num(c.clv)}.`,
  );
  return lines.join('\n');
}

function holdoutParagraph(p: PredictiveLtvParams): string | null {
  const days = dayNumber(p.data_end) - dayNumber(p.calibration_end);
  if (days <= 0) return null;
  const start = new Date((dayNumber(p.calibration_end) + 1) * 86_400_000).toISOString().slice(0, 10);
  const gap = p.holdout_repeat_purchases > 0 ? (p.holdout_expected_purchases / p.holdout_repeat_purchases - 1) * 100 : null;
  const compare = gap === null ? '' : ` (${num(Math.abs(gap), 1)} % ${gap < 0 ? 'fewer' : 'more'})`;
  return (
    `Holdout check: from ${start} to ${p.data_end} (${num(days / 7, 1)} weeks) these customers made ${num(p.holdout_repeat_purchases)} purchases; ` +
    `knowing only the calibration period, the model expected ${num(p.holdout_expected_purchases, 1)}${compare}.`
  );
}

/** Explains a run: both fits, one customer worked through, the holdout check and the total. */
export function explainPredictiveLtv(result: PredictiveLtvResult): string {
  const p = result.params;
  const paragraphs = fitParagraphs(p);
  const example = exampleCustomer(result.rows);
  if (example) paragraphs.push(workedExample(p, example));
  const holdout = holdoutParagraph(p);
  if (holdout) paragraphs.push(holdout);
  const total = result.rows.reduce((s, row) => s + row.clv, 0);
  paragraphs.push(
    `All ${num(p.customers)} customers together: ${num(total)} over the next ${p.horizon_months} months ` +
      `(${num(total / Math.max(p.customers, 1))} per customer), discounted at ${num(p.monthly_discount_rate * 100, 2)} % a month.`,
  );
  return paragraphs.join('\n\n');
}
