/**
 * Builds the per-customer calibration summary (x, t_x, T, mbar) that the BG/NBD and
 * Gamma-Gamma models are fitted on, from raw transactions. An independent TypeScript
 * counterpart of the app's SQL, used to check it.
 */

/** One purchase. */
export interface Transaction {
  customerId: string;
  /** Calendar date, YYYY-MM-DD. */
  date: string;
  amount: number;
}

/** Unit of the model's time axis; a week is 7 days. */
export type TimeUnit = 'days' | 'weeks';

/** Options for {@link summarizeTransactions}. */
export interface SummaryOptions {
  /** Last day of the calibration period (inclusive), YYYY-MM-DD. */
  calibrationEnd: string;
  timeUnit: TimeUnit;
}

/**
 * One entry per customer whose first purchase falls on or before the calibration end,
 * sorted by customer id.
 */
export interface CustomerSummary {
  customerIds: string[];
  /** Repeat purchase days in calibration (purchase days after the first). */
  x: Float64Array;
  /** (last − first purchase day) / unit; 0 when x = 0. */
  tx: Float64Array;
  /** (calibration end − first purchase day) / unit. */
  T: Float64Array;
  /** Mean amount of the repeat purchase days (first excluded); 0 when x = 0. */
  mbar: Float64Array;
  /** First purchase, as days since 1970-01-01 (see {@link dayNumber}). */
  firstPurchaseDay: Float64Array;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/**
 * Days since 1970-01-01 of a YYYY-MM-DD calendar date. Throws for malformed or
 * impossible dates (e.g. 2023-02-30).
 */
export function dayNumber(date: string): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new Error(`"${date}" is not a date in YYYY-MM-DD form.`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new Error(`"${date}" is not a valid calendar date.`);
  }
  return ms / MS_PER_DAY;
}

/** Length of one model time unit in days. */
export function daysPerUnit(unit: TimeUnit): number {
  return unit === 'weeks' ? 7 : 1;
}

/**
 * Summarises transactions per customer for the calibration period ending on
 * `options.calibrationEnd` (inclusive). Purchases by one customer on one day are
 * merged into a single transaction with the amounts summed; transactions after the
 * calibration end are ignored, as are customers whose first purchase is after it.
 */
export function summarizeTransactions(
  transactions: Iterable<Transaction>,
  options: SummaryOptions,
): CustomerSummary {
  const end = dayNumber(options.calibrationEnd);
  const unit = daysPerUnit(options.timeUnit);
  // customer -> (day -> summed amount)
  const byCustomer = new Map<string, Map<number, number>>();
  let row = -1;
  for (const t of transactions) {
    row++;
    if (!Number.isFinite(t.amount)) {
      throw new Error(`Transaction ${row} (customer ${t.customerId}, ${t.date}) has a non-numeric amount.`);
    }
    let day: number;
    try {
      day = dayNumber(t.date);
    } catch (error) {
      throw new Error(`Transaction ${row} (customer ${t.customerId}): ${(error as Error).message}`);
    }
    if (day > end) continue;
    let days = byCustomer.get(t.customerId);
    if (!days) {
      days = new Map();
      byCustomer.set(t.customerId, days);
    }
    days.set(day, (days.get(day) ?? 0) + t.amount);
  }

  const customerIds = [...byCustomer.keys()].sort((u, v) => (u < v ? -1 : u > v ? 1 : 0));
  const n = customerIds.length;
  const summary: CustomerSummary = {
    customerIds,
    x: new Float64Array(n),
    tx: new Float64Array(n),
    T: new Float64Array(n),
    mbar: new Float64Array(n),
    firstPurchaseDay: new Float64Array(n),
  };
  customerIds.forEach((id, i) => {
    const days = byCustomer.get(id) as Map<number, number>;
    let first = Infinity;
    let last = -Infinity;
    for (const day of days.keys()) {
      first = Math.min(first, day);
      last = Math.max(last, day);
    }
    let repeatTotal = 0;
    for (const [day, amount] of days) if (day !== first) repeatTotal += amount;
    const x = days.size - 1;
    summary.x[i] = x;
    summary.tx[i] = (last - first) / unit;
    summary.T[i] = (end - first) / unit;
    summary.mbar[i] = x > 0 ? repeatTotal / x : 0;
    summary.firstPurchaseDay[i] = first;
  });
  return summary;
}
