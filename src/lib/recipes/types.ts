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

/** What every recipe declares, whatever runs it. */
interface RecipeBase {
  id: string;
  title: string;
  /** One or two sentences a marketer understands. */
  description: string;
  params: readonly RecipeParam[];
}

/**
 * A recipe that is one SQL statement (a `.sql` file with its header). Its output
 * columns and the tables it reads are its SQL's: a notebook cell keeps an editable
 * copy of the text, and what the cell reads is found in that text.
 */
export interface SqlRecipe extends RecipeBase {
  kind: 'sql';
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

/** What a model step returns: plain data, so it crosses the worker boundary and prints as JSON. */
export interface ModelResult {
  /** The run's settings and computed values (the headless runner prints them as `params`). */
  params: Readonly<Record<string, ParamValue>>;
  /** One row per result row, typed as the recipe's `columns`. */
  rows: Row[];
  warnings: string[];
}

/** A chart drawn from a model run's own data (a curve, a grid), not from its result table. */
export interface ModelChart {
  /** A chart preset id (`src/lib/charts/presets`). */
  preset: string;
  /** Appended to the cell's name for the chart's file name (`<cell>_tracking.svg`). */
  name: string;
  columns: ColumnInfo[];
  rows: Row[];
  options: Readonly<Record<string, string>>;
  /**
   * The rows are bands of one column of the cell's kept table, each a drill-through to its customers:
   * a row's `band` names it, `customers` counts it, and it holds `lower ≤ column < upper` (`upper` null: no bound).
   */
  bands?: { column: string };
}

/** What a model cell shows above its table: a one-line summary and its charts. Plain data, kept in the cell's state. */
export interface ModelFigures {
  /** A summary line in parts (a line break may fall between parts, never inside one), with its accessible name. */
  summary?: { label: string; parts: string[] };
  charts: ModelChart[];
}

/**
 * A recipe one SQL statement cannot compute: a model step reads the data with SQL,
 * computes in the engine's thread (in the browser, inside the worker) and writes
 * its rows as a table. The step itself is registered with the engine
 * (`modelSteps.ts`) under the recipe's id; this is the page's side of it.
 */
export interface ModelRecipe<R extends ModelResult = ModelResult> extends RecipeBase {
  kind: 'model';
  /** The result columns, with the DuckDB types of the kept table. */
  columns: readonly ColumnInfo[];
  /** The data tables the step reads: a cell of this recipe re-runs when one of them changes. */
  tables: readonly string[];
  /** The text a notebook cell of this recipe shows (read-only: it is not what runs). */
  cellSource(name: string): string;
  /** `ORDER BY` of the kept table, so its first page lists the rows that matter most. */
  keptOrder?: string;
  /**
   * Per-customer columns of the kept table (keyed by `customer_id`) that a list of
   * customers shows beside its own once a cell of this recipe has run: column → name shown.
   */
  customerFacts?: Readonly<Record<string, string>>;
  /** The run explained with its own numbers. */
  explain(result: R): string;
  /** The summary line and charts of a run. */
  figures(result: R): ModelFigures;
}

/** A plug-in of the recipe library: one SQL statement, or a model step. */
export type Recipe = SqlRecipe | ModelRecipe;

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
