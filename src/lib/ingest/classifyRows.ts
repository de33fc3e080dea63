import type { ParamValue } from '../engine/api';
import { cancelPrefixCondition, hasCancelledRows, type LoadContext } from './loadContext';
import { queryRows } from './queryRows';
import { NUMERIC_FIELDS, dateColumn } from './stage';
import { dateFormatLists } from './sqlMacros';

/** The range of each feedback scale, for rejecting scores outside it. */
const SCALE_RANGE = { rating_5: [1, 5], csat_5: [1, 5], nps_10: [0, 10] } as const;

/**
 * Gives every staged row one class, in this order: `duplicate` (an exact copy
 * of an earlier row), `rejected` (a value that cannot be read, or a required
 * one missing; each value goes to `load_rejects`), `already_loaded` (its order
 * came from another file), `cancelled` (invoice-style cancellation or return
 * line), else `loaded`.
 *
 * Only the rows a check takes out are written down (in `ctx.classes`); the
 * loaded ones are the rest (`ctx.loaded`). Marking every row in the staging
 * table instead costs an UPDATE of every row, and DuckDB keeps the old and new
 * values of each vector an UPDATE touches until the load commits (76 MB for
 * 1,000 scattered duplicates among 1M rows).
 */
export async function classifyRows(ctx: LoadContext): Promise<void> {
  const { engine, stage: T, classes: K, loaded: L, mapping } = ctx;
  await engine.exec(`
    CREATE OR REPLACE TEMP TABLE ${K} (_row BIGINT, _class VARCHAR, _dup_of BIGINT);
    CREATE OR REPLACE TEMP VIEW ${L} AS SELECT * FROM ${T} s WHERE NOT EXISTS (SELECT 1 FROM ${K} k WHERE k._row = s._row)`);
  // Without an order id an exact copy of a row cannot be told from a second, identical purchase (a transaction
  // log such as CDNOW's repeats them): the copies are kept, as the published CDNOW fits count them.
  if (keepsCopies(mapping)) {
    // Each row of an orders file gets an id of its own (`<file>#<row>`): no need to look for repeated ids.
    ctx.oneRowPerOrder = mapping.kind === 'orders';
    return classifyRest(ctx, L, K);
  }
  await engine.query(
    `INSERT INTO ${K} SELECT s._row, 'duplicate', d.first_row
     FROM ${T} s JOIN (SELECT _hash, min(_row) AS first_row FROM ${T} GROUP BY _hash HAVING count(*) > 1) d USING (_hash)
     WHERE s._row <> d.first_row`,
  );
  return classifyRest(ctx, L, K);
}

/** Order files without an order id keep exact copies of a row as separate purchases. */
export function keepsCopies(mapping: LoadContext['mapping']): boolean {
  return mapping.kind !== 'feedback' && mapping.fields.order_id === null;
}

async function classifyRest(ctx: LoadContext, L: string, K: string): Promise<void> {
  const { engine, mapping } = ctx;
  const { fields, kind, options } = mapping;

  const params: Record<string, ParamValue> = { file: ctx.sourceFile, c_date: dateColumn(mapping) ?? '' };
  const parts: string[] = [];
  const reject = (column: string, value: string, reason: string, where: string): void => {
    parts.push(`SELECT $file, _row, ${column}, ${value}, ${reason} FROM ${L} WHERE ${where}`);
  };
  const { f4, f2 } = dateFormatLists(ctx.dateOrder);
  reject('$c_date', 'ts_raw', `CASE WHEN recur_ts(ts_raw, ${f4}, ${f2}) IS NULL THEN 'unreadable date' ELSE 'date out of range' END`, 'ts_raw IS NOT NULL');
  for (const f of NUMERIC_FIELDS) {
    if (fields[f] === null) continue;
    params[`c_${f}`] = fields[f];
    reject(`$c_${f}`, `${f}_raw`, `'unreadable number'`, `${f}_raw IS NOT NULL`);
  }
  if (ctx.lines) {
    reject('$c_quantity', 'NULL', `'missing quantity'`, 'quantity IS NULL AND quantity_raw IS NULL');
    reject('$c_unit_price', 'NULL', `'missing unit price'`, 'unit_price IS NULL AND unit_price_raw IS NULL');
  }
  if (kind === 'order_lines') {
    params.c_order_id = fields.order_id ?? '';
    reject('$c_order_id', 'NULL', `'missing order id'`, 'order_id IS NULL');
  }
  if (kind === 'feedback') {
    reject('$c_date', 'NULL', `'missing date'`, 'ts IS NULL AND ts_raw IS NULL');
    reject('$c_score', 'NULL', `'missing score'`, 'score IS NULL AND score_raw IS NULL');
    if (ctx.scale) {
      const [lo, hi] = SCALE_RANGE[ctx.scale];
      reject('$c_score', `regexp_replace(CAST(score AS VARCHAR), '\\.0$', '')`, `'score outside the ${lo}–${hi} scale'`, `score NOT BETWEEN ${lo} AND ${hi}`);
    }
  }
  await engine.query(`INSERT INTO load_rejects (source_file, row_number, column_name, value, reason) ${parts.join('\nUNION ALL ')}`, params);
  await markRejected(ctx);

  if (kind !== 'feedback') {
    if (!ctx.oneRowPerOrder) {
      const [ids] = await queryRows(engine, `SELECT count(*) AS repeated FROM (SELECT order_id FROM ${L} GROUP BY order_id HAVING count(*) > 1)`);
      ctx.oneRowPerOrder = Number(ids?.repeated ?? 0) === 0;
    }
    // Order-level fields may sit on one row of the order only (Shopify): an order is missing a date or amount only when all its rows are.
    const missing = (value: string): string =>
      ctx.oneRowPerOrder ? `${value} IS NULL` : `order_id IN (SELECT order_id FROM ${L} GROUP BY order_id HAVING count(${value}) = 0)`;
    const orderParts = [`SELECT $file, _row, $c_date, NULL, 'missing date' FROM ${L} WHERE ${missing('ts')}`];
    const orderParams: Record<string, ParamValue> = { file: ctx.sourceFile, c_date: params.c_date };
    if (!ctx.lines && fields.revenue !== null) {
      orderParams.c_revenue = fields.revenue;
      orderParts.push(`SELECT $file, _row, $c_revenue, NULL, 'missing amount' FROM ${L} WHERE ${missing('revenue')}`);
    }
    await engine.query(`INSERT INTO load_rejects (source_file, row_number, column_name, value, reason) ${orderParts.join('\nUNION ALL ')}`, orderParams);
    await markRejected(ctx);

    // The first file (or the only one) has no other file's orders to overlap: a cheap look spares a scan of every row.
    const [others] = await queryRows(engine, 'SELECT EXISTS (SELECT 1 FROM orders) OR EXISTS (SELECT 1 FROM load_cancellations) AS any');
    if (others?.any === true) {
      await engine.query(
        `INSERT INTO ${K} SELECT _row, 'already_loaded', NULL FROM ${L}
         WHERE NOT order_id_made AND (order_id IN (SELECT order_id FROM orders) OR order_id IN (SELECT order_id FROM load_cancellations))`,
      );
    }
    if (hasCancelledRows(ctx)) {
      const negative = options.negativeIsReturn ? '(quantity < 0 OR quantity * unit_price < 0)' : 'false';
      await engine.query(
        `INSERT INTO ${K} SELECT _row, 'cancelled', NULL FROM ${L} WHERE ${cancelPrefixCondition(mapping)} OR ${negative}`,
        options.cancelPrefix ? { prefix: options.cancelPrefix } : {},
      );
    }
  }
}

async function markRejected(ctx: LoadContext): Promise<void> {
  await ctx.engine.query(
    `INSERT INTO ${ctx.classes} SELECT DISTINCT row_number, 'rejected', NULL FROM load_rejects r
     WHERE source_file = $file AND NOT EXISTS (SELECT 1 FROM ${ctx.classes} k WHERE k._row = r.row_number)`,
    { file: ctx.sourceFile },
  );
}
