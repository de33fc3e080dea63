import { FONT_FAMILY, FONT_SIZE, INK, PAPER } from './theme';

/** The SVG namespace, for hand-drawn charts (the LTV equation, KPI tiles). */
export const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes and, optionally, text. */
export function svgElement(doc: Document, tag: string, attrs: Readonly<Record<string, string | number>> = {}, text?: string): SVGElement {
  const el = doc.createElementNS(SVG_NS, tag) as SVGElement;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** A blank SVG canvas styled like Plot's, so hand-drawn charts sit beside Plot ones. */
export function svgCanvas(doc: Document, width: number, height: number, className: string): SVGSVGElement {
  return svgElement(doc, 'svg', {
    class: className,
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    'font-family': FONT_FAMILY,
    'font-size': FONT_SIZE,
    fill: INK,
    style: `display:block;max-width:100%;height:auto;background:${PAPER}`,
  }) as SVGSVGElement;
}

/** Splits text into lines of at most `chars` characters at spaces. */
export function wrapText(text: string, chars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > chars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
