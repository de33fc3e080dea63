import type { Params } from '../engine/api';
import type { Row } from '../engine/rows';
import { quoteIdent, quoteLiteral } from '../engine/sql';
import { formatCount } from '../format';
import type { ModelChart } from '../recipes/types';

/**
 * Drill-through: from a group a figure shows (an RFM segment, a grid cell, a
 * cohort cell, a CRR period's S, E or N, a win-back customer) to the customers
 * behind it, as the SQL of an ordinary notebook cell. Pure: the groups come from
 * the figure's own result rows, so each group's count is the figure's.
 */

/** One group of a figure, with the query that lists its customers. */
export interface DrillGroup {
  /** What the group is, in words: "At Risk", "R 2, F 3 (At Risk)", "2011-03: E, active at the end". */
  label: string;
  /** How many customers the figure shows for it. */
  customers: number;
  /** A name for the cell's result table (before making it unique). */
  slug: string;
  /** CTEs ending in `members`, one row per customer of the group (`customer_id`, optionally `segment`). */
  members: string;
  /** The members carry the figure's own segment (an edited segment map). */
  ownSegment?: boolean;
  /** How the figure's chart titles this group's mark (the start of its tooltip), when a click on it can drill. */
  mark?: string;
  /**
   * What the figure counts when it is not customers: feedback responses (an NPS group). Then `customers`
   * is the figure's count of responses, and the list, one row per customer, says how many are theirs.
   */
  unit?: 'responses';
  /** Columns of `members` the list shows besides the customer's profile (a response count, a latest score). */
  memberColumns?: readonly string[];
}

/** What a drill needs to know besides the figure's rows. */
export interface DrillContext {
  /** The recipe the figure's cell was made from. */
  recipe: string;
  /** The figure's result rows. */
  rows: readonly Row[];
  /** The figure cell's SQL (its segment map is reused). */
  source: string;
  /** The parameters the figure ran with. */
  params: Params;
  /** The analysis date the figure used: `as_of`, else the data's latest order day; null when unknown. */
  asOf: string | null;
  /** Kept tables with per-customer columns to list too (a model cell's P(alive) and CLV), when such a cell has run. */
  facts?: readonly CustomerFacts[];
  /** A model cell's kept table and the charts it drew, when the figure is a model's (its bands drill into the table). */
  model?: { table: string; charts: readonly Pick<ModelChart, 'rows' | 'bands'>[] };
}

/** A kept table of one row per customer, and the columns of it a customer list shows (column → name shown). */
export interface CustomerFacts {
  table: string;
  columns: Readonly<Record<string, string>>;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function dateLiteral(day: string): string {
  if (!ISO_DAY.test(day)) throw new Error(`"${day}" is not a date (YYYY-MM-DD).`);
  return `DATE '${day}'`;
}

function asOfSql(context: DrillContext): string {
  return context.asOf ? dateLiteral(context.asOf) : 'NULL';
}

function count(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : 0;
}

function day(value: unknown): string | null {
  const text = typeof value === 'string' ? value.slice(0, 10) : null;
  return text && ISO_DAY.test(text) ? text : null;
}

function slugOf(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

/** The editable segment map of a segmenting recipe's SQL, as the CTE it is written as; null when there is none. */
export function segmentMapCte(source: string): string | null {
  return /segment_map\s*\(priority, segment, r_min, r_max, f_min, f_max\)\s*AS\s*\(\s*VALUES[\s\S]*?\n\)/.exec(source)?.[0] ?? null;
}

function segmentGroups(context: DrillContext): DrillGroup[] {
  const map = segmentMapCte(context.source);
  const mapList = map ? '(SELECT list(g) FROM segment_map g)' : 'rfm_default_segment_map()';
  return context.rows
    .filter((row) => count(row.customers) > 0 && typeof row.segment === 'string')
    .map((row) => {
      const segment = String(row.segment);
      return {
        label: segment,
        customers: count(row.customers),
        slug: slugOf(segment),
        ownSegment: true,
        mark: segment,
        members:
          (map ? `${map},\n` : '') +
          `members AS (\n  SELECT customer_id, segment FROM rfm_customer_segments(${asOfSql(context)}, ${mapList})\n  WHERE segment = ${quoteLiteral(segment)}\n)`,
      };
    });
}

function gridGroups(context: DrillContext): DrillGroup[] {
  const cells = new Map<string, { r: number; f: number; customers: number; segments: Map<string, number> }>();
  for (const row of context.rows) {
    const r = count(row.r_score);
    const f = count(row.f_score);
    if (!Number.isInteger(r) || !Number.isInteger(f) || r === 0 || f === 0) continue;
    const cell = cells.get(`${r}|${f}`) ?? { r, f, customers: 0, segments: new Map<string, number>() };
    cell.customers += 1;
    if (typeof row.segment === 'string') cell.segments.set(row.segment, (cell.segments.get(row.segment) ?? 0) + 1);
    cells.set(`${r}|${f}`, cell);
  }
  return [...cells.values()]
    .sort((a, b) => b.r - a.r || b.f - a.f)
    .map((c) => {
      const segment = [...c.segments.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
      return {
        label: `R ${c.r}, F ${c.f}${segment ? ` (${segment})` : ''}`,
        customers: c.customers,
        slug: `r${c.r}_f${c.f}`,
        mark: `R ${c.r}, F ${c.f}`,
        members: `members AS (\n  SELECT customer_id FROM customer_profile(${asOfSql(context)})\n  WHERE r_score = ${c.r} AND f_score = ${c.f}\n)`,
      };
    });
}

/** The period a cohort label is written in: `2024-03` month, `2024-Q1` quarter, `2024` year. */
function periodOfLabel(label: string): 'month' | 'quarter' | 'year' | null {
  if (/^\d{4}-\d{2}$/.test(label)) return 'month';
  if (/^\d{4}-Q[1-4]$/.test(label)) return 'quarter';
  if (/^\d{4}$/.test(label)) return 'year';
  return null;
}

function cohortGroups(context: DrillContext): DrillGroup[] {
  return context.rows.flatMap((row) => {
    const cohort = day(row.cohort);
    const periodStart = day(row.period_start);
    const period = periodOfLabel(String(row.cohort_label ?? ''));
    if (!cohort || !periodStart || !period || count(row.active_customers) <= 0) return [];
    const offset = count(row.offset);
    return [
      {
        label: `cohort ${row.cohort_label}, ${period} ${offset} (${row.period_label}): ordered again`,
        customers: count(row.active_customers),
        slug: `cohort_${slugOf(String(row.cohort_label))}_${offset}`,
        members:
          `members AS (\n  SELECT o.customer_id FROM customer_orders o\n  WHERE o.ordered_at::DATE <= coalesce(${asOfSql(context)}, (SELECT max(ordered_at)::DATE FROM orders))\n` +
          `  GROUP BY o.customer_id\n  HAVING date_trunc('${period}', min(o.ordered_at))::DATE = ${dateLiteral(cohort)}\n` +
          `    AND bool_or(date_trunc('${period}', o.ordered_at)::DATE = ${dateLiteral(periodStart)})\n)`,
      },
    ];
  });
}

/** Customers with an order on a day in [end − window + 1, end]: active on `end` (retention-math.md, CRR). */
function activeOn(end: string, window: number): string {
  return `  SELECT DISTINCT customer_id FROM customer_orders\n  WHERE ordered_at::DATE BETWEEN ${end} - ${window - 1} AND ${end}`;
}

function crrGroups(context: DrillContext): DrillGroup[] {
  const window = count(context.params.active_window_days);
  if (!Number.isInteger(window) || window < 1) return [];
  return context.rows.flatMap((row) => {
    const start = day(row.period_start);
    const end = day(row.period_end);
    if (!start || !end) return [];
    const label = String(row.period_label ?? start);
    const groups: DrillGroup[] = [
      { letter: 'S', words: 'active at the start', sql: activeOn(`${dateLiteral(start)} - 1`, window) },
      { letter: 'E', words: 'active at the end', sql: activeOn(dateLiteral(end), window) },
      {
        letter: 'N',
        words: 'new in the period',
        sql: `  SELECT customer_id FROM customer_orders\n  GROUP BY customer_id\n  HAVING min(ordered_at)::DATE BETWEEN ${dateLiteral(start)} AND ${dateLiteral(end)}`,
      },
    ].map(({ letter, words, sql }) => ({
      label: `${label}: ${letter}, ${words}`,
      customers: count(row[letter]),
      slug: `${slugOf(label)}_${letter.toLowerCase()}`,
      members: `members AS (\n${sql}\n)`,
    }));
    return groups.filter((g) => g.customers > 0);
  });
}

function winBackGroups(context: DrillContext): DrillGroup[] {
  return context.rows
    .filter((row) => row.customer_id !== null && row.customer_id !== undefined)
    .map((row) => {
      const id = String(row.customer_id);
      return {
        label: `customer ${id}`,
        customers: 1,
        slug: slugOf(id),
        members: `members AS (\n  SELECT ${quoteLiteral(id)} AS customer_id\n)`,
      };
    });
}

const NPS_GROUPS = [
  { key: 'promoters', words: 'promoters (9–10)', where: 'score >= 9' },
  { key: 'passives', words: 'passives (7–8)', where: 'score >= 7 AND score < 9' },
  { key: 'detractors', words: 'detractors (0–6)', where: 'score < 7' },
] as const;

/**
 * The responses of an NPS group, as `feedback-nps` counts them (0–10 answers up to its `as_of`, in the period),
 * each with its customer as `linked_feedback` finds it (the customer of its order, else its own `customer_id`).
 */
function npsResponses(where: string, context: DrillContext, periodStart: string | null): string {
  const period = String(context.params.period ?? 'month');
  if (!['month', 'quarter', 'year'].includes(period)) throw new Error(`period must be month, quarter or year, not ${period}`);
  const asOf = typeof context.params.as_of === 'string' && context.params.as_of ? dateLiteral(context.params.as_of) : 'NULL';
  const inPeriod = periodStart ? ` AND date_trunc('${period}', f.responded_at)::DATE = ${dateLiteral(periodStart)}` : '';
  return (
    `nps_responses AS (\n  SELECT f.customer_id, f.score, f.responded_at, (f.${where}${inPeriod}) AS in_group\n` +
    `  FROM linked_feedback(${asOf}) f\n  WHERE f.scale = 'nps_10'\n),\n` +
    `members AS (\n  SELECT customer_id, count(*) FILTER (WHERE in_group)::INTEGER AS responses,\n` +
    `    arg_max(score, responded_at) AS latest_score, max(responded_at)::DATE AS latest_response_date\n` +
    `  FROM nps_responses\n  WHERE customer_id IS NOT NULL\n  GROUP BY customer_id\n  HAVING bool_or(in_group)\n)`
  );
}

/** Columns an NPS list carries besides the profile: each customer's responses in the group, their latest 0–10 answer, and the figure's count. */
const NPS_COLUMNS = [
  'm.responses',
  'm.latest_score',
  'm.latest_response_date',
  '(SELECT count(*) FILTER (WHERE in_group) FROM nps_responses)::INTEGER AS figure_responses',
  '(SELECT count(*) FILTER (WHERE in_group AND customer_id IS NULL) FROM nps_responses)::INTEGER AS responses_without_customer',
];

/** Promoters, passives and detractors of all responses and of each period: the responses behind them, by customer. */
function npsGroups(context: DrillContext): DrillGroup[] {
  return context.rows
    .filter((row) => row.scale === 'nps_10')
    .flatMap((row) => {
      const total = row.is_total === true;
      const start = day(row.period_start);
      if (!total && !start) return [];
      const when = total ? 'all responses' : String(row.period_label ?? start);
      return NPS_GROUPS.filter((g) => count(row[g.key]) > 0).map((g) => ({
        label: `NPS ${g.words}, ${when}`,
        customers: count(row[g.key]),
        unit: 'responses' as const,
        slug: `nps_${g.key}_${total ? 'all' : slugOf(when)}`,
        // The NPS chart titles a bar "2024-03, promoters: 41.2 %" ("all, …" when it draws the total alone).
        mark: `${String(row.period_label ?? when)}, ${g.key}`,
        members: npsResponses(g.where, context, total ? null : start),
        memberColumns: NPS_COLUMNS,
      }));
    });
}

/** The bands a model cell's chart draws (customers by P(alive), …), each listing its customers from the cell's kept table. */
function bandGroups(context: DrillContext): DrillGroup[] {
  const model = context.model;
  if (!model) return [];
  return model.charts.flatMap(({ rows, bands }) => {
    if (!bands) return [];
    const column = quoteIdent(bands.column);
    return rows
      .filter((row) => typeof row.band === 'string' && count(row.customers) > 0 && Number.isFinite(row.lower))
      .map((row) => {
        const band = String(row.band);
        // The bounds are the recipe's own numbers (checked finite above and here), not text from the data.
        const upper = Number.isFinite(row.upper) ? ` AND ${column} < ${Number(row.upper)}` : '';
        return {
          label: band,
          customers: count(row.customers),
          slug: slugOf(band),
          mark: band,
          members: `members AS (\n  SELECT customer_id FROM ${quoteIdent(model.table)}\n  WHERE ${column} >= ${Number(row.lower)}${upper}\n)`,
        };
      });
  });
}

const GROUPS: Record<string, (context: DrillContext) => DrillGroup[]> = {
  'rfm-segments': segmentGroups,
  rfm: gridGroups,
  'cohort-retention': cohortGroups,
  crr: crrGroups,
  'win-back': winBackGroups,
  'feedback-nps': npsGroups,
};

/** The groups of a figure a person can drill into; empty for a figure without drill-through. */
export function drillGroups(context: DrillContext): DrillGroup[] {
  return [...(GROUPS[context.recipe]?.(context) ?? []), ...bandGroups(context)];
}

/** The group whose chart mark has this title (a segment bar, an RFM grid cell), or null. */
export function groupForMark(groups: readonly DrillGroup[], title: string): DrillGroup | null {
  // The mark's name ends where the title goes on with ':' or ',' ("At Risk: 12 customers", "R 2, F 3, 12 customers").
  return groups.find((g) => g.mark !== undefined && title.startsWith(g.mark) && /^[:,]/.test(title.slice(g.mark.length))) ?? null;
}

/** The title a drill cell carries in its first line: "Customers: At Risk, as of 2011-12-09". */
export function drillTitle(group: Pick<DrillGroup, 'label'>, asOf: string | null): string {
  return `Customers: ${group.label}, as of ${asOf ?? 'the latest order'}`;
}

const TITLE_LINE = /^-- (Customers: .+)\n/;

/** The title of a drill cell's SQL, or null when the SQL is not a drill's. */
export function drillTitleOf(source: string): string | null {
  return TITLE_LINE.exec(source)?.[1] ?? null;
}

/**
 * The SQL of the cell listing a group's customers: id, e-mail, segment, first and
 * last order, orders, revenue (and the columns of any customer facts given, such
 * as P(alive) and predicted CLV), most valuable first. A member with no orders
 * by the date (a response's customer who never ordered) is listed with empty order columns.
 */
export function drillSql(group: DrillGroup, context: DrillContext): string {
  const facts = (context.facts ?? []).map((fact, i) => ({ ...fact, alias: `f${i + 1}` }));
  const columns = [
    'm.customer_id',
    'p.email',
    group.ownSegment ? 'm.segment' : 'p.segment',
    'p.first_order_date',
    'p.last_order_date',
    'p.orders',
    'p.revenue',
    ...(group.memberColumns ?? []),
    ...facts.flatMap((f) => Object.entries(f.columns).map(([column, shown]) => `${f.alias}.${quoteIdent(column)} AS ${quoteIdent(shown)}`)),
  ];
  const counted =
    group.unit === 'responses'
      ? `${formatCount(group.customers)} responses in the figure; a customer may have several, and a response with no customer is not listed.`
      : `${formatCount(group.customers)} customers in the figure.`;
  return [
    `-- ${drillTitle(group, context.asOf)}`,
    `-- ${counted} Edit the members query to change who is listed.`,
    'WITH',
    `${group.members}`,
    `SELECT ${columns.join(', ')}`,
    'FROM members m',
    `LEFT JOIN customer_profile(${asOfSql(context)}) p USING (customer_id)`,
    ...facts.map((f) => `LEFT JOIN ${quoteIdent(f.table)} ${f.alias} USING (customer_id)`),
    'ORDER BY p.revenue DESC NULLS LAST, m.customer_id',
  ].join('\n');
}

/** A readable line for the drill menu: "At Risk · 23 customers", "NPS promoters (9–10), all responses · 38 responses". */
export function drillOptionLabel(group: DrillGroup): string {
  const unit = group.unit === 'responses' ? 'response' : 'customer';
  return `${group.label} · ${formatCount(group.customers)} ${unit}${group.customers === 1 ? '' : 's'}`;
}

const FIGURE_RESPONSES = /^-- ([\d,]+) responses? in the figure/m;

/**
 * What a list of the customers behind responses says about the figure's count, read from its
 * first row and its row count: "38 responses from 31 customers; 7 responses have no customer".
 * An empty list (every response without a customer) takes the count from its SQL's second line.
 * Null for a list that is not one of responses.
 */
export function responsesNote(first: Row | undefined, customers: number, source: string): string | null {
  const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
  if (!first) {
    const stated = FIGURE_RESPONSES.exec(source)?.[1];
    return stated ? `${plural(Number(stated.replaceAll(',', '')), 'response')} in the figure, none from a known customer.` : null;
  }
  if (typeof first.figure_responses !== 'number' || typeof first.responses_without_customer !== 'number') return null;
  const unlinked = first.responses_without_customer;
  const without = unlinked === 0 ? '' : `; ${plural(unlinked, 'response')} ${unlinked === 1 ? 'has' : 'have'} no customer (no customer id, and no order of a known customer)`;
  return `${plural(first.figure_responses, 'response')} from ${plural(customers, 'customer')}${without}.`;
}
