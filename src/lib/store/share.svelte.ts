import { FILE_EXTENSION, serializeNotebook } from '../notebook/fileFormat';
import { encodeShareFragment } from '../notebook/shareLink';
import { fetchDataFile, readNotebookFile, readSharedAddress, shareAddress, type SharedNotebook } from '../share/sharedNotebook';
import { downloadBlob } from '../download';
import { messageOf } from '../errorMessage';
import type { Notebook } from '../notebook/model';
import { fingerprintOf, findMatchingDataset, unexpectedFiles, type DatasetManifest } from '../notebook/dataset';
import type { DataStore } from './data.svelte';

/**
 * What sharing needs from the app (AppStore provides it): the datasets, the
 * open notebook, and the few ways to open one. Declared here so the share
 * store depends on this port, not on the whole app.
 */
export interface ShareHost {
  readonly data: Pick<DataStore, 'available' | 'current' | 'datasets' | 'startDataset' | 'addFiles'>;
  readonly session: { readonly notebook: Notebook } | null;
  /** The read-only report view a link may ask for. */
  reportView: boolean;
  closeSession(): Promise<void>;
  adopt(notebook: Notebook, options?: { run?: boolean }): Promise<void>;
  openLast(): Promise<void>;
  switchDataset(id: string): Promise<void>;
}

/** How the user chose to open a shared notebook. */
export interface OpenChoice {
  /** Run the cells at once (otherwise they open idle, to be read first). */
  run: boolean;
  /**
   * Which of the user's datasets to run it on when none holds the data it was
   * built on (its figures are then labelled with that dataset). Without it, and
   * without matching files picked, the notebook opens bound to data this browser
   * does not have, and nothing runs.
   */
  datasetId?: string | null;
}

/** Files the user picked to rebuild the data a shared notebook was built on, checked by fingerprint. */
export interface PickedFiles {
  files: { file: File; fingerprint: string }[];
  /** Names in the manifest that no picked file matches yet. */
  missing: string[];
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
  /** Files picked to match the shared notebook's manifest. */
  picked = $state.raw<PickedFiles | null>(null);
  /** A link the browser would not put on the clipboard, shown for the user to copy by hand. */
  linkToCopy = $state<{ link: string; reason: string } | null>(null);

  constructor(private readonly app: ShareHost) {}

  /** The manifest of the data the pending notebook was built on, if it names one. */
  get wanted(): DatasetManifest | null {
    return this.pending?.notebook?.dataset ?? null;
  }

  /** The user's dataset holding exactly the files the pending notebook was built on. */
  get matching(): DatasetManifest | null {
    const wanted = this.wanted;
    return wanted ? findMatchingDataset(wanted, this.app.data.available) : null;
  }

  /**
   * Checks files the user picked against the pending notebook's manifest: a
   * file whose bytes are not among the manifest's is refused, by name.
   */
  async pickFiles(files: File[]): Promise<void> {
    const wanted = this.wanted;
    if (!wanted) return;
    this.error = null;
    const prints = await Promise.all(files.map(async (file) => ({ file, name: file.name, fingerprint: await fingerprintOf(file) })));
    const wrong = unexpectedFiles(wanted, prints);
    if (wrong.length > 0) {
      this.error = `${wrong.join(', ')} ${wrong.length === 1 ? 'is' : 'are'} not among the files the notebook was built on (the contents differ, so the fingerprints do not match).`;
      return;
    }
    const kept = [...(this.picked?.files ?? []).filter((f) => !prints.some((p) => p.fingerprint === f.fingerprint)), ...prints.map(({ file, fingerprint }) => ({ file, fingerprint }))];
    const have = new Set(kept.map((f) => f.fingerprint));
    this.picked = { files: kept, missing: wanted.files.filter((f) => !have.has(f.fingerprint)).map((f) => f.name) };
  }

  /** Reads the page address at start-up. True when a shared notebook waits for review. */
  async readAddress(href: string): Promise<boolean> {
    try {
      this.pending = await readSharedAddress(href);
    } catch (error) {
      this.error = `This link could not be opened: ${messageOf(error)}`;
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
      this.error = messageOf(error);
    }
  }

  /**
   * Opens the pending notebook on the data chosen for it: files a link fetches
   * or the user picked (a new dataset of their own), the user's dataset that
   * matches its manifest, or one the user chose; then maybe runs it.
   */
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
      const picked = this.picked && this.picked.missing.length === 0 ? this.picked.files.map((f) => f.file) : [];
      let dataset = this.matching ?? this.app.data.available.find((m) => m.id === choice.datasetId) ?? null;
      if (files.length + picked.length > 0) {
        this.busy = 'Loading the shared data…';
        // The shared data becomes a dataset of its own: it never mixes with what is loaded.
        await this.app.closeSession();
        await this.app.data.startDataset(this.wanted?.kind === 'user' ? this.wanted.name : undefined);
        await this.app.data.addFiles([...files, ...picked], { trustGuess: true });
        dataset = this.app.data.current;
      }
      this.busy = null;
      this.pending = null;
      this.picked = null;
      this.#clearAddress();
      this.app.reportView = shared.report;
      if (shared.notebook) await this.app.adopt({ ...shared.notebook, ...this.#binding(dataset) }, { run: choice.run });
      else {
        // A link that brings only data: the last notebook opens on it.
        await this.app.openLast();
        if (dataset) await this.app.switchDataset(dataset.id);
      }
    } catch (error) {
      this.busy = null;
      this.error = messageOf(error);
    }
  }

  /**
   * The dataset a shared notebook is bound to: the one chosen or matched; else
   * its own manifest under an id no dataset here has (the sender's demo may be
   * another version's), so it opens without running.
   */
  #binding(dataset: DatasetManifest | null): Pick<Notebook, 'dataset'> {
    if (dataset) return { dataset };
    const wanted = this.wanted;
    return wanted ? { dataset: { ...wanted, id: `elsewhere-${globalThis.crypto.randomUUID()}` } } : {};
  }

  /** Drops the shared notebook unopened and carries on with the user's own. */
  async decline(): Promise<void> {
    this.pending = null;
    this.picked = null;
    this.#clearAddress();
    if (!this.app.session) await this.app.openLast();
  }

  /** Copies a link carrying the open notebook (cells, parameters and its dataset's manifest; no data). */
  async copyLink(report = false): Promise<void> {
    const session = this.app.session;
    if (!session) return;
    this.error = null;
    try {
      const fragment = await encodeShareFragment(session.notebook);
      const link = shareAddress(location.href, fragment, report);
      this.linkToCopy = null;
      try {
        await navigator.clipboard.writeText(link);
      } catch (error) {
        // Clipboard access needs focus and permission; the link itself is fine.
        this.linkToCopy = { link, reason: messageOf(error).replace(/\.$/, '') };
        return;
      }
      this.#notify(`Link copied (${link.length.toLocaleString('en-US')} characters). It carries the notebook and a description of its data, not the data.`);
    } catch (error) {
      this.error = messageOf(error);
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
      this.error = messageOf(error);
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
