import type { OrderStatus } from '../../src/lib/ingest/canonical';
import { DAYS, END_SECOND, MAX_PURCHASE_DAY_WEIGHT, PURCHASE_DAY_WEIGHT, SECONDS_PER_DAY } from './calendar';
import { channelForHour, drawChannel, secondOfDay, type Channel } from './channels';
import { ACQUISITION_INTENSITY, Arrivals, drawCustomer, ORDER_VALUE_SHAPE, type Customer } from './customers';
import { MinHeap } from './heap';
import { Rng, SortedUniforms } from './prng';

export interface Purchase {
  readonly second: number;
  /** null for a guest checkout. */
  readonly customer: Customer | null;
  readonly channel: Channel;
  readonly status: OrderStatus;
  /** How this order went for the customer (about standard normal); drives feedback and dropout. */
  readonly experience: number;
}

export const ORDER_COLUMNS = ['order_id', 'customer_id', 'ordered_at', 'revenue', 'gross_margin', 'status', 'channel'] as const;

/** How strongly one order's experience moves the odds of leaving afterwards. */
const DROPOUT_SENSITIVITY = 0.9;
/** Share of repeat purchases made on the customer's usual channel. */
const HOME_CHANNEL_LOYALTY = 0.8;

function drawStatus(rng: Rng): OrderStatus {
  const u = rng.uniform();
  if (u < 0.04) return 'refunded';
  if (u < 0.07) return 'cancelled';
  return 'completed';
}

function drawExperience(rng: Rng, customer: Customer, status: OrderStatus): number {
  const penalty = status === 'refunded' ? 1.1 : status === 'cancelled' ? 0.7 : 0;
  return 0.85 * customer.satisfaction + rng.normal(0, 0.55) - penalty;
}

function hourOf(second: number): number {
  return Math.floor((second % SECONDS_PER_DAY) / 3600);
}

/**
 * Every purchase of every registered customer, in time order: a discrete-event
 * simulation where each live customer sits in a heap keyed by their next
 * purchase. Memory is bounded by the number of live customers, not orders.
 */
export class CustomerOrders {
  private readonly arrivals: Arrivals;
  private readonly traits: Rng;
  private readonly rng: Rng;
  private readonly live = new MinHeap<Customer>();
  private nextArrival: number | null;
  private arrived = 0;

  constructor(customerCount: number, seed: number) {
    this.arrivals = new Arrivals(customerCount, new Rng(seed, 'arrivals'));
    this.traits = new Rng(seed, 'customers');
    this.rng = new Rng(seed, 'purchases');
    this.nextArrival = this.arrivals.next();
  }

  next(): Purchase | null {
    const arrival = this.nextArrival ?? Infinity;
    const repeat = this.live.peekKey();
    if (arrival === Infinity && repeat === Infinity) return null;

    let customer: Customer;
    let second: number;
    let channel: Channel;
    if (arrival <= repeat) {
      second = arrival;
      channel = channelForHour(this.rng, hourOf(second));
      customer = drawCustomer(this.traits, this.arrived++, channel);
      this.nextArrival = this.arrivals.next();
    } else {
      second = repeat;
      const popped = this.live.pop();
      if (popped === undefined) return null;
      customer = popped;
      channel = customer.nextChannel;
    }

    const status = drawStatus(this.rng);
    const experience = drawExperience(this.rng, customer, status);
    const dropout = 1 / (1 + Math.exp(-(customer.dropoutLogit - DROPOUT_SENSITIVITY * experience)));
    if (!this.rng.chance(dropout)) this.scheduleNext(customer, second);
    return { second, customer, channel, status, experience };
  }

  /** Next purchase: exponential gaps thinned by the purchase seasonality (non-homogeneous Poisson). */
  private scheduleNext(customer: Customer, after: number): void {
    const rng = this.rng;
    let day = after / SECONDS_PER_DAY;
    let whole: number;
    for (;;) {
      day += rng.exponential(customer.rate * MAX_PURCHASE_DAY_WEIGHT);
      if (day >= DAYS) return;
      whole = Math.floor(day);
      if (rng.uniform() * MAX_PURCHASE_DAY_WEIGHT < (PURCHASE_DAY_WEIGHT[whole] ?? 0)) break;
    }
    const channel = rng.chance(HOME_CHANNEL_LOYALTY) ? customer.homeChannel : drawChannel(rng);
    let second = whole * SECONDS_PER_DAY + secondOfDay(rng, channel);
    if (second <= after) second += SECONDS_PER_DAY;
    if (second >= END_SECOND) return;
    customer.nextChannel = channel;
    this.live.push(second, customer);
  }
}

/** Exactly `count` guest checkouts, in time order. */
export class GuestOrders {
  private readonly times: SortedUniforms;
  private readonly rng: Rng;

  constructor(count: number, seed: number) {
    this.times = new SortedUniforms(count, new Rng(seed, 'guest-times'));
    this.rng = new Rng(seed, 'guests');
  }

  next(): Purchase | null {
    const q = this.times.next();
    if (q === null) return null;
    const second = ACQUISITION_INTENSITY.secondAt(q);
    const channel = channelForHour(this.rng, hourOf(second));
    return { second, customer: null, channel, status: drawStatus(this.rng), experience: 0 };
  }
}

export interface OrderValue {
  readonly revenueCents: number;
  readonly marginCents: number;
}

/** Gamma-Gamma spend per order; margin from the basket's product mix (35–55%). */
export function drawOrderValue(rng: Rng, purchase: Purchase): OrderValue {
  const amount = purchase.customer
    ? rng.gamma(ORDER_VALUE_SHAPE, 1 / purchase.customer.spendRate)
    : rng.gamma(2.5, 22);
  const revenueCents = Math.max(150, Math.round(amount * 100));
  // Mean of three uniforms: a cheap bell shape on 0..1 (called once per order).
  const margin = 0.35 + (0.2 * (rng.uniform() + rng.uniform() + rng.uniform())) / 3;
  return { revenueCents, marginCents: Math.round(revenueCents * margin) };
}

export function formatCents(cents: number): string {
  const whole = Math.floor(cents / 100);
  const rest = cents - whole * 100;
  return `${whole}.${rest < 10 ? '0' : ''}${rest}`;
}

export function formatId(prefix: string, n: number, width: number): string {
  return prefix + String(n).padStart(width, '0');
}
