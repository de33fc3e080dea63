import type { ColumnInfo } from '../../src/lib/engine/api';
import type { JsonValue, Row } from '../../src/lib/engine/rows';

export interface RunOutput {
  recipe: string;
  params: Record<string, JsonValue>;
  columns: ColumnInfo[];
  rows: Row[];
  warnings: string[];
  explanation: string | null;
}

/** One JSON object: numbers as numbers, dates as ISO strings (rows come from `toRows`, which guarantees both). */
export function asJson(output: RunOutput): string {
  return JSON.stringify(output);
}

function csvCell(value: JsonValue): string {
  if (value === null) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function asCsv(output: RunOutput): string {
  const names = output.columns.map((c) => c.name);
  return [names.map(csvCell).join(','), ...output.rows.map((row) => names.map((n) => csvCell(row[n] ?? null)).join(','))].join('\n') + '\n';
}

/** A plain aligned table for reading in a terminal, with the explanation under it. */
export function asTable(output: RunOutput): string {
  const names = output.columns.map((c) => c.name);
  const cells = output.rows.map((row) => names.map((n) => (row[n] === null ? '' : typeof row[n] === 'number' ? formatNumber(row[n] as number) : String(row[n]))));
  const widths = names.map((n, i) => Math.max(n.length, ...cells.map((r) => r[i].length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  const out = [line(names), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
  if (output.explanation) out.push('', output.explanation);
  for (const warning of output.warnings) out.push(`warning: ${warning}`);
  return out.join('\n') + '\n';
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 10_000) / 10_000);
}
