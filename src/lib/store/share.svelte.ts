import { FILE_EXTENSION, serializeNotebook } from '../notebook/fileFormat';
import { encodeShareFragment } from '../notebook/shareLink';
import { fetchDataFile, readNotebookFile, readSharedAddress, shareAddress, type SharedNotebook } from '../share/sharedNotebook';
import { downloadBlob } from '../download';
import type { AppStore } from './app.svelte';

/** How the user chose to open a shared notebook. */
export interface OpenChoice {
  /** Run the cells at once (otherwise they open idle, to be read first). */
  run: boolean;
  /** Unload the data that is loaded now, so the shared files are not mixed with it. */
  replaceData: boolean;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A file name from a notebook title: letters, digits and dashes. */
export function fileNameFor(title: string): string {
  const base = title.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').toLowerCase().slice(0, 60);
  return (base || 'notebook') + FILE_EXTENSION;
}

/**
 * Sharing, both ways: what a link or file brings waits in `pending` until the
 * user has seen it (the cells it will run, the files it will fetch), and the
 * open notebook goes out as a `#nb=` link or a `.recur.md` file.
 */
export class ShareStore {
  pending = $state.raw<SharedNotebook | null>(null);
  /** Why the last share action failed, for the user. */
  error = $state<string | null>(null);
  /** What is happening now ("Fetching orders.csv…"), while opening a share. */
  busy = $state<string | null>(null);
  /** A short confirmation ("Link copied"). */
  notice = $state<string | null>(null);

  constructor(private readonly app: AppStore) {}

  /** Reads the page address at start-up. True when a shared notebook waits for review. */
  async readAddress(href: string): Promise<boolean> {
    try {
      this.pending = await readSharedAddress(href);
    } catch (error) {
      this.error = `This link could not be opened: ${message(error)}`;
      this.#clearAddress();
    }
    return this.pending !== null;
  }

  /** A `.recur.md` file picked or dropped: reviewed like a link before anything runs. */
  async openFile(file: File): Promise<void> {
    this.error = null;
    try {
      this.pending = await readNotebookFile(file);
    } catch (error) {
      this.error = message(error);
    }
  }

  /** Fetches the shared data files, loads them, then opens (and maybe runs) the notebook. */
  async accept(choice: OpenChoice): Promise<void> {
    const shared = this.pending;
    if (!shared) return;
    this.error = null;
    try {
      const files: File[] = [];
      for (const url of shared.dataUrls) {
        this.busy = `Fetching ${decodeURIComponent(new URL(url).pathname.split('/').pop() ?? url)}…`;
        files.push(await fetchDataFile(new URL(url), new URL(location.href)));
      }
      if (files.length > 0) {
        this.busy = 'Loading the shared data…';
        if (choice.replaceData) await this.app.data.removeAll();
        await this.app.data.addFiles(files, { trustGuess: true });
      }
      this.busy = null;
      this.pending = null;
      this.#clearAddress();
      this.app.reportView = shared.report;
      if (shared.notebook) await this.app.adopt(shared.notebook, { run: choice.run });
      else await this.app.openLast();
    } catch (error) {
      this.busy = null;
      this.error = message(error);
    }
  }

  /** Drops the shared notebook unopened and carries on with the user's own. */
  async decline(): Promise<void> {
    this.pending = null;
    this.#clearAddress();
    if (!this.app.session) await this.app.openLast();
  }

  /** Copies a link carrying the open notebook (cells and parameters, no data). */
  async copyLink(report = false): Promise<void> {
    const session = this.app.session;
    if (!session) return;
    this.error = null;
    try {
      const fragment = await encodeShareFragment(session.notebook);
      const link = shareAddress(location.href, fragment, report);
      await navigator.clipboard.writeText(link);
      this.#notify(`Link copied (${link.length.toLocaleString('en-US')} characters). It carries the notebook, not the data.`);
    } catch (error) {
      this.error = message(error);
    }
  }

  /** Downloads the open notebook as a `.recur.md` file that lists the loaded data files. */
  download(): void {
    const session = this.app.session;
    if (!session) return;
    this.error = null;
    try {
      const text = serializeNotebook(session.notebook, { dataFiles: this.app.data.datasets.map((d) => d.sourceFile) });
      downloadBlob(new Blob([text], { type: 'text/markdown' }), fileNameFor(session.notebook.title));
    } catch (error) {
      this.error = message(error);
    }
  }

  #notify(text: string): void {
    this.notice = text;
    setTimeout(() => {
      if (this.notice === text) this.notice = null;
    }, 5000);
  }

  /** Removes the shared part from the address, so a reload reopens the user's saved copy instead of asking again. */
  #clearAddress(): void {
    history.replaceState(history.state, '', location.pathname);
  }
}
