import type { ParamDef } from './model';

/** What a person typed into a parameter field, read for the notebook: a value to apply, or why not. */
export type ParamInput = { ok: true; value: string | number | null } | { ok: false; message: string };

const label = (def: ParamDef) => def.label ?? def.name;
const numberOf = (def: ParamDef) => (typeof def.value === 'number' ? def.value : null);

/**
 * Reads the text of a parameter field as its value and checks it against its
 * definition (`min`, `max`) and against the applied values of its siblings:
 * the one it may not exceed (its `atMost`) and those that may not exceed it.
 * Text and date fields take any text; an empty number field without a `min`
 * means no value (NULL).
 */
export function readParamInput(def: ParamDef, raw: string, siblings: readonly ParamDef[] = []): ParamInput {
  if (def.type !== 'number') return { ok: true, value: raw === '' ? null : raw };
  if (raw.trim() === '') return def.min !== undefined ? { ok: false, message: `Enter a number (at least ${def.min}).` } : { ok: true, value: null };
  const value = Number(raw);
  if (!Number.isFinite(value)) return { ok: false, message: 'Enter a number.' };
  if (def.min !== undefined && value < def.min) return { ok: false, message: `Must be at least ${def.min}.` };
  if (def.max !== undefined && value > def.max) return { ok: false, message: `Must be at most ${def.max}.` };
  const ceiling = siblings.find((other) => other.name === def.atMost);
  if (ceiling && numberOf(ceiling) !== null && value > numberOf(ceiling)!) {
    return { ok: false, message: `Must not be more than ${label(ceiling)} (${numberOf(ceiling)}).` };
  }
  for (const floor of siblings) {
    if (floor.atMost === def.name && numberOf(floor) !== null && value < numberOf(floor)!) {
      return { ok: false, message: `Must not be less than ${label(floor)} (${numberOf(floor)}).` };
    }
  }
  return { ok: true, value };
}
