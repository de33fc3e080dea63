import { describe, expect, it } from 'vitest';
import type { Cell, Notebook } from '../../../src/lib/notebook/model';
import {
  MAX_FRAGMENT_LENGTH,
  NotebookTooLargeForLink,
  SHARE_PREFIX,
  ShareLinkError,
  decodeShareFragment,
  encodeShareFragment,
  parseShareQuery,
} from '../../../src/lib/notebook/shareLink';
import { serializeNotebook } from '../../../src/lib/notebook/fileFormat';
import { templateById } from '../../../src/lib/notebook/templates';
import { loadRecipes } from '../../../src/lib/recipes/node';

const withoutIds = (cells: readonly Cell[]): object[] => cells.map(({ id: _id, ...rest }) => rest);

function notebookOf(title: string, cells: Cell[]): Notebook {
  return { id: 'orig', title, cells, createdAt: 1, updatedAt: 2, version: 3 };
}

const tricky = notebookOf('Ünïcode 📈 "title"', [
  { id: 'a', kind: 'markdown', source: '# Title\n\n```sql name=not_a_cell\nSELECT 1\n```' },
  { id: 'b', kind: 'params', params: [{ name: 'period', label: 'Period', type: 'select', value: 'month', options: ['month', 'quarter', 'year'] }, { name: 'n', type: 'number', value: -1.5, step: 0.5 }] },
  { id: 'c', kind: 'sql', name: 'crr', source: "SELECT '```' AS f", recipe: 'crr', chart: { preset: 'crr' }, explain: 'a\nb', explainRow: 'last' },
  { id: 'd', kind: 'chart', from: 'crr', spec: { mark: 'bar', x: 'f', y: 'f', sort: '-y' } },
]);

async function deflateRaw(text: string): Promise<Uint8Array> {
  const stream = new Blob([new TextEncoder().encode(text)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const base64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

async function shareError(hash: string): Promise<ShareLinkError> {
  try {
    await decodeShareFragment(hash);
  } catch (error) {
    if (error instanceof ShareLinkError) return error;
    throw error;
  }
  throw new Error('the fragment decoded without an error');
}

/** A deterministic pseudo-random text that deflate cannot shrink much. */
function noise(length: number): string {
  let seed = 42;
  let out = '';
  while (out.length < length) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    out += (seed >>> 8).toString(36);
  }
  return out.slice(0, length);
}

describe('encodeShareFragment / decodeShareFragment', () => {
  it('round-trips every field through a #nb= fragment, with fresh ids', async () => {
    const fragment = await encodeShareFragment(tricky);
    expect(fragment.startsWith(SHARE_PREFIX)).toBe(true);
    expect(fragment.slice(SHARE_PREFIX.length)).toMatch(/^[A-Za-z0-9_-]+$/);
    const back = await decodeShareFragment(fragment);
    expect(back.title).toBe(tricky.title);
    expect(withoutIds(back.cells)).toStrictEqual(withoutIds(tricky.cells));
    expect(back.id).not.toBe('orig');
    expect(back.cells.map((c) => c.id)).not.toContain('a');
    // Without the leading # (as some routers hand it over) and among other fragment parts.
    expect(withoutIds((await decodeShareFragment(fragment.slice(1))).cells)).toStrictEqual(withoutIds(tricky.cells));
    expect((await decodeShareFragment(`#view=1&${fragment.slice(1)}`)).title).toBe(tricky.title);
  });

  it('keeps the "Retention overview" template, built from the real recipes, under the link limit', async () => {
    const overview = templateById('overview').build(loadRecipes());
    const fragment = await encodeShareFragment(overview);
    expect(fragment.length).toBeLessThanOrEqual(MAX_FRAGMENT_LENGTH);
    // Compression does real work: the link is well under the size of the text it carries.
    expect(fragment.length).toBeLessThan(serializeNotebook(overview).length / 2);
    // Of the two forms the smaller is kept, so the link is never longer than the compressed text form.
    expect(fragment.length).toBeLessThanOrEqual(SHARE_PREFIX.length + base64url(await deflateRaw(serializeNotebook(overview))).length);
    const back = await decodeShareFragment(fragment);
    expect(withoutIds(back.cells)).toStrictEqual(withoutIds(overview.cells));
  });

  it('refuses a notebook too large for a link, and says to export a file', async () => {
    const big = notebookOf('Big', [{ id: 'x', kind: 'sql', name: 'big', source: `-- ${noise(60_000)}\nSELECT 1` }]);
    const error = await encodeShareFragment(big).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NotebookTooLargeForLink);
    expect((error as NotebookTooLargeForLink).name).toBe('NotebookTooLargeForLink');
    expect((error as NotebookTooLargeForLink).length).toBeGreaterThan(MAX_FRAGMENT_LENGTH);
    expect((error as Error).message).toMatch(/too large to share as a link.*Export it as a file/);
  });

  it('reads both payload forms: the text format and compact JSON', async () => {
    const text = '---\nformat: recur-notebook/1\ntitle: From text\n---\n\nhello\n';
    expect((await decodeShareFragment(SHARE_PREFIX + base64url(await deflateRaw(text)))).title).toBe('From text');
    const json = JSON.stringify({ format: 'recur-notebook/1', title: 'From JSON', cells: [{ kind: 'markdown', source: 'hi' }] });
    const fromJson = await decodeShareFragment(SHARE_PREFIX + base64url(await deflateRaw(json)));
    expect(fromJson.title).toBe('From JSON');
    expect(withoutIds(fromJson.cells)).toStrictEqual([{ kind: 'markdown', source: 'hi' }]);
  });

  it.each([
    ['no payload', '#other=1', /does not carry a notebook/],
    ['an empty payload', '#nb=', /empty/],
    ['characters outside base64url', '#nb=abc+/=', /characters a Recur link never contains/],
    ['an impossible base64 length', '#nb=abcde', /characters a Recur link never contains/],
    ['bytes that are not deflate data', `#nb=${base64url(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))}`, /damaged.*could not be unpacked/],
    ['a fragment longer than the limit', `#nb=${'A'.repeat(MAX_FRAGMENT_LENGTH)}`, /longer than any Recur makes/],
  ])('rejects %s', async (_what, hash, message) => {
    expect((await shareError(hash)).message).toMatch(message);
  });

  it('rejects a link cut off in the middle', async () => {
    const fragment = await encodeShareFragment(templateById('overview').build(loadRecipes()));
    const cut = fragment.slice(0, Math.floor(fragment.length / 2));
    expect((await shareError(cut.length % 4 === 1 ? cut.slice(0, -1) : cut)).message).toMatch(/damaged/);
  });

  it('stops inflating a payload that expands past the cap', async () => {
    const bomb = await deflateRaw(`{"title":"${'a'.repeat(3 * 1024 * 1024)}"}`);
    const hash = SHARE_PREFIX + base64url(bomb);
    expect(hash.length).toBeLessThan(MAX_FRAGMENT_LENGTH);
    expect((await shareError(hash)).message).toMatch(/larger than 1024 KB/);
  });

  it.each([
    ['text with a bad cell', '---\ntitle: T\n---\n\n```sql name=orders\nSELECT 1\n```\n', /not valid: Line 5: "orders" is one of the data tables/],
    ['a cell named after a bookkeeping table', '---\ntitle: T\n---\n\n```sql name=load_files\nSELECT 1\n```\n', /not valid: Line 5: "load_files" is one of the data tables/],
    ['a cell named like a Parquet import', JSON.stringify({ title: 'T', cells: [{ kind: 'sql', name: 'load_parquet_1234', source: 'SELECT 1' }] }), /Names starting with "load_" belong to Recur's own tables/],
    ['JSON with an unknown cell kind', JSON.stringify({ title: 'T', cells: [{ kind: 'html', source: '<script>' }] }), /not valid: cells\[0\]\.kind/],
    ['JSON without cells', JSON.stringify({ title: 'T' }), /not valid: cells: must be a list/],
    ['JSON from a newer format', JSON.stringify({ format: 'recur-notebook/2', title: 'T', cells: [] }), /format this Recur does not read/],
    ['broken JSON', '{"title": ', /not valid JSON/],
    ['a JSON list', '[1]', /does not hold a Recur notebook/],
    ['text without front matter', 'hello', /does not hold a Recur notebook/],
  ])('rejects a payload holding %s', async (_what, payload, message) => {
    expect((await shareError(SHARE_PREFIX + base64url(await deflateRaw(payload)))).message).toMatch(message);
  });

  it('rejects a payload that is not UTF-8 text', async () => {
    const stream = new Blob([new Uint8Array([0x7b, 0xff, 0xfe])]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    expect((await shareError(SHARE_PREFIX + base64url(bytes))).message).toMatch(/not valid text/);
  });
});

describe('parseShareQuery', () => {
  it('accepts a notebook and data files next to the app', () => {
    expect(parseShareQuery('?notebook=team.recur.md&data=orders.csv')).toStrictEqual({ ok: true, notebookUrl: 'team.recur.md', dataUrls: ['orders.csv'] });
    expect(parseShareQuery('?data=data/orders.csv&data=.%2Fshared%2Ffeedback%20v2.csv&notebook=notebooks/a/../b.recur.md&utm_source=x')).toStrictEqual({
      ok: true,
      notebookUrl: 'notebooks/a/../b.recur.md',
      dataUrls: ['data/orders.csv', './shared/feedback v2.csv'],
    });
    expect(parseShareQuery('')).toStrictEqual({ ok: true, notebookUrl: null, dataUrls: [] });
  });

  it.each([
    ['https://evil.example/x', /absolute URL/],
    ['//evil.example/x', /starts with \//],
    ['javascript:alert(1)', /absolute URL/],
    ['JavaScript:alert(1)', /absolute URL/],
    ['data:text/csv,a', /absolute URL/],
    ['/other-site/x.csv', /starts with \//],
    ['../x.csv', /outside the app's folder/],
    ['a/../../x.csv', /outside the app's folder/],
    ['.%2e/x.csv', /outside the app's folder/],
    ['\\\\evil.example/x', /backslash/],
    ['/\\evil.example/x', /backslash/],
    ['java\tscript:alert(1)', /control characters/],
    [' //evil.example/x', /spaces at the ends/],
    ['', /is empty/],
  ])('rejects notebook=%j', (url, message) => {
    const result = parseShareQuery(`?notebook=${encodeURIComponent(url)}`);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(message);
    expect(!result.ok && result.error).toMatch(/^The link's notebook= /);
    const asData = parseShareQuery(`?notebook=ok.recur.md&data=orders.csv&data=${encodeURIComponent(url)}`);
    expect(!asData.ok && asData.error).toMatch(/^The link's data= /);
  });

  it('rejects two notebooks and too many data files', () => {
    expect(parseShareQuery('?notebook=a.recur.md&notebook=b.recur.md')).toMatchObject({ ok: false, error: expect.stringMatching(/more than one notebook/) });
    const many = Array.from({ length: 21 }, (_, i) => `data=f${i}.csv`).join('&');
    expect(parseShareQuery(`?${many}`)).toMatchObject({ ok: false, error: expect.stringMatching(/21 data files; the limit is 20/) });
  });
});
