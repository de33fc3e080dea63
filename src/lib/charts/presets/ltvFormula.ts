import { isTrue, toLabel, toNumber } from '../data';
import { formatCount, formatNumber, formatPct } from '../../format';
import { svgCanvas, svgElement, wrapText } from '../svg';
import { ACCENT, INK, LIGHT, MUTED, PAPER } from '../theme';
import { problem, type ChartContext, type ChartNote, type ChartOutcome } from '../types';
import { hasColumn, needColumns, settings } from './common';

const DEFAULTS = {
  lifespan: 'lifespan_years',
  margin: 'avg_margin_per_order',
  purchases: 'purchases_per_year',
  ltv: 'ltv',
};

interface Term {
  value: string;
  label: string;
  detail: string;
  result: boolean;
}

/** Whether the result holds the `ltv-formula` recipe's factors (used to pick this chart for the header's `kpi`). */
export function looksLikeLtvFormula(context: ChartContext): boolean {
  return Object.values(DEFAULTS).every((c) => hasColumn(context, c));
}

function text(row: Readonly<Record<string, unknown>>, name: string): string {
  const v = row[name];
  return typeof v === 'string' ? v : '';
}

/**
 * LTV as an equation (`ltv-formula` recipe): lifespan × margin per order ×
 * purchases per year = LTV, each factor in a box with its value, its name and
 * where it came from. Side by side when the width allows, else stacked.
 */
export function renderLtvFormula(context: ChartContext): ChartOutcome {
  const o = settings(context, DEFAULTS);
  const missing = needColumns(context, 'LTV formula', [o.lifespan, o.margin, o.purchases, o.ltv]);
  if (missing) return missing;
  const row = context.rows[0];
  const lifespan = toNumber(row[o.lifespan]);
  const margin = toNumber(row[o.margin]);
  const purchases = toNumber(row[o.purchases]);
  const ltv = toNumber(row[o.ltv]);
  if (lifespan === null || margin === null || purchases === null || ltv === null) {
    const empty = [o.lifespan, o.margin, o.purchases, o.ltv].filter((c) => toNumber(row[c]) === null);
    return problem(`LTV cannot be drawn: ${empty.join(', ')} ${empty.length === 1 ? 'is' : 'are'} empty`);
  }
  const yearOrders = toNumber(row['year_orders']);
  const yearCustomers = toNumber(row['year_customers']);
  const churn = toNumber(row['annual_churn_rate']);
  const terms: Term[] = [
    { value: `${formatNumber(lifespan)} years`, label: 'lifespan', detail: text(row, 'lifespan_source') || (churn !== null ? `1 / annual churn ${formatPct(churn)}` : ''), result: false },
    { value: formatNumber(margin), label: 'gross margin per order', detail: text(row, 'margin_source') ? `from ${text(row, 'margin_source')}` : '', result: false },
    {
      value: formatNumber(purchases),
      label: 'purchases per customer per year',
      detail: yearOrders !== null && yearCustomers !== null ? `${formatCount(yearOrders)} orders / ${formatCount(yearCustomers)} customers in the last year` : '',
      result: false,
    },
    { value: formatNumber(ltv), label: 'lifetime value per customer', detail: 'LTV', result: true },
  ];
  const ops = ['×', '×', '='];
  const doc = context.document;
  const width = context.width;
  const side = width >= 560;
  const opW = side ? 26 : 0;
  const boxW = side ? (width - 3 * opW) / 4 : width - 30;
  const chars = Math.max(10, Math.floor((boxW - 16) / 5.6));
  const lines = terms.map((t) => wrapText(t.detail, chars).slice(0, 3));
  const labelLines = terms.map((t) => wrapText(t.label, Math.max(10, Math.floor((boxW - 16) / 6.2))));
  const boxH = 56 + Math.max(...labelLines.map((l) => l.length)) * 14 + Math.max(...lines.map((l) => l.length)) * 13;
  const height = side ? boxH + 2 : terms.length * (boxH + 22);
  const svg = svgCanvas(doc, width, height, 'ltv-formula');
  terms.forEach((t, i) => {
    const x = side ? i * (boxW + opW) : 30;
    const y = side ? 1 : i * (boxH + 22);
    const g = svgElement(doc, 'g', { class: t.result ? 'ltv-result' : 'ltv-factor', transform: `translate(${x},${y})` });
    g.append(
      svgElement(doc, 'rect', { width: boxW, height: boxH, rx: 8, fill: t.result ? ACCENT : PAPER, stroke: t.result ? ACCENT : LIGHT, 'stroke-width': 1.5 }),
      svgElement(doc, 'text', { x: boxW / 2, y: 32, 'text-anchor': 'middle', 'font-size': 20, 'font-weight': 600, fill: t.result ? PAPER : INK }, t.value),
    );
    let ly = 52;
    for (const line of labelLines[i]) {
      g.append(svgElement(doc, 'text', { x: boxW / 2, y: ly, 'text-anchor': 'middle', fill: t.result ? PAPER : INK }, line));
      ly += 14;
    }
    ly += 3;
    for (const line of lines[i]) {
      g.append(svgElement(doc, 'text', { x: boxW / 2, y: ly, 'text-anchor': 'middle', 'font-size': 10, fill: t.result ? '#ccfbf1' : MUTED }, line));
      ly += 13;
    }
    svg.append(g);
    if (i < ops.length) {
      const ox = side ? x + boxW + opW / 2 : 12;
      const oy = side ? boxH / 2 + 7 : y + boxH + 16;
      svg.append(svgElement(doc, 'text', { class: 'ltv-operator', x: ox, y: oy, 'text-anchor': 'middle', 'font-size': 20, fill: MUTED }, ops[i]));
    }
  });
  const notes: ChartNote[] = [];
  if (isTrue(row['history_incomplete'])) {
    notes.push({ tone: 'warn', text: 'incomplete history: the data start less than a window before the year used for churn, so churn is understated and the lifespan overstated.' });
  }
  const cap = toNumber(row['max_lifespan_years']);
  const measured = toNumber(row['measured_lifespan_years']);
  if (cap !== null && measured !== null && measured > cap && lifespan === cap) {
    notes.push({ tone: 'info', text: `The measured lifespan (${formatNumber(measured)} years) is capped at ${formatNumber(cap)} years.` });
  }
  const asOf = hasColumn(context, 'as_of') ? toLabel(row['as_of']) : '';
  return {
    kind: 'chart',
    title: 'Customer lifetime value',
    subtitle: `LTV = lifespan × gross margin per order × purchases per year${asOf ? `, as of ${asOf}` : ''}`,
    description: `LTV = lifespan × gross margin per order × purchases per year = ${terms[0].value} × ${terms[1].value} × ${terms[2].value} = ${terms[3].value}.`,
    panels: [{ element: svg }],
    notes,
  };
}
