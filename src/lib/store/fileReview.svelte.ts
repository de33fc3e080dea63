import type { FileInspection, LoadReport, Mapping, ReadOptions } from '../ingest';
import type { Delimiter } from '../ingest/types';

/** A dropped file waiting for the user to confirm or fix its column mapping. */
export interface PendingFile {
  id: string;
  file: File;
  inspection: FileInspection;
  mapping: Mapping;
}

/** What the review needs from the data store. */
export interface ReviewPort {
  /** Inspects a file; null when it could not be read (the store shows why). */
  inspect(file: File, read?: ReadOptions): Promise<FileInspection | null>;
  /** Loads a file into the user's dataset and keeps it; null when the load failed. */
  load(file: File, mapping: Mapping, inspection: FileInspection): Promise<LoadReport | null>;
  /** The notebook is told which tables the loads changed. */
  changed(): void;
  /** The mapping the user confirmed before for files with this header. */
  remembered(headerSignature: string): Promise<Mapping | null>;
  remember(mapping: Mapping): Promise<void>;
  /** A new batch of files: the last batch's errors go. */
  clearErrors(): void;
}

/** How a file under review was read: a choice of sheet, separator, header row or encoding starts from it. */
export function readOf(inspection: FileInspection, mapping: Mapping): ReadOptions {
  const header = inspection.header !== false;
  if (inspection.format === 'xlsx') return { ...(inspection.sheet ? { sheet: inspection.sheet } : {}), header };
  const separator = inspection.separator ?? (inspection.dialect?.delimiter as Delimiter | undefined);
  const encoding = mapping.read?.encoding;
  return { ...(separator ? { delimiter: separator } : {}), ...(encoding ? { encoding } : {}), header };
}

/**
 * Dropped files on their way in: a file whose header the user mapped before
 * loads at once, others wait in `pending` for the user to confirm or fix the
 * column mapping (the mapping dialog), or to read them with another separator.
 */
export class FileReview {
  pending = $state.raw<PendingFile[]>([]);
  /**
   * The read last asked for, per file under review. Choices made in quick
   * succession build on each other, and only the last one's answer is shown:
   * an earlier, slower re-read must not overwrite it.
   */
  #asked = new Map<File, { read: ReadOptions; ticket: number }>();
  #tickets = 0;

  constructor(private readonly port: ReviewPort) {}

  /**
   * Inspects dropped files. With `trustGuess` (files a shared link names,
   * published by whoever set the notebook up), a guess without issues loads at once too.
   */
  async add(files: File[], { trustGuess = false } = {}): Promise<void> {
    this.port.clearErrors();
    for (const file of files) {
      const inspection = await this.port.inspect(file);
      if (!inspection) continue;
      const remembered = await this.port.remembered(inspection.mapping.headerSignature);
      const mapping = remembered ?? (trustGuess ? inspection.mapping : null);
      if (mapping && inspection.issues.length === 0) {
        await this.port.load(file, mapping, inspection);
        this.port.changed();
      } else {
        this.pending = [...this.pending, { id: crypto.randomUUID(), file, inspection, mapping: structuredClone(inspection.mapping) }];
      }
    }
  }

  /** Loads a reviewed file with the (possibly corrected) mapping, and remembers the mapping for its header. */
  async confirm(pending: PendingFile, mapping: Mapping): Promise<LoadReport | null> {
    const report = await this.port.load(pending.file, mapping, pending.inspection);
    if (report) {
      this.pending = this.pending.filter((p) => p.id !== pending.id);
      await this.port.remember(mapping);
      this.port.changed();
    }
    return report;
  }

  /** Reads a file under review again with `change` (sheet, separator, header row, encoding); the review starts over with the new columns. */
  async reread(pending: PendingFile, change: ReadOptions): Promise<void> {
    this.port.clearErrors();
    const read = { ...(this.#asked.get(pending.file)?.read ?? readOf(pending.inspection, pending.mapping)), ...change };
    const ticket = ++this.#tickets;
    this.#asked.set(pending.file, { read, ticket });
    const inspection = await this.port.inspect(pending.file, read);
    if (this.#asked.get(pending.file)?.ticket !== ticket) return; // a later choice is being read
    this.#asked.delete(pending.file);
    if (!inspection) return;
    const mapping = { ...structuredClone(inspection.mapping), read };
    this.pending = this.pending.map((p) => (p.file === pending.file ? { id: crypto.randomUUID(), file: p.file, inspection, mapping } : p));
  }

  dismiss(pending: PendingFile): void {
    this.pending = this.pending.filter((p) => p.id !== pending.id);
  }

  /** Inspects the waiting files again (in a new engine, which has forgotten them). */
  async reinspect(): Promise<void> {
    const pending: PendingFile[] = [];
    for (const entry of this.pending) {
      const inspection = await this.port.inspect(entry.file);
      if (inspection) pending.push({ ...entry, inspection });
    }
    this.pending = pending;
  }
}
