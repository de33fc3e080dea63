import type { MappingField } from './types';

type SampleRow = Record<string, string | null>;

const DATE = /^(\d{4}-\d{1,2}-\d{1,2}|(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})([ T]|$)/;
const NUMBER = /^[-+]?\d+([.,]\d+)?$/;
const DECIMAL = /^[-+]?\d+[.,]\d+$/;

/** The non-empty values of a column sample, trimmed. */
export function filledValues(values: ReadonlyArray<string | null>): string[] {
  return values.map((v) => (v ?? '').trim()).filter((v) => v !== '');
}

/** The columns of a file without a header row are named like this (see `textLayout.ts`). */
export const isGeneratedName = (column: string): boolean => /^column_\d+$/.test(column);

/**
 * Fields of an order file guessed from its values alone, for a file without a
 * header row: the first column of dates (ISO, `YYYYMMDD`, `d/m/y`) is the
 * order date, the last column of decimal numbers the amount, and the first
 * other column whose values repeat the customer.
 */
export function guessFieldsByValues(columns: readonly string[], sample: readonly SampleRow[]): Partial<Record<MappingField, string>> {
  const filled = (c: string): string[] => filledValues(sample.map((r) => r[c] ?? null));
  const share = (values: string[], re: RegExp): number => (values.length === 0 ? 0 : values.filter((v) => re.test(v)).length / values.length);
  const date = columns.find((c) => share(filled(c), DATE) >= 0.9);
  const amount = [...columns].reverse().find((c) => c !== date && share(filled(c), NUMBER) >= 0.9 && filled(c).some((v) => DECIMAL.test(v)));
  const customer = columns.find((c) => c !== date && c !== amount && new Set(filled(c)).size < filled(c).length);
  return {
    ...(date ? { ordered_at: date } : {}),
    ...(amount ? { revenue: amount } : {}),
    ...(customer ? { customer_id: customer } : {}),
  };
}
