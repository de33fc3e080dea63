import { svgElement } from './svg';
import { ERROR, FONT_FAMILY, FONT_SIZE, INK, MUTED, PAPER } from './theme';
import type { ChartDraft, ChartNote, LegendItem } from './types';

/** Class names of the frame's parts; the SVG export reads them back. */
export const FRAME_CLASS = {
  chart: 'recur-chart',
  message: 'recur-chart-message',
  title: 'recur-chart-title',
  subtitle: 'recur-chart-subtitle',
  legend: 'recur-chart-legend',
  key: 'recur-chart-key',
  panel: 'recur-chart-panel',
  heading: 'recur-chart-heading',
  note: 'recur-chart-note',
  source: 'recur-chart-source',
} as const;

const NOTE_COLOR = { info: MUTED, warn: '#92400e' } as const;

function element(doc: Document, tag: string, className: string, style: string, text?: string): HTMLElement {
  const el = doc.createElement(tag);
  el.className = className;
  el.setAttribute('style', style);
  if (text !== undefined) el.textContent = text;
  return el;
}

function figure(doc: Document, id: string, label: string, width: number): HTMLElement {
  const fig = element(
    doc,
    'figure',
    FRAME_CLASS.chart,
    `margin:0;max-width:100%;font-family:${FONT_FAMILY};font-size:${FONT_SIZE}px;color:${INK};background:${PAPER}`,
  );
  fig.setAttribute('data-chart', id);
  fig.setAttribute('data-width', String(width));
  fig.setAttribute('role', 'img');
  fig.setAttribute('aria-label', label);
  return fig;
}

/** A small SVG swatch for one legend entry. */
export function swatch(doc: Document, item: LegendItem): SVGSVGElement {
  const svg = svgElement(doc, 'svg', { width: '20', height: '12', viewBox: '0 0 20 12', 'aria-hidden': 'true' }) as SVGSVGElement;
  const add = (tag: string, attrs: Record<string, string>) => svg.append(svgElement(doc, tag, attrs));
  const line = { x1: '1', x2: '19', y1: '6', y2: '6', stroke: item.color, 'stroke-width': '2', 'stroke-linecap': 'round' };
  switch (item.shape) {
    case 'line':
      add('line', line);
      add('circle', { cx: '10', cy: '6', r: '3', fill: item.color });
      break;
    case 'dash':
      add('line', { ...line, 'stroke-dasharray': '4,3' });
      break;
    case 'rule':
      add('line', { ...line, 'stroke-width': '1', 'stroke-dasharray': '2,3', 'stroke-linecap': 'butt' });
      break;
    case 'dot':
      add('circle', { cx: '10', cy: '6', r: '4', fill: item.color });
      break;
    case 'hollow':
      add('circle', { cx: '10', cy: '6', r: '3.5', fill: PAPER, stroke: item.color, 'stroke-width': '1.5' });
      break;
    case 'square':
      add('rect', { x: '4', y: '0', width: '12', height: '12', fill: item.color });
      break;
  }
  return svg;
}

function legend(doc: Document, items: readonly LegendItem[]): HTMLElement {
  const box = element(doc, 'div', FRAME_CLASS.legend, 'display:flex;flex-wrap:wrap;gap:4px 14px;margin:0 0 6px');
  for (const item of items) {
    const key = element(doc, 'span', FRAME_CLASS.key, 'display:inline-flex;align-items:center;gap:5px');
    key.setAttribute('data-shape', item.shape);
    key.setAttribute('data-color', item.color);
    key.append(swatch(doc, item), element(doc, 'span', '', '', item.label));
    box.append(key);
  }
  return box;
}

function note(doc: Document, n: ChartNote): HTMLElement {
  const el = element(doc, 'p', FRAME_CLASS.note, `margin:4px 0 0;color:${NOTE_COLOR[n.tone]}`, n.text);
  el.setAttribute('data-tone', n.tone);
  return el;
}

/**
 * Frames a drawn chart: one `<figure role="img">` whose `aria-label` is the
 * draft's description, with the title, legend, panels and notes inside.
 */
export function frameChart(doc: Document, id: string, draft: ChartDraft, width: number, source: string | null = null): HTMLElement {
  const label = draft.title ? `${draft.title}. ${draft.description}` : draft.description;
  const fig = figure(doc, id, source ? `${label} Data: ${source}.` : label, width);
  if (draft.title) fig.append(element(doc, 'div', FRAME_CLASS.title, 'font-size:14px;font-weight:600;margin:0 0 2px', draft.title));
  if (draft.subtitle) fig.append(element(doc, 'div', FRAME_CLASS.subtitle, `color:${MUTED};margin:0 0 6px`, draft.subtitle));
  // The source reads as a subtitle, so the SVG and PNG exports keep it.
  if (source) fig.append(element(doc, 'div', `${FRAME_CLASS.subtitle} ${FRAME_CLASS.source}`, `color:${MUTED};margin:0 0 6px`, `Data: ${source}`));
  if (draft.legend && draft.legend.length > 0) fig.append(legend(doc, draft.legend));
  for (const panel of draft.panels) {
    const box = element(doc, 'div', FRAME_CLASS.panel, 'margin:0 0 4px');
    if (panel.heading) box.append(element(doc, 'div', FRAME_CLASS.heading, 'font-weight:600;margin:4px 0 2px', panel.heading));
    box.append(panel.element);
    fig.append(box);
  }
  for (const n of draft.notes ?? []) fig.append(note(doc, n));
  return fig;
}

/**
 * A chart-sized box that says why there is no chart. `tone: 'error'` (a chart
 * that failed to draw) is shown in the error colour; missing choices and
 * empty results are not errors and read in grey.
 */
export function messageElement(doc: Document, id: string, message: string, width: number, tone: 'info' | 'error' = 'info'): HTMLElement {
  const fig = figure(doc, id, `Chart not drawn: ${message}`, width);
  fig.classList.add(FRAME_CLASS.message);
  fig.setAttribute('data-tone', tone);
  const color = tone === 'error' ? ERROR : MUTED;
  fig.append(element(doc, 'p', '', `margin:0;padding:16px;border:1px dashed ${color};border-radius:6px;color:${color}`, message));
  return fig;
}
