import type { ColumnInfo, ExportFormat, Params } from '../engine/api';
import type { Row } from '../engine/rows';
import { quoteIdent } from '../engine/sql';
import { datedFileName, exportExpression, plainExportQuery, slugify } from './exportValues';

/**
 * Customer lists a marketer can load straight into the tools shops use: a
 * result with one row per customer, as CSV in the column layout of an
 * e-mail tool's or shop's customer import, money to the cent and dates in ISO.
 * The layout is a SELECT over the result, so the engine writes the file
 * (quoting and spreadsheet-formula escaping as for every other export).
 *
 * Import headers followed (looked up December 2026):
 * - Klaviyo: the profile fields of its CSV profile import (SFTP import tool /
 *   Bulk Import Profiles, API revision 2026-10-15): `email`, `phone_number`,
 *   `external_id`, `first_name`, `last_name`; other columns become custom properties.
 * - Mailchimp: "Format guidelines for your import file": `Email Address` is
 *   the one required column; others map to audience fields (`First Name`,
 *   `Last Name`, `Phone Number`) or new text/number fields; a `Tags` column can be imported as tags.
 * - Shopify: the admin's customer CSV (customer_template.csv): `First Name`,
 *   `Last Name`, `Email` (the column must be present), `Phone`, `Tags`, `Note`.
 *   `Accepts Email Marketing` is left out on purpose: Recur does not know consent.
 */
export type ListLayout = 'plain' | 'klaviyo' | 'mailchimp' | 'shopify';

/** What the export menu offers: all columns in any format, or a tool's import layout as CSV. */
export interface ListChoice {
  key: string;
  layout: ListLayout;
  format: ExportFormat;
  label: string;
  /** The tool rejects a row without an e-mail address. */
  needsEmail: boolean;
}

export const LIST_CHOICES: readonly ListChoice[] = [
  { key: 'plain-csv', layout: 'plain', format: 'csv', label: 'Any tool (CSV)', needsEmail: false },
  { key: 'plain-parquet', layout: 'plain', format: 'parquet', label: 'Any tool (Parquet)', needsEmail: false },
  { key: 'plain-json', layout: 'plain', format: 'json', label: 'Any tool (JSON)', needsEmail: false },
  { key: 'klaviyo', layout: 'klaviyo', format: 'csv', label: 'Klaviyo', needsEmail: true },
  { key: 'mailchimp', layout: 'mailchimp', format: 'csv', label: 'Mailchimp', needsEmail: true },
  { key: 'shopify', layout: 'shopify', format: 'csv', label: 'Shopify customers', needsEmail: true },
];

/** Which column of a result holds each piece of a customer, by name. */
export interface CustomerColumns {
  id: string | null;
  /** A column of e-mail addresses; the id column when the ids are addresses. */
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  segment: string | null;
}

const NAMES: Record<Exclude<keyof CustomerColumns, 'email'>, readonly string[]> = {
  id: ['customer_id', 'customer', 'customerid', 'client_id'],
  firstName: ['first_name', 'firstname', 'given_name'],
  lastName: ['last_name', 'lastname', 'surname', 'family_name'],
  phone: ['phone', 'phone_number', 'mobile'],
  segment: ['segment', 'rfm_segment'],
};
const EMAIL_NAMES = ['email', 'e_mail', 'email_address', 'customer_email'];
const LOOKS_LIKE_EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * The customer columns of a result, or null when it is not a list of customers
 * (no customer id and no e-mail column). `rows` (the preview) tells whether
 * the ids are e-mail addresses.
 */
export function customerColumns(columns: readonly ColumnInfo[], rows: readonly Row[]): CustomerColumns | null {
  const find = (names: readonly string[]) => columns.find((c) => names.includes(c.name.toLowerCase()))?.name ?? null;
  const id = find(NAMES.id);
  const ids = id ? rows.map((row) => row[id]).filter((v) => v !== null) : [];
  const idsAreEmails = ids.length > 0 && ids.every((v) => typeof v === 'string' && LOOKS_LIKE_EMAIL.test(v));
  const email = find(EMAIL_NAMES) ?? (idsAreEmails ? id : null);
  if (!id && !email) return null;
  return { id, email, firstName: find(NAMES.firstName), lastName: find(NAMES.lastName), phone: find(NAMES.phone), segment: find(NAMES.segment) };
}

/**
 * What the list is, for its file name and tag: `at-risk-customers` when every
 * row is in one segment, else the result's name (`win_back` → `win-back-customers`).
 * `complete` says whether `rows` are all the rows (a segment seen in a preview proves nothing).
 */
export function listName(resultName: string, rows: readonly Row[], customer: CustomerColumns, complete: boolean): string {
  const segments = customer.segment && complete ? new Set(rows.map((row) => row[customer.segment!])) : new Set();
  const [only] = segments;
  const base = segments.size === 1 && typeof only === 'string' && only.trim() ? only : resultName;
  const slug = slugify(base, 'customers');
  return /customer/.test(slug) ? slug : `${slug}-customers`;
}

/** `at-risk-customers-2011-12-09.csv`; a tool's layout adds its name: `at-risk-customers-2011-12-09-klaviyo.csv`. */
export function listFileName(name: string, asOf: string | null, layout: ListLayout, extension = 'csv'): string {
  return datedFileName([name, asOf, layout === 'plain' ? null : layout], extension);
}

/**
 * The SELECT that writes `table` in `layout`: the tool's header names, money
 * to the cent, dates `YYYY-MM-DD` (times `YYYY-MM-DDTHH:MM:SS`), rows without
 * an e-mail left out where the tool needs one. `$list_tag` is bound, not spliced.
 */
export function customerListQuery(
  table: string,
  columns: readonly ColumnInfo[],
  customer: CustomerColumns,
  layout: ListLayout,
  tag: string,
): { sql: string; params: Params } {
  const value = (column: ColumnInfo) => exportExpression(column);
  const byName = new Map(columns.map((c) => [c.name, c]));
  const col = (name: string | null) => (name ? value(byName.get(name)!) : 'NULL');
  const standard = new Set([customer.id, customer.email, customer.firstName, customer.lastName, customer.phone].filter(Boolean));
  const others = columns.filter((c) => !standard.has(c.name));
  const as = (expression: string, header: string) => `${expression} AS ${quoteIdent(header)}`;
  const from = `FROM ${quoteIdent(table)}`;
  const withEmail = customer.email ? `WHERE nullif(trim(${quoteIdent(customer.email)}), '') IS NOT NULL` : 'WHERE false';

  if (layout === 'plain') return { sql: plainExportQuery(table, columns), params: {} };
  if (layout === 'klaviyo') {
    const fields = [
      as(col(customer.email), 'email'),
      as(col(customer.id), 'external_id'),
      ...(customer.firstName ? [as(col(customer.firstName), 'first_name')] : []),
      ...(customer.lastName ? [as(col(customer.lastName), 'last_name')] : []),
      ...(customer.phone ? [as(col(customer.phone), 'phone_number')] : []),
      as('$list_tag', 'recur_list'),
      ...others.map((c) => as(value(c), c.name)),
    ];
    return { sql: `SELECT ${fields.join(', ')} ${from} ${withEmail}`, params: { list_tag: tag } };
  }
  if (layout === 'mailchimp') {
    const fields = [
      as(col(customer.email), 'Email Address'),
      as(col(customer.firstName), 'First Name'),
      as(col(customer.lastName), 'Last Name'),
      ...(customer.phone ? [as(col(customer.phone), 'Phone Number')] : []),
      as(customer.segment ? `concat_ws(',', $list_tag, ${col(customer.segment)})` : '$list_tag', 'Tags'),
      ...(customer.id && customer.id !== customer.email ? [as(col(customer.id), 'Customer ID')] : []),
      ...others.filter((c) => c.name !== customer.segment).map((c) => as(value(c), titleCase(c.name))),
    ];
    return { sql: `SELECT ${fields.join(', ')} ${from} ${withEmail}`, params: { list_tag: tag } };
  }
  // Shopify's customer import has no custom columns: what Recur knows goes in the note.
  const note = others
    .filter((c) => c.name !== customer.segment)
    .map((c) => `'${c.name.replaceAll("'", "''")}: ' || coalesce(CAST(${value(c)} AS VARCHAR), '')`);
  const fields = [
    as(col(customer.firstName), 'First Name'),
    as(col(customer.lastName), 'Last Name'),
    as(col(customer.email), 'Email'),
    as(col(customer.phone), 'Phone'),
    as(customer.segment ? `concat_ws(', ', $list_tag, ${col(customer.segment)})` : '$list_tag', 'Tags'),
    as(note.length ? `concat_ws('; ', ${customer.id && customer.id !== customer.email ? `'customer_id: ' || ${col(customer.id)}, ` : ''}${note.join(', ')})` : 'NULL', 'Note'),
  ];
  return { sql: `SELECT ${fields.join(', ')} ${from} ${withEmail}`, params: { list_tag: tag } };
}

function titleCase(name: string): string {
  return name
    .split(/[_\s]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(' ');
}
