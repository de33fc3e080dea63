import * as Plot from '@observablehq/plot';
import { drawPlot } from '../plot';
import { ACCENT, MUTED } from '../theme';
import type { ChartContext } from '../types';

/** One bar: its name on the axis, its length and the text at its end. */
export interface Bar {
  name: string;
  value: number;
  label: string;
}

/** Horizontal bars, largest first as given, each labelled at its end. */
export function horizontalBars(context: ChartContext, bars: readonly Bar[], xLabel: string, className: string): Element {
  const longest = Math.max(...bars.map((b) => b.name.length));
  const longestLabel = Math.max(...bars.map((b) => b.label.length));
  const max = Math.max(...bars.map((b) => b.value));
  return drawPlot(context, {
    height: bars.length * 22 + 50,
    marginLeft: Math.min(180, Math.max(64, longest * 6.2 + 14)),
    marginRight: Math.min(context.width / 2.5, longestLabel * 6.3 + 12),
    x: { domain: [0, max], label: xLabel, grid: true },
    y: { domain: bars.map((b) => b.name), label: null, tickSize: 0 },
    marks: [
      Plot.barX(bars, { y: 'name', x: 'value', fill: ACCENT, title: (b: Bar) => `${b.name}: ${b.label}`, className }),
      Plot.text(bars, { y: 'name', x: 'value', text: 'label', textAnchor: 'start', dx: 4, fill: MUTED, className: `${className}-label` }),
      Plot.ruleX([0], { stroke: MUTED }),
    ],
  });
}

