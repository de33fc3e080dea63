import type { ParamValue } from '../engine/api';
import { cancelPrefixCondition, type LoadContext } from './loadContext';
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
 */
export async function classifyRows(ctx: LoadContext): Promise<void> {
  const { engine, stage: T, mapping } = ctx;
  const { fields, kind, options } = mapping;
  await engine.query(
    `UPDATE ${T} SET _class = 'duplicate', _dup_of = d.first_row
     FROM (SELECT _hash, min(_row) AS first_row FROM ${T} GROUP BY _hash HAVING count(*) > 1) d
     WHERE ${T}._hash = d._hash AND ${T}._row <> d.first_row`,
  );

  const params: Record<string, ParamValue> = { file: ctx.sourceFile, c_date: dateColumn(mapping) ?? '' };
  const parts: string[] = [];
  const reject = (column: string, value: string, reason: string, where: string): void => {
    parts.push(`SELECT $file, _row, ${column}, ${value}, ${reason} FROM ${T} WHERE _class IS NULL AND ${where}`);
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
    // Order-level fields may sit on one row of the order only (Shopify): an order is missing a date or amount only when all its rows are.
    const orderParts = [
      `SELECT $file, _row, $c_date, NULL, 'missing date' FROM ${T} WHERE _class IS NULL AND order_id IN
         (SELECT order_id FROM ${T} WHERE _class IS NULL GROUP BY order_id HAVING count(ts) = 0)`,
    ];
    const orderParams: Record<string, ParamValue> = { file: ctx.sourceFile, c_date: params.c_date };
    if (!ctx.lines && fields.revenue !== null) {
      orderParams.c_revenue = fields.revenue;
      orderParts.push(`SELECT $file, _row, $c_revenue, NULL, 'missing amount' FROM ${T} WHERE _class IS NULL AND order_id IN
         (SELECT order_id FROM ${T} WHERE _class IS NULL GROUP BY order_id HAVING count(revenue) = 0)`);
    }
    await engine.query(`INSERT INTO load_rejects (source_file, row_number, column_name, value, reason) ${orderParts.join('\nUNION ALL ')}`, orderParams);
    await markRejected(ctx);

    await engine.query(
      `UPDATE ${T} SET _class = 'already_loaded'
       WHERE _class IS NULL AND NOT order_id_made
         AND (order_id IN (SELECT order_id FROM orders) OR order_id IN (SELECT order_id FROM load_cancellations))`,
    );
    if (ctx.lines && (options.cancelPrefix || options.negativeIsReturn)) {
      const negative = options.negativeIsReturn ? '(quantity < 0 OR quantity * unit_price < 0)' : 'false';
      await engine.query(
        `UPDATE ${T} SET _class = 'cancelled' WHERE _class IS NULL AND (${cancelPrefixCondition(mapping)} OR ${negative})`,
        options.cancelPrefix ? { prefix: options.cancelPrefix } : {},
      );
    }
  }
  await engine.query(`UPDATE ${T} SET _class = 'loaded' WHERE _class IS NULL`);
}

async function markRejected(ctx: LoadContext): Promise<void> {
  await ctx.engine.query(
    `UPDATE ${ctx.stage} SET _class = 'rejected'
     WHERE _class IS NULL AND _row IN (SELECT row_number FROM load_rejects WHERE source_file = $file)`,
    { file: ctx.sourceFile },
  );
}
