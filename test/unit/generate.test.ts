import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, generateDataset, type DatasetSummary } from '../../scripts/generate/index';
import { csvToParquet, FEEDBACK_TYPES, ORDER_TYPES } from '../../scripts/generate/toParquet';

const SAMPLE_DIR = fileURLToPath(new URL('../../sample-data', import.meta.url));
const N = 3000;
const SEED = 7;

const ORDER_HEADER = ['order_id', 'customer_id', 'ordered_at', 'revenue', 'gross_margin', 'status', 'channel'];
const FEEDBACK_HEADER = ['customer_id', 'order_id', 'responded_at', 'score', 'scale', 'comment'];
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const MONEY = /^\d+\.\d{2}$/;

/** Minimal RFC 4180 parser, independent of the writer under test. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      if (field !== '') throw new Error(`stray quote in record ${records.length + 1}`);
      quoted = true;
    } else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else {
      field += ch;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || record.length > 0) throw new Error('file does not end with a newline');
  return records;
}

interface Order {
  id: string;
  customer: string;
  at: string;
  revenue: string;
  margin: string;
  status: string;
  channel: string;
  raw: string;
}

interface Feedback {
  customer: string;
  order: string;
  at: string;
  score: string;
  scale: string;
  comment: string;
}

interface Dataset {
  ordersText: string;
  feedbackText: string;
  orderHeader: string[];
  feedbackHeader: string[];
  orders: Order[];
  feedback: Feedback[];
  summary: DatasetSummary;
}

function field(record: string[], i: number): string {
  const value = record[i];
  if (value === undefined) throw new Error(`missing column ${i} in ${JSON.stringify(record)}`);
  return value;
}

async function load(dir: string, summary: DatasetSummary): Promise<Dataset> {
  const ordersText = await readFile(join(dir, 'orders.csv'), 'utf8');
  const feedbackText = await readFile(join(dir, 'feedback.csv'), 'utf8');
  const [orderHeader = [], ...orderRecords] = parseCsv(ordersText);
  const [feedbackHeader = [], ...feedbackRecords] = parseCsv(feedbackText);
  expect(orderRecords.filter((r) => r.length !== ORDER_HEADER.length)).toEqual([]);
  expect(feedbackRecords.filter((r) => r.length !== FEEDBACK_HEADER.length)).toEqual([]);
  return {
    ordersText,
    feedbackText,
    orderHeader,
    feedbackHeader,
    orders: orderRecords.map((r) => ({
      id: field(r, 0),
      customer: field(r, 1),
      at: field(r, 2),
      revenue: field(r, 3),
      margin: field(r, 4),
      status: field(r, 5),
      channel: field(r, 6),
      raw: r.join('\u0000'),
    })),
    feedback: feedbackRecords.map((r) => ({
      customer: field(r, 0),
      order: field(r, 1),
      at: field(r, 2),
      score: field(r, 3),
      scale: field(r, 4),
      comment: field(r, 5),
    })),
    summary,
  };
}

async function generateInto(dir: string, orders: number, seed: number): Promise<Dataset> {
  return load(dir, await generateDataset({ orders, seed, outDir: dir }));
}

function epochSeconds(timestamp: string): number {
  const m = TIMESTAMP.exec(timestamp);
  if (!m) throw new Error(`bad timestamp ${timestamp}`);
  const [, y, mo, d, h, mi, s] = m.map(Number);
  const ms = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 0, h ?? 0, mi ?? 0, s ?? 0);
  // Round-trip rejects impossible dates such as 2023-02-30 or 24:00:00.
  if (new Date(ms).toISOString().replace('T', ' ').slice(0, 19) !== timestamp) throw new Error(`bad timestamp ${timestamp}`);
  return ms / 1000;
}

function distinct(orders: readonly Order[]): Order[] {
  const seen = new Set<string>();
  return orders.filter((o) => !seen.has(o.id) && seen.add(o.id));
}

function repeatRate(orders: readonly Order[]): number {
  const completed = new Map<string, number>();
  for (const o of distinct(orders)) {
    if (o.customer !== '' && o.status === 'completed') completed.set(o.customer, (completed.get(o.customer) ?? 0) + 1);
  }
  const counts = [...completed.values()];
  return counts.filter((c) => c >= 2).length / counts.length;
}

function share<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  return items.filter(predicate).length / items.length;
}

let root = '';
let small: Dataset;
let demo: Dataset;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'recur-gen-'));
  small = await generateInto(join(root, 'small'), N, SEED);
  demo = await generateInto(join(root, 'demo'), DEMO.orders, DEMO.seed);
});

afterAll(async () => {
  if (root !== '') await rm(root, { recursive: true, force: true });
});

describe('determinism', () => {
  it('gives byte-identical files for the same seed and size', async () => {
    const again = await generateInto(join(root, 'again'), N, SEED);
    expect(again.ordersText).toBe(small.ordersText);
    expect(again.feedbackText).toBe(small.feedbackText);
  });

  it('gives different files for a different seed', async () => {
    const other = await generateInto(join(root, 'other'), N, SEED + 1);
    expect(other.ordersText).not.toBe(small.ordersText);
    expect(other.feedbackText).not.toBe(small.feedbackText);
  });

  it('matches the committed sample-data/ byte for byte (run `npm run gen` after changing the generator)', async () => {
    const committedOrders = await readFile(join(SAMPLE_DIR, 'orders.csv'), 'utf8');
    const committedFeedback = await readFile(join(SAMPLE_DIR, 'feedback.csv'), 'utf8');
    // Compared as booleans: a failing toBe() on 300 kB strings prints an unreadable diff.
    expect(committedOrders === demo.ordersText, 'sample-data/orders.csv is stale: run `npm run gen`').toBe(true);
    expect(committedFeedback === demo.feedbackText, 'sample-data/feedback.csv is stale: run `npm run gen`').toBe(true);
    expect(Buffer.byteLength(committedOrders) + Buffer.byteLength(committedFeedback)).toBeLessThan(1_000_000);
  });
});

describe('orders.csv', () => {
  it('has the canonical header and exactly N rows', () => {
    expect(small.orderHeader).toEqual(ORDER_HEADER);
    expect(small.orders).toHaveLength(N);
    expect(small.summary.orderRows).toBe(N);
  });

  it('formats every value as the ingestion expects', () => {
    const start = Date.UTC(2023, 0, 1) / 1000;
    const end = Date.UTC(2025, 0, 1) / 1000;
    const problems: string[] = [];
    let previous = -Infinity;
    for (const o of small.orders) {
      const at = epochSeconds(o.at);
      const ratio = Number(o.margin) / Number(o.revenue);
      const checks: [boolean, string][] = [
        [/^O\d{6}$/.test(o.id), 'order_id'],
        [/^(C\d{5})?$/.test(o.customer), 'customer_id'],
        [at >= start && at < end, 'ordered_at in range'],
        [at >= previous, 'ordered_at ascending'],
        [MONEY.test(o.revenue) && Number(o.revenue) > 0, 'revenue'],
        [MONEY.test(o.margin) && ratio >= 0.34 && ratio <= 0.56, 'gross_margin'],
        [['completed', 'refunded', 'cancelled'].includes(o.status), 'status'],
        [['web', 'app', 'store', 'marketplace'].includes(o.channel), 'channel'],
      ];
      for (const [ok, what] of checks) if (!ok) problems.push(`${what}: ${o.raw}`);
      previous = at;
    }
    expect(problems).toEqual([]);
  });

  it('spans the two-year range', () => {
    expect(small.orders[0]?.at.slice(0, 7)).toBe('2023-01');
    expect(small.orders.at(-1)?.at.slice(0, 7)).toBe('2024-12');
  });

  it('holds about 0.1% exact duplicate rows and otherwise unique order ids', () => {
    const byId = new Map<string, Order[]>();
    for (const o of small.orders) byId.set(o.id, [...(byId.get(o.id) ?? []), o]);
    const repeated = [...byId.values()].filter((rows) => rows.length > 1);
    expect(repeated).toHaveLength(Math.floor(N / 1000));
    for (const rows of repeated) {
      expect(rows).toHaveLength(2);
      expect(rows[1]?.raw).toBe(rows[0]?.raw);
    }
  });

  it('keeps guest, refund and cancellation shares in sane bounds', () => {
    for (const { orders } of [small, demo]) {
      const unique = distinct(orders);
      expect(share(unique, (o) => o.customer === '')).toBeGreaterThan(0.03);
      expect(share(unique, (o) => o.customer === '')).toBeLessThan(0.07);
      expect(share(unique, (o) => o.status === 'completed')).toBeGreaterThan(0.9);
      expect(share(unique, (o) => o.status === 'completed')).toBeLessThan(0.96);
      expect(share(unique, (o) => o.status === 'refunded')).toBeGreaterThan(0.025);
      expect(share(unique, (o) => o.status === 'refunded')).toBeLessThan(0.06);
      expect(share(unique, (o) => o.status === 'cancelled')).toBeGreaterThan(0.015);
      expect(share(unique, (o) => o.status === 'cancelled')).toBeLessThan(0.05);
    }
  });

  it('uses every channel, and no store orders at night', () => {
    for (const channel of ['web', 'app', 'store', 'marketplace']) {
      expect(share(small.orders, (o) => o.channel === channel)).toBeGreaterThan(0.05);
    }
    const hour = (o: Order): number => Number(o.at.slice(11, 13));
    expect(small.orders.filter((o) => o.channel === 'store' && (hour(o) < 9 || hour(o) > 21))).toEqual([]);
    expect(share(small.orders, (o) => hour(o) >= 18 && hour(o) <= 22)).toBeGreaterThan(
      share(small.orders, (o) => hour(o) >= 1 && hour(o) <= 5) * 4,
    );
  });

  it('has a repeat-purchase rate in a realistic band, with a few heavy buyers', () => {
    expect(repeatRate(small.orders)).toBeGreaterThan(0.27);
    expect(repeatRate(small.orders)).toBeLessThan(0.48);
    expect(repeatRate(demo.orders)).toBeGreaterThan(0.3);
    expect(repeatRate(demo.orders)).toBeLessThan(0.45);
    expect(demo.summary.repeatRate).toBeCloseTo(repeatRate(demo.orders), 10);

    const perCustomer = new Map<string, number>();
    for (const o of distinct(demo.orders)) {
      if (o.customer !== '') perCustomer.set(o.customer, (perCustomer.get(o.customer) ?? 0) + 1);
    }
    expect(perCustomer.size).toBeGreaterThan(1700);
    expect(perCustomer.size).toBeLessThan(2300);
    expect(demo.summary.customers).toBe(perCustomer.size);
    expect(Math.max(...perCustomer.values())).toBeGreaterThanOrEqual(20);
  });

  it('acquires more customers in Nov–Dec than in the summer', () => {
    const firstMonth = new Map<string, string>();
    for (const o of demo.orders) {
      if (o.customer !== '' && !firstMonth.has(o.customer)) firstMonth.set(o.customer, o.at.slice(5, 7));
    }
    const months = [...firstMonth.values()];
    const perMonth = (list: string[]): number => months.filter((m) => list.includes(m)).length / list.length;
    expect(perMonth(['11', '12'])).toBeGreaterThan(1.4 * perMonth(['06', '07', '08']));
  });
});

describe('feedback.csv', () => {
  it('has the canonical header and a plausible number of rows', () => {
    expect(small.feedbackHeader).toEqual(FEEDBACK_HEADER);
    expect(demo.feedback.length).toBeGreaterThan(1200);
    expect(demo.feedback.length).toBeLessThan(1800);
    expect(small.summary.feedbackRows).toBe(small.feedback.length);
  });

  it('links every response to a real order of the same customer, 1–14 days later', () => {
    for (const { orders, feedback } of [small, demo]) {
      const byId = new Map(orders.map((o) => [o.id, o]));
      const problems: string[] = [];
      for (const f of feedback) {
        const order = byId.get(f.order);
        if (order === undefined) {
          problems.push(`unknown order ${f.order}`);
          continue;
        }
        const days = (epochSeconds(f.at) - epochSeconds(order.at)) / 86_400;
        if (!/^C\d{5}$/.test(f.customer) || f.customer !== order.customer) problems.push(`customer of ${f.order}`);
        if (!(days >= 1 && days <= 14)) problems.push(`${f.order} answered after ${days} days`);
      }
      expect(problems).toEqual([]);
      expect(new Set(feedback.map((f) => f.order)).size).toBe(feedback.length);
    }
  });

  it('uses integer scores within each scale, mostly NPS', () => {
    for (const f of small.feedback) {
      expect(f.score).toMatch(/^\d{1,2}$/);
      const score = Number(f.score);
      if (f.scale === 'nps_10') {
        expect(score).toBeLessThanOrEqual(10);
      } else {
        expect(f.scale).toBe('rating_5');
        expect(score).toBeGreaterThanOrEqual(1);
        expect(score).toBeLessThanOrEqual(5);
      }
    }
    expect(share(small.feedback, (f) => f.scale === 'nps_10')).toBeGreaterThan(0.7);
    expect(share(small.feedback, (f) => f.scale === 'rating_5')).toBeGreaterThan(0.05);
  });

  it('has optional comments that need CSV quoting', () => {
    const comments = demo.feedback.map((f) => f.comment).filter((c) => c !== '');
    expect(comments.length / demo.feedback.length).toBeGreaterThan(0.3);
    expect(comments.length / demo.feedback.length).toBeLessThan(0.5);
    expect(comments.some((c) => c.includes(','))).toBe(true);
    expect(comments.some((c) => c.includes('"'))).toBe(true);
    expect(comments.some((c) => c.includes('\n'))).toBe(true);
    expect(Math.max(...comments.map((c) => c.length))).toBeLessThan(200);
  });

  it('is sorted by response time', () => {
    const times = small.feedback.map((f) => epochSeconds(f.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('predicts retention: detractors come back less often than promoters', () => {
    const firstOrder = new Map<string, string>();
    const completed = new Map<string, number>();
    for (const o of distinct(demo.orders)) {
      if (o.customer === '') continue;
      if (!firstOrder.has(o.customer)) firstOrder.set(o.customer, o.id);
      completed.set(o.customer, (completed.get(o.customer) ?? 0) + 1);
    }
    const returned: Record<'detractor' | 'promoter', number[]> = { detractor: [], promoter: [] };
    for (const f of demo.feedback) {
      if (firstOrder.get(f.customer) !== f.order) continue;
      const score = Number(f.score);
      const low = f.scale === 'nps_10' ? score <= 6 : score <= 2;
      const high = f.scale === 'nps_10' ? score >= 9 : score >= 5;
      const cameBack = (completed.get(f.customer) ?? 0) > 1 ? 1 : 0;
      if (low) returned.detractor.push(cameBack);
      if (high) returned.promoter.push(cameBack);
    }
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(returned.detractor.length).toBeGreaterThan(50);
    expect(returned.promoter.length).toBeGreaterThan(50);
    expect(mean(returned.promoter) - mean(returned.detractor)).toBeGreaterThan(0.1);
  });
});

describe('parquet conversion', () => {
  it('round-trips both files through DuckDB, quoted multi-line comments included', async () => {
    const dir = join(root, 'demo');
    await csvToParquet([
      { csvPath: join(dir, 'orders.csv'), parquetPath: join(dir, 'orders.parquet'), types: ORDER_TYPES },
      { csvPath: join(dir, 'feedback.csv'), parquetPath: join(dir, 'feedback.parquet'), types: FEEDBACK_TYPES },
    ]);
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const quote = (p: string): string => `'${p.replaceAll("'", "''")}'`;
      const orders = await connection.runAndReadAll(
        `SELECT count(*)::INTEGER, count(customer_id)::INTEGER, round(sum(revenue) * 100)::BIGINT::VARCHAR
         FROM read_parquet(${quote(join(dir, 'orders.parquet'))})`,
      );
      const [count, withCustomer, cents] = orders.getRowsJson()[0] ?? [];
      expect(count).toBe(demo.orders.length);
      expect(withCustomer).toBe(demo.orders.filter((o) => o.customer !== '').length);
      expect(cents).toBe(String(demo.orders.reduce((sum, o) => sum + Math.round(Number(o.revenue) * 100), 0)));

      const feedback = await connection.runAndReadAll(
        `SELECT comment FROM read_parquet(${quote(join(dir, 'feedback.parquet'))})`,
      );
      const comments = feedback.getRowsJson().map((row) => row[0]);
      expect(comments).toEqual(demo.feedback.map((f) => (f.comment === '' ? null : f.comment)));
      expect(comments.some((c) => typeof c === 'string' && c.includes('\n'))).toBe(true);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
