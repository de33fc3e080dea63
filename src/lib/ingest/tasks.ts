import type { EngineApi, EngineTasks, FileSource } from '../engine/api';
import { loadFile } from './loadFile';
import { openFile } from './openFile';
import type { FileInspection, LoadOptions, LoadProgress, LoadReport, Mapping, ReadOptions } from './types';

interface OpenInput {
  source: FileSource;
  read: ReadOptions;
}

interface LoadInput {
  inspection: FileInspection;
  mapping: Mapping;
}

/**
 * Ingestion as engine tasks: whoever builds an engine composes it with these
 * (`workers/engine.worker.ts`, the headless runner), so a file is opened and loaded
 * where DuckDB runs, each in one call, with its decoding and its many statements
 * there too; the engine itself knows nothing of ingestion.
 */
export const INGEST_TASKS: EngineTasks = {
  'ingest.open': (engine, input) => {
    const { source, read } = input as OpenInput;
    return openFile(engine, source, read);
  },
  'ingest.load': (engine, input, onProgress) => {
    const { inspection, mapping } = input as LoadInput;
    return loadFile(engine, inspection, mapping, { onProgress });
  },
};

/** `openFile` as one call where the engine runs (its engine must offer `INGEST_TASKS`). Input and result are plain data. */
export async function openFileInEngine(engine: EngineApi, source: FileSource, read: ReadOptions = {}): Promise<FileInspection> {
  const input: OpenInput = { source, read: plain(read) };
  return (await engine.runTask('ingest.open', input)) as FileInspection;
}

/** `loadFile` as one call where the engine runs, progress reported back (its engine must offer `INGEST_TASKS`). */
export async function loadFileInEngine(engine: EngineApi, inspection: FileInspection, mapping: Mapping = inspection.mapping, options: LoadOptions = {}): Promise<LoadReport> {
  const input: LoadInput = { inspection, mapping: plain(mapping) };
  const onProgress = options.onProgress;
  return (await engine.runTask('ingest.load', input, onProgress && ((progress) => onProgress(progress as LoadProgress)))) as LoadReport;
}

/** A copy of JSON data that crosses to a worker whatever it was (a reactive proxy from a dialog cannot be cloned). */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
