import { describe, expect, it } from 'vitest';
import { cellNameProblem, uniqueName } from '../../../src/lib/notebook/model';

describe('cell names never take one of Recur\'s own tables', () => {
  it.each(['orders', 'customers', 'load_files', 'load_rejects', 'load_cancellations', 'load_parquet_9f3a', 'recur_staged_ab12'])('%s is refused', (name) => {
    expect(cellNameProblem(name, [])).toMatch(/data tables|belong to Recur's own tables/);
  });

  it.each(['revenue_by_month', 'loaded_orders', 'my_load_files'])('%s is fine', (name) => {
    expect(cellNameProblem(name, [])).toBeNull();
  });

  it('a name made from a reserved one is free', () => {
    expect(uniqueName('orders', [])).toBe('orders_2');
    expect(uniqueName('load_files', [])).toBe('my_load_files');
    expect(uniqueName('recur staged', ['my_recur_staged'])).toBe('my_recur_staged_2');
  });
});
