import type { FileSource } from '../engine/api';
import type { TextEncoding } from './types';

/** How many bytes of a file inspection looks at directly. */
export const HEAD_BYTES = 64 * 1024;

/** The first `size` bytes of a file given as bytes or as a browser `File`/`Blob`. */
export async function readHead(source: FileSource, size = HEAD_BYTES): Promise<Uint8Array> {
  if (source.bytes) return source.bytes.subarray(0, size);
  if (source.file) return new Uint8Array(await source.file.slice(0, size).arrayBuffer());
  throw new Error(`No content was given for ${source.name}.`);
}

/** The whole content of a file given as bytes or as a browser `File`/`Blob`. */
export async function readAll(source: FileSource): Promise<Uint8Array> {
  if (source.bytes) return source.bytes;
  if (source.file) return new Uint8Array(await source.file.arrayBuffer());
  throw new Error(`No content was given for ${source.name}.`);
}

/**
 * Decompresses gzip bytes. With `limit`, stops after that many output bytes and
 * accepts a truncated input (the head of a large file), returning what came out.
 */
export async function gunzip(bytes: Uint8Array, limit = Infinity): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.byteLength;
    }
  } catch (error) {
    // A truncated head ends mid-stream; everything before the cut is good.
    if (limit === Infinity) throw error;
  } finally {
    reader.cancel().catch(() => undefined);
  }
  const out = new Uint8Array(Math.min(total, limit));
  let at = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, out.length - at);
    out.set(part, at);
    at += part.length;
    if (at >= out.length) break;
  }
  return out;
}

/**
 * Whether a gzip file decompresses to its end. DuckDB reads a gzip cut short
 * (an interrupted download) without an error, up to a row cut in half, so the
 * whole stream is checked once; the output is counted, not kept.
 */
export async function gzipIsComplete(source: FileSource): Promise<boolean> {
  const compressed = source.file ?? new Blob([(source.bytes ?? new Uint8Array()) as BlobPart]);
  const reader = compressed.stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  try {
    while (!(await reader.read()).done);
    return true;
  } catch {
    return false;
  }
}

export interface EncodingGuess {
  encoding: TextEncoding;
  bom: boolean;
}

/**
 * UTF-8 (with or without BOM), UTF-16 (by its BOM) or, when the bytes are not
 * valid UTF-8, Latin-1 (Windows-1252 is read as Latin-1 by DuckDB; see the README).
 * A multi-byte character cut at the end of the head is not an error.
 */
export function detectEncoding(text: Uint8Array): EncodingGuess {
  if (text[0] === 0xef && text[1] === 0xbb && text[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  if ((text[0] === 0xff && text[1] === 0xfe) || (text[0] === 0xfe && text[1] === 0xff)) return { encoding: 'utf-16', bom: true };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(text, { stream: true });
    return { encoding: 'utf-8', bom: false };
  } catch {
    return { encoding: 'latin-1', bom: false };
  }
}

// Code points of the bytes 0x80–0x9F in Windows-1252 (0 where the byte is undefined and kept as is).
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/**
 * Decodes Windows-1252 (a superset of Latin-1's printable characters). Done by
 * hand because Node builds without full ICU decode `windows-1252` as Latin-1,
 * turning `€` into U+0080.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk = new Uint16Array(8192);
  for (let start = 0; start < bytes.length; start += chunk.length) {
    const end = Math.min(bytes.length, start + chunk.length);
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      chunk[i - start] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] || b : b;
    }
    parts.push(String.fromCharCode(...chunk.subarray(0, end - start)));
  }
  return parts.join('');
}

/** Decodes head bytes for a person or a heuristic to read. */
export function decodeText(text: Uint8Array, encoding: TextEncoding): string {
  if (encoding === 'latin-1' || encoding === 'windows-1252') return decodeWindows1252(text);
  if (encoding === 'utf-16be' || encoding === 'utf-16le') return new TextDecoder(encoding).decode(text);
  if (encoding === 'utf-16') return new TextDecoder(text[0] === 0xfe ? 'utf-16be' : 'utf-16le').decode(text);
  return new TextDecoder('utf-8').decode(text, { stream: true });
}
