import { DuckDBInstance } from '@duckdb/node-api';

export const ORDER_TYPES = {
  order_id: 'VARCHAR',
  customer_id: 'VARCHAR',
  ordered_at: 'TIMESTAMP',
  revenue: 'DOUBLE',
  gross_margin: 'DOUBLE',
  status: 'VARCHAR',
  channel: 'VARCHAR',
} as const;

export const FEEDBACK_TYPES = {
  customer_id: 'VARCHAR',
  order_id: 'VARCHAR',
  responded_at: 'TIMESTAMP',
  score: 'INTEGER',
  scale: 'VARCHAR',
  comment: 'VARCHAR',
} as const;

function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function columnsStruct(types: Readonly<Record<string, string>>): string {
  return `{${Object.entries(types)
    .map(([name, type]) => `${sqlString(name)}: ${sqlString(type)}`)
    .join(', ')}}`;
}

export interface ParquetJob {
  readonly csvPath: string;
  readonly parquetPath: string;
  readonly types: Readonly<Record<string, string>>;
}

/**
 * Converts each CSV with native DuckDB. The dialect and types are spelled out
 * rather than sniffed, so a sample that happens to lack quotes or guests still
 * produces the same schema. Empty fields become NULL (guests, no comment).
 */
export async function csvToParquet(jobs: readonly ParquetJob[]): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  try {
    for (const job of jobs) {
      await connection.run(
        `COPY (SELECT * FROM read_csv(${sqlString(job.csvPath)}, header = true, delim = ',', quote = '"', escape = '"', ` +
          `timestampformat = '%Y-%m-%d %H:%M:%S', columns = ${columnsStruct(job.types)})) ` +
          `TO ${sqlString(job.parquetPath)} (FORMAT parquet, COMPRESSION zstd)`,
      );
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
