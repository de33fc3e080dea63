/** The front matter: format version, title, data files and the dataset manifest, written and read. */
import { type DatasetManifest, ManifestError, validateManifest } from '../dataset';
import { validateTitle } from '../validate';
import { BLANK, excerpt, FORMAT_ID, FORMAT_VERSION, MAX_DATA_FILE_CHARS, MAX_DATA_FILES, NotebookFormatError, quote, validated } from './syntax';
import { readQuoted } from './values';

/** Writes the `---` … `---` block at the top. */
export function frontMatterLines(title: string, files: readonly string[], dataset: DatasetManifest | undefined): string[] {
  const dataFiles = checkDataFiles(files, null);
  const out = ['---', `format: ${FORMAT_ID}`, `title: ${yamlScalar(title)}`];
  if (dataFiles.length > 0) out.push('data:', ...dataFiles.map((file) => `  - ${yamlScalar(file)}`));
  // The manifest as one line of JSON in single quotes: readable, and no YAML parser needed to read it back.
  if (dataset) out.push(`dataset: '${JSON.stringify(dataset).replaceAll("'", "''")}'`);
  out.push('---');
  return out;
}

/** Front matter scalars stay plain when YAML would read them as the same string; otherwise they are double-quoted. */
function yamlScalar(value: string): string {
  const plain =
    /^[\p{L}_./][^\p{Cc}\p{Cs}\u2028\u2029\uFEFF]*$/u.test(value) &&
    value.trim() === value &&
    !/: | #|:$/.test(value) &&
    !/^(?:true|false|yes|no|on|off|y|n|null|~|\.inf|\.nan)$/i.test(value);
  return plain ? value : quote(value);
}

function checkDataFiles(files: readonly unknown[], line: number | null): string[] {
  if (files.length > MAX_DATA_FILES) throw new NotebookFormatError(line, `${files.length} data files are listed; the limit is ${MAX_DATA_FILES}.`);
  return files.map((file) => {
    if (typeof file !== 'string' || file === '') throw new NotebookFormatError(line, 'A data file name is empty.');
    if (file.length > MAX_DATA_FILE_CHARS) throw new NotebookFormatError(line, `A data file name is longer than ${MAX_DATA_FILE_CHARS} characters.`);
    return file;
  });
}

function frontMatterScalar(raw: string, line: number): string {
  const value = raw.trim();
  if (value.startsWith('"')) {
    const [text, end] = readQuoted(value, 0, line);
    if (end !== value.length) throw new NotebookFormatError(line, `Unexpected text after the quoted value: ${excerpt(value.slice(end))}.`);
    return text;
  }
  if (value.startsWith("'")) {
    const m = /^'((?:[^']|'')*)'$/.exec(value);
    if (!m) throw new NotebookFormatError(line, `A single-quoted value is not closed: ${excerpt(value)}.`);
    return m[1].replaceAll("''", "'");
  }
  const comment = value.indexOf(' #');
  return (comment === -1 ? value : value.slice(0, comment)).trimEnd();
}

export interface FrontMatter {
  title: string | null;
  dataFiles: string[];
  dataset: DatasetManifest | null;
  /** Index of the first line after the front matter. */
  end: number;
}

/** Reads the `---` … `---` block at the top: `format`, `title`, `data` (a list); other keys are ignored. */
export function parseFrontMatter(lines: readonly string[]): FrontMatter {
  if (lines[0] !== '---') return { title: null, dataFiles: [], dataset: null, end: 0 };
  const end = lines.indexOf('---', 1);
  if (end === -1) throw new NotebookFormatError(1, 'The front matter opened by --- on line 1 is never closed by a --- line.');
  let title: string | null = null;
  let dataFiles: string[] | null = null;
  let dataset: DatasetManifest | null = null;
  let listKey: string | null = null;
  const seen = new Set<string>();
  for (let i = 1; i < end; i++) {
    const line = lines[i];
    const n = i + 1;
    if (BLANK.test(line) || /^[ \t]*#/.test(line)) continue;
    const item = /^[ \t]*-(?:[ \t]+([\s\S]*))?$/.exec(line);
    if (item) {
      if (listKey === null) throw new NotebookFormatError(n, 'A list item (- …) must follow a key such as `data:`.');
      if (listKey === 'data') {
        (dataFiles ??= []).push(frontMatterScalar(item[1] ?? '', n));
        checkDataFiles(dataFiles, n);
      } else if (listKey === 'format' || listKey === 'title') {
        throw new NotebookFormatError(n, `${listKey} takes one value, not a list.`);
      }
      continue;
    }
    const entry = /^([A-Za-z][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]+([\s\S]*))?$/.exec(line);
    if (!entry) {
      // An indented line under a key we do not know (a nested YAML value) is skipped with that key.
      if (/^[ \t]/.test(line) && listKey !== null && !['format', 'title', 'data'].includes(listKey)) continue;
      throw new NotebookFormatError(n, `Expected \`key: value\` in the front matter, found ${excerpt(line)}.`);
    }
    const [, key, rawValue = ''] = entry;
    if (seen.has(key)) throw new NotebookFormatError(n, `"${key}" is given twice in the front matter.`);
    seen.add(key);
    listKey = rawValue.trim() === '' ? key : null;
    if (key === 'format') {
      const version = /^recur-notebook\/(\d+)$/.exec(frontMatterScalar(rawValue, n));
      if (!version) throw new NotebookFormatError(n, `This is not a Recur notebook format (expected format: ${FORMAT_ID}).`);
      if (Number(version[1]) > FORMAT_VERSION) {
        throw new NotebookFormatError(n, `This notebook uses format version ${version[1]}, written by a newer Recur; this one reads version ${FORMAT_VERSION}.`);
      }
    } else if (key === 'title') {
      title = frontMatterScalar(rawValue, n);
      validated(() => validateTitle(title), n);
    } else if (key === 'dataset') {
      dataset = frontMatterDataset(frontMatterScalar(rawValue, n), n);
    } else if (key === 'data') {
      const value = rawValue.trim();
      if (value === '[]') dataFiles = [];
      else if (value !== '') throw new NotebookFormatError(n, 'List the data files one per line under `data:`, as `  - orders.csv`.');
    }
  }
  return { title, dataFiles: dataFiles ?? [], dataset, end: end + 1 };
}

function frontMatterDataset(json: string, line: number): DatasetManifest {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new NotebookFormatError(line, 'The dataset manifest is not valid JSON.');
  }
  try {
    return validateManifest(value);
  } catch (error) {
    if (error instanceof ManifestError) throw new NotebookFormatError(line, error.message);
    throw error;
  }
}
