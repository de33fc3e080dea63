import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/**
 * An independent re-computation of the retention figures in plain TypeScript,
 * straight from the contract in retention-math.md, for the Online Retail extract
 * in test/fixtures/online_retail. It shares no code with the recipes.
 */

export const EXTRACT_PATH = new URL('../fixtures/online_retail/online_retail_extract.csv.gz', import.meta.url);

export interface Order {
  invoice: string;
  customer: string | null;
  /** Calendar day number (days since 1970-01-01) of the first line's InvoiceDate. */
  day: number;
  revenue: number;
  completed: boolean;
}

/** Splits one CSV line, honouring "quoted, ""escaped"" fields". The file has no line breaks inside fields. */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { fields.push(field); field = ''; }
    else field += ch;
  }
  fields.push(field);
  return fields;
}

export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

export function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Invoice lines → orders: revenue = Σ quantity × unit price; an invoice number starting with C is a cancellation. */
export function readOrders(): Order[] {
  const lines = gunzipSync(readFileSync(EXTRACT_PATH)).toString('utf8').split('\n').slice(1).filter(Boolean);
  const byInvoice = new Map<string, Order & { at: string }>();
  for (const line of lines) {
    const [invoice, , , quantity, at, price, customer] = splitCsvLine(line);
    let order = byInvoice.get(invoice);
    if (!order) {
      order = { invoice, customer: customer || null, at, day: 0, revenue: 0, completed: !invoice.startsWith('C') };
      byInvoice.set(invoice, order);
    }
    if (at < order.at) order.at = at;
    order.revenue += Number(quantity) * Number(price);
  }
  return [...byInvoice.values()].map(({ at, ...order }) => ({ ...order, day: dayNumber(at) }));
}

export interface Shop {
  asOf: number;
  dataStart: number;
  /** Completed orders with a customer: the basis of every customer metric. */
  customerOrders: Order[];
  /** Each customer's distinct order days, sorted. */
  days: Map<string, number[]>;
}

export function shopOf(orders: Order[]): Shop {
  const asOf = Math.max(...orders.map((o) => o.day));
  const dataStart = Math.min(...orders.map((o) => o.day));
  const customerOrders = orders.filter((o) => o.completed && o.customer !== null && o.day <= asOf);
  const days = new Map<string, number[]>();
  for (const o of customerOrders) days.set(o.customer!, [...(days.get(o.customer!) ?? []), o.day]);
  for (const [c, list] of days) days.set(c, [...new Set(list)].sort((a, b) => a - b));
  return { asOf, dataStart, customerOrders, days };
}

const MONTHS = { month: 1, quarter: 3, year: 12 } as const;
export type Period = keyof typeof MONTHS;

function periodStart(day: number, period: Period): number {
  const d = new Date(day * 86_400_000);
  const month = d.getUTCMonth() - (d.getUTCMonth() % MONTHS[period]);
  return Date.UTC(d.getUTCFullYear(), month, 1) / 86_400_000;
}

function addMonths(day: number, months: number): number {
  const d = new Date(day * 86_400_000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1) / 86_400_000;
}

/** Calendar periods from the one holding `from` through the one holding `to`: [start, calendar end]. */
function periods(from: number, to: number, period: Period): [number, number][] {
  const out: [number, number][] = [];
  for (let start = periodStart(from, period); start <= to; start = addMonths(start, MONTHS[period])) {
    out.push([start, addMonths(start, MONTHS[period]) - 1]);
  }
  return out;
}

export function crr(shop: Shop, period: Period, window: number) {
  const activeOn = (days: number[], d: number) => days.some((x) => x > d - window && x <= d);
  const orderedIn = (days: number[], from: number, to: number) => days.some((x) => x >= from && x <= to);
  return periods(shop.dataStart, shop.asOf, period).map(([start, calendarEnd]) => {
    const end = Math.min(calendarEnd, shop.asOf);
    const previousStart = addMonths(start, -MONTHS[period]);
    let S = 0, E = 0, N = 0, kept = 0, reactivated = 0, previous = 0, returning = 0;
    for (const days of shop.days.values()) {
      const atStart = activeOn(days, start - 1);
      const atEnd = activeOn(days, end);
      S += Number(atStart);
      E += Number(atEnd);
      kept += Number(atStart && atEnd);
      N += Number(days[0] >= start && days[0] <= end);
      // Lapsed before the period (ordered earlier, not active at its start), active again at its end.
      reactivated += Number(atEnd && !atStart && days[0] < start);
      if (orderedIn(days, previousStart, start - 1)) {
        previous++;
        returning += Number(orderedIn(days, start, end));
      }
    }
    return {
      period_start: isoDay(start),
      period_end: isoDay(end),
      S, E, N,
      crr: S > 0 ? (100 * (E - N)) / S : null,
      strict_retained_pct: S > 0 ? (100 * kept) / S : null,
      reactivated_customers: reactivated,
      returning_rate: previous > 0 ? (100 * returning) / previous : null,
      incomplete_history: start - window < shop.dataStart,
      partial_period: shop.asOf < calendarEnd,
    };
  });
}

export function repeatRate(shop: Shop) {
  const perCustomer = new Map<string, { orders: number; revenue: number }>();
  for (const o of shop.customerOrders) {
    const c = perCustomer.get(o.customer!) ?? { orders: 0, revenue: 0 };
    perCustomer.set(o.customer!, { orders: c.orders + 1, revenue: c.revenue + o.revenue });
  }
  const customers = perCustomer.size;
  const repeat = [...perCustomer.values()].filter((c) => c.orders >= 2).length;
  const orders = shop.customerOrders.length;
  const revenue = shop.customerOrders.reduce((sum, o) => sum + o.revenue, 0);
  return { customers, repeat_customers: repeat, repeat_rate: (100 * repeat) / customers, orders, revenue, aov: revenue / orders };
}

export interface CohortCell {
  cohort: string;
  offset: number;
  cohort_size: number;
  active_customers: number;
  retention: number;
  cumulative_revenue_per_customer: number;
}

export function cohortRetention(shop: Shop): CohortCell[] {
  const cohortOf = new Map<string, number>();
  for (const [c, days] of shop.days) cohortOf.set(c, periodStart(days[0], 'month'));
  const size = new Map<number, number>();
  for (const cohort of cohortOf.values()) size.set(cohort, (size.get(cohort) ?? 0) + 1);
  const active = new Map<string, Set<string>>();
  const revenue = new Map<string, number>();
  for (const o of shop.customerOrders) {
    const key = `${cohortOf.get(o.customer!)}|${periodStart(o.day, 'month')}`;
    active.set(key, (active.get(key) ?? new Set()).add(o.customer!));
    revenue.set(key, (revenue.get(key) ?? 0) + o.revenue);
  }
  const rows: CohortCell[] = [];
  for (const cohort of [...size.keys()].sort((a, b) => a - b)) {
    let cumulative = 0;
    const n = size.get(cohort)!;
    periods(cohort, shop.asOf, 'month').forEach(([month], offset) => {
      const key = `${cohort}|${month}`;
      cumulative += revenue.get(key) ?? 0;
      const activeCustomers = active.get(key)?.size ?? 0;
      rows.push({
        cohort: isoDay(cohort), offset, cohort_size: n, active_customers: activeCustomers,
        retention: (100 * activeCustomers) / n, cumulative_revenue_per_customer: cumulative / n,
      });
    });
  }
  return rows;
}

/** DuckDB's quantile_cont: linear interpolation at position (n − 1)·q of the sorted values. */
export function quantileCont(sorted: number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const lo = Math.floor(position);
  const hi = Math.ceil(position);
  return lo === hi ? sorted[lo] : sorted[lo] + (position - lo) * (sorted[hi] - sorted[lo]);
}

const SEGMENTS: [string, [number, number], [number, number]][] = [
  ['Champions', [5, 5], [4, 5]],
  ['Loyal Customers', [3, 4], [4, 5]],
  ['Potential Loyalists', [4, 5], [2, 3]],
  ['New Customers', [5, 5], [1, 1]],
  ['Promising', [4, 4], [1, 1]],
  ['Need Attention', [3, 3], [3, 3]],
  ['About to Sleep', [3, 3], [1, 2]],
  ['At Risk', [1, 2], [3, 4]],
  ["Can't Lose Them", [1, 2], [5, 5]],
  ['Hibernating', [1, 2], [1, 2]],
];

export function rfm(shop: Shop) {
  const customers = [...shop.days.keys()].map((customer) => {
    const orders = shop.customerOrders.filter((o) => o.customer === customer);
    return {
      customer,
      recency: shop.asOf - Math.max(...orders.map((o) => o.day)),
      frequency: orders.length,
      monetary: orders.reduce((sum, o) => sum + o.revenue, 0),
    };
  });
  const scorer = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const q = [0.2, 0.4, 0.6, 0.8].map((p) => quantileCont(sorted, p));
    return (x: number) => 1 + q.filter((t) => x > t).length;
  };
  const r = scorer(customers.map((c) => c.recency));
  const f = scorer(customers.map((c) => c.frequency));
  const m = scorer(customers.map((c) => c.monetary));
  return customers.map((c) => {
    const rScore = 6 - r(c.recency);
    const fScore = f(c.frequency);
    const segment = SEGMENTS.find(([, [r0, r1], [f0, f1]]) => rScore >= r0 && rScore <= r1 && fScore >= f0 && fScore <= f1)?.[0] ?? 'Others';
    return { customer_id: c.customer, recency_days: c.recency, frequency: c.frequency, r_score: rScore, f_score: fScore, m_score: m(c.monetary), segment };
  });
}
