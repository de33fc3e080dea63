import type { FileSource, RegisteredFile } from '../engine/api';
import type { FeedbackScale, LoadedTable, OrderStatus } from './canonical';

/** How the bytes of a file are laid out. JSON, NDJSON and one sheet of an `.xlsx` workbook are converted to CSV before DuckDB reads them. */
export type FileFormat = 'csv' | 'parquet' | 'json' | 'ndjson' | 'xlsx';

export interface DetectedFormat {
  format: FileFormat;
  /** The file is gzip-compressed (by its magic bytes, whatever its name says). */
  gzip: boolean;
}

/**
 * A file's text encoding. DuckDB's `read_csv` decodes `utf-8`, `utf-16` and
 * `latin-1` itself; `windows-1252` files (Latin-1 plus `€`, curly quotes… in
 * bytes 0x80–0x9F, which DuckDB's Latin-1 decoder refuses) are converted to
 * UTF-8 by `openFile` before DuckDB reads them, and so are `utf-16be` files
 * (DuckDB's `utf-16` is little-endian) and `utf-16le` ones (UTF-16 without a
 * byte-order mark, when the user says so).
 */
export type TextEncoding = 'utf-8' | 'utf-16' | 'utf-16be' | 'utf-16le' | 'latin-1' | 'windows-1252';

/** An encoding the user can choose for a text file (`ReadOptions.encoding`); Windows-1252 covers Latin-1. */
export type ChosenEncoding = 'utf-8' | 'windows-1252' | 'utf-16';

/** What one row of a file stands for. */
export type RowKind = LoadedTable;

/** Known export layouts; `generic` means columns were matched by name only. */
export type Preset =
  | 'shopify' | 'shopify_customers' | 'woocommerce' | 'woocommerce_analytics' | 'bigcommerce' | 'magento' | 'etsy' | 'stripe' | 'paypal'
  | 'invoice_lines' | 'surveymonkey' | 'canonical' | 'generic';

/** Order of day, month and year in dates that are not ISO (`ymd`). */
export type DateOrder = 'ymd' | 'dmy' | 'mdy';

/** Every canonical field a file column can be mapped to (orders, order lines and feedback). */
export const MAPPING_FIELDS = [
  'order_id',
  'customer_id',
  'ordered_at',
  'revenue',
  'gross_margin',
  'cost',
  'status',
  'cancelled_at',
  'channel',
  'currency',
  'sku',
  'quantity',
  'unit_price',
  'responded_at',
  'score',
  'comment',
] as const;
export type MappingField = (typeof MAPPING_FIELDS)[number];

/** Canonical field → the file's column that holds it, or `null` when the file has none. */
export type FieldMapping = Record<MappingField, string | null>;

export interface MappingOptions {
  dateOrder: DateOrder;
  /** The values looked at could not tell day/month from month/day (every value ≤ 12); `loadFile` then checks the whole column. */
  dateOrderAmbiguous: boolean;
  /** `1,234` / `1.234` (a single separator before exactly three digits) is read as 1.234 when true, 1234 when false. */
  decimalComma: boolean;
  /** Normalised status text (lower case, `_` for spaces and dashes) → canonical status. Values not listed load as `completed`, with a warning. */
  statusMap: Record<string, OrderStatus>;
  /** Invoice-style data: an order id starting with this (case-sensitive) is a cancellation, not an order. */
  cancelPrefix: string | null;
  /** Line-level data: a line with a negative quantity or a negative amount (quantity × unit price) is a return, not part of an order. */
  negativeIsReturn: boolean;
  /** Amounts are whole numbers of minor units (cents, as Stripe's API gives them): divided by 100 when loading. */
  minorUnits?: boolean;
  /** A column with the amount refunded on a payment's own row (Stripe `Amount Refunded`): revenue is net of it, a full refund is `refunded` (`refunds.ts`). */
  refundedAmount?: string | null;
  /** A column by which a refund row names the payment it refunds (PayPal `Reference Txn ID`): the two are netted into one order (`refunds.ts`). */
  refundOf?: string | null;
  /** Feedback scale; `auto` decides from the header and the whole column when loading. */
  scale: FeedbackScale | 'auto';
}

/** How a file's columns become canonical rows. Inspection guesses one; the UI may edit it before loading. */
export interface Mapping {
  kind: RowKind;
  preset: Preset;
  fields: FieldMapping;
  options: MappingOptions;
  /** Stable hash of the header, so a mapping a user fixed can be offered again for files with the same header. */
  headerSignature: string;
  /** The separator and header row the user chose, so the file is read the same way again (after a reload). */
  read?: ReadOptions;
}

/** A separator the user can choose; `whitespace` is runs of spaces or tabs (fixed-width-looking text), converted to CSV by `openFile`. */
export type Delimiter = ',' | ';' | '\t' | '|' | 'whitespace';

/** How to read a text file, where the user overrides what `openFile` detects. */
export interface ReadOptions {
  delimiter?: Delimiter;
  /** `false`: the first line is data; columns are named `column_1`, `column_2`, … */
  header?: boolean;
  /** `.xlsx`: the sheet to read (default: the first with cells). */
  sheet?: string;
  /** Text: decode the file this way instead of as detected. */
  encoding?: ChosenEncoding;
}

export interface CsvDialect {
  delimiter: string;
  quote: string;
  escape: string;
}

/** What `inspectFile` learnt about a file, enough to show it and to load it. */
export interface FileInspection {
  /** The file's own name; it identifies what the file contributed (`source_file`). */
  name: string;
  /** The registered file DuckDB reads (for JSON, the CSV it was converted to; for Parquet, not registered: `path` is empty). */
  file: RegisteredFile;
  /** Parquet only: the table `openFile` imported the rows into (through the engine's parquet-wasm), `null` otherwise. */
  table: string | null;
  /** Parquet only: the file itself, for `loadFile` to import again once an earlier load let the import go. */
  source?: FileSource;
  format: FileFormat;
  gzip: boolean;
  encoding: TextEncoding;
  /** The file starts with a byte-order mark. */
  bom: boolean;
  /** `null` for Parquet. */
  dialect: CsvDialect | null;
  /** The separator as the user chose it or as detected when the file was converted (`whitespace`); absent: `dialect` tells. */
  separator?: Delimiter;
  /** `false` when the file has no header row and its columns got generated names (`column_1`, …). */
  header?: boolean;
  /** `.xlsx`: the workbook's sheets, and the one read. */
  sheets?: string[];
  sheet?: string;
  columns: string[];
  /** The first rows (at most 20) as text, `null` for empty cells. */
  sampleRows: Array<Record<string, string | null>>;
  kind: RowKind;
  preset: Preset;
  mapping: Mapping;
  /** Why the guessed mapping cannot load yet (no date column, …); empty when it can. */
  issues: string[];
}

/** One value that kept a row out of the canonical tables. */
export interface RejectedRow {
  /** 1-based data row number (the header is not counted; a quoted field spanning lines is one row). */
  row: number;
  column: string;
  value: string | null;
  reason: string;
}

/**
 * Where every row read went. `loaded + cancelled + rejected + duplicates + alreadyLoaded = read`.
 */
export interface RowAccounting {
  read: number;
  /** Became (part of) an order, an order line or a feedback response. Orders whose status is cancelled or refunded are loaded with that status. */
  loaded: number;
  /** Line-level cancellations and returns, kept in `load_cancellations`, not in `orders`. */
  cancelled: number;
  rejected: number;
  /** Extra copies of an exact duplicate row; the first copy is counted where it went. */
  duplicates: number;
  /** Rows of orders another file already loaded (overlapping exports). */
  alreadyLoaded: number;
}

export interface CancellationSummary {
  /** Rows of the file that are cancellations or returns, duplicate copies included. */
  rows: number;
  /** Of `rows`, how many are extra copies of a duplicate row. */
  duplicateRows: number;
  /** Distinct orders (or credit notes) cancelled, refunded or returned. */
  orders: number;
  /** Value involved, positive: |quantity × unit price| of cancelled lines plus revenue of cancelled or refunded orders. */
  amount: number;
  /** Orders (or credit notes) by what happened to them: `returned` are line-level returns (negative quantity or amount). */
  byStatus: { cancelled: number; refunded: number; returned: number };
  /** `rows` split the same way, duplicate copies included. */
  rowsByStatus: { cancelled: number; refunded: number; returned: number };
}

/** The data-quality report of one loaded file. */
export interface LoadReport {
  file: string;
  kind: RowKind;
  preset: Preset;
  format: FileFormat;
  encoding: TextEncoding;
  rows: RowAccounting;
  produced: { orders: number; orderLines: number; responses: number };
  /** The first 100 rejected values, by row; all of them are in the `load_rejects` table. */
  rejects: RejectedRow[];
  /** Every rejected value counted by column and reason. */
  rejectReasons: Array<{ column: string; reason: string; count: number }>;
  cancellations: CancellationSummary;
  /** Rows read (duplicate copies included) whose customer id cell is empty. */
  rowsWithoutCustomer: number;
  /** Orders loaded without any customer id (guest orders: kept, not in customer metrics). */
  ordersWithoutCustomer: number;
  /** First and last order (or response) date loaded, `YYYY-MM-DDTHH:MM:SS`. */
  dateRange: { from: string; to: string } | null;
  /** Currency codes or symbols seen in a currency column or in amounts, e.g. `EUR`, `$`. */
  currencies: string[];
  dateOrder: DateOrder;
  /** Feedback only: the scale the scores were read on. */
  scale: FeedbackScale | null;
  warnings: string[];
  elapsedMs: number;
}

/** One step of a load, for a progress bar. */
export interface LoadProgress {
  step: 'reading' | 'checking' | 'loading' | 'reporting' | 'done';
  done: number;
  total: number;
}

export interface LoadOptions {
  onProgress?: (progress: LoadProgress) => void;
}

/** A file whose rows are in the canonical tables. */
export interface LoadedDataset {
  sourceFile: string;
  kind: RowKind;
  preset: Preset;
  rowsRead: number;
  loadedAt: string;
}
