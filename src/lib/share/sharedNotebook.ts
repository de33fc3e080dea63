/**
 * Opening what someone shared: a `#nb=` link, a `?notebook=…&data=…` link to
 * files published beside the app, or a `.recur.md` file picked from disk.
 * Everything here only reads and checks; nothing runs until the user has seen
 * what the notebook will load and run (see ShareStore).
 */
import { parseNotebook, NotebookFormatError, MAX_FILE_BYTES } from '../notebook/fileFormat';
import type { Notebook } from '../notebook/model';
import { decodeShareFragment, parseShareQuery, relativeUrlProblem, sharePayload, ShareLinkError } from '../notebook/shareLink';

/** A notebook someone shared, waiting for the user to open it. */
export interface SharedNotebook {
  /** Where it came from, in words for the review dialog. */
  source: string;
  /** Null for a link that only brings data (into the notebook that is open). */
  notebook: Notebook | null;
  /** Same-origin data files the link asks to load (absolute URLs inside the app's folder). */
  dataUrls: string[];
  /** Data files a notebook file names but that Recur does not fetch (a file from disk): the user loads them. */
  expectedFiles: string[];
  /** Open in the read-only report view. */
  report: boolean;
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** The folder the app is served from (`https://host/team/recur/`): shared files must sit inside it. */
export function appFolder(pageUrl: URL): URL {
  return new URL('./', pageUrl);
}

/** Whether an absolute URL lies inside the app's folder on the app's origin. */
export function insideAppFolder(url: URL, pageUrl: URL): boolean {
  const folder = appFolder(pageUrl);
  return url.origin === folder.origin && url.pathname.startsWith(folder.pathname);
}

/** The last path segment, decoded: the name a fetched file is loaded under. */
export function fileNameOf(url: URL): string {
  const last = url.pathname.split('/').filter(Boolean).pop() ?? 'data';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * Resolves the data files a notebook file lists in its front matter against
 * the notebook's own URL (a notebook and its CSV sit side by side), keeping
 * only relative paths that stay inside the app's folder.
 */
export function resolveDataFiles(entries: readonly string[], notebookUrl: URL, pageUrl: URL): URL[] {
  return entries.map((entry) => {
    const problem = relativeUrlProblem(entry);
    if (problem) throw new ShareLinkError(`The notebook's data file ${JSON.stringify(entry.slice(0, 80))} ${problem}`);
    const url = new URL(entry, notebookUrl);
    if (!insideAppFolder(url, pageUrl)) throw new ShareLinkError(`The notebook's data file ${JSON.stringify(entry.slice(0, 80))} leads outside the app's folder.`);
    return url;
  });
}

/**
 * Fetches a file of the app's own folder. Redirects are refused: a static
 * host has no reason to send a shared file elsewhere.
 */
export async function fetchShared(url: URL, pageUrl: URL, fetcher: Fetch = fetch): Promise<Response> {
  if (!insideAppFolder(url, pageUrl)) throw new ShareLinkError(`${url.href} is not inside the app's folder, so Recur will not fetch it.`);
  let response: Response;
  try {
    response = await fetcher(url.href, { credentials: 'same-origin', redirect: 'error', cache: 'no-cache' });
  } catch (error) {
    throw new ShareLinkError(`Could not fetch ${fileNameOf(url)}: ${(error as Error).message}. Is it published next to the app?`);
  }
  if (!response.ok) throw new ShareLinkError(`Could not fetch ${fileNameOf(url)}: the server answered ${response.status} ${response.statusText}.`.replace(/ \.$/, '.'));
  return response;
}

/** A shared data file as a File, named after its URL. */
export async function fetchDataFile(url: URL, pageUrl: URL, fetcher: Fetch = fetch): Promise<File> {
  const response = await fetchShared(url, pageUrl, fetcher);
  return new File([await response.blob()], fileNameOf(url), { type: response.headers.get('content-type') ?? '' });
}

function wantsReport(location: { hash: string; search: string }): boolean {
  const hashParts = location.hash.replace(/^#/, '').split('&');
  return hashParts.includes('view=report') || new URLSearchParams(location.search).get('view') === 'report';
}

function readableParseError(error: unknown, name: string): never {
  if (error instanceof NotebookFormatError) throw new ShareLinkError(`${name} is not a readable notebook: ${error.message}`);
  throw error;
}

/**
 * What the page's address asks to open: a notebook in the fragment, or a
 * notebook file and data files by relative path. Null for a plain address.
 * Throws ShareLinkError with a message for the user when the link is broken.
 */
export async function readSharedAddress(href: string, fetcher: Fetch = fetch): Promise<SharedNotebook | null> {
  const page = new URL(href);
  const report = wantsReport(page);
  if (sharePayload(page.hash) !== null) {
    const notebook = await decodeShareFragment(page.hash);
    return { source: 'a shared link', notebook, dataUrls: [], expectedFiles: [], report };
  }
  const query = parseShareQuery(page.search);
  if (!query.ok) throw new ShareLinkError(query.error);
  if (!query.notebookUrl && query.dataUrls.length === 0) return null;
  const dataUrls = query.dataUrls.map((path) => new URL(path, page));
  let notebook: Notebook | null = null;
  let source = 'a shared link';
  if (query.notebookUrl) {
    const notebookUrl = new URL(query.notebookUrl, page);
    const response = await fetchShared(notebookUrl, page, fetcher);
    const text = await response.text();
    if (text.length > MAX_FILE_BYTES) throw new ShareLinkError(`${fileNameOf(notebookUrl)} is larger than a notebook file can be.`);
    let parsed;
    try {
      parsed = parseNotebook(text);
    } catch (error) {
      readableParseError(error, fileNameOf(notebookUrl));
    }
    notebook = parsed.notebook;
    source = fileNameOf(notebookUrl);
    for (const url of resolveDataFiles(parsed.dataFiles, notebookUrl, page)) if (!dataUrls.some((u) => u.href === url.href)) dataUrls.push(url);
  }
  return {
    source,
    notebook,
    dataUrls: dataUrls.map((u) => u.href),
    expectedFiles: [],
    report,
  };
}

/** A `.recur.md` file the user picked or dropped. Its data files are listed for the user, not fetched. */
export async function readNotebookFile(file: File): Promise<SharedNotebook> {
  if (file.size > MAX_FILE_BYTES) throw new ShareLinkError(`${file.name} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; a notebook file holds cells, not data.`);
  try {
    const parsed = parseNotebook(await file.text());
    return { source: file.name, notebook: parsed.notebook, dataUrls: [], expectedFiles: parsed.dataFiles, report: false };
  } catch (error) {
    readableParseError(error, file.name);
  }
}

/** The address that opens `fragment` (`#nb=…`) on this app, optionally straight in the report view. */
export function shareAddress(pageHref: string, fragment: string, report = false): string {
  const page = new URL(pageHref);
  return `${page.origin}${page.pathname}${fragment}${report ? '&view=report' : ''}`;
}
