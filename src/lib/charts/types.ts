import type { ColumnInfo } from '../engine/api';
import type { Row } from '../engine/rows';

/** What `renderChart` needs besides the spec and the data. */
export interface RenderOptions {
  /** CSS pixels; charts are drawn at least `MIN_WIDTH` wide. */
  width: number;
  /** The document to create elements in; defaults to the global one (pass happy-dom's in Node). */
  document?: Document;
  /** The options from a recipe's `-- chart:` header (`x=period_start y=crr flag=incomplete_history`). */
  chartOptions?: Readonly<Record<string, string>>;
  /** Which data the chart is drawn from ("Demo data · as of 2024-12-31"): a line under the title, kept in exports. */
  source?: string | null;
}

/** Everything a preset or the generic chart draws from. */
export interface ChartContext {
  rows: readonly Row[];
  columns: readonly ColumnInfo[];
  width: number;
  document: Document;
  /** Header options; a preset merges them over its own defaults. */
  options: Readonly<Record<string, string>>;
}

/** How a legend entry's swatch is drawn. */
export type LegendShape = 'line' | 'dash' | 'dot' | 'hollow' | 'square' | 'rule';

/** One entry of a chart's legend. */
export interface LegendItem {
  label: string;
  color: string;
  shape: LegendShape;
}

/** A line of text under a chart. */
export interface ChartNote {
  text: string;
  /** `warn` for caveats the reader must not miss (inflated CRR, partial periods). */
  tone: 'info' | 'warn';
}

/** One drawing in a chart; a chart with several (one per scale, say) gives each a heading. */
export interface ChartPanel {
  heading?: string;
  element: Element;
}

/** A drawn chart before it is framed with its title, legend and notes. */
export interface ChartDraft {
  kind: 'chart';
  title?: string;
  subtitle?: string;
  /** The accessible description: what the chart shows and its key figures. */
  description: string;
  legend?: LegendItem[];
  panels: ChartPanel[];
  notes?: ChartNote[];
}

/** Why nothing was drawn, in words for the reader ("Pick a column for y"). */
export interface ChartProblem {
  kind: 'message';
  message: string;
}

/** What a preset or the generic chart returns. */
export type ChartOutcome = ChartDraft | ChartProblem;

/** A preset: rows of a known shape in, a chart (or a reason there is none) out. */
export type PresetRenderer = (context: ChartContext) => ChartOutcome;

/** A preset in the registry. */
export interface PresetInfo {
  /** The id a recipe header or a chart spec names. */
  id: string;
  /** Other ids that name it (recipe ids, older names). */
  aliases?: readonly string[];
  /** What the chart shows, for pickers and the README. */
  label: string;
  /** The recipes whose output it draws. */
  recipes: readonly string[];
  /** The columns it reads by default (header options can rename most of them). */
  columns: readonly string[];
  render: PresetRenderer;
}

/** A reason there is no chart. */
export function problem(message: string): ChartProblem {
  return { kind: 'message', message };
}
