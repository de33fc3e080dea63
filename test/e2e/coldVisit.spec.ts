import path from 'node:path';
import { bodiesServed, downloadedTwice } from '../../scripts/bench/coldVisit';
import { ensureDataset } from '../../scripts/bench/dataset';
import { openOverview, expect, test } from './helpers';

// A first visit as a teammate opening a shared link has it: fresh profile, the
// service worker allowed to install and precache.
test.use({ serviceWorkers: 'allow' });

test('a cold visit downloads each asset once, and no Parquet reader or second DuckDB bundle', async ({ page, context }) => {
  const served = bodiesServed(context);
  await openOverview(page);
  // Until the worker has installed (and precached what it precaches) and the app says it works offline.
  await expect(page.getByRole('status', { name: 'Offline ready' })).toBeVisible({ timeout: 60_000 });
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForLoadState('networkidle');

  expect(downloadedTwice(served), 'downloaded more than once').toEqual([]);
  const urls = [...served.keys()];
  const engine = urls.filter((u) => /duckdb-eh-.*\.wasm$/.test(u));
  expect(engine, 'the engine was downloaded').toHaveLength(1);
  expect(served.get(engine[0]!)?.[0], 'DuckDB\'s module, whole').toBeGreaterThan(30e6);
  expect(urls.filter((u) => /parquet_wasm/.test(u)), 'the Parquet reader, with no Parquet file').toEqual([]);
  expect(urls.filter((u) => /duckdb-mvp|browser-mvp/.test(u)), 'the other DuckDB bundle').toEqual([]);
});

test('the Parquet reader is downloaded with the first Parquet file, once, and reads it', async ({ page, context }) => {
  const files = await ensureDataset({ orders: 1_000, seed: 42, parquet: true });
  const served = bodiesServed(context);
  await openOverview(page);
  expect([...served.keys()].filter((u) => /parquet_wasm/.test(u))).toEqual([]);

  for (const file of [files.orders, files.feedback]) {
    await page.getByLabel('Choose files to load').setInputFiles(file);
    const dialog = page.getByRole('dialog', { name: new RegExp(path.basename(file).replace('.', '\\.')) });
    await expect(dialog.getByRole('button', { name: `Load ${path.basename(file)}`, exact: true })).toBeEnabled({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  }
  const reader = [...served].filter(([url]) => /parquet_wasm_bg-.*\.wasm$/.test(url));
  expect(reader, 'the Parquet reader, fetched once for two Parquet files').toHaveLength(1);
  expect(reader[0]![1].filter((bytes) => bytes > 0)).toHaveLength(1);
});
