import { DAYS, SECONDS_PER_DAY } from './calendar';
import { WeightedTable, type Rng } from './prng';

export const CHANNELS = ['web', 'app', 'store', 'marketplace'] as const;
export type Channel = (typeof CHANNELS)[number];

const CHANNEL_SHARE: Record<Channel, number> = { web: 0.45, app: 0.25, store: 0.2, marketplace: 0.1 };

// Orders per hour of day (0..23), relative. Shops open 9–21; online peaks in the evening.
const HOUR_SHAPE: Record<Channel, readonly number[]> = {
  web: [2, 1, 0.6, 0.4, 0.4, 0.6, 1.5, 3, 4, 5, 5.5, 6, 7, 6.5, 6, 6, 6, 6.5, 7.5, 9, 10, 9, 6.5, 4],
  app: [3, 1.5, 0.8, 0.5, 0.5, 1, 2.5, 5, 5.5, 4.5, 4.5, 5, 6.5, 5.5, 5, 5, 5.5, 6.5, 7.5, 9, 10.5, 10.5, 8, 5.5],
  store: [0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 5, 7, 8, 8, 7.5, 7.5, 8, 8.5, 8, 6, 3, 0.8, 0, 0],
  marketplace: [2.5, 1.5, 1, 0.6, 0.6, 1, 2, 3.5, 4.5, 5, 5.5, 6, 6.5, 6.5, 6, 6, 6, 6.5, 7, 8, 8.5, 8, 6, 4],
};

function hourProbabilities(channel: Channel): number[] {
  const shape = HOUR_SHAPE[channel];
  const total = shape.reduce((sum, w) => sum + w, 0);
  return shape.map((w) => w / total);
}

const HOUR_PROBABILITY: Record<Channel, number[]> = {
  web: hourProbabilities('web'),
  app: hourProbabilities('app'),
  store: hourProbabilities('store'),
  marketplace: hourProbabilities('marketplace'),
};

const HOUR_TABLE: Record<Channel, WeightedTable> = {
  web: new WeightedTable(HOUR_PROBABILITY.web),
  app: new WeightedTable(HOUR_PROBABILITY.app),
  store: new WeightedTable(HOUR_PROBABILITY.store),
  marketplace: new WeightedTable(HOUR_PROBABILITY.marketplace),
};

const CHANNEL_TABLE = new WeightedTable(CHANNELS.map((c) => CHANNEL_SHARE[c]));

/** Hour-of-day mix over all channels. */
export const BLENDED_HOUR: readonly number[] = Array.from({ length: 24 }, (_, h) =>
  CHANNELS.reduce((sum, c) => sum + CHANNEL_SHARE[c] * (HOUR_PROBABILITY[c][h] ?? 0), 0),
);

/** Channel given the hour an order was placed (Bayes: no store orders at 3 a.m.). */
const CHANNEL_BY_HOUR: readonly WeightedTable[] = Array.from(
  { length: 24 },
  (_, h) => new WeightedTable(CHANNELS.map((c) => CHANNEL_SHARE[c] * (HOUR_PROBABILITY[c][h] ?? 0))),
);

function channelAt(index: number): Channel {
  const channel = CHANNELS[index];
  if (channel === undefined) throw new Error(`no channel ${index}`);
  return channel;
}

export function drawChannel(rng: Rng): Channel {
  return channelAt(CHANNEL_TABLE.sample(rng));
}

export function channelForHour(rng: Rng, hour: number): Channel {
  const table = CHANNEL_BY_HOUR[hour];
  if (table === undefined) throw new Error(`bad hour ${hour}`);
  return channelAt(table.sample(rng));
}

/** A second of the day (0..86399) typical for orders on that channel. */
export function secondOfDay(rng: Rng, channel: Channel): number {
  return HOUR_TABLE[channel].sample(rng) * 3600 + rng.int(0, 3599);
}

/**
 * Continuous intensity over the whole calendar, one cell per hour. `secondAt`
 * is monotone in its argument, so sorted quantiles give sorted timestamps.
 */
export class HourlyIntensity {
  private readonly cells: WeightedTable;

  constructor(dayWeight: Float64Array) {
    const weights = new Float64Array(DAYS * 24);
    for (let d = 0; d < DAYS; d++) {
      for (let h = 0; h < 24; h++) weights[d * 24 + h] = (dayWeight[d] ?? 0) * (BLENDED_HOUR[h] ?? 0);
    }
    this.cells = new WeightedTable(weights);
  }

  /** Second of the calendar at quantile q in (0, 1). */
  secondAt(q: number): number {
    const position = q * this.cells.total;
    const cell = this.cells.indexAt(position);
    const within = (position - this.cells.startOf(cell)) / this.cells.weightOf(cell);
    const second = cell * 3600 + Math.floor(Math.min(Math.max(within, 0), 0.9999999) * 3600);
    return Math.min(second, DAYS * SECONDS_PER_DAY - 1);
  }
}
