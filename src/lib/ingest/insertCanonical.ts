import type { Params } from '../engine/api';
import { quoteLiteral } from '../engine/sql';
import { cancelPrefixCondition, hasCancelledRows, ofClass, type LoadContext } from './loadContext';
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
 *
 * When no order id is on two loaded rows (most order exports), each row is its
 * own order: the same values without the GROUP BY, whose table of 10M orders
 * would not fit in DuckDB-WASM beside the staged rows. The orders are then a
 * view over the loaded rows, appended in the order the file has them (a scan
 * and an anti-join keep it on DuckDB-WASM's one thread; native DuckDB's
 * threads may interleave blocks) instead of sorted, which would hold a second
 * copy of every order.
 */
export async function insertCanonical(ctx: LoadContext, warnings: string[]): Promise<void> {
  const { engine, stage: T, loaded: L, mapping } = ctx;
  const file: Params = { file: ctx.sourceFile };
  if (mapping.kind === 'feedback') {
    await engine.query(
      `INSERT INTO feedback (customer_id, order_id, responded_at, score, scale, comment, source_file)
       SELECT customer_id, order_id, ts, score, $scale, comment, $file FROM ${L} ORDER BY _row`,
      { ...file, scale: ctx.scale },
    );
    return;
  }

  const { fields, kind } = mapping;
  const one = ctx.oneRowPerOrder;
  const sumAmounts = kind === 'order_lines' || (!one && (await repeatedAmountsDiffer(ctx, warnings)));
  const sum = (x: string): string => (one ? x : `sum(${x})`);
  const first = (x: string): string => (one ? x : `arg_min(${x}, _row)`);
  const lineSum = sum('quantity * unit_price');
  const orderTotal = sumAmounts ? sum('revenue') : first('revenue');
  const revenue = kind === 'order_lines' || fields.revenue === null ? lineSum : ctx.lines ? `coalesce(${orderTotal}, ${lineSum})` : orderTotal;
  const pick = (field: string): string => (sumAmounts ? sum(field) : first(field));
  const margin = fields.gross_margin !== null ? pick('gross_margin') : fields.cost !== null ? `${revenue} - ${pick('cost')}` : 'NULL::DOUBLE';
  const mapped = await statusCase(ctx);
  await engine.exec(`
    CREATE OR REPLACE TEMP ${one ? 'VIEW' : 'TABLE'} ${ctx.orders} AS
    SELECT g.*,
      CASE WHEN g.cancelled THEN 'cancelled' WHEN g.status_text IS NULL THEN 'completed' ELSE coalesce(${mapped}, 'completed') END AS status,
      g.status_text IS NOT NULL AND ${mapped} IS NULL AND NOT g.cancelled AS status_unknown
    FROM (
      SELECT order_id, ${first('customer_id')} AS customer_id, ${one ? 'ts' : 'min(ts)'} AS ordered_at,
        ${revenue} AS revenue, ${margin} AS gross_margin,
        ${first('status_text')} AS status_text, ${one ? 'cancelled' : 'bool_or(cancelled)'} AS cancelled, ${first('channel')} AS channel,
        ${one ? 'false' : 'min(customer_id) < max(customer_id)'} AS several_customers, ${one ? '_row' : 'min(_row)'} AS first_row,
        ${one ? 'order_id_made' : 'bool_or(order_id_made)'} AS order_id_made
      FROM ${L} ${one ? '' : 'GROUP BY order_id'}
    ) g`);
  await engine.query(
    `INSERT INTO orders (order_id, customer_id, ordered_at, revenue, gross_margin, status, channel, source_file)
     SELECT order_id, customer_id, ordered_at, revenue, gross_margin, status, channel, $file FROM ${ctx.orders} ${one ? '' : 'ORDER BY first_row'}`,
    file,
  );
  if (!ctx.lines) return;
  await engine.query(
    `INSERT INTO order_lines (order_id, customer_id, ordered_at, sku, quantity, unit_price, line_revenue, source_file)
     SELECT s.order_id, o.customer_id, o.ordered_at, s.sku, s.quantity, s.unit_price, s.quantity * s.unit_price, $file
     FROM ${L} s JOIN ${ctx.orders} o USING (order_id) ORDER BY s._row`,
    file,
  );
  if (!hasCancelledRows(ctx)) return;
  const prefix = mapping.options.cancelPrefix;
  await engine.query(
    `INSERT INTO load_cancellations (source_file, row_number, order_id, customer_id, occurred_at, sku, quantity, unit_price, amount, status)
     SELECT $file, _row, order_id, customer_id, ts, sku, quantity, unit_price, quantity * unit_price,
       CASE WHEN ${cancelPrefixCondition(mapping)} THEN 'cancelled' ELSE 'returned' END
     FROM ${T} WHERE ${ofClass(ctx, 'cancelled')} ORDER BY _row`,
    prefix ? { ...file, prefix } : file,
  );
}

/**
 * The status the map gives an order's status text, as a CASE over the texts
 * the loaded rows have (NULL for text the map does not know). A CASE rather
 * than a join, because DuckDB's hash join reorders rows within each vector
 * and the one-row-per-order path relies on the file's order.
 */
async function statusCase(ctx: LoadContext): Promise<string> {
  // The whole map travels as one bound text (entries split by U+001E, key and status by U+001F): one parameter, not two per entry.
  const packed = Object.entries(ctx.mapping.options.statusMap).map(([raw, status]) => `${normalizeStatus(raw)}\u001f${status}`).join('\u001e');
  await ctx.engine.query(
    `CREATE OR REPLACE TEMP TABLE ${ctx.statusMap} AS
     SELECT split_part(e, chr(31), 1) AS raw, split_part(e, chr(31), 2) AS status
     FROM (SELECT unnest(string_split($map, chr(30))) AS e) WHERE e <> ''`,
    { map: packed },
  );
  const known = await queryRows(
    ctx.engine,
    `SELECT m.raw, m.status FROM (SELECT DISTINCT status_text FROM ${ctx.loaded}) s JOIN ${ctx.statusMap} m ON m.raw = s.status_text ORDER BY m.raw`,
  );
  if (known.length === 0) return 'NULL::VARCHAR';
  return `CASE g.status_text ${known.map((k) => `WHEN ${quoteLiteral(String(k.raw))} THEN ${quoteLiteral(String(k.status))}`).join(' ')} END`;
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
     FROM (SELECT count(revenue) AS n, min(revenue) < max(revenue) AS differ FROM ${ctx.loaded} GROUP BY order_id) WHERE n > 1`,
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
