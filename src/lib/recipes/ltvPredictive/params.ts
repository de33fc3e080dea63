/**
 * The parameters of the predictive lifetime-value run, declared like a SQL recipe's
 * so the notebook, the worker and the headless runner check them the same way.
 */

import type { ParamValue } from '../../engine/api';
import { convertParam } from '../params';
import type { ParamInput, RecipeParam } from '../types';
import type { TimeUnit } from '../../models/summary';

/** The parameters, their defaults and one-line meanings. */
export const PREDICTIVE_LTV_PARAMS: readonly RecipeParam[] = [
  {
    name: 'calibration_end',
    type: 'DATE',
    default: null,
    doc: 'Last day the models learn from; later orders are the holdout they are checked against (NULL = latest order date, no holdout)',
  },
  {
    name: 'time_unit',
    type: 'VARCHAR',
    default: 'weeks',
    doc: 'Unit of recency, age and the fitted α (weeks or days); the forecasts do not depend on it',
    choices: ['weeks', 'days'],
  },
  { name: 'horizon_months', type: 'INTEGER', default: 12, doc: 'Months of future purchases the lifetime value counts (30-day months, 1 to 120)' },
  { name: 'monthly_discount_rate', type: 'DOUBLE', default: 0.01, doc: 'Discount rate per month, e.g. 0.01 for 1 % (about 12.7 % a year)' },
  { name: 'margin_rate', type: 'DOUBLE', default: 1, doc: 'Share of revenue that is profit; 1 values customers in revenue' },
];

/** Longest horizon accepted: BG/NBD forecasts beyond ten years say little, and each month costs a model evaluation per customer. */
export const MAX_HORIZON_MONTHS = 120;

/** The checked settings of one run. */
export interface PredictiveSettings {
  /** YYYY-MM-DD, or null for the latest order date. */
  calibrationEnd: string | null;
  timeUnit: TimeUnit;
  horizonMonths: number;
  monthlyDiscountRate: number;
  marginRate: number;
}

/**
 * Fills in defaults and checks the values (text from the command line is converted);
 * names that are not parameters of the run are ignored, as recipes do. Throws a
 * sentence a person can act on for a bad value.
 */
export function resolvePredictiveParams(input: ParamInput = {}): PredictiveSettings {
  const value = (name: string): ParamValue => {
    const param = PREDICTIVE_LTV_PARAMS.find((p) => p.name === name) as RecipeParam;
    const given = input[name];
    return convertParam(param, given === undefined ? param.default : given);
  };
  const horizonMonths = value('horizon_months');
  const monthlyDiscountRate = value('monthly_discount_rate');
  const marginRate = value('margin_rate');
  if (typeof horizonMonths !== 'number' || horizonMonths < 1 || horizonMonths > MAX_HORIZON_MONTHS) {
    throw new Error(`horizon_months must be a whole number from 1 to ${MAX_HORIZON_MONTHS}, not ${JSON.stringify(horizonMonths)}.`);
  }
  if (typeof monthlyDiscountRate !== 'number' || monthlyDiscountRate < 0 || monthlyDiscountRate >= 1) {
    throw new Error(`monthly_discount_rate must be a number from 0 up to (not including) 1, not ${JSON.stringify(monthlyDiscountRate)}.`);
  }
  if (typeof marginRate !== 'number' || marginRate < 0 || marginRate > 1) {
    throw new Error(`margin_rate must be a number from 0 to 1, not ${JSON.stringify(marginRate)}.`);
  }
  const calibrationEnd = value('calibration_end');
  return {
    calibrationEnd: typeof calibrationEnd === 'string' ? calibrationEnd : null,
    timeUnit: value('time_unit') === 'days' ? 'days' : 'weeks',
    horizonMonths,
    monthlyDiscountRate,
    marginRate,
  };
}
