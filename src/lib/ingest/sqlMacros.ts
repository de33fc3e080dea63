import { quoteLiteral } from '../engine/sql';
import type { DateOrder } from './types';

/**
 * SQL macros that turn messy text into typed values. Each returns NULL when
 * the text cannot be read, so the caller can reject the row with its value.
 * `recur_num` and `recur_ts` are compositions of smaller macros; the staging
 * query applies the parts in successive subqueries instead, because each
 * nested use of an argument repeats its whole expression, and binding the
 * composed form costs tens of milliseconds per column.
 *
 * - `recur_num(text, decimal_comma)`: `12.50`, `12,50`, `1.234,56`,
 *   `1,234.56`, `1 234,56`, `€12,50`, `$1,200.00`, `12.50 EUR`, `(12.50)`,
 *   `12.50-`. When both `.` and `,` occur the last one is the decimal mark;
 *   a lone separator before exactly three digits is a thousands separator
 *   unless `decimal_comma` says which.
 * - `recur_currency(text)`: `EUR`, `GBP`, … from a symbol or a 3-letter code.
 * - `recur_ts(text, formats_4digit_year, formats_2digit_year)`: ISO (with `T`,
 *   fractions, `Z` or an offset, which is dropped: the wall-clock time is
 *   kept) or the given `strptime` formats.
 * - `recur_id(text)`: trimmed id, `NULL`/`N/A`/`nan` → NULL, `17850.0` →
 *   `17850`, e-mail addresses in lower case.
 * - `recur_status_text(text)`: lower case, accents stripped, `_` for runs of spaces
 *   and dashes, no `wc-` (`normalizeStatus` in presets.ts); text already in that
 *   form (`completed`) is returned as it is, without the regular expressions.
 *
 * Two fast paths give the general case's result for the shapes most exports
 * use (a third of the staging time at 1M rows, docs/benchmarks.md):
 * `recur_ts_norm` returns `yyyy-mm-dd hh:mm:ss` as it is (a GLOB instead of
 * two regular expressions); `recur_id` returns an id of five or more letters,
 * digits, `_` and `-` as it is, only runs the `17850.0` expression on ids with
 * a `.`, and looks for the words of a missing id only in ids of up to four
 * characters (`list_contains`: an `IN` list is planned as a join over every
 * row, which a CASE cannot skip); `recur_status_text` returns text already in
 * its normal form as it is. Per million rows in WASM, these two spare 0.15 s
 * per id column and 0.5 s on the status. (One regular expression is cheaper
 * there than GLOB with a leading `*` or several string tests.) They are CASE branches because CASE skips work per row;
 * COALESCE evaluates every argument.
 */
export const INGEST_MACROS = String.raw`
CREATE OR REPLACE TEMP MACRO recur_num_clean(v) AS
  regexp_replace(
    regexp_replace(
      regexp_replace(v, '[\s\x{a0}\x{202f}'']', '', 'g'),
      '^([-−+(]?)(?:[A-Z]{3}|[A-Z]{0,2}[$€£¥₹]|kr\.?)', '\1'),
    '(?:[A-Z]{3}|[$€£¥₹]|kr\.?|:-)([-)]?)$', '\1');
CREATE OR REPLACE TEMP MACRO recur_num_unsigned(t, dc) AS
  CASE
    WHEN NOT regexp_full_match(t, '[0-9.,]*[0-9][0-9.,]*') THEN NULL
    WHEN contains(t, '.') AND contains(t, ',') THEN
      CASE WHEN strpos(reverse(t), '.') < strpos(reverse(t), ',')
        THEN CASE WHEN regexp_full_match(t, '\d{1,3}(,\d{3})*\.\d*') THEN TRY_CAST(replace(t, ',', '') AS DOUBLE) END
        ELSE CASE WHEN regexp_full_match(t, '\d{1,3}(\.\d{3})*,\d*') THEN TRY_CAST(replace(replace(t, '.', ''), ',', '.') AS DOUBLE) END
      END
    WHEN contains(t, ',') THEN
      CASE
        WHEN regexp_full_match(t, '\d{1,3}(,\d{3}){2,}') OR (NOT dc AND regexp_full_match(t, '\d{1,3},\d{3}')) THEN TRY_CAST(replace(t, ',', '') AS DOUBLE)
        WHEN regexp_full_match(t, '\d*,\d+') THEN TRY_CAST(replace(t, ',', '.') AS DOUBLE)
      END
    WHEN contains(t, '.') THEN
      CASE
        WHEN regexp_full_match(t, '\d{1,3}(\.\d{3}){2,}') OR (dc AND regexp_full_match(t, '\d{1,3}\.\d{3}')) THEN TRY_CAST(replace(t, '.', '') AS DOUBLE)
        WHEN regexp_full_match(t, '\d*\.\d+|\d+\.') THEN TRY_CAST(t AS DOUBLE)
      END
    ELSE TRY_CAST(t AS DOUBLE)
  END;
CREATE OR REPLACE TEMP MACRO recur_num_fast(v, dc) AS
  CASE WHEN (NOT dc OR NOT contains(v, '.')) AND isfinite(TRY_CAST(v AS DOUBLE)) THEN TRY_CAST(v AS DOUBLE) END;
CREATE OR REPLACE TEMP MACRO recur_num_sign(c) AS CASE WHEN regexp_matches(c, '^[-−(]|[-)]$') THEN -1 ELSE 1 END;
CREATE OR REPLACE TEMP MACRO recur_num_strip(c) AS regexp_replace(regexp_replace(c, '^[-−+(]', ''), '[-)]$', '');
CREATE OR REPLACE TEMP MACRO recur_num(v, dc) AS
  coalesce(recur_num_fast(v, dc), recur_num_sign(recur_num_clean(v)) * recur_num_unsigned(recur_num_strip(recur_num_clean(v)), dc));
CREATE OR REPLACE TEMP MACRO recur_currency(v) AS
  CASE
    WHEN v IS NULL OR isfinite(TRY_CAST(v AS DOUBLE)) THEN NULL
    WHEN contains(v, '€') THEN 'EUR'
    WHEN contains(v, '£') THEN 'GBP'
    WHEN contains(v, '¥') THEN 'JPY'
    WHEN contains(v, '₹') THEN 'INR'
    WHEN regexp_matches(v, '(^|[^A-Za-z])[A-Z]{3}([^A-Za-z]|$)') THEN regexp_extract(v, '(^|[^A-Za-z])([A-Z]{3})([^A-Za-z]|$)', 2)
    WHEN regexp_matches(v, 'US\$') THEN 'USD'
    WHEN regexp_matches(v, '(CA|C)\$') THEN 'CAD'
    WHEN regexp_matches(v, '(AU|A)\$') THEN 'AUD'
    WHEN contains(v, '$') THEN '$'
  END;
CREATE OR REPLACE TEMP MACRO recur_ts_norm(v) AS
  CASE WHEN v GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]' THEN v ELSE
  regexp_replace(
    regexp_replace(regexp_replace(trim(v), '^((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$', '\1-\2-\3'),
      '^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})[T ]\s*', '\1 '),
    '(\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)\s*(Z|z|UTC|GMT|[+-]\d{2}(:?\d{2})?)$', '\1') END;
CREATE OR REPLACE TEMP MACRO recur_ts_parse(n, f4, f2) AS
  coalesce(
    CASE WHEN regexp_matches(n, '^\d{4}[-/.]') THEN TRY_CAST(n AS TIMESTAMP) END,
    CASE WHEN regexp_matches(n, '^\d{1,2}[./-]\d{1,2}[./-]\d{2}(\D|$)') THEN try_strptime(n, f2) ELSE try_strptime(n, f4) END);
CREATE OR REPLACE TEMP MACRO recur_ts(v, f4, f2) AS recur_ts_parse(recur_ts_norm(v), f4, f2);
CREATE OR REPLACE TEMP MACRO recur_id(v) AS
  CASE
    WHEN regexp_full_match(v, '[A-Za-z0-9_-]{5,}') THEN v
    WHEN v IS NULL THEN NULL
    WHEN length(trim(v)) <= 4 AND list_contains(['', 'null', 'none', 'nan', 'n/a', 'na', '-', '#n/a'], lower(trim(v))) THEN NULL
    WHEN contains(v, '@') THEN lower(trim(v))
    WHEN contains(v, '.') THEN regexp_replace(trim(v), '^(\d+)\.0+$', '\1')
    ELSE trim(v)
  END;
CREATE OR REPLACE TEMP MACRO recur_text(v) AS nullif(trim(v), '');
CREATE OR REPLACE TEMP MACRO recur_status_text(v) AS
  CASE WHEN regexp_full_match(v, '[a-z0-9_]+') AND NOT starts_with(v, 'wc_') THEN v ELSE
  regexp_replace(regexp_replace(strip_accents(lower(recur_text(v))), '[\s-]+', '_', 'g'), '^wc_', '') END;
`;

const TIMES = ['%H:%M:%S.%f', '%H:%M:%S', '%H:%M', '%I:%M:%S %p', '%I:%M %p'];
const NAMED_MONTHS = ['%d %b %Y', '%d %B %Y', '%b %d, %Y', '%B %d, %Y', '%b %d %Y', '%B %d %Y', '%d-%b-%Y', '%d %b %Y %H:%M:%S', '%d %b %Y %H:%M', '%b %d, %Y %I:%M %p', '%b %d, %Y %I:%M:%S %p'];

/**
 * The `strptime` formats tried for non-ISO dates in a given day/month order,
 * as two SQL list literals (4-digit and 2-digit years). They are constants of
 * this module, never text from a file.
 */
export function dateFormatLists(order: DateOrder): { f4: string; f2: string } {
  const build = (year: '%Y' | '%y'): string[] => {
    const out: string[] = [];
    for (const sep of ['/', '.', '-']) {
      const date = order === 'mdy' ? `%m${sep}%d${sep}${year}` : order === 'dmy' ? `%d${sep}%m${sep}${year}` : `${year}${sep}%m${sep}%d`;
      out.push(date, ...TIMES.map((t) => `${date} ${t}`), ...TIMES.map((t) => `${date}, ${t}`));
    }
    return out;
  };
  const list = (formats: string[]): string => `[${formats.map(quoteLiteral).join(', ')}]`;
  return { f4: list([...build('%Y'), ...NAMED_MONTHS]), f2: list(build('%y')) };
}
