import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import { filterRawHtml } from './rawHtml';

let hooked = false;

/** Raw HTML in the markdown is filtered as a string before any browser parser sees it (see rawHtml.ts). */
const markdown = new Marked({ async: false, gfm: true, breaks: false, renderer: { html: ({ text }) => filterRawHtml(text) } });

/** Images may only be inline data; links open in a new tab without a referrer or opener. */
function installHooks(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'IMG' && !/^data:image\/(png|gif|jpeg|webp);/i.test(node.getAttribute('src') ?? '')) {
      node.removeAttribute('src');
      node.removeAttribute('srcset');
      node.setAttribute('alt', `[remote image blocked] ${node.getAttribute('alt') ?? ''}`.trim());
    }
    if (node.tagName === 'A' && node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
  });
}

/**
 * Markdown to safe HTML. The markdown is untrusted (shared notebooks): raw
 * HTML is rebuilt from an allow-list on the string side, then DOMPurify removes scripts, event handlers, `javascript:` URLs, frames,
 * forms and styles, and remote images are blocked so opening a notebook
 * cannot make a request.
 */
export function renderMarkdown(source: string): string {
  // Without a DOM it can trust, DOMPurify would return its input unchanged: show the text instead.
  if (!DOMPurify.isSupported) return escapeHtml(source);
  installHooks();
  const html = markdown.parse(source, { async: false });
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'link', 'meta', 'base'],
    FORBID_ATTR: ['style', 'srcset', 'formaction', 'ping', 'background', 'poster'],
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
