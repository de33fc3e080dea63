import { FRAME_CLASS } from './frame';
import { stripExternalReferences } from './safeColor';
import { SVG_NS, svgElement, wrapText } from './svg';
import { DEFAULT_WIDTH, FONT_FAMILY, FONT_SIZE, INK, MUTED, PAPER } from './theme';

const PAD = 8;
/** Rough width of a character in the chart font, in ems: SVG text cannot be measured without layout. */
const CHAR_EM = 0.56;

type Serializer = { serializeToString(node: Node): string };

function serializer(doc: Document): Serializer {
  const view = doc.defaultView as (Window & { XMLSerializer?: new () => Serializer }) | null;
  const Ctor = view?.XMLSerializer ?? (globalThis as { XMLSerializer?: new () => Serializer }).XMLSerializer;
  if (!Ctor) throw new Error('chartToSvgString needs an XMLSerializer (a browser or happy-dom document).');
  return new Ctor();
}

function wrap(text: string, width: number, fontSize: number): string[] {
  return wrapText(text, Math.max(8, Math.floor(width / (fontSize * CHAR_EM))));
}

function size(el: Element, name: string, fallback: number): number {
  const value = Number.parseFloat(el.getAttribute(name) ?? '');
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** An `<svg>` drawn inline in the figure, moved into a `<g>` (a nested `<svg>` would be resized by Plot's own CSS). */
function embed(doc: Document, svg: Element, x: number, y: number): SVGElement {
  const g = svgElement(doc, 'g', { transform: `translate(${x},${y})` });
  for (const attr of Array.from(svg.attributes)) {
    if (['width', 'height', 'viewBox', 'xmlns', 'aria-hidden'].includes(attr.name)) continue;
    g.setAttribute(attr.name, attr.value);
  }
  for (const child of Array.from(svg.childNodes)) g.append(child.cloneNode(true));
  return g;
}

/**
 * A framed chart (or a bare SVG) as one standalone SVG document: the title,
 * legend, panels and notes laid out top to bottom with every style inline
 * and the `xmlns` declared, so the file opens anywhere without the app's CSS.
 */
export function chartToSvgString(element: Element): string {
  return serializer(element.ownerDocument).serializeToString(standalone(element).root);
}

function standalone(element: Element): { root: Element; width: number; height: number } {
  const drawing = standaloneDrawing(element);
  stripExternalReferences(drawing.root);
  return drawing;
}

function standaloneDrawing(element: Element): { root: Element; width: number; height: number } {
  const doc = element.ownerDocument;
  if (element.localName === 'svg') {
    const clone = element.cloneNode(true) as Element;
    clone.setAttribute('xmlns', SVG_NS);
    return { root: clone, width: size(element, 'width', DEFAULT_WIDTH), height: size(element, 'height', 400) };
  }
  const firstSvg = element.querySelector('svg');
  const width = size(element, 'data-width', firstSvg ? size(firstSvg, 'width', DEFAULT_WIDTH) : DEFAULT_WIDTH);
  const root = svgElement(doc, 'svg', { xmlns: SVG_NS, 'font-family': FONT_FAMILY, 'font-size': FONT_SIZE, fill: INK });
  const label = element.getAttribute('aria-label');
  if (label) {
    root.setAttribute('role', 'img');
    root.setAttribute('aria-label', label);
    const title = svgElement(doc, 'title');
    title.textContent = label;
    root.append(title);
  }
  const background = svgElement(doc, 'rect', { width: '100%', height: '100%', fill: PAPER });
  root.append(background);
  let y = PAD;
  const text = (content: string, fontSize: number, attrs: Record<string, string | number>) => {
    for (const line of wrap(content, width - 2 * PAD, fontSize)) {
      y += fontSize * 1.25;
      const t = svgElement(doc, 'text', { x: PAD, y: y - fontSize * 0.25, 'font-size': fontSize, ...attrs });
      t.textContent = line;
      root.append(t);
    }
    y += 4;
  };
  const visit = (node: Element) => {
    const cls = node.classList;
    if (node.localName === 'svg') {
      root.append(embed(doc, node, 0, y));
      y += size(node, 'height', 0) + 4;
    } else if (cls.contains(FRAME_CLASS.title)) text(node.textContent ?? '', 14, { 'font-weight': 600 });
    else if (cls.contains(FRAME_CLASS.subtitle) || cls.contains(FRAME_CLASS.heading)) {
      text(node.textContent ?? '', FONT_SIZE, cls.contains(FRAME_CLASS.heading) ? { 'font-weight': 600 } : { fill: MUTED });
    } else if (cls.contains(FRAME_CLASS.legend)) {
      let x = PAD;
      y += 2;
      for (const key of Array.from(node.children)) {
        const swatch = key.querySelector('svg');
        const words = key.textContent ?? '';
        const keyWidth = 26 + words.length * FONT_SIZE * CHAR_EM + 14;
        if (x > PAD && x + keyWidth > width - PAD) {
          x = PAD;
          y += 16;
        }
        if (swatch) root.append(embed(doc, swatch, x, y));
        const t = svgElement(doc, 'text', { x: x + 25, y: y + 10 });
        t.textContent = words;
        root.append(t);
        x += keyWidth;
      }
      y += 20;
    } else if (cls.contains(FRAME_CLASS.note) || node.localName === 'p') {
      const tone = node.getAttribute('data-tone');
      const style = node.getAttribute('style') ?? '';
      const color = /(?:^|;)\s*color:\s*([^;]+)/.exec(style)?.[1]?.trim() ?? (tone === 'warn' ? '#92400e' : MUTED);
      text(node.textContent ?? '', FONT_SIZE, { fill: color });
    } else {
      for (const child of Array.from(node.children)) visit(child);
    }
  };
  for (const child of Array.from(element.children)) visit(child);
  const height = Math.ceil(y + PAD);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  return { root, width, height };
}

/**
 * The chart as a PNG, `scale` device pixels per CSS pixel (browser only: it
 * draws the standalone SVG onto a canvas).
 */
export async function chartToPngBlob(element: Element, scale = 2): Promise<Blob> {
  const doc = element.ownerDocument;
  const view = doc.defaultView;
  if (!view) throw new Error('chartToPngBlob runs in a browser window.');
  const { root, width, height } = standalone(element);
  const svg = serializer(doc).serializeToString(root);
  const url = view.URL.createObjectURL(new view.Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new view.Image();
    image.src = url;
    await image.decode();
    const canvas = doc.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This browser cannot draw on a canvas.');
    ctx.scale(scale, scale);
    ctx.fillStyle = PAPER;
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The chart could not be turned into a PNG.'))), 'image/png'),
    );
  } finally {
    view.URL.revokeObjectURL(url);
  }
}
