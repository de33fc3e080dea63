import type { BrowserContext, Page } from '@playwright/test';
import { cell, expect, openOverview, test } from './helpers';

// A returning visit restores the loaded tables from the snapshot kept in the
// origin-private file system instead of loading the stored files again.

const FILE_A = 'test/fixtures/online_retail/online_retail_extract.csv.gz';
const FILE_A_NAME = 'online_retail_extract.csv.gz';
const FILE_B = 'sample-data/orders.csv';
const FILE_B_NAME = 'orders.csv';

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

/** What the notebook shows once every cell has run: each cell's explanation and source, and how many charts there are. */
async function figures(page: Page): Promise<{ explanations: string[]; sources: string[]; charts: number }> {
  const explanations = (await page.getByLabel('Explanation').allInnerTexts()).map(flat);
  const sources = (await page.getByLabel('Data source').allInnerTexts()).map(flat);
  return { explanations, sources, charts: await page.locator('article [role="img"]').count() };
}

/** Waits until no cell is running or waiting and the overview's CRR shows. */
async function settled(page: Page): Promise<void> {
  await expect(cell(page, 'crr').getByLabel('Explanation')).toContainText('CRR for', { timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Run all', exact: true })).toBeEnabled({ timeout: 60_000 });
  await expect.poll(async () => (await page.getByLabel('Cell status').allInnerTexts()).every((s) => s.trim().startsWith('✓')), { timeout: 60_000 }).toBe(true);
}

/** The tag of the snapshot kept now (read through the devtools handle), or null. */
async function snapshotTag(page: Page): Promise<string | null> {
  return page.evaluate(async () => {
    const recur = window.__recur!;
    const tables = recur.rows((await recur.engine.query("SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE database_name = 'recur_snapshot' AND table_name = 'snapshot_tag'")).ipc);
    if (Number(tables[0]?.n) === 0) return null;
    const rows = recur.rows((await recur.engine.query('SELECT tag FROM recur_snapshot.main.snapshot_tag')).ipc);
    return rows.length > 0 ? String(rows[0].tag) : null;
  });
}

/** Waits until the snapshot holds exactly these files (it is written after the figures). */
async function snapshotHolds(page: Page, names: string[]): Promise<void> {
  await expect
    .poll(async () => {
      const tag = await snapshotTag(page);
      return tag ? (JSON.parse(tag) as { files: [string][] }).files.map(([name]) => name).sort() : null;
    }, { timeout: 60_000 })
    .toEqual([...names].sort());
}

async function load(page: Page, file: string, name: string): Promise<void> {
  await page.getByLabel('Choose files to load').setInputFiles(file);
  await page.getByRole('dialog', { name: new RegExp(name.replaceAll('.', '\\.')) }).getByRole('button', { name: /^Load / }).click();
  await expect(page.getByRole('list', { name: 'Loaded data sets' })).toContainText(name);
}

const origin = (page: Page) => page.getByLabel('How the data was opened');

/**
 * Installed before the page's own scripts: counts, per SQL cell, how often its
 * status turns to "Running…" (a run too quick to be drawn may go uncounted).
 */
function countRuns(): void {
  const runs: Record<string, number> = {};
  const shown = new Map<Element, string>();
  (window as unknown as { __cellRuns: Record<string, number> }).__cellRuns = runs;
  new MutationObserver(() => {
    for (const status of document.querySelectorAll('[aria-label="Cell status"]')) {
      const text = status.textContent?.trim() ?? '';
      if (text.startsWith('Running') && !(shown.get(status) ?? '').startsWith('Running')) {
        const name = status.closest('article')?.getAttribute('aria-label') ?? '?';
        runs[name] = (runs[name] ?? 0) + 1;
      }
      shown.set(status, text);
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

/** Each cell ran at most once since the page loaded, and most were seen running (the count works). */
async function ranOnce(page: Page): Promise<void> {
  const runs = await page.evaluate(() => (window as unknown as { __cellRuns: Record<string, number> }).__cellRuns);
  expect(Object.entries(runs).filter(([, n]) => n > 1)).toEqual([]);
  expect(Object.keys(runs).length).toBeGreaterThan(3);
}

/** Opens the overview, drops file A (a dataset of its own) and waits for its figures and its snapshot. */
async function withFileA(page: Page): Promise<Awaited<ReturnType<typeof figures>>> {
  await openOverview(page);
  await load(page, FILE_A, FILE_A_NAME);
  await expect(cell(page, 'crr').getByLabel('Data source')).toContainText(FILE_A_NAME, { timeout: 60_000 });
  await settled(page);
  await snapshotHolds(page, [FILE_A_NAME]);
  return figures(page);
}

test('a returning visit restores the tables kept in this browser and shows the same figures; a new file is kept too', async ({ page }) => {
  test.setTimeout(240_000);
  const before = await withFileA(page);
  expect(before.charts).toBeGreaterThan(3);

  // Opened on the restored data, the notebook runs once (a data-change hook once re-ran it whole).
  await page.addInitScript(countRuns);
  const t0 = Date.now();
  await page.reload();
  await settled(page);
  const restoredMs = Date.now() - t0;
  await expect(origin(page)).toHaveText("Restored from this browser's storage");
  await ranOnce(page);
  expect(await figures(page)).toEqual(before);
  test.info().annotations.push({ type: 'reload → all charts (restored)', description: `${restoredMs} ms` });
  await page.getByRole('region', { name: 'Data', exact: true }).screenshot({ path: 'test-results/return-visit-restored.png' });

  // Another file: the figures change, the snapshot follows, and the next visit shows the new figures.
  await load(page, FILE_B, FILE_B_NAME);
  await expect(origin(page)).toHaveCount(0);
  await expect.poll(async () => (await figures(page)).explanations, { timeout: 60_000 }).not.toEqual(before.explanations);
  await settled(page);
  await snapshotHolds(page, [FILE_A_NAME, FILE_B_NAME]);
  const after = await figures(page);
  expect(after.sources.every((s) => s.includes(FILE_B_NAME))).toBe(true);

  await page.reload();
  await settled(page);
  await expect(origin(page)).toHaveText("Restored from this browser's storage");
  expect(await figures(page)).toEqual(after);

  // Removing a file: the snapshot is forgotten at once, so a visit before it is written again re-imports.
  await page.getByRole('button', { name: `Remove ${FILE_B_NAME}` }).click();
  await page.getByRole('list', { name: 'Loaded data sets' }).getByRole('button', { name: 'Yes', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Loaded data sets' })).not.toContainText(FILE_B_NAME);
  await settled(page);
  await snapshotHolds(page, [FILE_A_NAME]);
  await page.reload();
  await settled(page);
  await expect(origin(page)).toHaveText("Restored from this browser's storage");
  expect(await figures(page)).toEqual(before);
});

/** Writes bytes that are no DuckDB database over the snapshot file, from a page of the app's origin that runs no engine. */
async function damageSnapshot(context: BrowserContext): Promise<void> {
  const page = await context.newPage();
  await page.goto('/favicon.svg');
  // A closed tab's engine lets go of the file a moment later.
  await expect(async () => {
    await page.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      const handle = await root.getFileHandle('recur_snapshot.db', { create: true });
      const writable = await handle.createWritable();
      await writable.write(new TextEncoder().encode('not a database '.repeat(1000)));
      await writable.close();
    });
  }).toPass({ timeout: 20_000 });
  await page.close();
}

test('where the snapshot cannot be used (another tab holds it, or it is damaged) the stored files are loaded again, with the same figures', async ({ page, context }) => {
  test.setTimeout(240_000);
  const before = await withFileA(page);

  // A second tab: the first holds the snapshot file, so this one loads the stored files.
  const second = await context.newPage();
  await second.goto('/');
  await settled(second);
  await expect(origin(second)).toHaveText('Re-imported from the stored files');
  expect(await figures(second)).toEqual(before);
  await second.close();
  await page.close();

  await damageSnapshot(context);
  const third = await context.newPage();
  await third.goto('/');
  await settled(third);
  await expect(origin(third)).toHaveText('Re-imported from the stored files');
  expect(await figures(third)).toEqual(before);
  // The damaged file was replaced: the next visit restores again.
  await snapshotHolds(third, [FILE_A_NAME]);
  await third.reload();
  await settled(third);
  await expect(origin(third)).toHaveText("Restored from this browser's storage");
  expect(await figures(third)).toEqual(before);
});
