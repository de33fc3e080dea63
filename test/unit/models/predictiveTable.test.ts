/** The per-customer rows as Arrow IPC: types, multi-byte ids, and DuckDB reading them back. */
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import { toRows } from '../../../src/lib/engine/rows';
import { predictionsToIpc, writePredictions } from '../../../src/lib/recipes/ltvPredictive/table';
import { PREDICTIVE_LTV_COLUMNS, type PredictiveLtvRow } from '../../../src/lib/recipes/ltvPredictive/types';

const row = (customer_id: string, clv: number): PredictiveLtvRow => ({
  customer_id,
  frequency: 2,
  recency: 10.5,
  T: 30,
  monetary: 42.5,
  p_alive: 0.75,
  expected_purchases: 1.25,
  expected_spend: 40,
  clv,
  holdout_purchases: 1,
});
const rows = [row('C001', 10), row('Zoë-Ørsted', 20.5), row('客户 7', 0), row('', 3)];

describe('predictionsToIpc', () => {
  it('round-trips every value, ids with multi-byte characters and the empty id included', () => {
    const table = tableFromIPC(predictionsToIpc(rows));
    expect(table.schema.fields.map((f) => f.name)).toEqual(PREDICTIVE_LTV_COLUMNS.map((c) => c.name));
    expect(toRows(table)).toEqual(rows);
  });

  it('an empty result is an empty table with the same columns', () => {
    const table = tableFromIPC(predictionsToIpc([]));
    expect(table.numRows).toBe(0);
    expect(table.schema.fields).toHaveLength(PREDICTIVE_LTV_COLUMNS.length);
  });

  it('DuckDB reads it back with the declared types', async () => {
    const engine = createNodeEngine();
    await writePredictions(engine, 'kept', rows);
    const tables = await engine.describe();
    expect(tables.find((t) => t.name === 'kept')?.columns).toEqual([...PREDICTIVE_LTV_COLUMNS]);
    const back = toRows(tableFromIPC((await engine.query('SELECT customer_id, clv FROM kept ORDER BY clv DESC')).ipc));
    expect(back).toEqual([{ customer_id: 'Zoë-Ørsted', clv: 20.5 }, { customer_id: 'C001', clv: 10 }, { customer_id: '', clv: 3 }, { customer_id: '客户 7', clv: 0 }]);
  });
});
