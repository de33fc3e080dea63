import type { ColumnInfo } from '../engine/api';
import type { Row } from '../engine/rows';

/** A customer list in one line: how many, what they have spent so far (the revenue at stake) and why they are on it. */
export interface ListSummary {
  customers: number;
  /** Null when the list is empty. */
  revenue: number | null;
  why: string;
}

/**
 * The summary of a customer-list recipe's result, which carries `list_customers` and
 * `list_revenue` on every row; null for any other result. `why` is the recipe's
 * description up to its first colon ("Customers whose first and only order was 3–4 weeks ago").
 */
export function listSummary(description: string, columns: readonly ColumnInfo[], first: Row | undefined, rowCount: number): ListSummary | null {
  const names = new Set(columns.map((c) => c.name));
  if (!names.has('list_customers') || !names.has('list_revenue')) return null;
  const why = (/^[^:]+/.exec(description)?.[0] ?? description).trim().replace(/\.$/, '');
  const customers = typeof first?.list_customers === 'number' ? first.list_customers : rowCount;
  const revenue = typeof first?.list_revenue === 'number' ? first.list_revenue : null;
  return { customers, revenue, why };
}
