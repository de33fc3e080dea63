import { quoteIdent } from '../engine/sql';
import type { LoadContext } from './loadContext';
import { queryRows } from './queryRows';
import { sourceRelation, type SourceSpec } from './sourceSql';

/** What `applyRefunds` changed in the orders one file loaded. */
export interface RefundsApplied {
  /** Refund rows of the file netted against their payment: not orders of their own any more. */
  nettedRows: number;
}

/** Refunds smaller than the payment by less than this are full refunds (amounts are rounded to cents). */
const CENT = 0.005;

/**
 * Refunds an export records beside the payment, applied to the orders just
 * inserted (`orders` rows of this file), so revenue counts each payment once,
 * net of what was given back:
 *
 * - `options.refundedAmount` (Stripe's `Amount Refunded` on the charge's own
 *   row): a partial refund leaves the payment completed with revenue =
 *   amount − refunded; a refund of the whole amount makes it `refunded`.
 * - `options.refundOf` (PayPal's `Reference Txn ID` on a refund row): a refund
 *   row whose payment is in the same file is netted against it the same way
 *   and is no order of its own; a refund of a payment in another file stays a
 *   refunded row.
 *
 * A refunded order keeps its full amount as revenue (the report counts it as
 * the amount refunded), as a fully refunded Shopify or Stripe order does.
 * Runs inside the load's transaction, before the report is built; each case
 * adds a sentence to `warnings`. Parquet imports are dropped once staged, so
 * their refunds are not read.
 */
export async function applyRefunds(ctx: LoadContext, source: SourceSpec, warnings: string[]): Promise<RefundsApplied> {
  const { refundedAmount, refundOf, decimalComma, minorUnits } = ctx.mapping.options;
  const { order_id: id, revenue } = ctx.mapping.fields;
  if (source.format === 'parquet' || ctx.mapping.kind !== 'orders' || id === null || revenue === null) return { nettedRows: 0 };
  const src = sourceRelation(source, 'rf');
  const params = { ...src.params, file: ctx.sourceFile, dc: decimalComma };
  const unit = minorUnits ? ' / 100.0' : '';
  const num = (column: string): string => `recur_num(${quoteIdent(column)}, $dc)${unit}`;

  /** Sets revenue and status of this file's completed orders from `(order_id, refunded)` rows; what changed, by new status. */
  const net = async (refunds: string): Promise<{ partial: number; full: number; subtracted: number }> => {
    const partly = `r.refunded < o.revenue - ${CENT}`;
    const [summary] = await queryRows(ctx.engine, `
      SELECT (count(*) FILTER (WHERE ${partly}))::INT AS partial, (count(*) FILTER (WHERE NOT ${partly}))::INT AS "full",
        coalesce(sum(r.refunded) FILTER (WHERE ${partly}), 0)::DOUBLE AS subtracted
      FROM orders o JOIN (${refunds}) r USING (order_id)
      WHERE o.source_file = $file AND o.status = 'completed' AND r.refunded > 0`, params);
    await ctx.engine.query(`
      UPDATE orders SET
        revenue = CASE WHEN r.refunded < orders.revenue - ${CENT} THEN orders.revenue - r.refunded ELSE orders.revenue END,
        status = CASE WHEN r.refunded >= orders.revenue - ${CENT} THEN 'refunded' ELSE orders.status END
      FROM (${refunds}) r
      WHERE orders.source_file = $file AND orders.order_id = r.order_id AND orders.status = 'completed' AND r.refunded > 0`, params);
    return { partial: Number(summary?.partial ?? 0), full: Number(summary?.full ?? 0), subtracted: Number(summary?.subtracted ?? 0) };
  };
  const money = (n: number): string => n.toFixed(2);

  if (refundedAmount && source.columns.includes(refundedAmount)) {
    const r = await net(`SELECT recur_id(${quoteIdent(id)}) AS order_id, max(${num(refundedAmount)}) AS refunded FROM ${src.sql} GROUP BY 1`);
    if (r.partial > 0) warnings.push(`${r.partial} partly refunded payment${r.partial === 1 ? '' : 's'} (“${refundedAmount}”) count${r.partial === 1 ? 's' : ''} net of the refund: ${money(r.subtracted)} less revenue.`);
    if (r.full > 0) warnings.push(`${r.full} payment${r.full === 1 ? '' : 's'} refunded in full (“${refundedAmount}”) ${r.full === 1 ? 'is' : 'are'} counted as refunded.`);
  }
  if (!refundOf || !source.columns.includes(refundOf)) return { nettedRows: 0 };
  // Refund rows: a reference to another transaction, and loaded as refunded themselves (by the status map).
  const refundRows = `SELECT recur_id(${quoteIdent(refundOf)}) AS paid_id, recur_id(${quoteIdent(id)}) AS refund_id, abs(${num(revenue)}) AS amount FROM ${src.sql}`;
  const matched = `SELECT f.paid_id, f.refund_id, f.amount FROM (${refundRows}) f
    JOIN orders refund ON refund.source_file = $file AND refund.order_id = f.refund_id AND refund.status = 'refunded'
    JOIN orders paid ON paid.source_file = $file AND paid.order_id = f.paid_id AND paid.order_id <> f.refund_id`;
  const rows = await queryRows(ctx.engine, `SELECT DISTINCT refund_id FROM (${matched})`, params);
  if (rows.length === 0) return { nettedRows: 0 };
  const r = await net(`SELECT paid_id AS order_id, sum(amount) AS refunded FROM (${matched}) GROUP BY 1`);
  await ctx.engine.query(`DELETE FROM orders WHERE source_file = $file AND order_id IN (SELECT refund_id FROM (${matched}))`, params);
  warnings.push(
    `${rows.length} refund row${rows.length === 1 ? '' : 's'} (“${refundOf}” names the payment) ${rows.length === 1 ? 'was' : 'were'} netted against ${rows.length === 1 ? 'its payment' : 'their payments'}: `
      + `${r.full} refunded in full, ${r.partial} in part (${money(r.subtracted)} less revenue).`,
  );
  return { nettedRows: rows.length };
}
