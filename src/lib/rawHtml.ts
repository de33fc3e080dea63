/**
 * String-side filter for the raw HTML a markdown text may carry.
 *
 * Why on the string side: Chromium (156+) reports a `script-src-attr` CSP
 * violation for every inline handler attribute in HTML it merely *parses*
 * (DOMParser, <template>, setHTML), before any DOM sanitiser can remove it.
 * So no handler may reach the browser's parser at all. This filter rebuilds
 * every tag from an allow-list of names and attributes; anything else is
 * shown as text. DOMPurify still runs afterwards as the second layer.
 */

/** Tags a text cell may write by hand; anything else is shown as text. */
const ALLOWED_TAGS = new Set([
  'a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'code', 'dd', 'del', 'details', 'div', 'dl', 'dt', 'em',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q',
  's', 'small', 'span', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead',
  'tr', 'u', 'ul',
]);

/** Attributes kept on those tags; handlers, styles and everything else are dropped. */
const ALLOWED_ATTRIBUTES = new Set(['href', 'src', 'alt', 'title', 'colspan', 'rowspan', 'align', 'width', 'height', 'open']);

const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/y;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/y;

/** Filters one fragment of raw HTML: allowed tags are rebuilt, comments dropped, all other `<` and `>` escaped. */
export function filterRawHtml(html: string): string {
  let out = '';
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out += escapeAngles(html.slice(i));
      break;
    }
    out += escapeAngles(html.slice(i, lt));
    COMMENT.lastIndex = lt;
    const comment = COMMENT.exec(html);
    if (comment) {
      i = lt + comment[0].length;
      continue;
    }
    TAG.lastIndex = lt;
    const tag = TAG.exec(html);
    if (tag && ALLOWED_TAGS.has(tag[2].toLowerCase())) {
      out += rebuildTag(tag[1] === '/', tag[2].toLowerCase(), tag[3], tag[4] === '/');
      i = lt + tag[0].length;
    } else {
      out += '&lt;';
      i = lt + 1;
    }
  }
  return out;
}

function rebuildTag(closing: boolean, name: string, attributes: string, selfClosing: boolean): string {
  if (closing) return `</${name}>`;
  let kept = '';
  for (const match of attributes.matchAll(ATTRIBUTE)) {
    const attribute = match[1].toLowerCase();
    if (!ALLOWED_ATTRIBUTES.has(attribute)) continue;
    const value = match[2] ?? match[3] ?? match[4] ?? '';
    kept += ` ${attribute}="${value.replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}"`;
  }
  return `<${name}${kept}${selfClosing ? ' /' : ''}>`;
}

function escapeAngles(text: string): string {
  return text.replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
