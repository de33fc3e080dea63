import { headerAliases, headerSignature, normalizeHeader } from './headers';
import { FIELD_HINTS, FIELD_SYNONYMS, detectPreset, statusMapFor } from './presets';
import { MAPPING_FIELDS, type FieldMapping, type Mapping, type MappingField, type RowKind } from './types';
import { filledValues, guessFieldsByValues, isGeneratedName } from './valueMapping';
import { guessDateOrder, guessDecimalComma, guessScale } from './valueHints';

type SampleRow = Record<string, string | null>;

/** Fields matched in this order, so line fields claim `price` before `revenue` can. */
const ORDER_OF_MATCHING: readonly MappingField[] = [
  'order_id', 'customer_id', 'ordered_at', 'cancelled_at', 'quantity', 'unit_price', 'sku', 'gross_margin', 'cost', 'revenue',
  'status', 'channel', 'currency', 'responded_at', 'score', 'comment',
];

const FIELDS_BY_KIND: Record<RowKind, readonly MappingField[]> = {
  orders: ['order_id', 'customer_id', 'ordered_at', 'revenue', 'gross_margin', 'cost', 'status', 'cancelled_at', 'channel', 'currency', 'sku', 'quantity', 'unit_price'],
  order_lines: ['order_id', 'customer_id', 'ordered_at', 'sku', 'quantity', 'unit_price', 'gross_margin', 'cost', 'status', 'channel', 'currency'],
  feedback: ['customer_id', 'order_id', 'responded_at', 'score', 'comment'],
};

/** A mapping with every field unmapped. */
export function emptyFields(): FieldMapping {
  return Object.fromEntries(MAPPING_FIELDS.map((f) => [f, null])) as FieldMapping;
}

/**
 * Guesses how a file's columns map to canonical fields: a preset when the
 * header matches one, else by column names (exact synonyms first, then words
 * inside names), then the row kind, and the value options (date order,
 * decimal comma) from the sample values.
 */
export function guessMapping(columns: readonly string[], sample: readonly SampleRow[], delimiter = ','): Mapping {
  const rule = detectPreset(columns);
  const byNorm = namesOf(columns);
  const values = (column: string | null): Array<string | null> => (column === null ? [] : sample.map((r) => r[column] ?? null));

  const fields = emptyFields();
  const used = new Set<string>();
  // A score is a number: a text column whose header says "score" (a survey's "reason for your score") is not one.
  const fits = (field: MappingField, column: string): boolean => field !== 'score' || mostlyNumbers(values(column));
  const take = (field: MappingField, column: string | undefined): void => {
    if (column !== undefined && fields[field] === null && !used.has(column) && fits(field, column)) {
      fields[field] = column;
      used.add(column);
    }
  };

  if (columns.every(isGeneratedName)) {
    for (const [field, column] of Object.entries(guessFieldsByValues(columns, sample)) as Array<[MappingField, string]>) take(field, column);
  }
  if (rule) {
    for (const [field, names] of Object.entries(rule.fields) as Array<[MappingField, readonly string[]]>) {
      for (const name of names) take(field, byNorm.get(name));
    }
  }
  const kindHint = rule?.kind ?? guessKind(byNorm);
  const wanted = FIELDS_BY_KIND[kindHint];
  for (const field of ORDER_OF_MATCHING) {
    if (!wanted.includes(field)) continue;
    for (const name of FIELD_SYNONYMS[field]) {
      if (name === 'id' && kindHint === 'feedback') continue;
      take(field, byNorm.get(name));
    }
  }
  if (kindHint === 'orders' && fields.order_id === null) take('order_id', byNorm.get('id'));
  for (const field of ORDER_OF_MATCHING) {
    const hint = FIELD_HINTS[field];
    if (!hint || !wanted.includes(field) || fields[field] !== null) continue;
    take(field, columns.find((c) => !used.has(c) && fits(field, c) && hint.test(normalizeHeader(c))));
  }
  // Quantity without a unit price (or the reverse) is not a line-level file.
  if (kindHint === 'orders' && (fields.quantity === null) !== (fields.unit_price === null)) {
    for (const f of ['quantity', 'unit_price'] as const) {
      if (fields[f] !== null) used.delete(fields[f]!);
      fields[f] = null;
    }
  }

  const kind: RowKind = kindHint === 'orders' && fields.revenue === null && fields.quantity !== null ? 'order_lines' : kindHint;
  const preset = rule?.preset ?? 'generic';
  const dateColumn = kind === 'feedback' ? fields.responded_at : fields.ordered_at;
  const currencyHint = values(fields.currency).concat(values(fields.revenue), values(fields.unit_price)).some((v) => v !== null && /\$|USD/.test(v));
  const dates = guessDateOrder(values(dateColumn), currencyHint ? 'mdy' : 'dmy');
  const amounts = [fields.revenue, fields.unit_price, fields.gross_margin, fields.cost, fields.score].flatMap(values);

  let scale: Mapping['options']['scale'] = 'auto';
  if (kind === 'feedback' && fields.score !== null) {
    const fromHeader = guessScale(fields.score, null);
    if (fromHeader) scale = fromHeader;
  }

  return {
    kind,
    preset,
    fields,
    options: {
      dateOrder: dates.order,
      dateOrderAmbiguous: dates.ambiguous,
      decimalComma: guessDecimalComma(amounts, delimiter === ';'),
      statusMap: statusMapFor(preset),
      cancelPrefix: rule?.cancelPrefix ?? null,
      negativeIsReturn: kind === 'order_lines',
      scale,
      ...(rule?.minorUnits && wholeNumbers(values(fields.revenue)) ? { minorUnits: true } : {}),
      ...(rule?.refundedAmount ? { refundedAmount: firstPresent(rule.refundedAmount, byNorm) } : {}),
      ...(rule?.refundOf ? { refundOf: firstPresent(rule.refundOf, byNorm) } : {}),
    },
    headerSignature: headerSignature(columns),
  };
}

/**
 * Normalised name → column, every column's own name first, then the aliases of
 * bracketed qualifiers (`Email (Billing)` → `billing_email`, `email`), so an
 * exact name always wins over an alias.
 */
function namesOf(columns: readonly string[]): Map<string, string> {
  const byNorm = new Map<string, string>();
  const aliases = columns.map(headerAliases);
  for (let rank = 0; rank < 3; rank++) {
    columns.forEach((c, i) => {
      const name = aliases[i][rank];
      if (name !== undefined && !byNorm.has(name)) byNorm.set(name, c);
    });
  }
  return byNorm;
}

/** The file's column for the first of `names` it has, or `null`. */
function firstPresent(names: readonly string[], byNorm: ReadonlyMap<string, string>): string | null {
  return names.map((n) => byNorm.get(n)).find((c) => c !== undefined) ?? null;
}

/** At least 80 % of the non-empty sample values are plain numbers (or there are none to judge by). */
function mostlyNumbers(values: ReadonlyArray<string | null>): boolean {
  const filled = filledValues(values);
  if (filled.length === 0) return true;
  return filled.filter((v) => /^\s*[-+]?\d+([.,]\d+)?\s*$/.test(v)).length >= 0.8 * filled.length;
}

/** Every non-empty value is a whole number (`2500`): amounts in cents rather than `25.00`. */
function wholeNumbers(values: ReadonlyArray<string | null>): boolean {
  const filled = filledValues(values);
  return filled.length > 0 && filled.every((v) => /^\s*-?\d+\s*$/.test(v));
}

function guessKind(byNorm: ReadonlyMap<string, string>): RowKind {
  const named = (field: MappingField, except: readonly string[] = []): boolean =>
    FIELD_SYNONYMS[field].some((n) => !except.includes(n) && byNorm.has(n));
  const hasScore = named('score') || [...byNorm.keys()].some((n) => FIELD_HINTS.score!.test(n));
  if (hasScore && !named('revenue') && !named('quantity')) return 'feedback';
  if (named('quantity') && named('unit_price') && !named('revenue', ['price'])) return 'order_lines';
  return 'orders';
}
