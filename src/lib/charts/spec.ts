/**
 * What a chart is asked to draw: the spec a notebook stores, and the one list
 * of marks, sorts and fields that the chart editor offers, the notebook
 * validator accepts and the generic chart draws.
 */

/** The marks of a generic chart, each with the words its description starts with. */
export const MARK_NAMES = { bar: 'Bar chart', line: 'Line chart', dot: 'Dot plot', area: 'Area chart', cell: 'Heat-map' } as const;
export type ChartMark = keyof typeof MARK_NAMES;
export const CHART_MARKS = Object.keys(MARK_NAMES) as ChartMark[];

/** How a chart may order its x axis: natural, by y rising, by y falling, as the rows come. */
export const CHART_SORTS = ['x', 'y', '-y', 'none'] as const;
export type ChartSort = (typeof CHART_SORTS)[number];

/** A chart over a cell's result. `preset` names a recipe's purpose-built chart; otherwise the generic fields apply. */
export interface ChartSpec {
  preset?: string;
  mark?: ChartMark;
  x?: string;
  y?: string;
  color?: string;
  facet?: string;
  sort?: ChartSort;
}

/** The string fields of a chart spec, in the order files and links write them. */
export const CHART_FIELDS = ['preset', 'mark', 'x', 'y', 'color', 'facet', 'sort'] as const satisfies readonly (keyof ChartSpec)[];
