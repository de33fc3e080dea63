/**
 * Charts: (spec, rows, columns) → a framed chart element, drawn with
 * Observable Plot. Pure functions: no state, no globals besides an optional
 * default document. See README.md for the presets and the columns they read.
 */
export { renderChart } from './render';
export { defaultChartSpec } from './defaultSpec';
export { chartToPngBlob, chartToSvgString } from './export';
export { PRESETS, findPreset } from './presets/index';
export { CRR_BENCHMARKS, INCOMPLETE_NOTE } from './presets/crr';
export { columnKind, parseDate, type ColumnKind } from './data';
export type { RenderOptions, PresetInfo } from './types';
