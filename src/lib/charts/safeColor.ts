import type { ChannelValueSpec } from '@observablehq/plot';

/**
 * A colour channel read from a data column, always through the colour scale.
 * Plot otherwise passes values that look like colours straight into the SVG,
 * so a cell holding `url(http://…)` would become a remote reference in the
 * drawing and in every exported file. Through the scale, only the palette's
 * colours are ever written.
 */
export function scaledColor(field: string): ChannelValueSpec {
  return { value: field, scale: 'color' };
}

/** References that point outside the document: anything but `#fragment` ids and inline data images. */
const EXTERNAL_URL = /url\(\s*(?!['"]?#)/i;
const LINK_ATTRIBUTES = new Set(['href', 'xlink:href', 'src']);
const INLINE_TARGET = /^\s*(#|data:image\/(png|gif|jpeg|webp|svg\+xml);)/i;
/** Elements that can pull in or run other documents. */
const FOREIGN_ELEMENTS = 'script, foreignObject, iframe, object, embed, image, use, style';
/** Plot writes a <style> of its own; only one that imports or points elsewhere goes. */
const EXTERNAL_STYLE = /url\(|@import/i;

/**
 * Removes from a standalone drawing everything that could make its viewer
 * call out: `url(…)` values other than in-document references, links and
 * sources that are not inline, and elements that load or run other content.
 * Exports go through this so a file a recipient opens is self-contained.
 */
export function stripExternalReferences(root: Element): void {
  for (const el of Array.from(root.querySelectorAll(FOREIGN_ELEMENTS))) {
    if (el.localName === 'style' && !EXTERNAL_STYLE.test(el.textContent ?? '')) continue;
    if (el.localName === 'image' || el.localName === 'use') {
      const target = el.getAttribute('href') ?? el.getAttribute('xlink:href') ?? '';
      if (INLINE_TARGET.test(target)) continue;
    }
    el.remove();
  }
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    for (const attr of Array.from(el.attributes)) {
      const external = LINK_ATTRIBUTES.has(attr.name) ? !INLINE_TARGET.test(attr.value) : EXTERNAL_URL.test(attr.value);
      if (external || /^on/i.test(attr.name)) el.removeAttribute(attr.name);
    }
  }
}
