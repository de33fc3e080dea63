import { readFile } from 'node:fs/promises';
import type { Browser, Page } from '@playwright/test';
import { run } from '../../scripts/recur';
import { parseArgs } from '../../scripts/cli/args';
import { cell, copyLink, openApp, openOverview, expect, test } from './helpers';

// The link tests open the link the first test copies.
test.describe.configure({ mode: 'serial' });

const FILE_A = 'test/fixtures/online_retail/online_retail_extract.csv.gz';
const FILE_A_NAME = 'online_retail_extract.csv.gz';
/** The overview's parameters as its params cell holds them, given to the headless runner too. */
const OVERVIEW_PARAMS = ['--param', 'period=month', '--param', 'active_window_days=365', '--param', 'margin_rate=1'];
/** Overview cells whose explanation is compared with the headless runner's, by recipe id. */
const COMPARED = { crr: 'crr', repeat_rate: 'repeat-rate' } as const;

/** What `npm run recur` writes for each compared recipe on file A alone. */
let expected: Record<keyof typeof COMPARED, string>;

test.beforeAll(async () => {
  const entries = await Promise.all(
    Object.entries(COMPARED).map(async ([name, recipe]) => {
      const output = await run(parseArgs(['run', recipe, '--orders', FILE_A, ...OVERVIEW_PARAMS]));
      return [name, output.explanation ?? ''] as const;
    }),
  );
  expected = Object.fromEntries(entries) as typeof expected;
});

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

async function explanation(page: Page, name: string): Promise<string> {
  return flat(await cell(page, name).getByLabel('Explanation').innerText());
}

/** The overview shows exactly the headless runner's figures for file A alone, labelled with file A's dataset. */
async function expectFiguresOfFileA(page: Page): Promise<void> {
  for (const name of Object.keys(COMPARED) as (keyof typeof COMPARED)[]) {
    await expect(cell(page, name).getByLabel('Explanation')).toHaveText(flat(expected[name]), { timeout: 60_000, useInnerText: true });
    await expect(cell(page, name).getByLabel('Data source')).toContainText(new RegExp(`My data \\d{4}-\\d{2}-\\d{2} · ${FILE_A_NAME.replaceAll('.', '\\.')} · as of 2011-12-0\\d`));
  }
  await expect(page.getByLabel('Data source').filter({ hasText: 'Demo data' })).toHaveCount(0);
}

async function loadFileA(page: Page): Promise<void> {
  await page.getByLabel('Choose files to load').setInputFiles(FILE_A);
  await page.getByRole('dialog', { name: new RegExp(FILE_A_NAME.replaceAll('.', '\\.')) }).getByRole('button', { name: /^Load / }).click();
  await expect(page.getByRole('list', { name: 'Loaded data sets' })).toContainText(FILE_A_NAME);
}

/** A link to the overview built on file A, copied from a browser that loaded it. */
let linkOnA: string;

test('the demo is labelled; a dropped file starts a dataset of its own whose figures match the headless runner, and survive a reload', async ({ page, context }) => {
  test.setTimeout(240_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await openOverview(page);
  await expect(cell(page, 'crr').getByLabel('Data source')).toHaveText(/^Data: Demo data · as of \d{4}-\d{2}-\d{2}$/);
  await expect(page.getByLabel('Demo data notice')).toBeVisible();
  const demoCrr = await explanation(page, 'crr');

  await loadFileA(page);
  await expectFiguresOfFileA(page);
  expect(await explanation(page, 'crr')).not.toBe(demoCrr);
  // The demo's files left the engine: the new dataset holds file A alone.
  const loaded = page.getByRole('list', { name: 'Loaded data sets' });
  await expect(loaded).not.toContainText('sample-orders.csv');
  await expect(loaded).not.toContainText('sample-feedback.csv');
  await expect(page.getByLabel('Demo data notice')).toBeHidden();
  await expect(page.getByLabel('Dataset of this notebook')).toHaveValue(/.+/);
  await page.getByRole('region', { name: 'Data', exact: true }).screenshot({ path: 'test-results/datasets-panel.png' });
  await cell(page, 'crr').screenshot({ path: 'test-results/datasets-labelled-figure.png' });
  const before = { crr: await explanation(page, 'crr'), repeat: await explanation(page, 'repeat_rate') };
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText('Saved');

  linkOnA = await copyLink(page);

  await page.reload();
  await expect(cell(page, 'crr').getByLabel('Explanation')).toBeVisible({ timeout: 60_000 });
  expect(await explanation(page, 'crr')).toBe(before.crr);
  expect(await explanation(page, 'repeat_rate')).toBe(before.repeat);
  await expect(loaded).not.toContainText('sample-orders.csv');

  // The report view's header names the data too.
  await page.getByRole('button', { name: 'Report view' }).click();
  await expect(page.getByLabel('Notebook data')).toHaveText(new RegExp(`^Figures from My data .* · ${FILE_A_NAME.replaceAll('.', '\\.')} · as of 2011-12-0\\d$`));
  await page.screenshot({ path: 'test-results/datasets-report-view.png' });
  await page.getByRole('button', { name: 'Report view' }).click();

  // Switching the notebook back to the demo reloads the demo alone, labelled as such.
  await page.getByLabel('Dataset of this notebook').selectOption({ label: 'Demo data' });
  await expect(cell(page, 'crr').getByLabel('Data source')).toHaveText(/^Data: Demo data/, { timeout: 60_000 });
  await expect.poll(() => explanation(page, 'crr'), { timeout: 60_000 }).toBe(demoCrr);
  await expect(loaded).not.toContainText(FILE_A_NAME);
});

async function openLinkIn(browser: Browser, prepare?: (page: Page) => Promise<void>) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (prepare) await prepare(page);
  const other = await context.newPage();
  await openApp(other, linkOnA);
  const dialog = other.getByRole('dialog', { name: 'Open a shared notebook?' });
  await expect(dialog.getByRole('region', { name: 'Data it was built on' })).toContainText(FILE_A_NAME);
  return { context, page: other, dialog };
}

test('a link built on file A, opened with no data of ones own, runs only after the matching file is picked', async ({ browser }) => {
  test.setTimeout(240_000);
  expect(linkOnA, 'the first test copies the link').toMatch(/#nb=/);
  const { context, page, dialog } = await openLinkIn(browser);
  try {
    const built = dialog.getByRole('region', { name: 'Data it was built on' });
    await expect(built).toContainText(/online_retail_extract\.csv\.gz \([\d,]+ rows, fingerprint [0-9a-f]{12}…\)/);
    await expect(built).toContainText('You have: Demo data.');
    await expect(dialog.getByRole('button', { name: 'Open and run' })).toBeDisabled();
    await dialog.getByLabel('The same files, which I have').check();
    // A file with other bytes is refused by name.
    await dialog.getByLabel('Files the notebook was built on').setInputFiles({ name: FILE_A_NAME, mimeType: 'application/gzip', buffer: Buffer.from('not the same bytes') });
    await expect(dialog.getByRole('alert')).toContainText(`${FILE_A_NAME} is not among the files the notebook was built on`);
    await dialog.getByLabel('Files the notebook was built on').setInputFiles(FILE_A);
    await expect(dialog.getByRole('status').filter({ hasText: 'All files match.' })).toBeVisible();
    await page.setViewportSize({ width: 1200, height: 1000 });
    await dialog.screenshot({ path: 'test-results/datasets-review.png' });
    await dialog.getByRole('button', { name: 'Open and run' }).click();
    await expectFiguresOfFileA(page);
  } finally {
    await context.close();
  }
});

test('a link built on file A, opened where only the demo is, runs nothing until the recipient chooses data, and labels what it ran on', async ({ browser }) => {
  test.setTimeout(240_000);
  expect(linkOnA, 'the first test copies the link').toMatch(/#nb=/);
  const { context, page, dialog } = await openLinkIn(browser, openOverview);
  try {
    await dialog.getByRole('button', { name: 'Open without running' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'which this browser does not have' })).toContainText(FILE_A_NAME);
    await expect(cell(page, 'crr')).toBeVisible();
    await expect(cell(page, 'crr').getByLabel('Explanation')).toHaveCount(0);
    await expect(page.getByRole('list', { name: 'Loaded data sets' })).toHaveCount(0);
    // The recipient chooses the demo: now it runs, and every figure says so.
    await page.getByLabel('Dataset of this notebook').selectOption({ label: 'Demo data' });
    await expect(cell(page, 'crr').getByLabel('Data source')).toHaveText(/^Data: Demo data · as of/, { timeout: 60_000 });
    await expect(page.getByLabel('Notebook data')).toContainText('Figures from Demo data');
  } finally {
    await context.close();
  }
});

test('a link built on file A, opened where file A is loaded, binds to that dataset and shows the same figures', async ({ browser }) => {
  test.setTimeout(240_000);
  expect(linkOnA, 'the first test copies the link').toMatch(/#nb=/);
  const { context, page, dialog } = await openLinkIn(browser, async (first) => {
    await openOverview(first);
    await loadFileA(first);
    await expect(cell(first, 'crr').getByLabel('Data source')).toContainText(FILE_A_NAME, { timeout: 60_000 });
  });
  try {
    await expect(dialog.getByRole('status').filter({ hasText: 'holds exactly these files' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Open and run' }).click();
    await expectFiguresOfFileA(page);
    // Exports say which data they hold: a result's file name its date, a chart's its data set and date.
    const source = new RegExp(`My data \\d{4}-\\d{2}-\\d{2}, ${FILE_A_NAME.replaceAll('.', '\\.')}, as of 2011-12-0\\d`);
    const csv = page.waitForEvent('download');
    await cell(page, 'repeat_rate').getByRole('button', { name: 'CSV', exact: true }).click();
    expect((await csv).suggestedFilename()).toMatch(/^repeat-rate-2011-12-0\d\.csv$/);
    const svg = page.waitForEvent('download');
    await cell(page, 'crr').getByRole('button', { name: 'Download crr chart as SVG' }).click();
    const svgFile = await svg;
    expect(svgFile.suggestedFilename()).toMatch(/^crr \(My data .*\)\.svg$/);
    expect(await readFile(await svgFile.path(), 'utf8')).toMatch(new RegExp(`Data: ${source.source.replaceAll(', ', ' · ')}`));
  } finally {
    await context.close();
  }
});
