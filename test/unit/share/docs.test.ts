import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNotebook, serializeNotebook } from '../../../src/lib/notebook/fileFormat';

const doc = readFileSync(new URL('../../../docs/notebook-format.md', import.meta.url), 'utf8');

/** The files shown in docs/notebook-format.md, each in a ````markdown block. */
const examples = [...doc.matchAll(/^````markdown\n([\s\S]*?\n)````$/gm)].map((m) => m[1]);

describe('docs/notebook-format.md', () => {
  it('shows the short example and the overview template', () => {
    expect(examples).toHaveLength(2);
  });

  it('shows files exactly as serializeNotebook writes them', () => {
    for (const text of examples) {
      const { notebook, dataFiles } = parseNotebook(text);
      expect(serializeNotebook(notebook, { dataFiles })).toBe(text);
    }
  });

  it('shows the cells it describes', () => {
    const [short, overview] = examples.map((text) => parseNotebook(text));
    expect(short.notebook.cells.map((c) => c.kind)).toStrictEqual(['markdown', 'markdown', 'params', 'sql', 'chart']);
    expect(short.dataFiles).toStrictEqual(['orders.csv']);
    expect(overview.notebook.title).toBe('Retention overview');
    expect(overview.notebook.cells.flatMap((c) => (c.kind === 'sql' ? [c.recipe] : []))).toStrictEqual([
      'crr',
      'repeat-rate',
      'cohort-retention',
      'rfm-segments',
      'ltv-formula',
      'feedback-nps',
      'feedback-retention',
    ]);
  });
});
