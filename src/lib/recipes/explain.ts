import type { Params } from '../engine/api';
import type { JsonValue, Row } from '../engine/rows';
import { formatCount, formatNumber, formatPct, withTrueMinus } from '../format';
import { meetsAll, selectRow } from './selector';
import type { ExplainBlock, ExplainClause, Suggestion, SuggestRule } from './types';

/**
 * How a placeholder shows its number: `count` a whole number with thousands
 * separators (13,000), `pct` a percentage with one decimal (75.0 %), `num` up to
 * two decimals with separators (1,234.5). Without a format, whole numbers show
 * as counts and others as `num`.
 */
export const VALUE_FORMATS = ['count', 'pct', 'num'] as const;
export type ValueFormat = (typeof VALUE_FORMATS)[number];

/** `{column}`, `{column:format}` or `{$param}` in an explanation template. */
export const PLACEHOLDER = /\{(\$?[A-Za-z_][A-Za-z0-9_]*)(?::([a-z]+))?\}/g;

function formatForExplanation(value: number, format: ValueFormat | undefined): string {
  let text: string;
  if (format === 'pct') text = formatPct(value);
  else if (format === 'count' || (format === undefined && Number.isInteger(value))) text = formatCount(value);
  else text = formatNumber(value);
  // A true minus sign, as in the formulas around it.
  return withTrueMinus(text);
}

/** One value as an explanation shows it; NULL reads "n/a". */
export function formatValue(value: JsonValue | undefined, format?: ValueFormat): string {
  if (value === null || value === undefined) return 'n/a';
  if (typeof value === 'number') return formatForExplanation(value, format);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map((v) => formatValue(v, format)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}

/** Fills `{column[:format]}` from the row and `{$param}` from the parameters. Unknown names throw. */
export function fillTemplate(template: string, row: Row, params: Params = {}): string {
  return template.replace(PLACEHOLDER, (_match, name: string, format: string | undefined) => {
    const fmt = format as ValueFormat | undefined;
    if (name.startsWith('$')) {
      const param = name.slice(1);
      if (!(param in params)) throw new Error(`The explanation uses the parameter $${param}, which has no value.`);
      return formatValue(params[param], fmt);
    }
    if (!(name in row)) throw new Error(`The explanation uses the column "${name}", which the result does not have.`);
    return formatValue(row[name], fmt);
  });
}

/**
 * The explanation paragraphs whose selector finds a row, joined by blank lines
 * (an `otherwise` block only when none before it did); `null` when none does.
 */
export function explainRows(blocks: readonly ExplainBlock[], rows: readonly Row[], params: Params = {}): string | null {
  const paragraphs: string[] = [];
  for (const block of blocks) {
    if (block.otherwise && paragraphs.length > 0) continue;
    const row = selectRow(rows, block.row);
    if (!row) continue;
    const sentences = [block.template, ...(block.clauses ?? []).filter((clause) => applies(clause, row)).map((c) => c.template)];
    paragraphs.push(sentences.map((template) => fillTemplate(template, row, params)).join(' '));
  }
  return paragraphs.length > 0 ? paragraphs.join('\n\n') : null;
}

/**
 * A clause whose conditions name a column the result lacks does not apply: a
 * notebook may keep an older copy of the recipe's SQL, and its explanation
 * should lose the extra sentence, not the whole paragraph.
 */
function applies(clause: ExplainClause, row: Row): boolean {
  return clause.when.every((c) => c.column in row) && meetsAll(row, clause.when);
}

/** The parameter changes a result suggests: each rule whose column has a value in the first row. */
export function suggestionsFor(rules: readonly SuggestRule[] = [], rows: readonly Row[], params: Params = {}): Suggestion[] {
  const [row] = rows;
  if (!row) return [];
  return rules.flatMap((rule) => {
    const value = row[rule.column];
    if (value === undefined || value === null || typeof value === 'object') return [];
    return [{ param: rule.param, value, label: fillTemplate(rule.label, row, params) }];
  });
}
