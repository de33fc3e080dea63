import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The public data sets (UCI Online Retail, CDNOW) live in ../shared/data beside the repository. */
export const SHARED_DATA = path.resolve(fileURLToPath(new URL('..', import.meta.url)), '../shared/data');

/**
 * The path of a shared data file, or a thrown error that says where it was
 * looked for: a test that needs the real data fails loudly rather than
 * passing by skipping itself.
 */
export function sharedData(relative: string): string {
  const file = path.join(SHARED_DATA, relative);
  if (!existsSync(file)) {
    throw new Error(`${relative} is not in ${SHARED_DATA}: the shared data sets must sit in ../shared/data beside the repository (see README).`);
  }
  return file;
}
