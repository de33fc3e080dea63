import type { RecurDb } from '../../../src/lib/store/db';

/**
 * Makes writes to the tables `full` names fail as Chromium fails them over
 * quota (fake-indexeddb has no quota): the request succeeds, then the commit
 * fails and the whole transaction aborts with a QuotaExceededError.
 * `log` receives "stored in <table>" for every write, in order.
 */
export function overQuota(db: RecurDb, full: (table: string) => boolean, log: string[] = []): RecurDb {
  db.use({
    stack: 'dbcore',
    name: 'over-quota',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: async (request) => {
            const result = await table.mutate(request);
            log.push(`stored in ${name}`);
            if (full(name)) {
              const idbtrans = request.trans as unknown as IDBTransaction;
              Object.defineProperty(idbtrans, 'error', { value: new DOMException('', 'QuotaExceededError') });
              idbtrans.abort();
            }
            return result;
          },
        };
      },
    }),
  });
  return db;
}
