import { PRESET_RULES } from './presets';
import type { Mapping, MappingField } from './types';

/**
 * Why a mapping cannot load a file, as sentences naming the file; empty when
 * it can. Orders need a date and an amount (an order total, or quantity and
 * unit price); order lines an order id, a date, quantity and unit price;
 * feedback a date and a score.
 */
export function validateMapping(fileName: string, columns: readonly string[], mapping: Mapping): string[] {
  const issues: string[] = [];
  const { fields, kind } = mapping;
  const refusal = PRESET_RULES.find((r) => r.preset === mapping.preset)?.refuse;
  if (refusal) return [`${fileName} ${refusal}`];
  for (const [field, column] of Object.entries(fields) as Array<[MappingField, string | null]>) {
    if (column !== null && !columns.includes(column)) issues.push(`${fileName} has no column "${column}" (mapped to ${field}).`);
  }
  const list = columns.join(', ');
  if (kind === 'feedback') {
    if (fields.responded_at === null) issues.push(`${fileName} has no date column: none of its columns (${list}) looks like a response date. Choose the date column in the mapping.`);
    if (fields.score === null) issues.push(`${fileName} has no score column: none of its columns (${list}) looks like a score, rating or NPS answer. Choose the score column in the mapping.`);
    return issues;
  }
  if (fields.ordered_at === null) issues.push(`${fileName} has no date column: none of its columns (${list}) looks like an order date. Choose the date column in the mapping.`);
  const lines = fields.quantity !== null && fields.unit_price !== null;
  if (kind === 'order_lines') {
    if (fields.order_id === null) issues.push(`${fileName} has no order id column, so its lines cannot be grouped into orders. Choose the order (invoice) id column in the mapping.`);
    if (!lines) issues.push(`${fileName} has no amount column: line-level files need a quantity and a unit price column. Choose them in the mapping.`);
  } else if (fields.revenue === null && !lines) {
    issues.push(`${fileName} has no amount column: none of its columns (${list}) looks like an order total. Choose the amount column in the mapping.`);
  }
  return issues;
}
