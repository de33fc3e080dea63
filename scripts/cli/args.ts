import { isLoadedTable, LOADED_TABLES } from '../../src/lib/ingest/canonical';
import { MAPPING_FIELDS, type ChosenEncoding, type DateOrder, type Delimiter, type MappingField, type RowKind } from '../../src/lib/ingest/types';
import { RECIPE_IDS } from '../../src/lib/recipes/catalog';
import { MODEL_RECIPES } from '../../src/lib/recipes/modelRecipes';

/** What `recur run` was asked to do. */
export interface RunArgs {
  recipe: string;
  orders: string[];
  feedback: string[];
  params: Record<string, string>;
  engine: 'wasm' | 'native';
  format: 'json' | 'csv' | 'table';
  /** Write the output to this file instead of standard output. */
  out?: string;
  /** How every given file is read and mapped, where the guess should not decide (the mapping dialog's choices). */
  read?: ReadChoices;
}

/** The mapping dialog's choices, given on the command line; each overrides the guess for every file. */
export interface ReadChoices {
  /** Field → column (`null`: leave the field unmapped). */
  map?: Partial<Record<MappingField, string | null>>;
  kind?: RowKind;
  delimiter?: Delimiter;
  header?: boolean;
  /** `.xlsx`: the sheet to read. */
  sheet?: string;
  encoding?: ChosenEncoding;
  dateOrder?: DateOrder;
  decimalComma?: boolean;
  /** Load orders without a customer column (all guests) instead of stopping. */
  allowGuests?: boolean;
}

export const USAGE =
  'usage: recur run <recipe-id> --orders <file> [--orders <file> …] [--feedback <file>] [--param name=value …] [--map field=column …] [--allow-guests] [--delim <sep>] [--no-header] [--sheet <name>] [--encoding utf-8|windows-1252|utf-16] [--date-format ymd|dmy|mdy] [--decimal-comma yes|no] [--kind orders|order_lines|feedback] [--engine wasm|native] [--format json|csv|table] [--out <file>]';

export const HELP = `${USAGE}

Runs one of Recur's recipes on order (and feedback) files, with the same
ingestion and SQL as the app, and prints its rows.

  --orders <file>     an order or order-line file (CSV, TSV, gzip, Parquet, JSON, .xlsx); repeat for several
  --feedback <file>   a customer-feedback file
  --param name=value  a recipe parameter (e.g. period=quarter, as_of=2024-06-30); repeat for several
  --map field=column  map a field to a column, overriding the guess (field=  leaves it unmapped); repeat
                      fields: ${MAPPING_FIELDS.join(', ')}
  --allow-guests      load orders although no customer column is mapped (every order a guest)
  --delim <sep>       the separator: , ; | tab whitespace (default: detected)
  --no-header         the first line is data; columns are named column_1, column_2, …
  --sheet <name>      the sheet of an .xlsx workbook to read (default: the first with cells)
  --encoding utf-8|windows-1252|utf-16  how text files are decoded (latin-1 means windows-1252; default: detected)
  --date-format ymd|dmy|mdy  order of year, month and day in dates (also YYYY-MM-DD, DD/MM/YYYY, MM/DD/YYYY)
  --decimal-comma yes|no  read 1.234,56 (yes) or 1,234.56 (no)
  --kind orders|order_lines|feedback  what one row is
  --engine wasm|native  DuckDB-WASM (as in the browser, default) or native DuckDB
  --format json|csv|table  json (default), csv, or an aligned table with the explanation
  --out <file>        write the output to a file instead of standard output

Recipes: ${[...RECIPE_IDS, ...MODEL_RECIPES.map((r) => r.id)].join(', ')}.
`;

/** True when the user asked for help (or gave nothing at all). */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.length === 0 || argv[0] === 'help' || argv.includes('--help') || argv.includes('-h');
}

/** Parses `run <recipe> --orders f …`; throws a one-line reason for anything it cannot use. */
export function parseArgs(argv: readonly string[]): RunArgs {
  const [command, recipe, ...rest] = argv;
  if (command !== 'run' || !recipe || recipe.startsWith('--')) throw new Error(USAGE);
  const args: RunArgs = { recipe, orders: [], feedback: [], params: {}, engine: 'wasm', format: 'json' };
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    if (flag === '--allow-guests' || flag === '--no-header') {
      args.read = { ...args.read, ...(flag === '--allow-guests' ? { allowGuests: true } : { header: false }) };
      continue;
    }
    const value = rest[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value. ${USAGE}`);
    i += 1;
    switch (flag) {
      case '--orders':
        args.orders.push(value);
        break;
      case '--feedback':
        args.feedback.push(value);
        break;
      case '--param': {
        const at = value.indexOf('=');
        if (at < 1) throw new Error(`--param takes name=value, not "${value}".`);
        args.params[value.slice(0, at)] = value.slice(at + 1);
        break;
      }
      case '--engine':
        if (value !== 'wasm' && value !== 'native') throw new Error(`--engine is wasm or native, not "${value}".`);
        args.engine = value;
        break;
      case '--out':
        args.out = value;
        break;
      case '--format':
        if (value !== 'json' && value !== 'csv' && value !== 'table') throw new Error(`--format is json, csv or table, not "${value}".`);
        args.format = value;
        break;
      case '--sheet':
        args.read = { ...args.read, sheet: value };
        break;
      case '--encoding': {
        const encoding = ENCODINGS[value.toLowerCase().replace(/[\s_]/g, '-')];
        if (!encoding) throw new Error(`--encoding is utf-8, windows-1252 (latin-1) or utf-16, not "${value}".`);
        args.read = { ...args.read, encoding };
        break;
      }
      case '--map':
      case '--delim':
      case '--date-format':
      case '--decimal-comma':
      case '--kind':
        args.read = readChoice(args.read ?? {}, flag, value);
        break;
      default:
        throw new Error(`Unknown option ${flag}. ${USAGE}`);
    }
  }
  if (args.orders.length === 0 && args.feedback.length === 0) throw new Error(`Give at least one --orders file. ${USAGE}`);
  return args;
}

const ENCODINGS: Record<string, ChosenEncoding> = {
  'utf-8': 'utf-8', utf8: 'utf-8', 'windows-1252': 'windows-1252', cp1252: 'windows-1252', 'latin-1': 'windows-1252', latin1: 'windows-1252',
  'iso-8859-1': 'windows-1252', 'utf-16': 'utf-16', utf16: 'utf-16',
};

const DELIMITERS: Record<string, Delimiter> = {
  ',': ',', comma: ',', ';': ';', semicolon: ';', '|': '|', pipe: '|', tab: '\t', '\\t': '\t', '\t': '\t',
  whitespace: 'whitespace', space: 'whitespace', ' ': 'whitespace',
};

/** One of the dialog's choices from `--map`, `--delim`, `--date-format`, `--decimal-comma` or `--kind`. */
function readChoice(read: ReadChoices, flag: string, value: string): ReadChoices {
  switch (flag) {
    case '--map': {
      const at = value.indexOf('=');
      const field = value.slice(0, Math.max(at, 0)) as MappingField;
      if (at < 1 || !MAPPING_FIELDS.includes(field)) {
        throw new Error(`--map takes field=column with a field among ${MAPPING_FIELDS.join(', ')}, not "${value}".`);
      }
      return { ...read, map: { ...read.map, [field]: value.slice(at + 1) || null } };
    }
    case '--delim': {
      const delimiter = DELIMITERS[value.toLowerCase()];
      if (!delimiter) throw new Error(`--delim is one of , ; | tab whitespace, not "${value}".`);
      return { ...read, delimiter };
    }
    case '--date-format': {
      const dateOrder = dateOrderOf(value);
      if (!dateOrder) throw new Error(`--date-format is ymd, dmy or mdy (or YYYY-MM-DD, DD/MM/YYYY, MM/DD/YYYY), not "${value}".`);
      return { ...read, dateOrder };
    }
    case '--decimal-comma':
      if (!['yes', 'no', 'true', 'false'].includes(value)) throw new Error(`--decimal-comma is yes or no, not "${value}".`);
      return { ...read, decimalComma: value === 'yes' || value === 'true' };
    default:
      if (!isLoadedTable(value)) throw new Error(`--kind is ${LOADED_TABLES.slice(0, -1).join(', ')} or ${LOADED_TABLES.at(-1)}, not "${value}".`);
      return { ...read, kind: value };
  }
}

/** `dmy`, `DD/MM/YYYY`, `%d.%m.%Y` … → the order of day, month and year. */
function dateOrderOf(value: string): DateOrder | null {
  const letters = value.toLowerCase().replace(/[^dmy]/g, '').replace(/(.)\1+/g, '$1');
  return letters === 'ymd' || letters === 'dmy' || letters === 'mdy' ? letters : null;
}
