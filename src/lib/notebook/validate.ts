/**
 * Checks a notebook that came from outside the app (a shared link, an imported
 * file) and returns a clean copy: only known fields, of the right types and
 * within size limits. Nothing in the input is executed or kept by reference.
 */
import {
  cellNameProblem,
  newId,
  type Cell,
  type Notebook,
  type ParamDef,
  type ParamType,
  type SqlCell,
} from './model';
import { CHART_FIELDS, CHART_MARKS, CHART_SORTS, type ChartSpec } from '../charts/spec';
import { ManifestError, validateManifest } from './dataset';

/** Limits on untrusted notebooks; generous for real work, small enough that a hostile one cannot stall the tab. */
export const NOTEBOOK_LIMITS = {
  cells: 500,
  /** Characters of one cell's SQL or markdown. */
  sourceChars: 1_000_000,
  titleChars: 500,
  /** Names of cells, parameters and recipes. */
  nameChars: 64,
  paramsPerCell: 100,
  optionsPerParam: 500,
  /** Labels, options, chart fields, explanation templates. */
  textChars: 10_000,
} as const;

/** What is wrong with an untrusted notebook, and where (`cells[2].params[0].type`). */
export class NotebookValidationError extends Error {
  override name = 'NotebookValidationError';
  constructor(
    readonly path: string,
    readonly problem: string,
    /** The cell at fault, for checks across cells (so a file parser can point at its line). */
    readonly cellIndex?: number,
  ) {
    super(path ? `${path}: ${problem}` : problem);
  }
}

/** The cell kinds a notebook may hold. */
export const CELL_KINDS = ['markdown', 'sql', 'chart', 'params'] as const satisfies readonly Cell['kind'][];
/** The types of a notebook parameter. */
export const NOTEBOOK_PARAM_TYPES = ['date', 'number', 'select', 'text'] as const satisfies readonly ParamType[];

const TABLE_NAME = /^[a-z_][a-z0-9_]*$/;
const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RECIPE_ID = /^[a-z0-9][a-z0-9-]*$/;
const CELL_ID = /^[A-Za-z0-9_-]{1,64}$/;

type Fields = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field the object itself holds (never one inherited from a prototype). */
function own(object: Fields, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function fail(path: string, problem: string, cellIndex?: number): never {
  throw new NotebookValidationError(path, problem, cellIndex);
}

/** `path.key`, or just `key` at the top (a file parser validates one cell with an empty path). */
function at(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function text(value: unknown, path: string, max: number): string {
  if (typeof value !== 'string') fail(path, `must be text, not ${describe(value)}.`);
  if (value.length > max) fail(path, `is ${value.length} characters long; the limit is ${max}.`);
  return value;
}

function optionalText(value: unknown, path: string, max: number): string | undefined {
  return value === undefined ? undefined : text(value, path, max);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], path: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(path, `must be one of ${allowed.join(', ')}, not ${describe(value)}.`);
  }
  return value as T;
}

function finite(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, `must be a finite number, not ${describe(value)}.`);
  // -0 becomes 0: JSON (the link form) cannot write it, and no parameter means anything by it.
  return value === 0 ? 0 : value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number') return String(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Checks a chart spec and returns it with only the known fields. */
export function validateChartSpec(value: unknown, path = 'chart'): ChartSpec {
  if (!isObject(value)) fail(path, `must be an object, not ${describe(value)}.`);
  const spec: ChartSpec = {};
  for (const key of CHART_FIELDS) {
    const field = own(value, key);
    if (field === undefined) continue;
    const where = at(path, key);
    if (key === 'mark') spec.mark = oneOf(field, CHART_MARKS, where);
    else if (key === 'sort') spec.sort = oneOf(field, CHART_SORTS, where);
    else spec[key] = text(field, where, NOTEBOOK_LIMITS.textChars);
  }
  return spec;
}

/** Checks one parameter definition. */
export function validateParamDef(value: unknown, path = 'param'): ParamDef {
  if (!isObject(value)) fail(path, `must be an object, not ${describe(value)}.`);
  const name = text(own(value, 'name'), at(path, 'name'), NOTEBOOK_LIMITS.nameChars);
  if (!PARAM_NAME.test(name)) fail(at(path, 'name'), `"${name}" is not a parameter name (letters, digits and _, not starting with a digit).`);
  const def: ParamDef = { name, type: oneOf(own(value, 'type'), NOTEBOOK_PARAM_TYPES, at(path, 'type')), value: null };
  const label = optionalText(own(value, 'label'), at(path, 'label'), NOTEBOOK_LIMITS.textChars);
  if (label !== undefined) def.label = label;
  const raw = own(value, 'value');
  if (typeof raw === 'number') def.value = finite(raw, at(path, 'value'));
  else if (typeof raw === 'string') def.value = text(raw, at(path, 'value'), NOTEBOOK_LIMITS.textChars);
  else if (raw !== null && raw !== undefined) fail(at(path, 'value'), `must be text, a number or null, not ${describe(raw)}.`);
  const options = own(value, 'options');
  if (options !== undefined) {
    if (!Array.isArray(options)) fail(at(path, 'options'), `must be a list, not ${describe(options)}.`);
    if (options.length > NOTEBOOK_LIMITS.optionsPerParam) fail(at(path, 'options'), `has ${options.length} entries; the limit is ${NOTEBOOK_LIMITS.optionsPerParam}.`);
    def.options = options.map((option: unknown, i) => text(option, `${at(path, 'options')}[${i}]`, NOTEBOOK_LIMITS.textChars));
  }
  for (const key of ['min', 'max', 'step'] as const) {
    const bound = own(value, key);
    if (bound !== undefined) def[key] = finite(bound, at(path, key));
  }
  const atMost = own(value, 'atMost');
  if (atMost !== undefined) def.atMost = identifier(atMost, at(path, 'atMost'), PARAM_NAME, 'a parameter name');
  return def;
}

function identifier(value: unknown, path: string, pattern: RegExp, what: string): string {
  const name = text(value, path, NOTEBOOK_LIMITS.nameChars);
  if (!pattern.test(name)) fail(path, `"${name}" is not ${what}.`);
  return name;
}

/**
 * Checks one cell and returns a clean copy. A missing or malformed `id` is
 * replaced by a fresh one (ids only tell cells apart inside one notebook).
 */
export function validateCell(value: unknown, path = 'cell'): Cell {
  if (!isObject(value)) fail(path, `must be an object, not ${describe(value)}.`);
  const rawId = own(value, 'id');
  const id = typeof rawId === 'string' && CELL_ID.test(rawId) ? rawId : newId();
  const kind = oneOf(own(value, 'kind'), CELL_KINDS, at(path, 'kind'));
  switch (kind) {
    case 'markdown':
      return { id, kind, source: text(own(value, 'source'), at(path, 'source'), NOTEBOOK_LIMITS.sourceChars) };
    case 'sql': {
      const name = identifier(own(value, 'name'), at(path, 'name'), TABLE_NAME, 'a cell name (lower-case letters, digits and _, not starting with a digit)');
      const cell: SqlCell = { id, kind, name, source: text(own(value, 'source'), at(path, 'source'), NOTEBOOK_LIMITS.sourceChars) };
      const recipe = own(value, 'recipe');
      if (recipe !== undefined) cell.recipe = identifier(recipe, at(path, 'recipe'), RECIPE_ID, 'a recipe id (lower-case letters, digits and -)');
      const chart = own(value, 'chart');
      if (chart !== undefined) cell.chart = validateChartSpec(chart, at(path, 'chart'));
      const explain = optionalText(own(value, 'explain'), at(path, 'explain'), NOTEBOOK_LIMITS.textChars);
      if (explain !== undefined) cell.explain = explain;
      const explainRow = optionalText(own(value, 'explainRow'), at(path, 'explainRow'), NOTEBOOK_LIMITS.textChars);
      if (explainRow !== undefined) cell.explainRow = explainRow;
      return cell;
    }
    case 'chart':
      return {
        id,
        kind,
        from: identifier(own(value, 'from'), at(path, 'from'), TABLE_NAME, 'a cell name (lower-case letters, digits and _, not starting with a digit)'),
        spec: validateChartSpec(own(value, 'spec'), at(path, 'spec')),
      };
    case 'params': {
      const params = own(value, 'params');
      if (!Array.isArray(params)) fail(at(path, 'params'), `must be a list, not ${describe(params)}.`);
      if (params.length > NOTEBOOK_LIMITS.paramsPerCell) fail(at(path, 'params'), `has ${params.length} parameters; the limit is ${NOTEBOOK_LIMITS.paramsPerCell}.`);
      return { id, kind, params: params.map((p: unknown, i) => validateParamDef(p, `${at(path, 'params')}[${i}]`)) };
    }
  }
}

/**
 * The checks that involve several cells: SQL cell names must be unique and must
 * not shadow the data tables, and cell ids must be unique (repeats get fresh ids).
 * `where(i)` names cell i in error messages.
 */
export function checkCells(cells: Cell[], where: (index: number) => string = (i) => `cells[${i}]`): Cell[] {
  if (cells.length > NOTEBOOK_LIMITS.cells) fail('cells', `there are ${cells.length} cells; the limit is ${NOTEBOOK_LIMITS.cells}.`);
  const names: string[] = [];
  const ids = new Set<string>();
  return cells.map((cell, i) => {
    if (cell.kind === 'sql') {
      const problem = cellNameProblem(cell.name, names);
      if (problem) fail(`${where(i)}.name`, problem, i);
      names.push(cell.name);
    }
    if (!ids.has(cell.id)) {
      ids.add(cell.id);
      return cell;
    }
    let id = newId();
    while (ids.has(id)) id = newId();
    ids.add(id);
    return { ...cell, id };
  });
}

/** Checks a notebook's title. */
export function validateTitle(value: unknown, path = 'title'): string {
  return text(value, path, NOTEBOOK_LIMITS.titleChars);
}

/**
 * Checks an untrusted notebook (`title` and `cells` required) and returns a
 * clean copy. A missing or malformed `id`, `createdAt`, `updatedAt` or `version`
 * is replaced by a fresh value, so the result can be saved as a new notebook.
 */
export function validateNotebook(value: unknown): Notebook {
  if (!isObject(value)) fail('notebook', `must be an object, not ${describe(value)}.`);
  const title = validateTitle(own(value, 'title'));
  const rawCells = own(value, 'cells');
  if (!Array.isArray(rawCells)) fail('cells', `must be a list, not ${describe(rawCells)}.`);
  if (rawCells.length > NOTEBOOK_LIMITS.cells) fail('cells', `there are ${rawCells.length} cells; the limit is ${NOTEBOOK_LIMITS.cells}.`);
  const cells = checkCells(rawCells.map((cell: unknown, i) => validateCell(cell, `cells[${i}]`)));
  const now = Date.now();
  const time = (key: string): number => {
    const t = own(value, key);
    return typeof t === 'number' && Number.isFinite(t) && t >= 0 ? t : now;
  };
  const rawId = own(value, 'id');
  const version = own(value, 'version');
  const rawDataset = own(value, 'dataset');
  return {
    id: typeof rawId === 'string' && CELL_ID.test(rawId) ? rawId : newId(),
    title,
    cells,
    createdAt: time('createdAt'),
    updatedAt: time('updatedAt'),
    version: typeof version === 'number' && Number.isSafeInteger(version) && version >= 0 ? version : 0,
    ...(rawDataset === undefined ? {} : { dataset: validateDataset(rawDataset) }),
  };
}

function validateDataset(value: unknown) {
  try {
    return validateManifest(value);
  } catch (error) {
    if (error instanceof ManifestError) fail('', error.message);
    throw error;
  }
}
