/**
 * Customer-value models in pure TypeScript: BG/NBD for repeat purchasing,
 * Gamma-Gamma for spend, and the lifetime value built from both.
 */

export {
  bgnbdLogLikelihood,
  bgnbdLogLikelihoodGradient,
  bgnbdLogLikelihoodOne,
  conditionalExpectedPurchases,
  expectedPurchases,
  fitBgNbd,
  MIN_CUSTOMERS,
  probabilityAlive,
  validateBgNbdData,
  type BgNbdData,
  type BgNbdFit,
  type BgNbdParams,
  type FitBgNbdOptions,
} from './bgnbd';
export {
  customerLifetimeValue,
  customerLifetimeValues,
  expectedCumulativeRepeatPurchases,
  unitsPerMonth,
  type ClvOptions,
  type CustomerHistory,
} from './clv';
export {
  conditionalExpectedSpend,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  gammaGammaLogLikelihoodGradient,
  MIN_REPEAT_BUYERS,
  type FitGammaGammaOptions,
  type GammaGammaData,
  type GammaGammaFit,
  type GammaGammaParams,
} from './gammaGamma';
export { bfgs } from './bfgs';
export { nelderMead } from './nelderMead';
export {
  DEFAULT_MAX_EVALUATIONS,
  minimizePositive,
  type MinimizeOptions,
  type MinimizeResult,
  type ValueAndGradient,
} from './optimize';
export { Rng } from './rng';
export { simulateBgNbd, type SimulateOptions } from './simulate';
export {
  digamma,
  gammaSign,
  hyp2f1,
  isNonPositiveInteger,
  logAddExp,
  logBeta,
  logGamma,
  logSumExp,
  type Hyp2f1Options,
} from './special';
export {
  dayNumber,
  daysPerUnit,
  summarizeTransactions,
  type CustomerSummary,
  type SummaryOptions,
  type TimeUnit,
  type Transaction,
} from './summary';
