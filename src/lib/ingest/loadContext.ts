import type { EngineApi } from '../engine/api';
import { quoteIdent } from '../engine/sql';
import type { FeedbackScale } from './canonical';
import type { DateOrder, Mapping } from './types';

/** What the steps of one load share: the engine, the temporary tables' names and the settled options. */
export interface LoadContext {
  engine: EngineApi;
  /**
   * Quoted names of the temporary relations: `stage`, every staged row (a view
   * that adds the unmapped columns to the staging table); `classes`, the class
   * of each row a check took out (`_row, _class, _dup_of`: duplicate, rejected,
   * already_loaded, cancelled); `loaded`, the staged rows no check took out, in
   * file order (while `classifyRows` runs, the rows still to check); the orders
   * built from them; the status map.
   */
  stage: string;
  classes: string;
  loaded: string;
  orders: string;
  statusMap: string;
  mapping: Mapping;
  sourceFile: string;
  dateOrder: DateOrder;
  scale: FeedbackScale | null;
  /** The file has a quantity and a unit price per row, so it also fills `order_lines`. */
  lines: boolean;
  /** No order id is on two loaded rows, so each row is its own order (set by `classifyRows`). */
  oneRowPerOrder: boolean;
}

export type TempName = 'stageTable' | 'stage' | 'classes' | 'loaded' | 'orders' | 'statusMap';

/** Names of one load's temporary tables and views, unique so a failed load never collides with the next; `raw` unquoted. */
export function tempNames(): Record<TempName, string> & { raw: Record<TempName, string> } {
  const tag = Math.random().toString(36).slice(2, 10);
  const raw: Record<TempName, string> = {
    stageTable: `recur_staged_${tag}`,
    stage: `recur_stage_${tag}`,
    classes: `recur_classes_${tag}`,
    loaded: `recur_loaded_${tag}`,
    orders: `recur_orders_${tag}`,
    statusMap: `recur_status_${tag}`,
  };
  const quoted = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, quoteIdent(v)])) as Record<TempName, string>;
  return { ...quoted, raw };
}

/** The condition, on a staged row, that makes a line an invoice-style cancellation (`$prefix` bound by the caller). */
export function cancelPrefixCondition(mapping: Mapping): string {
  return mapping.options.cancelPrefix ? 'starts_with(order_id, $prefix)' : 'false';
}

/** Whether the load can have `cancelled` rows: a line file with a cancellation prefix or negative lines as returns. */
export function hasCancelledRows(ctx: LoadContext): boolean {
  const { cancelPrefix, negativeIsReturn } = ctx.mapping.options;
  return ctx.lines && (Boolean(cancelPrefix) || negativeIsReturn);
}

/** The condition, on a staged row, that a check took it out as `cls`. */
export function ofClass(ctx: LoadContext, cls: 'duplicate' | 'rejected' | 'already_loaded' | 'cancelled'): string {
  return `_row IN (SELECT _row FROM ${ctx.classes} WHERE _class = '${cls}')`;
}
