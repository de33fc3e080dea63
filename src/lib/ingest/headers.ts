/** A header name reduced for matching: lower case, words joined by `_` (`"Lineitem quantity"` → `lineitem_quantity`). */
export function normalizeHeader(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * A stable signature of a header: the same columns in the same order give the
 * same string whatever their case or punctuation. 32-bit FNV-1a, hex, plus the
 * column count.
 */
export function headerSignature(columns: readonly string[]): string {
  let hash = 0x811c9dc5;
  const text = columns.map(normalizeHeader).join('\u001f');
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${columns.length}-${hash.toString(16).padStart(8, '0')}`;
}
