import type { ParamValue, Params } from '../engine/api';
import type { ParamInput, Recipe, RecipeParam } from './types';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text;
}

function asNumber(param: RecipeParam, value: ParamValue): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) throw new Error(`${param.name} must be a number, not ${JSON.stringify(value)}.`);
  if (param.type === 'INTEGER' && !Number.isInteger(n)) throw new Error(`${param.name} must be a whole number, not ${n}.`);
  return n;
}

/**
 * Checks one value against the parameter's type and choices and converts it to
 * what the SQL casts (numbers from text, `YYYY-MM-DD` dates, booleans from
 * "true"/"false"). `null` stays SQL NULL, except where the header lists choices.
 */
export function convertParam(param: RecipeParam, value: ParamValue): ParamValue {
  if (param.choices) {
    if (typeof value !== 'string' || !param.choices.includes(value)) {
      throw new Error(`${param.name} must be ${listChoices(param.choices)}, not ${JSON.stringify(value)}.`);
    }
    return value;
  }
  if (value === null) return null;
  switch (param.type) {
    case 'VARCHAR':
      return String(value);
    case 'INTEGER':
    case 'DOUBLE':
      return asNumber(param, value);
    case 'DATE': {
      const text = typeof value === 'string' ? value.trim() : '';
      if (!isCalendarDate(text)) throw new Error(`${param.name} must be a date written YYYY-MM-DD, not ${JSON.stringify(value)}.`);
      return text;
    }
    case 'BOOLEAN':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      throw new Error(`${param.name} must be true or false, not ${JSON.stringify(value)}.`);
  }
}

function listChoices(choices: readonly string[]): string {
  return choices.length === 1 ? choices[0] : `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}`;
}

/**
 * The values a recipe runs with: each parameter from `input` when given
 * (`undefined` means not given), else its default; all checked and converted.
 * Names the recipe does not declare are ignored, so a notebook can pass its
 * shared parameters (as_of, period, …) to every recipe.
 */
export function resolveParams(recipe: Recipe, input: ParamInput = {}): Params {
  const resolved: Record<string, ParamValue> = {};
  for (const param of recipe.params) {
    const given = input[param.name];
    resolved[param.name] = convertParam(param, given === undefined ? param.default : given);
  }
  return resolved;
}
