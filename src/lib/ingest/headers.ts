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

/** Qualifiers exports put in brackets after a name: `Email (Billing)` is `billing_email`. */
const QUALIFIER = /^(.*?)[\s_]*[([]\s*([^)\]]+?)\s*[)\]]\s*$/;

/**
 * The names a header may be matched under, best first: its normalised form,
 * then for `Name (Qualifier)` the qualifier as a prefix (`billing_email`, as
 * WooCommerce names the field) and the name alone (`email`).
 */
export function headerAliases(name: string): string[] {
  const aliases = [normalizeHeader(name)];
  const match = QUALIFIER.exec(name.replace(/^\uFEFF/, '').trim());
  if (match && match[1].trim() !== '') {
    const base = normalizeHeader(match[1]);
    const qualifier = normalizeHeader(match[2]);
    if (qualifier !== '' && base !== '') aliases.push(`${qualifier}_${base}`, base);
  }
  return [...new Set(aliases.filter((a) => a !== ''))];
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
