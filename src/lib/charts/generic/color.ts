/** Colouring the generic chart by a column: a palette and legend for categories, a ramp for numbers. */
import * as Plot from '@observablehq/plot';
import { type ColumnKind, distinct } from '../data';
import { rampLegend } from '../plot';
import { LIGHT, PALETTE, SEQUENTIAL } from '../theme';
import type { ChartContext, LegendItem, LegendShape } from '../types';

const MAX_LEGEND = 12;

interface ColorSetup {
  /** Plot's colour scale, when points are coloured by a column. */
  scale?: Plot.ScaleOptions;
  legend: LegendItem[];
  ramp?: Element;
}

export function colorSetup(context: ChartContext, values: readonly (string | number | null)[], kind: ColumnKind | null, label: string, shape: LegendShape): ColorSetup {
  if (kind === null) return { legend: [] };
  if (kind === 'number') {
    const nums = values.filter((v): v is number => typeof v === 'number');
    const domain: [number, number] = nums.length > 0 ? [Math.min(...nums), Math.max(...nums)] : [0, 1];
    return {
      scale: { type: 'linear', domain, range: [...SEQUENTIAL], interpolate: 'rgb' },
      legend: [],
      ramp: rampLegend(context, label, domain),
    };
  }
  const domain = distinct(values.map((v) => (v === null ? '(empty)' : String(v))));
  const range = domain.map((_, i) => PALETTE[i % PALETTE.length]);
  const legend: LegendItem[] = domain.slice(0, MAX_LEGEND).map((d, i) => ({ label: d, color: range[i], shape }));
  if (domain.length > MAX_LEGEND) legend.push({ label: `… ${domain.length - MAX_LEGEND} more`, color: LIGHT, shape });
  return { scale: { type: 'ordinal', domain, range }, legend };
}
