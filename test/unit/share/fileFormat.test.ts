import { describe, expect, it } from 'vitest';
import {
  CELL_SEPARATOR,
  MAX_FILE_BYTES,
  NotebookFormatError,
  parseNotebook,
  serializeNotebook,
} from '../../../src/lib/notebook/fileFormat';
import type { Cell, Notebook, ParamDef } from '../../../src/lib/notebook/model';
import { NotebookValidationError } from '../../../src/lib/notebook/validate';

type Content<T> = T extends Cell ? Omit<T, 'id'> : never;

function notebookOf(title: string, cells: Content<Cell>[]): Notebook {
  return { id: 'nb1', title, createdAt: 1, updatedAt: 2, version: 3, cells: cells.map((cell, i) => ({ ...cell, id: `c${i}` }) as Cell) };
}

function withoutIds(cells: readonly Cell[]): Content<Cell>[] {
  return cells.map(({ id: _id, ...rest }) => rest as Content<Cell>);
}

/** Serialises, parses and serialises again: every field must come back and the text must not change. */
function roundTrip(notebook: Notebook, dataFiles: string[] = []): string {
  const text = serializeNotebook(notebook, { dataFiles });
  const parsed = parseNotebook(text);
  expect(parsed.notebook.title).toBe(notebook.title);
  expect(withoutIds(parsed.notebook.cells)).toStrictEqual(withoutIds(notebook.cells));
  expect(parsed.dataFiles).toStrictEqual(dataFiles);
  expect(serializeNotebook(parsed.notebook, { dataFiles: parsed.dataFiles })).toBe(text);
  return text;
}

const md = (source: string): Content<Cell> => ({ kind: 'markdown', source });
const sql = (name: string, source: string, extra: object = {}): Content<Cell> => ({ kind: 'sql', name, source, ...extra });

function formatError(text: string): NotebookFormatError {
  try {
    parseNotebook(text);
  } catch (error) {
    if (error instanceof NotebookFormatError) return error;
    throw error;
  }
  throw new Error('the text parsed without an error');
}

const FRONT = '---\nformat: recur-notebook/1\ntitle: T\n---\n';

describe('serializeNotebook / parseNotebook round trip', () => {
  it('writes an empty notebook as front matter only', () => {
    const text = roundTrip(notebookOf('Empty', []));
    expect(text).toBe('---\nformat: recur-notebook/1\ntitle: Empty\n---\n');
  });

  it('keeps every field of every cell kind', () => {
    const text = roundTrip(
      notebookOf('All kinds', [
        md('# Heading\n\nSome *text*.'),
        {
          kind: 'params',
          params: [
            { name: 'period', label: 'Period', type: 'select', value: 'month', options: ['month', 'quarter', 'year'] },
            { name: 'as_of', label: 'Analysis date', type: 'date', value: null },
            { name: 'start', type: 'date', value: '2024-01-31' },
            { name: 'window', label: 'Window (days)', type: 'number', value: 365, min: 30, max: 730, step: 5 },
            { name: 'rate', type: 'number', value: 0.05, min: -1.5, max: 1e21, step: 1e-7 },
            { name: 'who', label: '', type: 'text', value: '' },
            { name: 'lower', label: 'N', type: 'number', value: 20, min: 0, atMost: 'window' },
          ],
        },
        sql('crr', 'SELECT 1 AS x', { recipe: 'crr', chart: { preset: 'crr' } }),
        sql('monthly', 'SELECT * FROM crr', {
          chart: { preset: 'p', mark: 'line', x: 'period start', y: 'crr', color: 'segment', facet: 'région', sort: '-y' },
          explain: 'CRR for {period_label} = {crr:pct}.\nSecond line with `code` and "quotes".',
          explainRow: 'last where partial_period = false',
        }),
        sql('bare', ''),
        sql('empty_chart', 'SELECT 2', { chart: {} }),
        { kind: 'chart', from: 'monthly', spec: { mark: 'bar', x: 'Revenue (€)', y: 'n', sort: 'x' } },
        { kind: 'chart', from: 'crr', spec: {} },
        { kind: 'params', params: [] },
      ]),
    );
    expect(text).toContain('```sql name=crr recipe=crr chart={"preset":"crr"}\nSELECT 1 AS x\n```');
    expect(text).toContain('```chart from=monthly mark=bar x="Revenue (€)" y=n sort=x\n```');
    expect(text).toContain('window: number = 365 min=30 max=730 step=5 "Window (days)"');
    expect(text).toContain('lower: number = 20 min=0 atMost=window "N"');
    expect(text).toContain('period: select = month [month|quarter|year] "Period"');
  });

  it('keeps the type of every parameter value: numbers, numeric text, null, "null"', () => {
    const params: ParamDef[] = [
      { name: 'a', type: 'number', value: 12 },
      { name: 'b', type: 'text', value: '12' },
      { name: 'c', type: 'text', value: null },
      { name: 'd', type: 'text', value: 'null' },
      { name: 'e', type: 'number', value: -7 },
      { name: 'f', type: 'number', value: -2.5e-8 },
      { name: 'g', type: 'text', value: '1.' },
      { name: 'h', type: 'select', value: 'a b', options: ['a b', 'x|y', 'c]', '"q"', '', '`t`', 'ü'] },
      { name: 'i', type: 'select', value: 'x', options: [] },
      { name: 'J_upper', type: 'text', value: 'line1\nline2\ttab', label: 'Label with "quotes", `ticks` and\na newline' },
    ];
    const text = roundTrip(notebookOf('Params', [{ kind: 'params', params }]));
    expect(text).toContain('a: number = 12\nb: text = "12"\nc: text = null\nd: text = "null"\ne: number = -7\n');
    expect(text).toContain('i: select = x []');
  });

  it('lengthens the fence around SQL and markdown that contain fences', () => {
    const sqlWithFences = "SELECT '```' AS fence\n```\n````sql name=evil\n-- ```` four\nSELECT 1";
    const text = roundTrip(
      notebookOf('Fences', [
        sql('tricky', sqlWithFences),
        md('Example:\n\n```sql name=x\nSELECT 1\n```\n\nand more'),
        md('Plain code:\n\n```python\nprint("```sql name=y")\n```'),
      ]),
    );
    expect(text).toContain(`\`\`\`\`\`sql name=tricky\n${sqlWithFences}\n\`\`\`\`\``);
    // A markdown fence that would open a cell is wrapped; an ordinary code fence stays plain markdown.
    expect(text).toContain('````markdown\nExample:');
    expect(text).toContain('\nPlain code:\n\n```python\n');
    expect(text).not.toContain('markdown\nPlain code');
  });

  it('keeps the boundaries, blank lines and edge cases of markdown cells', () => {
    const cells = [
      md('first'),
      md('second\n'),
      md('\n\nthird with blank lines before'),
      md(''),
      md('   '),
      md(`has a\n${CELL_SEPARATOR}\nline`),
      md('unclosed fence\n```js\ncode'),
      md('~~~\n```sql name=inside_tilde\n~~~'),
      md('---\nnot front matter\n---'),
      md('last one, with a newline\n\n'),
    ];
    const text = roundTrip(notebookOf('Markdown', cells));
    expect(text).toContain(`first\n\n${CELL_SEPARATOR}\n\nsecond\n\n\n${CELL_SEPARATOR}\n\n\n\nthird`);
    expect(text).toContain('```markdown\n\n```');
    expect(text).toContain('```markdown\n   \n```');
  });

  it('keeps unicode everywhere', () => {
    roundTrip(
      notebookOf('Rétention 📈 顧客', [
        md('Ünïcödé — “quotes” ✓ 😀\u2028separator'),
        sql('u', "SELECT '日本語' AS \"列\", '😀' AS e"),
        { kind: 'chart', from: 'u', spec: { x: '列', y: 'e' } },
        { kind: 'params', params: [{ name: 'ville', type: 'select', value: 'Zürich', options: ['Zürich', 'São Paulo'] }] },
      ]),
      ['données.csv', 'https://example.com/a b.csv'],
    );
  });

  it.each([
    ['Q3: churn'],
    ['true'],
    ['2024'],
    [' padded '],
    [''],
    ['line\nbreak'],
    ['# not a comment'],
    ["it's fine"],
    ['ends with colon:'],
  ])('quotes the title %j when YAML would misread it, and reads it back', (title) => {
    const text = roundTrip(notebookOf(title, []));
    expect(text.split('\n')[2]).toBe(`title: ${JSON.stringify(title)}`.replace(`title: "it's fine"`, "title: it's fine"));
  });

  it('lists data files in the front matter', () => {
    const text = roundTrip(notebookOf('Data', [md('x')]), ['orders.csv', '2024.csv', 'https://example.com/f.csv']);
    expect(text).toContain('data:\n  - orders.csv\n  - "2024.csv"\n  - https://example.com/f.csv\n---');
  });

  it('reads -0 as 0 (JSON links cannot carry -0)', () => {
    const cell = parseNotebook(`${FRONT}\n\`\`\`params\nz: number = -0 min=-0\n\`\`\`\n`).notebook.cells[0];
    expect(cell.kind === 'params' && [Object.is(cell.params[0].value, 0), Object.is(cell.params[0].min, 0)]).toStrictEqual([true, true]);
  });

  it('stores line breaks in cell text as LF', () => {
    const parsed = parseNotebook(serializeNotebook(notebookOf('CR', [sql('a', 'SELECT 1\r\nFROM x\rWHERE y')])));
    expect(parsed.notebook.cells[0]).toMatchObject({ source: 'SELECT 1\nFROM x\nWHERE y' });
  });

  it('gives fresh ids and timestamps, and keeps nothing of the old notebook', () => {
    const original = notebookOf('Ids', [md('a'), md('b')]);
    const { notebook } = parseNotebook(serializeNotebook(original));
    expect(notebook.id).not.toBe(original.id);
    expect(notebook.version).toBe(0);
    expect(notebook.createdAt).toBeGreaterThan(1000);
    expect(new Set(notebook.cells.map((c) => c.id)).size).toBe(2);
    expect(notebook.cells.map((c) => c.id)).not.toContain('c0');
  });

  it('refuses to write a notebook that could not be read back', () => {
    expect(() => serializeNotebook(notebookOf('Bad', [sql('has space', 'SELECT 1')]))).toThrow(NotebookValidationError);
    expect(() => serializeNotebook(notebookOf('Bad', [md('x')]), { dataFiles: [''] })).toThrow(/data file name is empty/);
  });
});

describe('parseNotebook on hand-written files', () => {
  it('reads CRLF files, a BOM, comments, unknown keys and attributes, and a JSON chart body', () => {
    const text = [
      '\uFEFF---',
      "title: 'It''s mine'",
      'author: someone # unknown key',
      'tags:',
      '  - ignored',
      'format: recur-notebook/1',
      '---',
      'Intro',
      '```sql name=a future=yes hidden',
      'SELECT 1',
      '```',
      '```params',
      '# a comment',
      '',
      'p: number=3 unit=days "P"',
      '```',
      '```chart from=a',
      '{ "mark": "dot", "x": "a", "unknown": 1 }',
      '```',
      '',
    ].join('\r\n');
    const { notebook, dataFiles } = parseNotebook(text);
    expect(notebook.title).toBe("It's mine");
    expect(dataFiles).toStrictEqual([]);
    expect(withoutIds(notebook.cells)).toStrictEqual([
      md('Intro'),
      sql('a', 'SELECT 1'),
      { kind: 'params', params: [{ name: 'p', type: 'number', value: 3, label: 'P' }] },
      { kind: 'chart', from: 'a', spec: { mark: 'dot', x: 'a' } },
    ]);
  });

  it('follows code fences inside markdown: closed ones end, and cells inside them stay text', () => {
    const text = [
      '```python',
      'x = 1',
      '```',
      '',
      '```sql name=after_python',
      'SELECT 1',
      '```',
      '~~~',
      '```sql name=inside_tilde',
      '~~~~',
      'still markdown  ',
      '<!-- cell -->   ',
      'next',
      '',
    ].join('\n');
    expect(withoutIds(parseNotebook(text).notebook.cells)).toStrictEqual([
      md('```python\nx = 1\n```'),
      sql('after_python', 'SELECT 1'),
      md('~~~\n```sql name=inside_tilde\n~~~~\nstill markdown  '),
      md('next'),
    ]);
  });

  it('reads a file without front matter, with a default title', () => {
    const { notebook } = parseNotebook('Just text\n');
    expect(notebook.title).toBe('Untitled notebook');
    expect(withoutIds(notebook.cells)).toStrictEqual([md('Just text')]);
  });

  it('does not let JSON keys such as __proto__ reach the objects it returns', () => {
    const { notebook } = parseNotebook(`${FRONT}\n\`\`\`sql name=a chart={"__proto__":{"x":"polluted"},"mark":"bar"}\nSELECT 1\n\`\`\`\n`);
    const cell = notebook.cells[0];
    expect(cell.kind === 'sql' && cell.chart).toStrictEqual({ mark: 'bar' });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('parseNotebook errors', () => {
  it.each([
    ['an unclosed block', 8, `${FRONT}\ntext\n\n\`\`\`sql name=a\nSELECT 1\n`, /never closed/],
    ['a block closed by a shorter fence', 6, `${FRONT}\n\`\`\`\`sql name=a\nSELECT 1\n\`\`\`\n`, /never closed/],
    ['an SQL block without a name', 6, `${FRONT}\n\`\`\`sql recipe=crr\nSELECT 1\n\`\`\`\n`, /needs name=/],
    ['a name that is not an identifier', 6, `${FRONT}\n\`\`\`sql name=Orders-2\nSELECT 1\n\`\`\`\n`, /not a cell name/],
    ['a name that shadows a data table', 6, `${FRONT}\n\`\`\`sql name=orders\nSELECT 1\n\`\`\`\n`, /one of the data tables/],
    ['two cells with the same name', 10, `${FRONT}\n\`\`\`sql name=a\nSELECT 1\n\`\`\`\n\n\`\`\`sql name=a\nSELECT 2\n\`\`\`\n`, /already called "a"/],
    ['an unknown parameter type', 8, `${FRONT}\n\`\`\`params\np: text = x\nq: color = red\n\`\`\`\n`, /"color" is not a parameter type/],
    ['a parameter line without a type', 7, `${FRONT}\n\`\`\`params\njust words\n\`\`\`\n`, /Expected a parameter/],
    ['a bound that is not a number', 7, `${FRONT}\n\`\`\`params\np: number = 1 min=low\n\`\`\`\n`, /min must be a number/],
    ['two values for a parameter', 7, `${FRONT}\n\`\`\`params\np: number = 1 = 2\n\`\`\`\n`, /two values/],
    ['an unclosed option list', 7, `${FRONT}\n\`\`\`params\np: select = a [a|b\n\`\`\`\n`, /expected \| or \]/],
    ['an unclosed quote in a fence', 6, `${FRONT}\n\`\`\`chart from=a x="oops\n\`\`\`\n`, /never closed/],
    ['a mark that does not exist', 6, `${FRONT}\n\`\`\`chart from=a mark=pie\n\`\`\`\n`, /mark: must be one of bar, line/],
    ['chart attributes and a JSON body', 8, `${FRONT}\n\`\`\`chart from=a mark=bar\n\n{"x":"a"}\n\`\`\`\n`, /not both/],
    ['invalid chart JSON on an SQL cell', 6, `${FRONT}\n\`\`\`sql name=a chart={"mark":bar}\nSELECT 1\n\`\`\`\n`, /not valid JSON/],
    ['a chart given as text on an SQL cell', 6, `${FRONT}\n\`\`\`sql name=a chart=bar\nSELECT 1\n\`\`\`\n`, /takes a JSON object/],
    ['a repeated attribute', 6, `${FRONT}\n\`\`\`sql name=a name=b\nSELECT 1\n\`\`\`\n`, /"name" is given twice/],
    ['an unclosed front matter', 1, '---\ntitle: T\n\n# Heading\n', /never closed/],
    ['a newer format', 3, '---\ntitle: T\nformat: recur-notebook/2\n---\n', /newer Recur/],
    ['another format', 2, '---\nformat: jupyter\n---\n', /not a Recur notebook/],
    ['a malformed front matter line', 3, '---\ntitle: T\nthis is not yaml\n---\n', /key: value/],
    ['a list under title', 3, '---\ntitle:\n  - a\n---\n', /one value/],
    ['an inline data list', 2, '---\ndata: orders.csv\n---\n', /one per line/],
  ])('%s: points at line %i', (_what, line, text, message) => {
    const error = formatError(text);
    expect(error.line).toBe(line);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(`Line ${line}: `)).toBe(true);
  });

  it('refuses files over the size limit before reading them', () => {
    const error = formatError(`${FRONT}\n${'x'.repeat(MAX_FILE_BYTES)}`);
    expect(error.line).toBeNull();
    expect(error.message).toMatch(/larger than 5 MB/);
    // The limit is in UTF-8 bytes: 2 million three-byte characters are 6 MB.
    expect(formatError(`${FRONT}\n${'€'.repeat(2_000_000)}`).message).toMatch(/larger than 5 MB/);
  });

  it('refuses more cells than the limit', () => {
    const text = `${FRONT}\n${Array.from({ length: 501 }, (_, i) => `cell ${i}`).join(`\n\n${CELL_SEPARATOR}\n\n`)}\n`;
    expect(formatError(text).message).toMatch(/501 cells; the limit is 500/);
  });
});

describe('round trip of generated notebooks', () => {
  // Fragments chosen to collide with the grammar: fences, separators, quotes, list and option syntax.
  const PIECES = ['```', '````', '~~~', '```sql name=x', '```markdown', '<!-- cell -->', '---', '\n', '\n\n', ' ', '\t', '"', "'", '`', '\\', '|', '[', ']', '=', ':', ': ', ' #', '{', '}', 'null', '12', '-3.5', 'a', 'sql', 'é', '😀', '\u2028', 'x y'];

  function generator(seed: number): { text: () => string; pick: <T>(items: readonly T[]) => T; int: (n: number) => number } {
    let state = seed;
    const int = (n: number): number => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return (state >>> 4) % n;
    };
    const pick = <T>(items: readonly T[]): T => items[int(items.length)];
    const text = (): string => Array.from({ length: int(8) }, () => pick(PIECES)).join('');
    return { text, pick, int };
  }

  it('keeps 300 notebooks made of awkward text', () => {
    const { text, pick, int } = generator(7);
    for (let n = 0; n < 300; n++) {
      const cells: Content<Cell>[] = [];
      let names = 0;
      for (let c = int(6); c > 0; c--) {
        const kind = pick(['markdown', 'markdown', 'sql', 'chart', 'params'] as const);
        if (kind === 'markdown') cells.push(md(text()));
        else if (kind === 'sql') cells.push(sql(`cell_${names++}`, text(), int(2) ? { chart: { x: text(), sort: 'y' }, explain: text() } : { recipe: 'r-1' }));
        else if (kind === 'chart') cells.push({ kind: 'chart', from: 'cell_0', spec: int(2) ? { color: text(), facet: text() } : {} });
        else {
          const value = pick([null, int(1000) - 500, text()]);
          cells.push({ kind: 'params', params: [{ name: 'p', type: 'select', value, options: [text(), text()], label: text() }] });
        }
      }
      roundTrip(notebookOf(text(), cells), int(2) ? [text() || 'f.csv'] : []);
    }
  });
});
