import type { ColumnInfo, ParamValue, Params } from '../engine/api';
import type { Row } from '../engine/rows';

/** The DuckDB types a recipe parameter can have; the value is cast to it in SQL. */
export const PARAM_TYPES = ['VARCHAR', 'INTEGER', 'DOUBLE', 'DATE', 'BOOLEAN'] as const;
export type ParamType = (typeof PARAM_TYPES)[number];

export interface RecipeParam {
  name: string;
  type: ParamType;
  /** Used when the caller gives no value; `null` is SQL NULL (e.g. `as_of`: the latest order date). */
  default: ParamValue;
  /** One line saying what the parameter means. */
  doc: string;
  /** The only values allowed, when the header lists them (`[month|quarter|year]`). */
  choices?: readonly string[];
}

export type ComparisonOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** `column op literal`, or `column is [not] null`, evaluated on one result row. */
export type Condition =
  | { column: string; op: ComparisonOp; value: string | number | boolean }
  | { column: string; op: 'is null' | 'is not null' };

/** Which row of the result an explanation reads: the first/last matching row, or the one with the largest/smallest value. */
export type RowPick = { kind: 'first' } | { kind: 'last' } | { kind: 'max' | 'min'; column: string };

export interface RowSelector {
  pick: RowPick;
  where: readonly Condition[];
}

/**
 * One paragraph of the explanation: a template filled from the row the selector
 * picks, skipped when none matches. An `otherwise` block is a fallback, used only
 * when no earlier block found its row.
 */
export interface ExplainBlock {
  row: RowSelector;
  template: string;
  otherwise: boolean;
  /** Sentences added to the paragraph when its row meets their conditions (`-- explain-if:`). */
  clauses?: ExplainClause[];
}

/** A sentence of an explanation that only some rows need (e.g. why a rate is above 100 %). */
export interface ExplainClause {
  when: readonly Condition[];
  template: string;
}

/** A parameter change the recipe offers in one click: `param` set to the first row's `column`, when that has a value. */
export interface SuggestRule {
  param: string;
  column: string;
  /** The button's words, a template filled from the same row. */
  label: string;
}

/** A suggestion made concrete by a result: set `param` to `value`. */
export interface Suggestion {
  param: string;
  value: ParamValue;
  label: string;
}

/** A warning shown when any result row meets all the conditions. */
export interface WarningRule {
  when: readonly Condition[];
  message: string;
}

export interface Recipe {
  id: string;
  title: string;
  description: string;
  params: readonly RecipeParam[];
  /** Default chart id, and the chart's options from the header (`x=period_start y=crr`). */
  chart: string;
  chartOptions: Readonly<Record<string, string>>;
  explain: readonly ExplainBlock[];
  warnings: readonly WarningRule[];
  /** Parameter changes offered as buttons under the explanation (`-- suggest:`). */
  suggest?: readonly SuggestRule[];
  /** Said instead of an explanation when the result has no rows. */
  empty: string | null;
  /** The whole file, header included: runnable as it is (`PREPARE … AS <sql>`). */
  sql: string;
}

/** What the notebook passes in: any subset of a recipe's parameters; missing ones take their default. */
export type ParamInput = Readonly<Record<string, ParamValue | undefined>>;

export interface RecipeResult {
  columns: ColumnInfo[];
  rows: Row[];
  /** The formula with the user's own numbers plugged in, or `null` when no row fits. */
  explanation: string | null;
  warnings: string[];
  /** The parameter changes the result suggests (see `-- suggest:`). */
  suggestions: Suggestion[];
  /** The parameter values the SQL ran with, defaults filled in. */
  params: Params;
}
