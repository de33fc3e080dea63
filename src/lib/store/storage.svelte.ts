import type { RecurDb } from './db';
import type { StorageWatcher } from './notebook.svelte';

/** A data file kept in IndexedDB, as the "free space" offer lists it. */
export interface StoredFile {
  id: string;
  name: string;
  size: number;
}

/** The browser's StorageManager; undefined outside a browser (Node tests). */
function browserStorage(): StorageManager | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

/** The scratch file `hasRoomFor` grows; never kept. */
const ROOM_CHECK_FILE = 'recur_room_check';

/**
 * Whether `bytes` more fit in the origin's storage now. `estimate()` answers
 * first; then a scratch file in the origin-private file system is grown to that
 * size and dropped, because only the browser's own check sees the quota it
 * enforces (an override, what other tabs wrote since). False when the browser
 * cannot say: a write that might meet the quota is not started.
 */
export async function hasRoomFor(bytes: number): Promise<boolean> {
  const storage = browserStorage();
  if (!storage?.getDirectory) return false;
  if (storage.estimate) {
    const { usage, quota } = await storage.estimate();
    if (usage !== undefined && quota !== undefined && quota - usage < bytes) return false;
  }
  let root: FileSystemDirectoryHandle | null = null;
  try {
    root = await storage.getDirectory();
    const writable = await (await root.getFileHandle(ROOM_CHECK_FILE, { create: true })).createWritable();
    try {
      await writable.truncate(bytes);
      return true;
    } finally {
      await writable.abort().catch(() => undefined);
    }
  } catch {
    return false;
  } finally {
    await root?.removeEntry(ROOM_CHECK_FILE).catch(() => undefined);
  }
}

/**
 * The origin's storage as the user sees it when space runs out: usage and
 * quota (`navigator.storage.estimate()`), persistence, and the stored data
 * files that can be dropped to make room, largest first. Dropping a stored
 * copy leaves the loaded rows in this tab; only the next visit loses them.
 */
export class StorageStore implements StorageWatcher {
  /** A save or a stored file ran out of space and nothing has freed any since. */
  full = $state(false);
  usage = $state<number | null>(null);
  quota = $state<number | null>(null);
  persisted = $state<boolean | null>(null);
  files = $state.raw<StoredFile[]>([]);
  /** What the last attempt to free space or persist said, for the status line. */
  note = $state<string | null>(null);

  constructor(private readonly db: RecurDb) {}

  /** Records that a write ran out of space, and looks at what could be freed. */
  reportFull(): void {
    this.full = true;
    void this.refresh().then(() => {
      // Asked once, when it matters: persistent storage is not evicted under pressure.
      if (this.persisted === false && !this.askedToPersist) void this.persist();
    });
  }

  /** Asked once already: the browser's answer stands for this visit. */
  askedToPersist = $state(false);

  /** A save went through: the warning goes away. */
  cleared(): void {
    this.full = false;
    this.note = null;
  }

  async refresh(): Promise<void> {
    const stored = await this.db.datasets.toArray();
    this.files = stored.map(({ id, name, size }) => ({ id, name, size })).sort((a, b) => b.size - a.size);
    const storage = browserStorage();
    if (storage?.estimate) {
      const { usage, quota } = await storage.estimate();
      this.usage = usage ?? null;
      this.quota = quota ?? null;
    }
    if (storage?.persisted) this.persisted = await storage.persisted();
  }

  /** Deletes the stored copy of one data file. */
  async drop(file: StoredFile): Promise<void> {
    await this.db.datasets.delete(file.id);
    this.note = `The stored copy of ${file.name} was removed; its data stays loaded until you close or reload this tab.`;
    await this.refresh();
  }

  /** Asks the browser not to evict Recur's storage under pressure (it may say no). */
  async persist(): Promise<void> {
    const storage = browserStorage();
    if (!storage?.persist) {
      this.note = 'This browser cannot keep storage persistent.';
      return;
    }
    this.askedToPersist = true;
    this.persisted = await storage.persist();
    this.note = this.persisted ? 'The browser will keep Recur’s storage persistent.' : 'The browser declined to make Recur’s storage persistent.';
  }
}
