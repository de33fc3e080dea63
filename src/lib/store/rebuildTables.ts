import type { EngineApi } from '../engine/api';
import { loadFileInEngine, openFileInEngine, type LoadedDataset, type Mapping, type RowKind } from '../ingest';
import { dropIngestTables } from '../ingest/schemaDamage';

/** A loaded file's bytes again, and the mapping it was loaded with (none: the guess, as for the sample). */
export interface FileAgain {
  file: File;
  mapping?: Mapping;
}

/**
 * Makes the data tables afresh from the files loaded so far when something
 * left them unlike loading made them (a load into them would fail, or count
 * wrong). `touched` hears the kind of each file loaded again. Returns the
 * files that could not be found again.
 */
export async function rebuildTables(
  engine: EngineApi,
  loaded: readonly LoadedDataset[],
  fileAgain: (sourceFile: string) => Promise<FileAgain | null>,
  touched: (kind: RowKind) => void,
): Promise<string[]> {
  await dropIngestTables(engine);
  const lost: string[] = [];
  for (const dataset of loaded) {
    const again = await fileAgain(dataset.sourceFile);
    if (!again) {
      lost.push(dataset.sourceFile);
      continue;
    }
    const inspection = await openFileInEngine(engine, { name: again.file.name, file: again.file }, again.mapping?.read ?? {});
    await loadFileInEngine(engine, inspection, again.mapping ?? inspection.mapping);
    touched(dataset.kind);
  }
  return lost;
}

/** What the user is told after a rebuild. */
export function rebuildNotice(damaged: readonly string[], lost: readonly string[]): string {
  const notice = `Recur's data tables had been changed (${damaged.join(', ')}); they were rebuilt from the loaded files.`;
  return lost.length > 0 ? `${notice} ${lost.join(', ')} was not kept in this browser: load it again.` : notice;
}
