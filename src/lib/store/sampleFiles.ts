import { DEMO_DATASET_ID, DEMO_DATASET_NAME, DEMO_SAMPLES, fingerprintOf, type DatasetFile, type DatasetManifest } from '../notebook/dataset';
import sampleOrdersUrl from '../../../sample-data/orders.csv?url';
import sampleFeedbackUrl from '../../../sample-data/feedback.csv?url';

/** The bundled sample shop: the demo dataset's files. */
export const SAMPLE_FILES = [
  { name: DEMO_SAMPLES[0].name, url: sampleOrdersUrl },
  { name: DEMO_SAMPLES[1].name, url: sampleFeedbackUrl },
] as const;
export type SampleFile = (typeof SAMPLE_FILES)[number];

/** The demo dataset's manifest. */
export function demoManifest(files: DatasetFile[], asOf: string | null): DatasetManifest {
  return { id: DEMO_DATASET_ID, name: DEMO_DATASET_NAME, kind: 'demo', files, asOf };
}

/** The sample files' entries in the demo manifest: kind, size and fingerprint (rows are counted when loaded). */
export function sampleEntries(files: readonly File[]): Promise<DatasetFile[]> {
  return Promise.all(
    files.map(async (file): Promise<DatasetFile> => ({ name: file.name, kind: file.name.includes('feedback') ? 'feedback' : 'orders', rows: 0, size: file.size, fingerprint: await fingerprintOf(file) })),
  );
}

/** The bundled sample files, fetched once per tab: the demo is fingerprinted and then loaded from the same bytes. */
export class SampleFiles {
  #fetched = new Map<string, File>();

  /** `failed` hears why a sample could not be fetched. */
  constructor(private readonly failed: (message: string) => void) {}

  async get(sample: SampleFile): Promise<File | null> {
    const fetched = this.#fetched.get(sample.name);
    if (fetched) return fetched;
    const response = await fetch(sample.url);
    if (!response.ok) {
      this.failed(`The sample ${sample.name} could not be fetched (${response.status} ${response.statusText}). Reload to try again.`);
      return null;
    }
    const file = new File([await response.blob()], sample.name, { type: 'text/csv' });
    this.#fetched.set(sample.name, file);
    return file;
  }

  /** The samples that could be fetched, in order. */
  async all(): Promise<File[]> {
    const files: File[] = [];
    for (const sample of SAMPLE_FILES) {
      const file = await this.get(sample);
      if (file) files.push(file);
    }
    return files;
  }

  /** The sample of this name, if it is one. */
  named(name: string): SampleFile | undefined {
    return SAMPLE_FILES.find((s) => s.name === name);
  }
}
