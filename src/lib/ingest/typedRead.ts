import type { TypedColumn } from './sourceSql';
import { NUMERIC_FIELDS, typedRefusal } from './stage';
import { MAPPING_FIELDS, type Mapping, type MappingField } from './types';

const NUMBER_FIELDS: ReadonlySet<MappingField> = new Set(NUMERIC_FIELDS);
const DATE_FIELDS: ReadonlySet<MappingField> = new Set(['ordered_at', 'responded_at']);

/**
 * The columns DuckDB's CSV reader is asked to type itself: those the mapping
 * reads as numbers (DOUBLE, with the mapping's decimal mark) or as the date
 * (TIMESTAMP: ISO text, which the text path reads with the same cast). A column
 * that also fills a text field (an id, say) stays text. The reader is much
 * faster than the text macros, and a value it cannot read stops the read (see
 * `refusedColumn`), so the text path still handles everything else.
 */
export function typedColumns(mapping: Mapping): Record<string, TypedColumn> {
  const types: Record<string, TypedColumn> = {};
  const text = new Set<string>();
  for (const field of MAPPING_FIELDS) {
    const column = mapping.fields[field];
    if (column === null) continue;
    const type = NUMBER_FIELDS.has(field) ? 'DOUBLE' : DATE_FIELDS.has(field) ? 'TIMESTAMP' : null;
    if (type === null || (types[column] !== undefined && types[column] !== type)) text.add(column);
    else types[column] = type;
  }
  for (const column of text) delete types[column];
  return types;
}

/**
 * The typed column a failed typed read could not read (named by DuckDB's
 * conversion error or by the staging query's own refusal), or `null` when the
 * error is about something else (a ragged row, the encoding…).
 */
export function refusedColumn(error: unknown, mapping: Mapping, types: Readonly<Record<string, TypedColumn>>): string | null {
  const message = error instanceof Error ? error.message : String(error);
  const converting = /Error when converting column "((?:[^"]|"")*)"/.exec(message)?.[1]?.replaceAll('""', '"');
  if (converting !== undefined && types[converting] !== undefined) return converting;
  const field = MAPPING_FIELDS.find((f) => message.includes(typedRefusal(f)));
  const column = field ? mapping.fields[field] : null;
  return column !== null && column !== undefined && types[column] !== undefined ? column : null;
}

/**
 * Runs `stage` with as many typed columns as the file allows: each time a typed
 * column refuses a value, it is read as text and the stage runs again (each
 * failed attempt stops at its first bad value). Errors that are not about a
 * typed column are thrown as they are.
 */
export async function withTypedColumns(mapping: Mapping, types: Record<string, TypedColumn>, stage: (types: Record<string, TypedColumn>) => Promise<void>): Promise<void> {
  let current = { ...types };
  for (;;) {
    try {
      return await stage(current);
    } catch (error) {
      const column = refusedColumn(error, mapping, current);
      if (column === null) throw error;
      const { [column]: _refused, ...rest } = current;
      current = rest;
    }
  }
}
