import type {} from '../../src/lib/engine/devtools';
/**
 * Functions that run inside the page (passed to `page.evaluate` and
 * `page.waitForFunction`), so they may use only what they are given and the
 * page's globals. They read the notebook through the same roles and labels
 * as the end-to-end tests. No named inner functions: tsx (keepNames) would
 * wrap them in a `__name` helper the page does not have.
 */

export interface NotebookState {
  /** Cells whose status reads Failed, with the error shown under them. */
  failed: string[];
  /** Cell name → its status text. */
  statuses: Record<string, string>;
  /** Cells that show a chart. */
  charted: string[];
}

interface BenchWindow {
  __bench?: { busySeen: boolean };
}

/** Reads the notebook's cells, statuses and charts. */
export function readNotebook(): NotebookState {
  const cells = [...document.querySelectorAll<HTMLElement>('article[aria-label^="SQL cell: "]')];
  const statuses: Record<string, string> = {};
  const charted: string[] = [];
  const failed: string[] = [];
  for (const cell of cells) {
    const name = (cell.getAttribute('aria-label') ?? '').replace(/^SQL cell: /, '');
    const status = (cell.querySelector('[aria-label="Cell status"]')?.textContent ?? '').trim();
    statuses[name] = status;
    if (cell.querySelector('[role="img"]')) charted.push(name);
    if (status === 'Failed') failed.push(`${name}: ${cell.querySelector('[role="alert"]')?.textContent?.trim() ?? ''}`);
  }
  return { failed, statuses, charted };
}

/** Every cell reads ✓ and the notebook is not running (after the start-up run). */
export function notebookIdle(): boolean {
  const statuses = [...document.querySelectorAll('article[aria-label^="SQL cell: "] [aria-label="Cell status"]')];
  const buttons = [...document.querySelectorAll<HTMLButtonElement>('[role="toolbar"][aria-label="Notebook tools"] button')];
  return statuses.length > 0 && statuses.every((s) => (s.textContent ?? '').trim().startsWith('✓')) && buttons.some((b) => !b.disabled && /Run all/.test(b.textContent ?? ''));
}

/**
 * (Re)sets the tracker that remembers whether a run has started: a mutation
 * observer notes any moment a cell is not ✓ or Run all is disabled, which a
 * poll every frame could miss on a small file.
 */
export function trackRuns(): void {
  const w = window as BenchWindow & { __benchObserver?: MutationObserver };
  w.__bench = { busySeen: false };
  if (w.__benchObserver) return;
  w.__benchObserver = new MutationObserver(() => {
    if (!w.__bench || w.__bench.busySeen) return;
    const statuses = [...document.querySelectorAll('article[aria-label^="SQL cell: "] [aria-label="Cell status"]')];
    const buttons = [...document.querySelectorAll<HTMLButtonElement>('[role="toolbar"][aria-label="Notebook tools"] button')];
    if (statuses.some((s) => !(s.textContent ?? '').trim().startsWith('✓')) || buttons.some((b) => b.disabled && /Running…/.test(b.textContent ?? ''))) {
      w.__bench.busySeen = true;
    }
  });
  w.__benchObserver.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['disabled'] });
}

/**
 * True once a run has started since `trackRuns` and has finished: every cell
 * reads ✓ and every cell that had a chart shows one. A failed cell ends the
 * wait too (the caller reports it).
 */
export function runFinished(charted: string[]): boolean {
  const bench = (window as BenchWindow).__bench;
  const cells = [...document.querySelectorAll<HTMLElement>('article[aria-label^="SQL cell: "]')];
  if (cells.some((c) => (c.querySelector('[aria-label="Cell status"]')?.textContent ?? '').trim() === 'Failed')) return true;
  if (!bench?.busySeen) return false;
  const runAll = [...document.querySelectorAll<HTMLButtonElement>('[role="toolbar"][aria-label="Notebook tools"] button')].find((b) => /Run all|Running…/.test(b.textContent ?? ''));
  if (!runAll || runAll.disabled) return false;
  return cells.every((cell) => {
    const name = (cell.getAttribute('aria-label') ?? '').replace(/^SQL cell: /, '');
    const done = (cell.querySelector('[aria-label="Cell status"]')?.textContent ?? '').trim().startsWith('✓');
    return done && (!charted.includes(name) || cell.querySelector('[role="img"]') !== null);
  });
}

/** `loadFile`'s own time for a loaded file, from the report it saved. */
export async function reportElapsed(file: string): Promise<number | null> {
  const recur = window.__recur;
  if (!recur) return null;
  const result = await recur.engine.query('SELECT report_json FROM load_files WHERE source_file = $file', { file });
  const json = recur.rows(result.ipc)[0]?.report_json;
  return typeof json === 'string' ? (JSON.parse(json) as { elapsedMs: number }).elapsedMs : null;
}
