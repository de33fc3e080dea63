/**
 * Sharing without a server: a notebook (never its data, only its dataset's manifest) packed into the URL
 * fragment, and `?notebook=…&data=…` links to files hosted next to the app.
 *
 * The fragment never reaches a server (browsers do not send it), so a link is
 * as private as the place it is pasted into.
 */
import type { Notebook } from './model';
import { FORMAT_ID, NotebookFormatError, parseNotebook, serializeNotebook } from './fileFormat';
import { NotebookValidationError, validateNotebook } from './validate';

/** What precedes the payload in `location.hash`. */
export const SHARE_PREFIX = '#nb=';

/**
 * The longest fragment `encodeShareFragment` makes, `#nb=` included. Browsers
 * take far longer URLs (Chrome up to 2 MB), but the places a link travels
 * through (chat apps, mail clients, issue trackers, link shorteners and
 * previewers) cut or refuse long ones well before that, and their limits are
 * undocumented and change. 32 KB keeps the overview template with room to
 * spare while staying well under the lowest browser limits; a bigger notebook
 * should travel as a file.
 */
export const MAX_FRAGMENT_LENGTH = 32 * 1024;

/** Cap on the decompressed payload: deflate can expand ~1000×, and a link must not make the tab inflate megabytes. */
export const MAX_LINK_TEXT_BYTES = 1024 * 1024;

/** At most this many `data=` files in a share query. */
export const MAX_DATA_URLS = 20;
const MAX_URL_CHARS = 2048;

/** The notebook does not fit in a link; export it as a file instead. */
export class NotebookTooLargeForLink extends Error {
  override name = 'NotebookTooLargeForLink';
  constructor(
    readonly length: number,
    readonly limit: number,
  ) {
    super(
      `This notebook is too large to share as a link (${Math.ceil(length / 1024)} KB; links are limited to ${limit / 1024} KB). ` +
        'Export it as a file (.recur.md) and share the file instead.',
    );
  }
}

/** A link that does not hold a readable notebook; the message says why in words a user can act on. */
export class ShareLinkError extends Error {
  override name = 'ShareLinkError';
}

/** The compact JSON form: the text format's content without its layout. */
interface LinkJson {
  format: string;
  title: string;
  cells: unknown[];
  dataset?: unknown;
}

function linkJson(notebook: Notebook): string {
  const json: LinkJson = { format: FORMAT_ID, title: notebook.title, cells: notebook.cells.map(({ id: _id, ...cell }) => cell) };
  if (notebook.dataset) json.dataset = notebook.dataset;
  return JSON.stringify(json);
}

async function deflate(text: string): Promise<Uint8Array> {
  const stream = new Blob([new TextEncoder().encode(text)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Inflates, giving up as soon as the output passes `limit` bytes. */
async function inflate(bytes: Uint8Array<ArrayBuffer>, limit: number): Promise<string> {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > limit) {
        await reader.cancel();
        throw new ShareLinkError(`The notebook in this link would be larger than ${limit / 1024} KB, which no link Recur makes can hold.`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof ShareLinkError) throw error;
    throw new ShareLinkError('This link is damaged: its notebook could not be unpacked. It may have been cut off when it was copied.');
  }
  const joined = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    joined.set(chunk, at);
    at += chunk.length;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(joined);
  } catch {
    throw new ShareLinkError('This link is damaged: its notebook is not valid text.');
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The fragment (`#nb=…`) that carries this notebook: its cells and title, no
 * data, no ids. Both the text format and compact JSON are compressed and the
 * smaller is kept. Throws NotebookTooLargeForLink above MAX_FRAGMENT_LENGTH.
 */
export async function encodeShareFragment(notebook: Notebook): Promise<string> {
  const text = serializeNotebook(notebook);
  const clean = validateNotebook(notebook);
  const [asText, asJson] = await Promise.all([deflate(text), deflate(linkJson(clean))]);
  const fragment = SHARE_PREFIX + toBase64Url(asJson.length < asText.length ? asJson : asText);
  if (fragment.length > MAX_FRAGMENT_LENGTH) throw new NotebookTooLargeForLink(fragment.length, MAX_FRAGMENT_LENGTH);
  return fragment;
}

/** The `nb=` payload of a fragment (`#nb=…`, also among other `&`-separated parts), or null when there is none. */
export function sharePayload(hash: string): string | null {
  const parts = hash.replace(/^#/, '').split('&');
  const part = parts.find((p) => p.startsWith('nb='));
  return part === undefined ? null : part.slice(3);
}

/**
 * The notebook carried by a `#nb=…` fragment, checked field by field, with a
 * fresh id and timestamps. Throws ShareLinkError with a readable message for
 * a missing, malformed, oversized or invalid payload.
 */
export async function decodeShareFragment(hash: string): Promise<Notebook> {
  if (hash.length > MAX_FRAGMENT_LENGTH) {
    throw new ShareLinkError(`This link is longer than any Recur makes (${Math.ceil(hash.length / 1024)} KB; the limit is ${MAX_FRAGMENT_LENGTH / 1024} KB).`);
  }
  const payload = sharePayload(hash);
  if (payload === null) throw new ShareLinkError('This link does not carry a notebook (it has no #nb= part).');
  if (payload === '') throw new ShareLinkError('This link carries an empty notebook payload; it may have been cut off.');
  if (!/^[A-Za-z0-9_-]+$/.test(payload) || payload.length % 4 === 1) {
    throw new ShareLinkError('This link is damaged: its notebook part has characters a Recur link never contains. Copy the whole link again.');
  }
  const text = await inflate(fromBase64Url(payload), MAX_LINK_TEXT_BYTES);
  try {
    // Recur writes the text form with its front matter; any other text is not one of its links.
    if (text.startsWith('---\n')) return parseNotebook(text).notebook;
    if (!text.startsWith('{')) throw new ShareLinkError('This link does not hold a Recur notebook.');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ShareLinkError('This link is damaged: its notebook is not valid JSON.');
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ShareLinkError('This link does not hold a notebook.');
    const fields = json as Record<string, unknown>;
    if (Object.hasOwn(fields, 'format') && fields.format !== FORMAT_ID) {
      throw new ShareLinkError(`This link holds a notebook in a format this Recur does not read (${String(fields.format).slice(0, 40)}); it may come from a newer version.`);
    }
    const own = (key: string) => (Object.hasOwn(fields, key) ? fields[key] : undefined);
    return validateNotebook({ title: own('title'), cells: own('cells'), dataset: own('dataset') });
  } catch (error) {
    if (error instanceof NotebookFormatError || error instanceof NotebookValidationError) {
      throw new ShareLinkError(`The notebook in this link is not valid: ${error.message}`);
    }
    throw error;
  }
}

/** What a `?notebook=…&data=…` query asks to open, or why it cannot. */
export type ShareQuery = { ok: true; notebookUrl: string | null; dataUrls: string[] } | { ok: false; error: string };

/**
 * Why `url` may not be fetched for a share query, or null when it may. Only
 * paths relative to the app's folder are allowed: no scheme (`https:`,
 * `javascript:`, `data:`), no host (`//host`), no root (`/path`) and no `..`
 * that climbs out of the folder, so a link can only open files published with
 * the app (and not, on a host shared by several sites, another site's files).
 */
export function relativeUrlProblem(url: string): string | null {
  if (url === '') return 'is empty.';
  if (url.length > MAX_URL_CHARS) return `is longer than ${MAX_URL_CHARS} characters.`;
  // Browsers drop tabs and newlines inside URLs and read \ as /, which would turn harmless-looking text into `//host`.
  if (/[\u0000-\u001f\u007f\\]/.test(url) || url.trim() !== url) return 'contains spaces at the ends, control characters or a backslash.';
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(url)) return 'is an absolute URL; only a path relative to this page (such as data/orders.csv) is allowed.';
  if (url.startsWith('/')) return 'starts with /; only a path relative to this page (such as data/orders.csv) is allowed.';
  const base = new URL('https://app.invalid/recur-app/');
  let resolved: URL;
  try {
    resolved = new URL(url, base);
  } catch {
    return 'is not a valid URL.';
  }
  if (resolved.origin !== base.origin || !resolved.pathname.startsWith(base.pathname)) return "leads outside the app's folder (..).";
  return null;
}

/**
 * Reads `?notebook=<path>&data=<path>&data=<path>` (`location.search`).
 * Accepts only same-origin paths relative to the app (see relativeUrlProblem);
 * other query keys are ignored. An empty query gives `{ ok: true, notebookUrl: null, dataUrls: [] }`.
 */
export function parseShareQuery(search: string): ShareQuery {
  const query = new URLSearchParams(search);
  const notebooks = query.getAll('notebook');
  const dataUrls = query.getAll('data');
  if (notebooks.length > 1) return { ok: false, error: 'The link names more than one notebook; give one notebook= at most.' };
  if (dataUrls.length > MAX_DATA_URLS) return { ok: false, error: `The link names ${dataUrls.length} data files; the limit is ${MAX_DATA_URLS}.` };
  for (const [key, url] of [...notebooks.map((u) => ['notebook', u] as const), ...dataUrls.map((u) => ['data', u] as const)]) {
    const problem = relativeUrlProblem(url);
    if (problem) {
      const shown = url.length > 80 ? `${url.slice(0, 80)}…` : url;
      return { ok: false, error: `The link's ${key}= (${JSON.stringify(shown)}) ${problem}` };
    }
  }
  return { ok: true, notebookUrl: notebooks[0] ?? null, dataUrls };
}
