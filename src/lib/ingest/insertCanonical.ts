import type { Params } from '../engine/api';
import { cancelPrefixCondition, type LoadContext } from './loadContext';
import { normalizeStatus } from './presets';
import { queryRows } from './queryRows';

/**
 * Builds the orders of the loaded rows (one per order id) and appends them,
 * their lines, the cancellation lines, or the feedback responses to the
 * canonical tables, each row tagged with `source_file`.
 *
 * Order-level values are taken from the order's first row that has them
 * (Shopify writes them on the first line item only); line-level files sum
 * `quantity × unit_price`. A non-empty "cancelled at" makes the order
 * `cancelled`; otherwise the status text goes through the status map, and
 * text the map does not know loads as `completed` (reported as a warning).
 * When an orders file repeats an order id on several rows with an amount on
 * each, the amounts are added up if they differ within an order (they are
 * line amounts) and counted once if they are all equal (a repeated total).
 *
 * "Differ" and "several customers" are `min(x) < max(x)`, not
 * `count(DISTINCT x) > 1`: the same answer, without a set per order (2.6 s
 * less per million rows in DuckDB-WASM).
 */
export async function insertCanonical(ctx: LoadContext, warnings: string[]): Promise<void> {
  const { engine, stage: T, mapping } = ctx;
  const file: Params = { file: ctx.sourceFile };
  if (mapping.kind === 'feedback') {
    await engine.query(
      `INSERT INTO feedback (customer_id, order_id, responded_at, score, scale, comment, source_file)
       SELECT customer_id, order_id, ts, score, $scale, comment, $file FROM ${T} WHERE _class = 'loaded' ORDER BY _row`,
      { ...file, scale: ctx.scale },
    );
    return;
  }

  // The whole map travels as one bound text (entries split by U+001E, key and status by U+001F): one parameter, not two per entry.
  const packed = Object.entries(mapping.options.statusMap).map(([raw, status]) => `${normalizeStatus(raw)}\u001f${status}`).join('\u001e');
  await engine.query(
    `CREATE OR REPLACE TEMP TABLE ${ctx.statusMap} AS
     SELECT split_part(e, chr(31), 1) AS raw, split_part(e, chr(31), 2) AS status
     FROM (SELECT unnest(string_split($map, chr(30))) AS e) WHERE e <> ''`,
    { map: packed },
  );

  const { fields, kind } = mapping;
  const sumAmounts = kind === 'order_lines' || (await repeatedAmountsDiffer(ctx, warnings));
  const lineSum = 'sum(quantity * unit_price)';
  const orderTotal = sumAmounts ? 'sum(revenue)' : 'arg_min(revenue, _row)';
  const revenue = kind === 'order_lines' || fields.revenue === null ? lineSum : ctx.lines ? `coalesce(${orderTotal}, ${lineSum})` : orderTotal;
  const pick = (field: string): string => (sumAmounts ? `sum(${field})` : `arg_min(${field}, _row)`);
  const margin = fields.gross_margin !== null ? pick('gross_margin') : fields.cost !== null ? `${revenue} - ${pick('cost')}` : 'NULL::DOUBLE';
  await engine.exec(`
    CREATE OR REPLACE TEMP TABLE ${ctx.orders} AS
    SELECT g.*,
      CASE WHEN g.cancelled THEN 'cancelled' WHEN g.status_text IS NULL THEN 'completed' ELSE coalesce(m.status, 'completed') END AS status,
      g.status_text IS NOT NULL AND m.status IS NULL AND NOT g.cancelled AS status_unknown
    FROM (
      SELECT order_id, arg_min(customer_id, _row) AS customer_id, min(ts) AS ordered_at,
        ${revenue} AS revenue, ${margin} AS gross_margin,
        arg_min(status_text, _row) AS status_text, bool_or(cancelled) AS cancelled, arg_min(channel, _row) AS channel,
        min(customer_id) < max(customer_id) AS several_customers, count(*) AS rows, min(_row) AS first_row, bool_or(order_id_made) AS order_id_made
      FROM ${T} WHERE _class = 'loaded' GROUP BY order_id
    ) g LEFT JOIN ${ctx.statusMap} m ON m.raw = g.status_text`);
  await engine.query(
    `INSERT INTO orders (order_id, customer_id, ordered_at, revenue, gross_margin, status, channel, source_file)
     SELECT order_id, customer_id, ordered_at, revenue, gross_margin, status, channel, $file FROM ${ctx.orders} ORDER BY first_row`,
    file,
  );
  if (!ctx.lines) return;
  await engine.query(
    `INSERT INTO order_lines (order_id, customer_id, ordered_at, sku, quantity, unit_price, line_revenue, source_file)
     SELECT s.order_id, o.customer_id, o.ordered_at, s.sku, s.quantity, s.unit_price, s.quantity * s.unit_price, $file
     FROM ${T} s JOIN ${ctx.orders} o USING (order_id) WHERE s._class = 'loaded' ORDER BY s._row`,
    file,
  );
  const prefix = mapping.options.cancelPrefix;
  await engine.query(
    `INSERT INTO load_cancellations (source_file, row_number, order_id, customer_id, occurred_at, sku, quantity, unit_price, amount, status)
     SELECT $file, _row, order_id, customer_id, ts, sku, quantity, unit_price, quantity * unit_price,
       CASE WHEN ${cancelPrefixCondition(mapping)} THEN 'cancelled' ELSE 'returned' END
     FROM ${T} WHERE _class = 'cancelled' ORDER BY _row`,
    prefix ? { ...file, prefix } : file,
  );
}

/**
 * Whether an orders file (no quantity × price) repeats order ids with amounts
 * that differ within an order, i.e. per-line amounts to add up. Says which way
 * it read them when ids repeat at all.
 */
async function repeatedAmountsDiffer(ctx: LoadContext, warnings: string[]): Promise<boolean> {
  if (ctx.mapping.fields.revenue === null) return false;
  const [row] = await queryRows(
    ctx.engine,
    `SELECT count(*) AS repeated, count(*) FILTER (WHERE differ) AS differing
     FROM (SELECT count(revenue) AS n, min(revenue) < max(revenue) AS differ FROM ${ctx.stage} WHERE _class = 'loaded' GROUP BY order_id) WHERE n > 1`,
  );
  const repeated = Number(row?.repeated ?? 0);
  const differing = Number(row?.differing ?? 0);
  if (repeated === 0) return false;
  const column = ctx.mapping.fields.revenue;
  warnings.push(
    differing > 0
      ? `${repeated} orders have an amount on several rows that differ, so "${column}" was read as a per-row amount and added up per order.`
      : `${repeated} orders repeat the same amount on several rows, so "${column}" was read as the order total and counted once.`,
  );
  return differing > 0;
}
