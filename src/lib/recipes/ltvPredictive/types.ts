/**
 * The shape of a predictive lifetime-value run (BG/NBD + Gamma-Gamma), shared by the
 * engine contract, the worker, the notebook and the headless runner. Plain numbers
 * and strings only, so it crosses the worker boundary and prints as JSON unchanged.
 */

import type { TimeUnit } from '../../models/summary';

/** The run's resolved settings, the fitted parameters and totals. */
export type PredictiveLtvParams = {
  /** Last day of the calibration period (inclusive), YYYY-MM-DD. */
  calibration_end: string;
  /** Latest order date in the data, YYYY-MM-DD: the holdout runs to it. */
  data_end: string;
  /** Earliest first purchase of the modelled customers, YYYY-MM-DD: week 0 of the tracking chart. */
  cohort_start: string;
  time_unit: TimeUnit;
  horizon_months: number;
  monthly_discount_rate: number;
  margin_rate: number;
  /** BG/NBD: purchase rates λ ~ Gamma(r, α) (α in the time unit), dropout p ~ Beta(a, b). */
  r: number;
  alpha: number;
  a: number;
  b: number;
  /** Gamma-Gamma: spend per purchase ~ Gamma(p, ν), ν ~ Gamma(q, γ). */
  p: number;
  q: number;
  gamma: number;
  bgnbd_log_likelihood: number;
  gamma_gamma_log_likelihood: number;
  /** Customers with a first purchase on or before `calibration_end`. */
  customers: number;
  /** Customers with at least one repeat purchase in calibration. */
  repeat_buyers: number;
  /** Repeat buyers the spend model was fitted on (those with a positive mean repeat spend). */
  spend_model_customers: number;
  /** Population mean spend per purchase, pγ/(q − 1). */
  population_mean_spend: number;
  calibration_repeat_purchases: number;
  holdout_repeat_purchases: number;
  /** Model-expected repeat purchases over the holdout (0 without a holdout). */
  holdout_expected_purchases: number;
  /** Weeks from `cohort_start` to the end of `calibration_end`: where the tracking chart's holdout starts. */
  calibration_weeks: number;
  /** Age T (in the time unit) at which `aliveGrid` is computed: the oldest customer's. */
  alive_grid_T: number;
  /** Both fits met their tolerances. */
  converged: boolean;
  bgnbd_converged: boolean;
  gamma_gamma_converged: boolean;
};

/** One customer's history and forecast. Times are in the run's time unit. */
export type PredictiveLtvRow = {
  customer_id: string;
  /** Repeat purchase days in calibration (x). */
  frequency: number;
  /** Time from the first to the last calibration purchase (t_x); 0 when x = 0. */
  recency: number;
  /** Time from the first purchase to the end of calibration (age). */
  T: number;
  /** Mean spend of the repeat purchase days (first excluded); 0 when x = 0. */
  monetary: number;
  /** Probability the customer is still active at the end of calibration. */
  p_alive: number;
  /** Expected purchases over the horizon (undiscounted). */
  expected_purchases: number;
  /** Expected spend per future purchase (Gamma-Gamma). */
  expected_spend: number;
  /** Discounted value over the horizon, × margin_rate. */
  clv: number;
  /** Purchase days after `calibration_end` (the holdout). */
  holdout_purchases: number;
};

/** Cumulative repeat purchases of all modelled customers at the end of a week since `cohort_start`. */
export type TrackingPoint = {
  /** Weeks since `cohort_start`; the last point may be a fraction when the data end mid-week. */
  week: number;
  actual: number;
  expected: number;
};

/** P(alive) of a customer aged `alive_grid_T` with this frequency and recency. */
export type AliveGridCell = {
  frequency: number;
  recency: number;
  p_alive: number;
};

/** Customers whose P(alive) is in `lower ≤ p_alive < upper` (`upper` null: up to 1), and the predicted CLV they hold. */
export type AliveBand = {
  band: string;
  lower: number;
  upper: number | null;
  customers: number;
  predicted_clv: number;
};

/** Everything a predictive lifetime-value run produces. */
export type PredictiveLtvResult = {
  params: PredictiveLtvParams;
  rows: PredictiveLtvRow[];
  tracking: TrackingPoint[];
  aliveGrid: AliveGridCell[];
  warnings: string[];
};

/** The per-customer columns, in order, with the DuckDB types of the materialised table. */
export const PREDICTIVE_LTV_COLUMNS = [
  { name: 'customer_id', type: 'VARCHAR' },
  { name: 'frequency', type: 'INTEGER' },
  { name: 'recency', type: 'DOUBLE' },
  { name: 'T', type: 'DOUBLE' },
  { name: 'monetary', type: 'DOUBLE' },
  { name: 'p_alive', type: 'DOUBLE' },
  { name: 'expected_purchases', type: 'DOUBLE' },
  { name: 'expected_spend', type: 'DOUBLE' },
  { name: 'clv', type: 'DOUBLE' },
  { name: 'holdout_purchases', type: 'INTEGER' },
] as const satisfies readonly { name: keyof PredictiveLtvRow; type: string }[];
