import { detectEncoding } from './head';
import type { ChosenEncoding, FileInspection, TextEncoding } from './types';

/**
 * How `openFile` must convert a text file the user said is in `chosen`, given
 * its first bytes: `null` when DuckDB reads the bytes that way as they are
 * (valid UTF-8 chosen as UTF-8, UTF-16 with a little-endian byte-order mark),
 * else the encoding to decode it with in the page before it is registered as
 * UTF-8. UTF-8 chosen for bytes that are not UTF-8 is decoded with U+FFFD for
 * what does not decode, so the preview shows the choice is wrong; UTF-16
 * without a byte-order mark is read as little-endian (what Windows writes).
 */
export function conversionFor(chosen: ChosenEncoding, head: Uint8Array): TextEncoding | null {
  const detected = detectEncoding(head);
  if (chosen === 'windows-1252') return 'windows-1252';
  if (chosen === 'utf-8') return detected.encoding === 'utf-8' ? null : 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return null;
  return head[0] === 0xfe && head[1] === 0xff ? 'utf-16be' : 'utf-16le';
}

/** The choice a file's inspection stands for, as the mapping dialog offers it. */
export function encodingChoice(encoding: FileInspection['encoding']): ChosenEncoding {
  if (encoding === 'latin-1' || encoding === 'windows-1252') return 'windows-1252';
  return encoding === 'utf-8' ? 'utf-8' : 'utf-16';
}

/** The encodings a person can choose, with their names. */
export const ENCODING_CHOICES: ReadonlyArray<{ value: ChosenEncoding; label: string }> = [
  { value: 'utf-8', label: 'UTF-8' },
  { value: 'windows-1252', label: 'Windows-1252 / Latin-1' },
  { value: 'utf-16', label: 'UTF-16' },
];
