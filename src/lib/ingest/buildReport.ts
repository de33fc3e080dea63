import type { JsonValue } from '../engine/rows';
import { keepsCopies } from './classifyRows';
import { cancelPrefixCondition, hasCancelledRows, ofClass, type LoadContext } from './loadContext';
import { queryNumber, queryRows } from './queryRows';
import type { CancellationSummary, LoadReport, RejectedRow, RowAccounting } from './types';

/** How many rejected values the report lists; all of them stay in `load_rejects`. */
export const REPORT_REJECTS = 100;

type ReportCounts = Pick<
  LoadReport,
  'rows' | 'produced' | 'rejects' | 'rejectReasons' | 'cancellations' | 'rowsWithoutCustomer' | 'ordersWithoutCustomer' | 'dateRange' | 'currencies'
>;

const num = (v: JsonValue | undefined): number => (v === null || v === undefined ? 0 : Number(v));

/** The counts of the data-quality report, read back from the staging and bookkeeping tables; `warnings` gets what they imply. */
export async function buildReport(ctx: LoadContext, warnings: string[]): Promise<ReportCounts> {
  const { engine, stage: T, classes: K, loaded: L, mapping } = ctx;
  const file = { file: ctx.sourceFile };
  const counts = await queryRows(engine, `SELECT 'read' AS c, count(*) AS n FROM ${T} UNION ALL SELECT _class, count(*) FROM ${K} GROUP BY _class`);
  const byClass = new Map(counts.map((r) => [String(r.c), num(r.n)]));
  const read = byClass.get('read') ?? 0;
  const rows: RowAccounting = {
    read,
    loaded: read - counts.filter((r) => r.c !== 'read').reduce((a, r) => a + num(r.n), 0),
    cancelled: byClass.get('cancelled') ?? 0,
    rejected: byClass.get('rejected') ?? 0,
    duplicates: byClass.get('duplicate') ?? 0,
    alreadyLoaded: byClass.get('already_loaded') ?? 0,
  };
  const rejects: RejectedRow[] = (
    await queryRows(
      engine,
      `SELECT row_number, column_name, value, reason FROM load_rejects WHERE source_file = $file ORDER BY row_number, column_name LIMIT ${REPORT_REJECTS}`,
      file,
    )
  ).map((r) => ({ row: num(r.row_number), column: String(r.column_name), value: r.value === null ? null : String(r.value), reason: String(r.reason) }));
  const rejectReasons = (
    await queryRows(
      engine,
      `SELECT column_name, reason, count(*) AS n FROM load_rejects WHERE source_file = $file GROUP BY ALL ORDER BY n DESC, column_name, reason`,
      file,
    )
  ).map((r) => ({ column: String(r.column_name), reason: String(r.reason), count: num(r.n) }));
  const rowsWithoutCustomer = await queryNumber(engine, `SELECT count(*) FROM ${T} WHERE customer_id IS NULL`);
  const currencies = (await queryRows(engine, `SELECT DISTINCT currency FROM (SELECT currency FROM ${L} UNION ALL SELECT currency FROM ${T} WHERE ${ofClass(ctx, 'cancelled')}) WHERE currency IS NOT NULL ORDER BY 1`)).map((r) => String(r.currency));
  if (currencies.length > 1) warnings.push(`Amounts are in several currencies (${currencies.join(', ')}); they are added up as they are, not converted.`);
  if (mapping.fields.customer_id === null) warnings.push('The file has no customer id column: every row is a guest order and counts in no customer metric.');
  if (keepsCopies(mapping)) {
    const copies = await queryNumber(engine, `SELECT count(*) - count(DISTINCT _hash) FROM ${T}`);
    if (copies > 0) warnings.push(`${copies} rows are exact copies of an earlier row; with no order id to tell them apart they were loaded as separate purchases.`);
  }

  if (mapping.kind === 'feedback') {
    const [range] = await queryRows(engine, `SELECT min(ts) AS a, max(ts) AS b FROM ${L}`);
    if (mapping.fields.customer_id === null && mapping.fields.order_id === null) warnings.push('The file has neither a customer nor an order id: its responses cannot be linked to orders.');
    return {
      rows, rejects, rejectReasons, rowsWithoutCustomer, currencies,
      produced: { orders: 0, orderLines: 0, responses: rows.loaded },
      cancellations: { rows: 0, duplicateRows: 0, orders: 0, amount: 0, byStatus: { cancelled: 0, refunded: 0, returned: 0 }, rowsByStatus: { cancelled: 0, refunded: 0, returned: 0 } },
      ordersWithoutCustomer: 0,
      dateRange: range?.a ? { from: String(range.a), to: String(range.b) } : null,
    };
  }

  const O = ctx.orders;
  const prefix = mapping.options.cancelPrefix;
  // The loaded rows of orders that are not completed (with one row per order, the orders' own first rows).
  // With one row per order, that row carries the order's amount; otherwise the orders' amounts are added separately (below).
  const notCompleted = ctx.oneRowPerOrder
    ? `SELECT first_row AS _row, order_id, abs(revenue) AS amount, status AS st FROM ${O} WHERE status <> 'completed'`
    : `SELECT s._row, s.order_id, NULL AS amount, o.status AS st FROM ${L} s JOIN ${O} o USING (order_id) WHERE o.status <> 'completed'`;
  const notCompletedAmount = ctx.oneRowPerOrder ? '0' : `(SELECT coalesce(sum(abs(revenue)), 0) FROM ${O} WHERE status <> 'completed')`;
  // Only line files with a cancellation rule have cancelled rows: the others need not look for them.
  const cancelledRows = hasCancelledRows(ctx)
    ? `SELECT _row, order_id, abs(quantity * unit_price) AS amount, CASE WHEN ${cancelPrefixCondition(mapping)} THEN 'cancelled' ELSE 'returned' END AS st
       FROM ${T} WHERE ${ofClass(ctx, 'cancelled')}
       UNION ALL`
    : '';
  const [c] = await queryRows(
    engine,
    `WITH c AS MATERIALIZED (
       ${cancelledRows}
       ${notCompleted}
     ),
     d AS MATERIALIZED (SELECT c.st FROM ${K} s JOIN c ON s._dup_of = c._row WHERE s._class = 'duplicate'),
     every_row AS MATERIALIZED (SELECT st FROM c UNION ALL SELECT st FROM d)
     SELECT (SELECT count(*) FROM every_row) AS rows, (SELECT count(*) FROM d) AS dups,
       (SELECT count(DISTINCT order_id) FROM c) AS orders,
       (SELECT coalesce(sum(amount), 0) FROM c) + ${notCompletedAmount} AS amount,
       (SELECT count(DISTINCT order_id) FROM c WHERE st = 'cancelled') AS cancelled,
       (SELECT count(DISTINCT order_id) FROM c WHERE st = 'refunded') AS refunded,
       (SELECT count(DISTINCT order_id) FROM c WHERE st = 'returned') AS returned,
       (SELECT count(*) FROM every_row WHERE st = 'cancelled') AS rows_cancelled,
       (SELECT count(*) FROM every_row WHERE st = 'refunded') AS rows_refunded,
       (SELECT count(*) FROM every_row WHERE st = 'returned') AS rows_returned`,
    prefix ? { prefix } : {},
  );
  const cancellations: CancellationSummary = {
    rows: num(c?.rows),
    duplicateRows: num(c?.dups),
    orders: num(c?.orders),
    amount: Math.round(num(c?.amount) * 100) / 100,
    byStatus: { cancelled: num(c?.cancelled), refunded: num(c?.refunded), returned: num(c?.returned) },
    rowsByStatus: { cancelled: num(c?.rows_cancelled), refunded: num(c?.rows_refunded), returned: num(c?.rows_returned) },
  };
  const [o] = await queryRows(
    engine,
    `SELECT count(*) AS orders, count(*) FILTER (WHERE customer_id IS NULL) AS guests, min(ordered_at) AS a, max(ordered_at) AS b,
       count(*) FILTER (WHERE several_customers) AS multi, count(*) FILTER (WHERE order_id_made) AS made
     FROM ${O}`,
  );
  const unknown = await queryRows(engine, `SELECT status_text, count(*) AS n FROM ${O} WHERE status_unknown GROUP BY 1 ORDER BY n DESC, 1 LIMIT 10`);
  if (unknown.length > 0) {
    warnings.push(`Status values the status map does not know were read as completed: ${unknown.map((u) => `"${u.status_text}" (${num(u.n)} orders)`).join(', ')}.`);
  }
  if (num(o?.multi) > 0) warnings.push(`${num(o?.multi)} orders have more than one customer id across their rows; the first one was kept.`);
  if (num(o?.made) > 0) {
    warnings.push(
      mapping.fields.order_id === null
        ? `The file has no order id column: each row was loaded as one order, with the id "${ctx.sourceFile}#<row>".`
        : `${num(o?.made)} rows had no order id; each was loaded as one order, with the id "${ctx.sourceFile}#<row>".`,
    );
  }
  const orderLines = ctx.lines ? await queryNumber(engine, 'SELECT count(*) FROM order_lines WHERE source_file = $file', file) : 0;
  return {
    rows, rejects, rejectReasons, rowsWithoutCustomer, currencies, cancellations,
    produced: { orders: num(o?.orders), orderLines, responses: 0 },
    ordersWithoutCustomer: num(o?.guests),
    dateRange: o?.a ? { from: String(o.a), to: String(o.b) } : null,
  };
}
