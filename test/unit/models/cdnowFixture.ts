import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Transaction } from '../../../src/lib/models';

const fixture = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/cdnow/${name}`, import.meta.url)), 'utf8');

/**
 * CDNOW_sample.txt: fixed-width, CRLF, no header. Columns: master id, sample id
 * (the id used by the published analyses), YYYYMMDD, number of CDs, dollars.
 */
export function readCdnowTransactions(): Transaction[] {
  return fixture('CDNOW_sample.txt')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [, sampleId, ymd, , dollars] = line.trim().split(/\s+/) as [string, string, string, string, string];
      return {
        customerId: sampleId,
        date: `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`,
        amount: Number(dollars),
      };
    });
}

export interface PublishedRow {
  id: string;
  x: number;
  tx: number;
  T: number;
  zbar: number;
}

/** cdnow_customers_summary_with_transactions.csv: ID,x,t_x,T,zbar (weeks, 2 decimals). */
export function readPublishedSummary(): PublishedRow[] {
  const [header, ...rows] = fixture('cdnow_customers_summary_with_transactions.csv')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  if (header !== 'ID,x,t_x,T,zbar') throw new Error(`unexpected header ${header}`);
  return rows.map((row) => {
    const [id, x, tx, T, zbar] = row.split(',') as [string, string, string, string, string];
    return { id: id.padStart(4, '0'), x: Number(x), tx: Number(tx), T: Number(T), zbar: Number(zbar) };
  });
}
