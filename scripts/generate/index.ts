import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { END_SECOND, formatTimestamp } from './calendar';
import { drawFeedback, FEEDBACK_COLUMNS } from './feedback';
import { MinHeap } from './heap';
import { ExactOrderStream } from './exactStream';
import { CustomerOrders, drawOrderValue, formatCents, formatId, GuestOrders, ORDER_COLUMNS } from './orders';
import { Rng } from './prng';
import { Tally, type Tallies } from './tally';
import { CsvWriter } from './writeCsv';

/** The committed demo pair in sample-data/. */
export const DEMO = { orders: 6000, seed: 42 } as const;

export const GUEST_SHARE = 0.05;
/** One exact duplicate row per this many rows, for the data-quality report. */
export const ROWS_PER_DUPLICATE = 1000;

export type Phase = 'simulate' | 'write';

export interface GenerateOptions {
  /** Data rows in orders.csv, duplicates included. */
  readonly orders: number;
  readonly seed: number;
  readonly outDir: string;
  readonly onProgress?: (phase: Phase, fraction: number) => void;
}

export interface DatasetSummary extends Tallies {
  readonly ordersPath: string;
  readonly feedbackPath: string;
  readonly orderRows: number;
  readonly distinctOrders: number;
  readonly duplicateRows: number;
  readonly guestOrders: number;
  readonly feedbackRows: number;
}

export interface Plan {
  /** Distinct orders (rows minus duplicates). */
  readonly distinct: number;
  readonly duplicates: number;
  /** Orders by registered customers; the rest are guests. */
  readonly customerOrders: number;
  /** First guess at how many customers produce that many orders. */
  readonly customers: number;
}

export function planFor(orders: number): Plan {
  if (!Number.isSafeInteger(orders) || orders < 0) throw new Error(`orders must be a non-negative integer, got ${orders}`);
  const duplicates = Math.floor(orders / ROWS_PER_DUPLICATE);
  const distinct = orders - duplicates;
  const customerOrders = Math.round(distinct * (1 - GUEST_SHARE));
  return { distinct, duplicates, customerOrders, customers: customerOrders === 0 ? 0 : Math.max(1, Math.round(orders / 3)) };
}

const PROGRESS_EVERY = 1 << 16;

function countPurchases(customers: number, seed: number, onProgress: GenerateOptions['onProgress']): number {
  let count = 0;
  const simulation = new CustomerOrders(customers, seed);
  for (let p = simulation.next(); p !== null; p = simulation.next()) {
    if (++count % PROGRESS_EVERY === 0) onProgress?.('simulate', p.second / END_SECOND);
  }
  onProgress?.('simulate', 1);
  return count;
}

/**
 * Writes orders.csv and feedback.csv to outDir, in time order, streamed. Two
 * passes over the same seeded simulation: the first only counts registered
 * customers' purchases, so the second can keep an exact subset of them and fill
 * the rest with guests, giving exactly N rows.
 */
export async function generateDataset(options: GenerateOptions): Promise<DatasetSummary> {
  const { seed, onProgress } = options;
  const plan = planFor(options.orders);
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);

  // The simulation averages a little over 3 orders per customer; a small or
  // unlucky draw can fall short, and then more customers are simulated.
  let customers = plan.customers;
  let simulated = countPurchases(customers, seed, onProgress);
  for (let attempt = 0; simulated < plan.customerOrders && attempt < 5; attempt++) {
    customers = Math.ceil(customers * (plan.customerOrders / Math.max(1, simulated)) * 1.02);
    simulated = countPurchases(customers, seed, onProgress);
  }
  const customerOrders = Math.min(simulated, plan.customerOrders);
  const guestOrders = plan.distinct - customerOrders;

  await mkdir(options.outDir, { recursive: true });
  const ordersPath = join(options.outDir, 'orders.csv');
  const feedbackPath = join(options.outDir, 'feedback.csv');
  const orderCsv = await CsvWriter.create(ordersPath, ORDER_COLUMNS);
  const feedbackCsv = await CsvWriter.create(feedbackPath, FEEDBACK_COLUMNS);

  const orderIdWidth = Math.max(6, String(plan.distinct).length);
  const customerIdWidth = Math.max(5, String(customers).length);
  const customerId = (index: number): string => formatId('C', index + 1, customerIdWidth);

  const orders = new ExactOrderStream(
    new CustomerOrders(customers, seed),
    new GuestOrders(guestOrders, seed),
    simulated,
    customerOrders,
    new Rng(seed, 'keep'),
  );
  const duplicateRng = new Rng(seed, 'duplicates');
  const valueRng = new Rng(seed, 'values');
  const feedbackRng = new Rng(seed, 'feedback');
  const pendingFeedback = new MinHeap<readonly string[]>();
  const tally = new Tally(customers);
  let duplicatesLeft = plan.duplicates;
  let distinctLeft = plan.distinct;
  let sequence = 0;

  // Awaiting only real flushes: an await per row would cost more than the row itself.
  const writeFeedbackUntil = async (second: number): Promise<void> => {
    while (pendingFeedback.peekKey() <= second) {
      const row = pendingFeedback.pop();
      if (row === undefined) break;
      const flushing = feedbackCsv.writeRow(row);
      if (flushing) await flushing;
    }
  };

  for (let purchase = orders.next(); purchase !== null; purchase = orders.next()) {
    // Answers come a day or more after their order, so all earlier ones are final.
    if (pendingFeedback.peekKey() <= purchase.second) await writeFeedbackUntil(purchase.second);
    const orderId = formatId('O', ++sequence, orderIdWidth);
    const orderedAt = formatTimestamp(purchase.second);
    const value = drawOrderValue(valueRng, purchase);
    const customer = purchase.customer;
    const row = [
      orderId,
      customer === null ? '' : customerId(customer.index),
      orderedAt,
      formatCents(value.revenueCents),
      formatCents(value.marginCents),
      purchase.status,
      purchase.channel,
    ];
    let flushing = orderCsv.writeRow(row);
    if (flushing) await flushing;
    if (duplicateRng.uniform() * distinctLeft < duplicatesLeft) {
      duplicatesLeft--;
      flushing = orderCsv.writeRow(row);
      if (flushing) await flushing;
    }
    distinctLeft--;
    tally.order(purchase, orderedAt);

    const feedback = customer === null ? null : drawFeedback(feedbackRng, purchase);
    // The export is a snapshot at the end of the range: later answers do not exist yet.
    if (customer !== null && feedback !== null && feedback.respondedSecond < END_SECOND) {
      tally.feedback(feedback.comment);
      pendingFeedback.push(feedback.respondedSecond, [
        customerId(customer.index),
        orderId,
        formatTimestamp(feedback.respondedSecond),
        String(feedback.score),
        feedback.scale,
        feedback.comment,
      ]);
    }
    if (sequence % PROGRESS_EVERY === 0) onProgress?.('write', orderCsv.rowCount / options.orders);
  }
  await writeFeedbackUntil(Infinity);
  await Promise.all([orderCsv.close(), feedbackCsv.close()]);
  onProgress?.('write', 1);

  return {
    ...tally.result(),
    ordersPath,
    feedbackPath,
    orderRows: orderCsv.rowCount,
    distinctOrders: sequence,
    duplicateRows: orderCsv.rowCount - sequence,
    guestOrders,
    feedbackRows: feedbackCsv.rowCount,
  };
}
