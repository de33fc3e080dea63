import { normalizeHeader } from './headers';
import type { Mapping } from './types';
import { filledValues } from './valueMapping';

type SampleRow = Record<string, string | null>;

/** No customer column on an order file: what to tell the user, and the column most likely to be the customer. */
export interface MissingCustomer {
  message: string;
  /** A column whose values look like e-mail addresses (or whose name says customer), or `null`. */
  suggestion: string | null;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const CUSTOMER_NAME = /(^|_)(e_?mail|customer|client|buyer|user|member|account|kunde|asiakas|cliente)(_|$)/;

/**
 * Says so when an order or order-line mapping has no customer column: every
 * order would then load as a guest and the retention figures count no
 * customers. Proposes the unmapped column whose sample values are mostly
 * e-mail addresses, else one whose name says customer. `null` for feedback or
 * when a customer column is mapped.
 */
export function missingCustomer(fileName: string, columns: readonly string[], sample: readonly SampleRow[], mapping: Mapping): MissingCustomer | null {
  if (mapping.kind === 'feedback' || mapping.fields.customer_id !== null) return null;
  const mapped = new Set(Object.values(mapping.fields));
  const free = columns.filter((c) => !mapped.has(c));
  const suggestion = free.find((c) => mostlyEmails(sample.map((r) => r[c] ?? null))) ?? free.find((c) => CUSTOMER_NAME.test(normalizeHeader(c))) ?? null;
  const why = `${fileName}: no column is mapped to the customer id, so every order would load as a guest and no customer would be counted.`;
  const fix = suggestion === null
    ? ' Map the column that identifies the customer (an id or an e-mail address).'
    : ` “${suggestion}” looks like the customer${mostlyEmails(sample.map((r) => r[suggestion] ?? null)) ? ' (e-mail addresses)' : ''}: map it as the customer id.`;
  return { message: why + fix, suggestion };
}

function mostlyEmails(values: ReadonlyArray<string | null>): boolean {
  const filled = filledValues(values);
  return filled.length > 0 && filled.filter((v) => EMAIL.test(v)).length >= 0.8 * filled.length;
}
