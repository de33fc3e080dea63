import type { ColumnInfo } from '../engine/api';
import type { Row } from '../engine/rows';
import type { ChartSpec } from './spec';
import { defaultChartSpec } from './defaultSpec';
import { frameChart, messageElement } from './frame';
import { renderGeneric } from './generic';
import { findPreset } from './presets/index';
import { DEFAULT_WIDTH, MIN_WIDTH } from './theme';
import { problem, type ChartContext, type ChartOutcome, type RenderOptions } from './types';

function isBlank(spec: ChartSpec): boolean {
  return !spec.mark && !spec.x && !spec.y && !spec.color && !spec.facet;
}

function chartWidth(width: number): number {
  return Number.isFinite(width) && width > 0 ? Math.max(MIN_WIDTH, Math.round(width)) : DEFAULT_WIDTH;
}

/** The generic chart for a spec, or for the default spec when the spec chooses nothing. */
function generic(spec: ChartSpec, context: ChartContext): ChartOutcome {
  if (!isBlank(spec)) return renderGeneric(spec, context);
  if (context.rows.length === 0) return problem('No rows to draw');
  const fallback = defaultChartSpec(context.columns, context.rows);
  if (!fallback) return problem('Nothing to chart: a chart needs a number column and a date, text or second number column');
  return renderGeneric(fallback, context);
}

/**
 * Draws a result as a chart: the named preset when `spec.preset` is set (an
 * unknown preset falls back to the generic chart with a note), otherwise the
 * generic chart over `spec` (a blank spec gets `defaultChartSpec`). Returns a
 * `<figure role="img">` with an `aria-label`; when there is nothing to draw, or
 * drawing fails, the figure holds a readable message instead. Never throws on
 * data; it throws only when there is no document to create elements in.
 */
export function renderChart(spec: ChartSpec, rows: readonly Row[], columns: readonly ColumnInfo[], options: RenderOptions): Element {
  const doc = options.document ?? (globalThis as { document?: Document }).document;
  if (!doc) throw new Error('renderChart needs a document: pass options.document when there is no DOM (Node, workers).');
  const width = chartWidth(options.width);
  const id = spec.preset ?? `generic-${spec.mark ?? 'auto'}`;
  const context: ChartContext = { rows, columns, width, document: doc, options: options.chartOptions ?? {} };
  try {
    let outcome: ChartOutcome;
    if (spec.preset) {
      const preset = findPreset(spec.preset);
      if (rows.length === 0) outcome = problem('No rows to draw');
      else if (preset) outcome = preset.render(context);
      else {
        outcome = generic({ ...spec, preset: undefined }, context);
        if (outcome.kind === 'chart') {
          outcome.notes = [...(outcome.notes ?? []), { tone: 'info', text: `There is no "${spec.preset}" chart; showing a default chart instead.` }];
        }
      }
    } else outcome = generic(spec, context);
    return outcome.kind === 'message' ? messageElement(doc, id, outcome.message, width) : frameChart(doc, id, outcome, width, options.source ?? null);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return messageElement(doc, id, `This chart could not be drawn: ${reason}`, width, 'error');
  }
}
