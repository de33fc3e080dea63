import type { EngineApi } from '../../../src/lib/engine/api';
import { CANONICAL_SCHEMA } from '../../../src/lib/ingest/canonical';
import { readCdnowTransactions } from './cdnowFixture';

/**
 * Loads the CDNOW sample into the canonical `orders` table as completed orders:
 * one order per record, customer_id = the sample id (0001..2357), ordered_at = the
 * date, revenue = dollars. Goes through a registered CSV, so no value is pasted into SQL.
 */
export async function loadCdnowOrders(engine: EngineApi): Promise<void> {
  await engine.exec(CANONICAL_SCHEMA);
  await engine.exec('DELETE FROM orders');
  const lines = readCdnowTransactions().map((t, i) => `${i + 1},${t.customerId},${t.date},${t.amount}`);
  const { path } = await engine.registerFile({ name: 'cdnow-orders.csv', bytes: new TextEncoder().encode(`${lines.join('\n')}\n`) });
  await engine.exec(
    `INSERT INTO orders (order_id, customer_id, ordered_at, revenue, status)
     SELECT order_id, customer_id, ordered_at, revenue, 'completed'
     FROM read_csv('${path}', header = false,
       columns = {'order_id': 'VARCHAR', 'customer_id': 'VARCHAR', 'ordered_at': 'TIMESTAMP', 'revenue': 'DOUBLE'})`,
  );
  await engine.dropFile(path);
}
