import { ACQUISITION_DAY_WEIGHT } from './calendar';
import { HourlyIntensity, type Channel } from './channels';
import { SortedUniforms, type Rng } from './prng';

/**
 * Latent traits of one customer, BG/NBD + Gamma-Gamma style: a purchase rate
 * while alive, a chance of dropping out after each purchase, a spend level,
 * and a satisfaction that colours both their feedback and their dropout.
 */
export interface Customer {
  /** 0-based; the id is C + index + 1. */
  readonly index: number;
  /** Purchases per day while active. */
  readonly rate: number;
  /** Log-odds of leaving after a purchase, before experience is taken into account. */
  readonly dropoutLogit: number;
  /** Standard-normal; high means they tend to like what they get. */
  readonly satisfaction: number;
  /** Gamma rate of order value: mean order value is ORDER_VALUE_SHAPE / spendRate. */
  readonly spendRate: number;
  readonly homeChannel: Channel;
  /** Channel of the scheduled next purchase (it fixes the time of day). */
  nextChannel: Channel;
}

export const CUSTOMER_PARAMS = {
  /** Purchase rate ~ Gamma(shape, scale): shape < 1 gives many slow buyers and a few heavy ones. */
  rateShape: 0.7,
  rateScale: 1 / 21,
  /** Dropout probability ~ Beta(a, b); both < 1 makes it U-shaped: most leave at once, some stay for years. */
  dropoutA: 0.5,
  dropoutB: 0.4,
  /** Gamma-Gamma: order value ~ Gamma(ORDER_VALUE_SHAPE, 1/spendRate), spendRate ~ Gamma(q, 1/gamma). */
  spendQ: 3.5,
  spendGamma: 43.75,
} as const;

export const ORDER_VALUE_SHAPE = 4;

/** New customers (and guests) arrive with growth and strong gift-season peaks. */
export const ACQUISITION_INTENSITY = new HourlyIntensity(ACQUISITION_DAY_WEIGHT);

function logit(p: number): number {
  const q = Math.min(Math.max(p, 1e-4), 1 - 1e-4);
  return Math.log(q / (1 - q));
}

export function drawCustomer(rng: Rng, index: number, homeChannel: Channel): Customer {
  const p = CUSTOMER_PARAMS;
  return {
    index,
    rate: rng.gamma(p.rateShape, p.rateScale),
    dropoutLogit: logit(rng.beta(p.dropoutA, p.dropoutB)),
    satisfaction: rng.normal(),
    spendRate: rng.gamma(p.spendQ, 1 / p.spendGamma),
    homeChannel,
    nextChannel: homeChannel,
  };
}

/** Exactly `count` first-purchase times, ascending, following the acquisition seasonality. */
export class Arrivals {
  private readonly quantiles: SortedUniforms;

  constructor(count: number, rng: Rng) {
    this.quantiles = new SortedUniforms(count, rng);
  }

  /** Next arrival second, or null when all customers have arrived. */
  next(): number | null {
    const q = this.quantiles.next();
    return q === null ? null : ACQUISITION_INTENSITY.secondAt(q);
  }
}
