/**
 * Predictive lifetime value on the loaded orders: the calibration summary comes from
 * DuckDB, BG/NBD and Gamma-Gamma are fitted here in TypeScript, and each customer's
 * P(alive), expected purchases, expected spend and discounted CLV are computed.
 */

import type { EngineApi, ModelStep } from '../../engine/api';
import type { ParamInput } from '../types';
import { conditionalExpectedPurchases, fitBgNbd, probabilityAlive, type BgNbdFit, type FitBgNbdOptions } from '../../models/bgnbd';
import { customerLifetimeValue, unitsPerMonth } from '../../models/clv';
import { conditionalExpectedSpend, fitGammaGamma, type FitGammaGammaOptions, type GammaGammaFit } from '../../models/gammaGamma';
import { aliveGrid, trackingCurve } from './chartData';
import { queryPeriod, querySummary, queryWeeklyRepeats, type SqlSummary } from './data';
import { resolvePredictiveParams, type PredictiveSettings } from './params';
import { writePredictions } from './table';
import type { PredictiveLtvParams, PredictiveLtvResult, PredictiveLtvRow } from './types';
import { dayNumber } from '../../models/summary';

/** Options for {@link runPredictiveLtv}. */
export interface PredictiveLtvOptions {
  /** Also keep the per-customer rows as this DuckDB table (created or replaced). */
  tableName?: string;
  /** Optimiser settings for the BG/NBD fit. */
  bgnbd?: FitBgNbdOptions;
  /** Optimiser settings for the Gamma-Gamma fit. */
  gammaGamma?: FitGammaGammaOptions;
}

/** The model step the engine runs for `ltv-predictive` (registered in `../modelSteps.ts`). */
export const ltvPredictiveStep: ModelStep = (engine, params, keepAs) => runPredictiveLtv(engine, params, { tableName: keepAs });

/** Above this |correlation| between repeat purchases and mean spend, Gamma-Gamma's independence assumption is doubtful. */
const CORRELATION_WARNING = 0.3;

/**
 * Fits BG/NBD (purchases, dropout) and Gamma-Gamma (spend per purchase) on
 * `customer_orders` up to `calibration_end` and forecasts every customer.
 * `input` takes the `ltv-predictive` parameters (see `PREDICTIVE_LTV_PARAMS`; defaults
 * filled in, text converted). Rejects with a readable sentence when the data cannot be
 * fitted; a fit that does not converge only adds a warning.
 */
export async function runPredictiveLtv(
  engine: EngineApi,
  input: ParamInput = {},
  options: PredictiveLtvOptions = {},
): Promise<PredictiveLtvResult> {
  const settings = resolvePredictiveParams(input);
  const unit = settings.timeUnit;
  const period = await queryPeriod(engine, settings.calibrationEnd, unit);
  if (!period) throw new Error('Predictive lifetime value needs orders: the orders table is empty.');
  if (period.customers === 0) {
    throw new Error(
      `No customer had a completed order on or before the calibration end ${period.calibrationEnd}, so there is nothing to fit. ` +
        'Choose a later calibration_end (or leave it empty for the latest order date).',
    );
  }
  const warnings: string[] = [];
  if (period.calibrationEnd > period.dataEnd) {
    warnings.push(
      `calibration_end ${period.calibrationEnd} is after the latest order (${period.dataEnd}): the days in between count as days without purchases.`,
    );
  }
  const summary = await querySummary(engine, period.calibrationEnd, unit);
  const bg = fitPurchases(summary, period.calibrationEnd, options.bgnbd, warnings);
  const spend = fitSpend(summary, options.gammaGamma, warnings);
  const rows = forecast(summary, bg, spend, settings);

  const spanDays = dayNumber(period.dataEnd) - dayNumber(period.cohortStart) + 1;
  const holdoutDays = Math.max(0, dayNumber(period.dataEnd) - dayNumber(period.calibrationEnd));
  const tracking = trackingCurve(bg, summary.birthDay, await queryWeeklyRepeats(engine, period.calibrationEnd, unit), spanDays, unit);
  const maxT = largest(summary.T);

  const params: PredictiveLtvParams = {
    calibration_end: period.calibrationEnd,
    data_end: period.dataEnd,
    cohort_start: period.cohortStart,
    time_unit: unit,
    horizon_months: settings.horizonMonths,
    monthly_discount_rate: settings.monthlyDiscountRate,
    margin_rate: settings.marginRate,
    r: bg.r,
    alpha: bg.alpha,
    a: bg.a,
    b: bg.b,
    p: spend.p,
    q: spend.q,
    gamma: spend.gamma,
    bgnbd_log_likelihood: bg.logLikelihood,
    gamma_gamma_log_likelihood: spend.logLikelihood,
    customers: summary.x.length,
    repeat_buyers: rows.filter((row) => row.frequency > 0).length,
    spend_model_customers: spend.customers,
    population_mean_spend: conditionalExpectedSpend(spend, 0, 0),
    calibration_repeat_purchases: sum(summary.x),
    holdout_repeat_purchases: sum(summary.holdout),
    holdout_expected_purchases: expectedOver(bg, summary, holdoutDays / (unit === 'weeks' ? 7 : 1)),
    calibration_weeks: (dayNumber(period.calibrationEnd) - dayNumber(period.cohortStart) + 1) / 7,
    alive_grid_T: maxT,
    converged: bg.converged && spend.converged,
    bgnbd_converged: bg.converged,
    gamma_gamma_converged: spend.converged,
  };
  const result: PredictiveLtvResult = {
    params,
    rows,
    tracking,
    aliveGrid: aliveGrid(bg, largest(summary.x), maxT),
    warnings,
  };
  if (options.tableName !== undefined) await writePredictions(engine, options.tableName, rows);
  return result;
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i] as number;
  return total;
}

/** Math.max without spreading: 100,000 arguments overflow the stack. */
function largest(values: Float64Array): number {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  return max;
}

function fitPurchases(summary: SqlSummary, calibrationEnd: string, options: FitBgNbdOptions | undefined, warnings: string[]): BgNbdFit {
  if (!summary.x.some((x) => x > 0)) {
    throw new Error(
      `No customer made a repeat purchase (a second purchase day) on or before the calibration end ${calibrationEnd}, ` +
        'so how often customers buy and when they drop out cannot be estimated. ' +
        'Predictive lifetime value needs repeat buyers: choose a later calibration_end or load more history.',
    );
  }
  const fit = fitBgNbd(summary, options);
  if (!fit.converged) {
    warnings.push(
      `The BG/NBD purchase model did not converge (${fit.evaluations} evaluations, ${fit.method}): ` +
        'its parameters and forecasts are approximate. Often a parameter is heading to 0 or infinity (e.g. almost nobody drops out).',
    );
  }
  return fit;
}

/** Pearson correlation of x and y. */
function correlation(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = sum(x) / n;
  const my = sum(y) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

function fitSpend(summary: SqlSummary, options: FitGammaGammaOptions | undefined, warnings: string[]): GammaGammaFit {
  // Gamma-Gamma needs a positive mean spend: repeat buyers without one (free orders,
  // missing amounts) are left out of the fit and valued as explained in forecast().
  const usable: number[] = [];
  for (let i = 0; i < summary.x.length; i++) if ((summary.x[i] as number) > 0 && (summary.mbar[i] as number) > 0) usable.push(i);
  const repeatBuyers = summary.x.filter((x) => x > 0).length;
  if (usable.length < repeatBuyers) {
    warnings.push(
      `${repeatBuyers - usable.length} of ${repeatBuyers} repeat buyers have a zero, negative or missing mean repeat spend ` +
        'and were left out of the spend model.',
    );
  }
  const x = usable.map((i) => summary.x[i] as number);
  const mbar = usable.map((i) => summary.mbar[i] as number);
  let fit: GammaGammaFit;
  try {
    fit = fitGammaGamma({ x: Float64Array.from(x), mbar: Float64Array.from(mbar) }, options);
  } catch (error) {
    throw new Error(`The spend model (Gamma-Gamma) cannot be fitted: ${(error as Error).message}`);
  }
  if (!(fit.q > 1)) {
    throw new Error(
      `The spend model (Gamma-Gamma) fitted q = ${fit.q.toFixed(3)} ≤ 1, which means an infinite average spend: ` +
        'the repeat spends are too spread out for this model (look for outliers or mixed currencies).',
    );
  }
  if (!fit.converged) {
    warnings.push(`The Gamma-Gamma spend model did not converge (${fit.evaluations} evaluations, ${fit.method}): expected spends are approximate.`);
  }
  const rho = correlation(x, mbar);
  if (Math.abs(rho) > CORRELATION_WARNING) {
    warnings.push(
      `Among repeat buyers, the number of purchases and the mean spend are correlated (ρ = ${rho.toFixed(2)}); ` +
        'the Gamma-Gamma model assumes they are independent, so expected spends may be biased.',
    );
  }
  return fit;
}

/** Σ over customers of the expected purchases in the `t` units after their calibration. */
function expectedOver(bg: BgNbdFit, summary: SqlSummary, t: number): number {
  if (t <= 0) return 0;
  let total = 0;
  for (let i = 0; i < summary.x.length; i++) {
    total += conditionalExpectedPurchases(bg, t, summary.x[i] as number, summary.tx[i] as number, summary.T[i] as number);
  }
  return total;
}

function forecast(summary: SqlSummary, bg: BgNbdFit, spend: GammaGammaFit, settings: PredictiveSettings): PredictiveLtvRow[] {
  const horizon = settings.horizonMonths * unitsPerMonth(settings.timeUnit);
  const clvOptions = {
    horizonMonths: settings.horizonMonths,
    monthlyDiscountRate: settings.monthlyDiscountRate,
    margin: settings.marginRate,
    timeUnit: settings.timeUnit,
  };
  const populationMean = conditionalExpectedSpend(spend, 0, 0);
  // Customers with the same history get the same forecast; one-time buyers who started on
  // the same day share one, which saves most of the work on typical data.
  const forecasts = new Map<string, Pick<PredictiveLtvRow, 'p_alive' | 'expected_purchases' | 'expected_spend' | 'clv'>>();
  return summary.customerIds.map((customer_id, i) => {
    const x = summary.x[i] as number;
    const tx = summary.tx[i] as number;
    const T = summary.T[i] as number;
    const observed = summary.mbar[i] as number;
    // A missing mean spend says nothing about the customer: the population mean (the
    // estimate's fixed point) stands in. A zero or negative one pulls the estimate down.
    const mbar = x === 0 ? 0 : Number.isNaN(observed) ? populationMean : Math.max(observed, 0);
    const key = `${x} ${tx} ${T} ${mbar}`;
    let values = forecasts.get(key);
    if (!values) {
      values = {
        p_alive: probabilityAlive(bg, x, tx, T),
        expected_purchases: conditionalExpectedPurchases(bg, horizon, x, tx, T),
        expected_spend: conditionalExpectedSpend(spend, x, mbar),
        clv: customerLifetimeValue(bg, spend, { x, tx, T, mbar }, clvOptions),
      };
      forecasts.set(key, values);
    }
    return {
      customer_id,
      frequency: x,
      recency: tx,
      T,
      monetary: x === 0 || Number.isNaN(observed) ? 0 : observed,
      ...values,
      holdout_purchases: summary.holdout[i] as number,
    };
  });
}
