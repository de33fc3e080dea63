import type { EngineApi, Params } from '../engine/api';
import { quoteIdent } from '../engine/sql';
import { queryRows } from './queryRows';
import { sourceRelation, type SourceSpec } from './sourceSql';
import { dateFormatLists } from './sqlMacros';
import type { DateOrder, Mapping, MappingField } from './types';

/** Numeric fields: each is staged as a DOUBLE plus, when the text could not be read, that text (`<field>_raw`). */
export const NUMERIC_FIELDS = ['revenue', 'gross_margin', 'cost', 'quantity', 'unit_price', 'score'] as const;
export type NumericField = (typeof NUMERIC_FIELDS)[number];

/** The message of the SQL `error()` that stops a typed read at a value only the text path can report (see `typedRead.ts`). */
export function typedRefusal(field: MappingField): string {
  return `recur: the typed read refused ${field}`;
}

export interface StageInput {
  /** Names of the temporary staging table and of the view over it that adds the unmapped columns (unquoted). */
  table: string;
  view: string;
  source: SourceSpec;
  mapping: Mapping;
  dateOrder: DateOrder;
  sourceFile: string;
}

/** The column holding the row's date: `ordered_at` for orders, `responded_at` for feedback. */
export function dateColumn(mapping: Mapping): string | null {
  return mapping.kind === 'feedback' ? mapping.fields.responded_at : mapping.fields.ordered_at;
}

/** One column of the staged rows: its expression, whether the mapping gives it anything, and the constant it is otherwise. */
interface StageColumn {
  name: string;
  sql: string;
  staged: boolean;
  absent: string;
}

/**
 * One pass over the file into a typed staging table: a data row number, a hash
 * of the whole row (for exact duplicates), each mapped field parsed to its type,
 * and the original text only where parsing failed (for the reject list).
 * Orders without an order id get `<file>#<row>` (`order_id_made`).
 *
 * The table holds only the columns the mapping fills (an orders file without
 * lines leaves half of them empty: 1.1 GB of NULLs at 10M rows, since
 * in-memory tables are not compressed); `viewSql` makes the view the later
 * steps read, which adds the others as constants so every step sees the same
 * columns whatever the mapping.
 */
export function stageSql(input: StageInput): { sql: string; params: Params; viewSql: string } {
  const { mapping, source } = input;
  const src = sourceRelation(source);
  const col = (field: MappingField): string | null => mapping.fields[field];
  const has = (field: MappingField): boolean => col(field) !== null;
  const text = (field: MappingField): string => {
    const c = col(field);
    return c === null ? 'NULL::VARCHAR' : quoteIdent(c);
  };
  const date = dateColumn(mapping);
  const { f4, f2 } = dateFormatLists(input.dateOrder);
  const rowHash = `hash(${source.columns.map(quoteIdent).join(', ')})`;
  const madeIds = mapping.kind === 'orders';

  const types = source.types ?? {};
  const typed = (field: MappingField): boolean => {
    const c = col(field);
    return c !== null && types[c] === (field === 'ordered_at' || field === 'responded_at' ? 'TIMESTAMP' : 'DOUBLE');
  };
  const dateField: MappingField = mapping.kind === 'feedback' ? 'responded_at' : 'ordered_at';
  const dateTyped = date !== null && typed(dateField);
  const mapped = NUMERIC_FIELDS.filter(has);
  // Typed columns come out of the reader as numbers and timestamps; only the others go through the text macros.
  const parsed = mapped.filter((f) => !typed(f));
  const l1 = [
    'row_number() OVER () AS _row',
    `${rowHash} AS _hash`,
    `recur_id(${text('order_id')}) AS order_text`,
    `recur_id(${text('customer_id')}) AS customer_id`,
    dateTyped ? `${quoteIdent(date)} AS t_typed` : `recur_text(${date === null ? 'NULL::VARCHAR' : quoteIdent(date)}) AS ts_text`,
    ...NUMERIC_FIELDS.map((f) => (col(f) === null ? `NULL::VARCHAR AS ${f}_text` : typed(f) ? `${text(f)} AS ${f}_typed` : `recur_text(${text(f)}) AS ${f}_text`)),
    `recur_status_text(${text('status')}) AS status_text`,
    `recur_text(${text('cancelled_at')}) IS NOT NULL AS cancelled`,
    `recur_text(${text('channel')}) AS channel`,
    `upper(recur_text(${text('currency')})) AS currency_text`,
    `recur_text(${text('sku')}) AS sku`,
    `recur_text(${text('comment')}) AS comment`,
  ];
  // Unmapped fields stay constant NULLs; mapped ones go through the parts of recur_num one level at a time (see INGEST_MACROS).
  const l2 = ['*', ...(dateTyped ? [] : ['recur_ts_norm(ts_text) AS ts_norm']), ...parsed.map((f) => `recur_num_fast(${f}_text, $dc) AS ${f}_fast`)];
  const amountCurrencies = (['revenue', 'unit_price'] as const).filter((f) => has(f) && !typed(f));
  const l3 = [
    '*',
    dateTyped ? 't_typed AS t' : `recur_ts_parse(ts_norm, ${f4}, ${f2}) AS t`,
    ...parsed.map((f) => `CASE WHEN ${f}_fast IS NULL THEN recur_num_clean(${f}_text) END AS ${f}_clean`),
    `coalesce(${['currency_text', ...amountCurrencies.map((f) => `recur_currency(${f}_text)`)].join(', ')}) AS currency`,
  ];
  const l4 = ['*', ...parsed.flatMap((f) => [`recur_num_sign(${f}_clean) AS ${f}_sign`, `recur_num_strip(${f}_clean) AS ${f}_strip`])];
  // Amounts in minor units (Stripe's API cents) become major units; quantities and scores stay as they are.
  const unit = (f: (typeof NUMERIC_FIELDS)[number]): string => (mapping.options.minorUnits && f !== 'quantity' && f !== 'score' ? ' / 100.0' : '');
  // A typed value the text path would reject (infinite, or a date out of range) stops the typed read: the text path then keeps its text for the report.
  const l5 = [
    '*',
    ...mapped.map((f) =>
      typed(f)
        ? `CASE WHEN isfinite(${f}_typed) OR ${f}_typed IS NULL THEN ${f}_typed ELSE error('${typedRefusal(f)}') END${unit(f)} AS ${f}`
        : `coalesce(${f}_fast, ${f}_sign * recur_num_unsigned(${f}_strip, $dc))${unit(f)} AS ${f}`,
    ),
  ];
  const inRange = `t BETWEEN TIMESTAMP '1900-01-01' AND TIMESTAMP '2100-12-31 23:59:59'`;
  const varchar = 'NULL::VARCHAR';
  const columns: StageColumn[] = [
    { name: '_row', sql: '_row', staged: true, absent: '' },
    { name: '_hash', sql: '_hash', staged: true, absent: '' },
    { name: 'order_id', sql: madeIds ? `coalesce(order_text, $file || '#' || CAST(_row AS VARCHAR))` : 'order_text', staged: madeIds || has('order_id'), absent: varchar },
    { name: 'order_id_made', sql: 'order_text IS NULL', staged: madeIds, absent: 'false' },
    { name: 'customer_id', sql: 'customer_id', staged: has('customer_id'), absent: varchar },
    dateTyped
      ? { name: 'ts', sql: `CASE WHEN t IS NULL OR ${inRange} THEN t ELSE error('${typedRefusal(dateField)}') END`, staged: true, absent: '' }
      : { name: 'ts', sql: `CASE WHEN ${inRange} THEN t END`, staged: date !== null, absent: 'NULL::TIMESTAMP' },
    { name: 'ts_raw', sql: `CASE WHEN ts_text IS NOT NULL AND (t IS NULL OR NOT (${inRange})) THEN ts_text END`, staged: date !== null && !dateTyped, absent: varchar },
    ...NUMERIC_FIELDS.flatMap((f): StageColumn[] => [
      { name: f, sql: f, staged: has(f), absent: 'NULL::DOUBLE' },
      { name: `${f}_raw`, sql: `CASE WHEN ${f} IS NULL THEN ${f}_text END`, staged: has(f) && !typed(f), absent: varchar },
    ]),
    { name: 'status_text', sql: 'status_text', staged: has('status'), absent: varchar },
    { name: 'cancelled', sql: 'cancelled', staged: has('cancelled_at'), absent: 'false' },
    { name: 'channel', sql: 'channel', staged: has('channel'), absent: varchar },
    { name: 'currency', sql: 'currency', staged: has('currency') || amountCurrencies.length > 0, absent: varchar },
    { name: 'sku', sql: 'sku', staged: has('sku'), absent: varchar },
    { name: 'comment', sql: 'comment', staged: has('comment'), absent: varchar },
  ];
  let from = `(SELECT ${l1.join(',\n        ')} FROM ${src.sql})`;
  for (const level of [l2, l3, l4, l5]) from = `(SELECT ${level.join(', ')} FROM ${from})`;
  const staged = columns.filter((c) => c.staged).map((c) => (c.sql === c.name ? c.name : `${c.sql} AS ${c.name}`));
  const sql = `CREATE OR REPLACE TEMP TABLE ${quoteIdent(input.table)} AS SELECT ${staged.join(',\n      ')} FROM ${from}`;
  const absent = columns.filter((c) => !c.staged).map((c) => `, ${c.absent} AS ${c.name}`).join('');
  const viewSql = `CREATE OR REPLACE TEMP VIEW ${quoteIdent(input.view)} AS SELECT *${absent} FROM ${quoteIdent(input.table)}`;
  return { sql, params: { ...src.params, dc: mapping.options.decimalComma, file: input.sourceFile }, viewSql };
}

/**
 * Counts, over the whole date column, values whose first part is above 12
 * (day first) and whose second part is (month first), to settle a day/month
 * order the sample left open.
 */
export async function scanDateOrder(engine: EngineApi, source: SourceSpec, column: string): Promise<{ dayFirst: number; monthFirst: number }> {
  const src = sourceRelation(source);
  const pattern = String.raw`^\s*(\d{1,2})[./-](\d{1,2})[./-]`;
  const [row] = await queryRows(
    engine,
    `SELECT count(*) FILTER (WHERE a > 12 AND b <= 12) AS day_first, count(*) FILTER (WHERE b > 12 AND a <= 12) AS month_first
     FROM (SELECT TRY_CAST(regexp_extract(v, '${pattern}', 1) AS INTEGER) AS a, TRY_CAST(regexp_extract(v, '${pattern}', 2) AS INTEGER) AS b
           FROM (SELECT ${quoteIdent(column)} AS v FROM ${src.sql}))`,
    src.params,
  );
  return { dayFirst: Number(row?.day_first ?? 0), monthFirst: Number(row?.month_first ?? 0) };
}
