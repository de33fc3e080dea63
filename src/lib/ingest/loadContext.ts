import type { EngineApi } from '../engine/api';
import { quoteIdent } from '../engine/sql';
import type { FeedbackScale } from './canonical';
import type { DateOrder, Mapping } from './types';

/** What the steps of one load share: the engine, the temporary tables' names and the settled options. */
export interface LoadContext {
  engine: EngineApi;
  /** Quoted names of the temporary tables: staged rows, orders built from them, the status map. */
  stage: string;
  orders: string;
  statusMap: string;
  mapping: Mapping;
  sourceFile: string;
  dateOrder: DateOrder;
  scale: FeedbackScale | null;
  /** The file has a quantity and a unit price per row, so it also fills `order_lines`. */
  lines: boolean;
}

/** Names of one load's temporary tables, unique so a failed load never collides with the next. */
export function tempNames(): { stage: string; orders: string; statusMap: string; raw: { stage: string; orders: string; statusMap: string } } {
  const tag = Math.random().toString(36).slice(2, 10);
  const raw = { stage: `recur_stage_${tag}`, orders: `recur_orders_${tag}`, statusMap: `recur_status_${tag}` };
  return { stage: quoteIdent(raw.stage), orders: quoteIdent(raw.orders), statusMap: quoteIdent(raw.statusMap), raw };
}

/** The condition, on a staged row, that makes a line an invoice-style cancellation (`$prefix` bound by the caller). */
export function cancelPrefixCondition(mapping: Mapping): string {
  return mapping.options.cancelPrefix ? 'starts_with(order_id, $prefix)' : 'false';
}
