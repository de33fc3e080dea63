import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  datasetLabel,
  findMatchingDataset,
  fingerprintOf,
  ManifestError,
  sameData,
  shareableManifest,
  unexpectedFiles,
  validateManifest,
  type DatasetManifest,
} from '../../../src/lib/notebook/dataset';
import { parseNotebook, serializeNotebook } from '../../../src/lib/notebook/fileFormat';
import { decodeShareFragment, encodeShareFragment } from '../../../src/lib/notebook/shareLink';
import { emptyNotebook } from '../../../src/lib/notebook/model';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

function manifest(overrides: Partial<DatasetManifest> = {}): DatasetManifest {
  return {
    id: 'ds-1',
    name: 'My data 2026-12-06',
    kind: 'user',
    files: [{ name: 'orders.csv', kind: 'orders', rows: 10, size: 200, fingerprint: A, mapping: { kind: 'orders', fields: { order_id: 'id' } } }],
    asOf: '2011-12-09',
    ...overrides,
  };
}

describe('datasetLabel', () => {
  it('names the demo and its as_of, and a user dataset with its files', () => {
    expect(datasetLabel(manifest({ id: 'demo', name: 'Demo data', kind: 'demo', asOf: '2024-12-31' }))).toBe('Demo data · as of 2024-12-31');
    expect(datasetLabel(manifest({ files: [...manifest().files, { name: 'feedback.csv', kind: 'feedback', rows: 1, size: 1, fingerprint: B }] }))).toBe(
      'My data 2026-12-06 · orders.csv, feedback.csv · as of 2011-12-09',
    );
    expect(datasetLabel(manifest({ files: [], asOf: null }))).toBe('My data 2026-12-06');
  });
});

describe('fingerprints', () => {
  it('is the SHA-256 of the bytes, in hex', async () => {
    const bytes = new TextEncoder().encode('order_id,customer_id\n1,a\n');
    expect(await fingerprintOf(new Blob([bytes]))).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('matches datasets by the bytes they hold, whatever the names or order', () => {
    const two = manifest({ files: [{ name: 'x.csv', kind: 'orders', rows: 1, size: 1, fingerprint: B }, { name: 'y.csv', kind: 'orders', rows: 1, size: 1, fingerprint: A }] });
    const same = manifest({ id: 'other', files: [...two.files].reverse().map((f) => ({ ...f, name: `renamed-${f.name}` })) });
    expect(sameData(two, same)).toBe(true);
    expect(sameData(two, manifest())).toBe(false);
    expect(sameData(manifest({ files: [] }), manifest({ files: [] }))).toBe(false);
    expect(findMatchingDataset(two, [manifest(), same])?.id).toBe('other');
    expect(findMatchingDataset(two, [manifest()])).toBeNull();
  });

  it('names picked files whose bytes are not in the manifest', () => {
    expect(unexpectedFiles(manifest(), [{ name: 'orders.csv', fingerprint: A }, { name: 'other.csv', fingerprint: B }])).toEqual(['other.csv']);
  });
});

describe('manifests from outside', () => {
  it('keeps known fields only and drops the mappings', () => {
    const clean = validateManifest({ ...manifest(), extra: 'x' });
    expect(clean).toEqual(shareableManifest(manifest()));
    expect(clean.files[0]).not.toHaveProperty('mapping');
    expect(clean).not.toHaveProperty('extra');
  });

  it.each([
    [{ kind: 'other' }, 'dataset.kind'],
    [{ files: 'x' }, 'dataset.files must be a list'],
    [{ files: [{ name: 'a', kind: 'orders', rows: 1, size: 1, fingerprint: 'zz' }] }, 'dataset.files[0].fingerprint'],
    [{ files: [{ name: 'a', kind: 'orders', rows: -1, size: 1, fingerprint: A }] }, 'dataset.files[0].rows'],
    [{ asOf: '9 May' }, 'dataset.asOf'],
    [{ name: '' }, 'dataset.name'],
  ])('refuses %j, naming the field', (patch, message) => {
    expect(() => validateManifest({ ...manifest(), ...patch })).toThrow(ManifestError);
    expect(() => validateManifest({ ...manifest(), ...patch })).toThrow(message);
  });

  it('travels in a .recur.md file and a #nb= link, without the mapping', async () => {
    const notebook = { ...emptyNotebook('On my data'), dataset: manifest({ name: "Ann's data" }) };
    const text = serializeNotebook(notebook);
    expect(text).toContain("dataset: '");
    expect(text).not.toContain('mapping');
    expect(parseNotebook(text).notebook.dataset).toEqual(shareableManifest(notebook.dataset));
    const fromLink = await decodeShareFragment(await encodeShareFragment(notebook));
    expect(fromLink.dataset).toEqual(shareableManifest(notebook.dataset));
  });

  it('reports a damaged manifest in a file with its line', () => {
    const text = serializeNotebook({ ...emptyNotebook('x'), dataset: manifest() }).replace(`"fingerprint":"${A}"`, '"fingerprint":"nope"');
    expect(() => parseNotebook(text)).toThrow(/line 4.*fingerprint/i);
  });
});
