import { csvField } from './csvText';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Flat = Record<string, string | null>;

/**
 * Turns a JSON array of objects (or an object holding one such array) or
 * NDJSON (one object per line) into CSV text with a header: the union of the
 * keys in first-seen order, nested objects flattened to `a.b`, arrays kept as
 * JSON text, `null` as an empty field. This engine build has no JSON
 * extension, so JSON reaches DuckDB as CSV.
 */
export function jsonToCsv(text: string, format: 'json' | 'ndjson', fileName: string): string {
  const records = format === 'json' ? jsonRecords(text, fileName) : ndjsonRecords(text, fileName);
  if (records.length === 0) throw new Error(`${fileName} has no records.`);
  const columns: string[] = [];
  const seen = new Set<string>();
  const flat = records.map((record, i) => {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      throw new Error(`${fileName}: record ${i + 1} is not an object, so it has no named fields.`);
    }
    const out: Flat = {};
    flatten(record, '', out);
    for (const key of Object.keys(out)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
    return out;
  });
  // `"customer": null` beside `"customer": {"id": …}` elsewhere is the same, empty, nested object.
  const kept = columns.filter((c) => !(columns.some((o) => o.startsWith(`${c}.`)) && flat.every((row) => row[c] == null)));
  const lines = [kept.map(csvField).join(',')];
  for (const row of flat) lines.push(kept.map((c) => (row[c] == null || row[c] === '' ? '' : csvField(row[c]!))).join(','));
  return lines.join('\n') + '\n';
}

function jsonRecords(text: string, fileName: string): Json[] {
  let doc: Json;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, '')) as Json;
  } catch (error) {
    throw new Error(`${fileName} is not valid JSON: ${(error as Error).message}`);
  }
  if (Array.isArray(doc)) return doc;
  if (doc !== null && typeof doc === 'object') {
    const arrays = Object.values(doc).filter((v): v is Json[] => Array.isArray(v) && v.some((x) => x !== null && typeof x === 'object'));
    return arrays.length === 1 ? arrays[0] : [doc];
  }
  throw new Error(`${fileName} is JSON but holds no records (a list of objects).`);
}

function ndjsonRecords(text: string, fileName: string): Json[] {
  const out: Json[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      out.push(JSON.parse(line) as Json);
    } catch (error) {
      throw new Error(`${fileName} line ${i + 1} is not valid JSON: ${(error as Error).message}`);
    }
  });
  return out;
}

function flatten(value: { [key: string]: Json }, prefix: string, out: Flat): void {
  for (const [key, v] of Object.entries(value)) {
    const name = prefix + key;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flatten(v, `${name}.`, out);
    else if (Array.isArray(v)) out[name] = JSON.stringify(v);
    else out[name] = v === null ? null : String(v);
  }
}
