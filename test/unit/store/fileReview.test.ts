import { describe, expect, it } from 'vitest';
import type { FileInspection, Mapping, ReadOptions } from '../../../src/lib/ingest';
import { FileReview, type ReviewPort } from '../../../src/lib/store/fileReview.svelte';

/** An inspection that records the read it was made with. */
function inspectionFor(read: ReadOptions): FileInspection {
  return { format: 'csv', header: read.header, separator: read.delimiter, encoding: read.encoding, mapping: { read } } as unknown as FileInspection;
}

describe('FileReview.reread', () => {
  it('shows the last choice, built on the earlier ones, even when an earlier re-read answers last', async () => {
    const answers: { read: ReadOptions; answer: () => void }[] = [];
    const port = {
      inspect: (_file: File, read: ReadOptions = {}) =>
        new Promise<FileInspection>((resolve) => answers.push({ read, answer: () => resolve(inspectionFor(read)) })),
      clearErrors: () => undefined,
    } as unknown as ReviewPort;
    const review = new FileReview(port);
    const file = new File(['a;b\n1;2\n'], 'kasse.csv');
    const first = inspectionFor({ delimiter: ';', encoding: 'utf-8', header: true });
    review.pending = [{ id: 'p', file, inspection: first, mapping: { read: { encoding: 'utf-8' } } as unknown as Mapping }];

    const separator = review.reread(review.pending[0]!, { delimiter: ',' });
    const encoding = review.reread(review.pending[0]!, { encoding: 'windows-1252' });
    expect(answers.map((a) => a.read)).toEqual([
      { delimiter: ',', encoding: 'utf-8', header: true },
      { delimiter: ',', encoding: 'windows-1252', header: true },
    ]);
    answers[1]!.answer();
    await encoding;
    answers[0]!.answer();
    await separator;
    expect(review.pending).toHaveLength(1);
    expect(review.pending[0]!.mapping.read).toEqual({ delimiter: ',', encoding: 'windows-1252', header: true });
  });
});
