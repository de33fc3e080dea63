import type { ParamDef } from '../notebook/model';

/** "Analysis date (empty = latest order)": the label, and what an empty value means. */
const EMPTY_MEANS = /^(.*?)\s*\(empty = ([^)]+)\)$/;

/**
 * A parameter as a report states it: `Analysis date: latest order`, `Period: month`.
 * The id (`$as_of`) is for SQL authors, so it is left out.
 */
export function paramSummary(def: ParamDef): { name: string; label: string; value: string } {
  const label = def.label ?? def.name;
  const empty = EMPTY_MEANS.exec(label);
  const blank = def.value === null || def.value === '';
  return {
    name: def.name,
    label: empty ? empty[1] : label,
    value: blank ? (empty ? empty[2] : 'not set') : String(def.value),
  };
}
