import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeShareFragment } from '../../../src/lib/notebook/shareLink';
import { emptyNotebook } from '../../../src/lib/notebook/model';
import { fileNameOf, insideAppFolder, readNotebookFile, readSharedAddress, resolveDataFiles, shareAddress } from '../../../src/lib/share/sharedNotebook';
import { fileNameFor } from '../../../src/lib/store/share.svelte';

const PAGE = new URL('https://team.example/recur/index.html?x=1');

/** A static host holding these files (paths from the origin), answering like fetch. */
function host(files: Record<string, string>) {
  const requested: string[] = [];
  const fetcher = async (url: string) => {
    requested.push(url);
    const body = files[new URL(url).pathname];
    return body === undefined ? new Response('Not found', { status: 404, statusText: 'Not Found' }) : new Response(body);
  };
  return { fetcher, requested };
}

const NOTEBOOK = readFileSync('test/fixtures/shared-folder/q3.recur.md', 'utf8');

describe('shared files stay inside the app folder', () => {
  it('accepts the folder and its sub-folders, and nothing beside or above it', () => {
    expect(insideAppFolder(new URL('https://team.example/recur/data/a.csv'), PAGE)).toBe(true);
    expect(insideAppFolder(new URL('https://team.example/recur-other/a.csv'), PAGE)).toBe(false);
    expect(insideAppFolder(new URL('https://team.example/a.csv'), PAGE)).toBe(false);
    expect(insideAppFolder(new URL('https://evil.example/recur/a.csv'), PAGE)).toBe(false);
  });

  it('resolves front-matter data files next to the notebook and refuses escapes', () => {
    const notebookUrl = new URL('https://team.example/recur/q3/report.recur.md');
    expect(resolveDataFiles(['orders.csv'], notebookUrl, PAGE).map(String)).toEqual(['https://team.example/recur/q3/orders.csv']);
    expect(() => resolveDataFiles(['../../secret.csv'], notebookUrl, PAGE)).toThrow(/outside the app's folder/);
    expect(() => resolveDataFiles(['https://evil.example/x.csv'], notebookUrl, PAGE)).toThrow(/absolute URL/);
  });

  it('names a fetched file after its decoded last path segment', () => {
    expect(fileNameOf(new URL('https://h/recur/my%20orders.csv'))).toBe('my orders.csv');
  });
});

describe('readSharedAddress', () => {
  it('is null for a plain address and fetches nothing', async () => {
    const { fetcher, requested } = host({});
    expect(await readSharedAddress(PAGE.href, fetcher)).toBeNull();
    expect(requested).toEqual([]);
  });

  it('reads a #nb= link without fetching, and notes the report view', async () => {
    const { fetcher, requested } = host({});
    const fragment = await encodeShareFragment({ ...emptyNotebook('Linked'), cells: [{ id: 'a', kind: 'sql', name: 'n', source: 'SELECT 1' }] });
    const shared = await readSharedAddress(shareAddress(PAGE.href, fragment, true), fetcher);
    expect(shared?.notebook?.title).toBe('Linked');
    expect(shared?.report).toBe(true);
    expect(shared?.dataUrls).toEqual([]);
    expect(requested).toEqual([]);
  });

  it('fetches ?notebook= from the app folder and adds its data files to the data= ones', async () => {
    const { fetcher, requested } = host({ '/recur/q3.recur.md': NOTEBOOK });
    const shared = await readSharedAddress('https://team.example/recur/?notebook=q3.recur.md&data=orders-q4.csv', fetcher);
    expect(requested).toEqual(['https://team.example/recur/q3.recur.md']);
    expect(shared?.source).toBe('q3.recur.md');
    expect(shared?.notebook?.title).toBe('Team retention Q3');
    expect(shared?.dataUrls).toEqual(['https://team.example/recur/orders-q4.csv', 'https://team.example/recur/orders-q3.csv']);
  });

  it('says which file is missing, and refuses absolute URLs before any request', async () => {
    const { fetcher, requested } = host({});
    await expect(readSharedAddress('https://team.example/recur/?notebook=gone.recur.md', fetcher)).rejects.toThrow('Could not fetch gone.recur.md: the server answered 404 Not Found.');
    await expect(readSharedAddress('https://team.example/recur/?notebook=https://evil.example/x.md', fetcher)).rejects.toThrow(/absolute URL/);
    expect(requested).toEqual(['https://team.example/recur/gone.recur.md']);
  });

  it('names the file and line of a notebook that does not parse', async () => {
    const { fetcher } = host({ '/recur/bad.recur.md': '---\nformat: recur-notebook/1\ntitle: x\n---\n\n```sql name=1bad\nSELECT 1\n```\n' });
    await expect(readSharedAddress('https://team.example/recur/?notebook=bad.recur.md', fetcher)).rejects.toThrow(/^bad\.recur\.md is not a readable notebook: Line 6/);
  });
});

describe('notebook files from disk', () => {
  it('lists the data files they expect instead of fetching them', async () => {
    const shared = await readNotebookFile(new File([NOTEBOOK], 'q3.recur.md'));
    expect(shared.expectedFiles).toEqual(['orders-q3.csv']);
    expect(shared.dataUrls).toEqual([]);
  });

  it('get a download name from the title', () => {
    expect(fileNameFor('Retention overview')).toBe('retention-overview.recur.md');
    expect(fileNameFor('Q3 / Ärger & Co.')).toBe('q3-arger-co.recur.md');
    expect(fileNameFor('???')).toBe('notebook.recur.md');
  });
});
