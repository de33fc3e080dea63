import { splitRecords } from './csvText';
import { normalizeHeader } from './headers';

/** What SurveyMonkey writes in its second header row under a question that has one answer column. */
const SINGLE_ANSWER = new Set(['', 'response', 'open_ended_response']);

/**
 * The column names of a SurveyMonkey "All responses data" export, or `null`
 * for any other layout. SurveyMonkey writes two header rows: the first names
 * the respondent columns (`Respondent ID`, `Collector ID`, `Start Date`,
 * `End Date`, `IP Address`, `Email Address`, `First Name`, `Last Name`,
 * `Custom Data 1`, custom variables) and then each question once, left empty
 * over the further columns of a question with several answers; the second is
 * empty under the respondent columns and says `Response` or
 * `Open-Ended Response` under a one-answer question, or the choice or row of
 * the answer. One name per column: the question, with ` — <choice>` where
 * the second row names one.
 */
export function surveyMonkeyColumns(first: readonly string[], second: readonly string[]): string[] | null {
  const names = first.map(normalizeHeader);
  const respondent = names.indexOf('respondent_id');
  if (respondent < 0 || !names.includes('collector_id') || (second[respondent] ?? '').trim() !== '') return null;
  if (!second.some((cell) => normalizeHeader(cell) === 'response' || normalizeHeader(cell) === 'open_ended_response')) return null;
  let question = '';
  return Array.from({ length: Math.max(first.length, second.length) }, (_, i) => {
    const cell = first[i] ?? '';
    if (cell.trim() !== '') question = cell.trim();
    const sub = (second[i] ?? '').trim();
    return SINGLE_ANSWER.has(normalizeHeader(sub)) ? question : `${question} — ${sub}`;
  });
}

/**
 * CSV text whose two SurveyMonkey header rows are replaced by one (see
 * `surveyMonkeyColumns`); `null` when the text does not start that way.
 */
export function mergeSurveyMonkeyHeader(text: string, delimiter: string): string | null {
  const body = text.replace(/^\uFEFF/, '');
  const [first, second] = splitRecords(body.slice(0, 1 << 20), delimiter, '"', false, 2);
  const columns = first && second ? surveyMonkeyColumns(first.fields, second.fields) : null;
  if (!columns) return null;
  const field = (name: string): string => (name.includes(delimiter) || /["\r\n]/.test(name) ? `"${name.replaceAll('"', '""')}"` : name);
  return `${columns.map(field).join(delimiter)}\n${body.slice(recordsEnd(body, 2))}`;
}

/** The index just after the `count`-th record of CSV text (line ends inside quotes do not end a record). */
function recordsEnd(text: string, count: number): number {
  let inQuotes = false;
  let seen = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      if (++seen === count) return i + 1;
    }
  }
  return text.length;
}
