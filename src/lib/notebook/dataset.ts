/**
 * Datasets: a named set of loaded files described by a manifest (names,
 * kinds, rows, SHA-256 fingerprints, `as_of`). A notebook is bound to one
 * dataset; links and notebook files carry the manifest, never the data.
 */
import { isLoadedTable, LOADED_TABLES, type LoadedTable } from '../ingest/canonical';

/** The sample shop's dataset id: the same in every browser, read-only. */
export const DEMO_DATASET_ID = 'demo';
export const DEMO_DATASET_NAME = 'Demo data';
/** The bundled sample shop's files (in `sample-data/`) and the names the demo loads them under. */
export const DEMO_SAMPLES = [
  { name: 'sample-orders.csv', file: 'orders.csv', kind: 'orders' },
  { name: 'sample-feedback.csv', file: 'feedback.csv', kind: 'feedback' },
] as const;

export type DatasetKind = 'demo' | 'user';
export type DatasetFileKind = LoadedTable;

export interface DatasetFile {
  name: string;
  kind: DatasetFileKind;
  /** Rows read from the file. */
  rows: number;
  /** Bytes. */
  size: number;
  /** SHA-256 of the file's bytes, lower-case hex. */
  fingerprint: string;
  /** The column mapping it was loaded with (kept locally; links and files leave it out, see `shareableManifest`). */
  mapping?: unknown;
}

export interface DatasetManifest {
  id: string;
  name: string;
  kind: DatasetKind;
  files: DatasetFile[];
  /** The latest `ordered_at` once loaded (`YYYY-MM-DD`), or null when there are no orders. */
  asOf: string | null;
}

/** "Demo data · as of 2024-12-31" / "My data 2026-12-06 · orders.csv · as of 2011-12-09": what every figure names as its source. */
export function datasetLabel(manifest: Pick<DatasetManifest, 'name' | 'kind' | 'files' | 'asOf'>): string {
  const parts = [manifest.name];
  if (manifest.kind === 'user' && manifest.files.length > 0) parts.push(manifest.files.map((f) => f.name).join(', '));
  if (manifest.asOf) parts.push(`as of ${manifest.asOf}`);
  return parts.join(' · ');
}

/** The name of a new user dataset: "My data 2026-12-06". */
export function newDatasetName(now: Date = new Date()): string {
  return `My data ${now.toISOString().slice(0, 10)}`;
}

/** Whether two manifests describe the same bytes: the same multiset of fingerprints (order and names aside). */
export function sameData(a: { files: readonly Pick<DatasetFile, 'fingerprint'>[] }, b: { files: readonly Pick<DatasetFile, 'fingerprint'>[] }): boolean {
  if (a.files.length === 0 || a.files.length !== b.files.length) return false;
  const left = a.files.map((f) => f.fingerprint).sort();
  const right = b.files.map((f) => f.fingerprint).sort();
  return left.every((print, i) => print === right[i]);
}

/** The first of `candidates` holding exactly the data `wanted` describes, or null. */
export function findMatchingDataset<T extends Pick<DatasetManifest, 'files'>>(wanted: Pick<DatasetManifest, 'files'>, candidates: readonly T[]): T | null {
  return candidates.find((candidate) => sameData(wanted, candidate)) ?? null;
}

/** A manifest as it travels in a link or a file: no column mappings (they are local choices, and untrusted input to the loader). */
export function shareableManifest(manifest: DatasetManifest): DatasetManifest {
  return { ...manifest, files: manifest.files.map(({ mapping: _mapping, ...file }) => file) };
}

/** A short form of a fingerprint for people: its first 12 hex digits. */
export function shortFingerprint(fingerprint: string): string {
  return fingerprint.slice(0, 12);
}

/** SHA-256 of a file's bytes, lower-case hex. */
export async function fingerprintOf(blob: Blob): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Files whose bytes are not among `wanted`'s: the names of the picked files that do not belong. */
export function unexpectedFiles(wanted: Pick<DatasetManifest, 'files'>, picked: readonly Pick<DatasetFile, 'name' | 'fingerprint'>[]): string[] {
  const prints = new Set(wanted.files.map((f) => f.fingerprint));
  return picked.filter((f) => !prints.has(f.fingerprint)).map((f) => f.name);
}

export const MANIFEST_LIMITS = { files: 100, nameChars: 300 } as const;

/** What is wrong with a manifest that came from outside (a link or a file). */
export class ManifestError extends Error {
  override name = 'ManifestError';
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '') throw new ManifestError(`${where} must be a non-empty text.`);
  if (value.length > MANIFEST_LIMITS.nameChars) throw new ManifestError(`${where} is longer than ${MANIFEST_LIMITS.nameChars} characters.`);
  return value;
}

function count(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new ManifestError(`${where} must be a whole number ≥ 0.`);
  return value;
}

/**
 * A clean copy of an untrusted manifest: known fields only, checked types and
 * sizes, no mappings. Throws ManifestError naming the field at fault.
 */
export function validateManifest(value: unknown): DatasetManifest {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ManifestError('The dataset manifest must be an object.');
  const fields = value as Record<string, unknown>;
  const kind = fields.kind;
  if (kind !== 'demo' && kind !== 'user') throw new ManifestError('dataset.kind must be "demo" or "user".');
  const rawFiles = fields.files;
  if (!Array.isArray(rawFiles)) throw new ManifestError('dataset.files must be a list.');
  if (rawFiles.length > MANIFEST_LIMITS.files) throw new ManifestError(`dataset.files lists ${rawFiles.length} files; the limit is ${MANIFEST_LIMITS.files}.`);
  const files = rawFiles.map((raw: unknown, i): DatasetFile => {
    const where = `dataset.files[${i}]`;
    if (typeof raw !== 'object' || raw === null) throw new ManifestError(`${where} must be an object.`);
    const file = raw as Record<string, unknown>;
    if (!isLoadedTable(file.kind)) throw new ManifestError(`${where}.kind must be one of ${LOADED_TABLES.join(', ')}.`);
    if (typeof file.fingerprint !== 'string' || !/^[0-9a-f]{64}$/.test(file.fingerprint)) throw new ManifestError(`${where}.fingerprint must be 64 lower-case hex digits (SHA-256).`);
    return {
      name: text(file.name, `${where}.name`),
      kind: file.kind,
      rows: count(file.rows, `${where}.rows`),
      size: count(file.size, `${where}.size`),
      fingerprint: file.fingerprint,
    };
  });
  const asOf = fields.asOf;
  if (asOf !== null && (typeof asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(asOf))) throw new ManifestError('dataset.asOf must be a date (YYYY-MM-DD) or null.');
  return { id: text(fields.id, 'dataset.id'), name: text(fields.name, 'dataset.name'), kind, files, asOf };
}
