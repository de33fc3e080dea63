import { CANONICAL_SCHEMA, DATA_TABLES } from '../ingest/canonical';
import type { Cell, Notebook } from './model';
import { paramNames } from '../engine/sql';
import { sqlTokens } from '../engine/sqlTokens';
import { findModelRecipe } from '../recipes/modelRecipes';

/** What a cell reads: other cells' results (by name), parameters (by `$name`) and the data tables. */
export interface CellInputs {
  cells: string[];
  params: string[];
  tables: string[];
}

/** Words in SQL outside strings and comments, lower-cased: the candidates for table names. */
export function sqlWords(sql: string): Set<string> {
  const words = new Set<string>();
  for (const token of sqlTokens(sql)) {
    if (token.kind === 'quoted') words.add(token.text.slice(1, -1).replaceAll('""', '"').toLowerCase());
    else if (token.kind === 'code') for (const [word] of token.text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) words.add(word.toLowerCase());
  }
  return words;
}

/** The data tables named in a query. */
function dataTablesIn(words: Set<string>): string[] {
  return [...DATA_TABLES].filter((table) => words.has(table));
}

/**
 * The data tables each macro of a schema reads, itself or through the macros it calls,
 * found in the macros' own text. A query that calls `customer_profile(…)` or
 * `linked_feedback(…)` names none of the tables behind it, yet must re-run when a load changes them.
 */
export function macroTables(schema: string): Map<string, string[]> {
  const bodies = new Map<string, Set<string>>();
  for (const part of schema.split(/\bCREATE\s+OR\s+REPLACE\s+MACRO\s+/i).slice(1)) {
    const name = /^\w+/.exec(part)?.[0];
    if (name) bodies.set(name.toLowerCase(), sqlWords(part.slice(name.length)));
  }
  const tables = new Map<string, string[]>();
  const visit = (name: string, seen: Set<string>): string[] => {
    const known = tables.get(name);
    if (known) return known;
    const words = bodies.get(name) ?? new Set<string>();
    const called = [...bodies.keys()].filter((other) => words.has(other) && !seen.has(other));
    const found = new Set([...dataTablesIn(words), ...called.flatMap((other) => visit(other, new Set([...seen, other])))]);
    const result = DATA_TABLES.filter((table) => found.has(table));
    tables.set(name, result);
    return result;
  };
  for (const name of bodies.keys()) visit(name, new Set([name]));
  return tables;
}

const SCHEMA_MACRO_TABLES = macroTables(CANONICAL_SCHEMA);

/** The data tables a query reads: those it names, and those behind the schema's macros it calls. */
function tablesRead(words: Set<string>): string[] {
  const found = new Set(dataTablesIn(words));
  for (const [macro, tables] of SCHEMA_MACRO_TABLES) if (words.has(macro)) for (const table of tables) found.add(table);
  return DATA_TABLES.filter((table) => found.has(table));
}

export function inputsOf(cell: Cell, cellNames: readonly string[]): CellInputs {
  if (cell.kind === 'sql') {
    // A model recipe's cell does not run its text: the recipe declares what its step reads.
    const model = findModelRecipe(cell.recipe);
    if (model) return { cells: [], params: model.params.map((p) => p.name), tables: [...model.tables] };
    const words = sqlWords(cell.source);
    return {
      cells: cellNames.filter((name) => name !== cell.name && words.has(name)),
      params: safeParamNames(cell.source),
      tables: tablesRead(words),
    };
  }
  if (cell.kind === 'chart') return { cells: cellNames.includes(cell.from) ? [cell.from] : [], params: [], tables: [] };
  return { cells: [], params: [], tables: [] };
}

function safeParamNames(sql: string): string[] {
  try {
    return paramNames(sql);
  } catch {
    return [];
  }
}

/**
 * The SQL cells to run, in an order where every cell runs after the cells it
 * reads. `changed` limits the run to those cells and everything downstream of
 * them (cells named, or reading a changed parameter or data table); omit it to run all.
 * A cycle is reported, not looped on.
 */
export function runOrder(
  notebook: Pick<Notebook, 'cells'>,
  changed?: { cells?: string[]; params?: string[]; tables?: string[] },
): { order: string[]; cycle: string[] | null } {
  const sqlCells = notebook.cells.filter((c) => c.kind === 'sql');
  const names = sqlCells.map((c) => c.name);
  const inputs = new Map(sqlCells.map((c) => [c.name, inputsOf(c, names)]));

  let selected: Set<string>;
  if (!changed) selected = new Set(names);
  else {
    selected = new Set(changed.cells ?? []);
    for (const [name, input] of inputs) {
      if (input.params.some((p) => changed.params?.includes(p)) || input.tables.some((t) => changed.tables?.includes(t))) selected.add(name);
    }
    // Everything downstream of a selected cell runs too.
    let grew = true;
    while (grew) {
      grew = false;
      for (const [name, input] of inputs) {
        if (!selected.has(name) && input.cells.some((c) => selected.has(c))) {
          selected.add(name);
          grew = true;
        }
      }
    }
  }

  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  let cycle: string[] | null = null;
  const visit = (name: string, path: string[]): void => {
    if (state.get(name) === 'done' || cycle) return;
    if (state.get(name) === 'visiting') {
      cycle = [...path.slice(path.indexOf(name)), name];
      return;
    }
    state.set(name, 'visiting');
    for (const dep of inputs.get(name)?.cells ?? []) visit(dep, [...path, name]);
    state.set(name, 'done');
    if (selected.has(name)) order.push(name);
  };
  for (const name of names) visit(name, []);
  return { order, cycle };
}
