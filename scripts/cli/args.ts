import { RECIPE_IDS } from '../../src/lib/recipes/catalog';

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
}

export const USAGE =
  'usage: recur run <recipe-id> --orders <file> [--orders <file> …] [--feedback <file>] [--param name=value …] [--engine wasm|native] [--format json|csv|table] [--out <file>]';

export const HELP = `${USAGE}

Runs one of Recur's recipes on order (and feedback) files, with the same
ingestion and SQL as the app, and prints its rows.

  --orders <file>     an order or order-line file (CSV, TSV, gzip, Parquet, JSON); repeat for several
  --feedback <file>   a customer-feedback file
  --param name=value  a recipe parameter (e.g. period=quarter, as_of=2024-06-30); repeat for several
  --engine wasm|native  DuckDB-WASM (as in the browser, default) or native DuckDB
  --format json|csv|table  json (default), csv, or an aligned table with the explanation
  --out <file>        write the output to a file instead of standard output

Recipes: ${[...RECIPE_IDS, 'ltv-predictive'].join(', ')}.
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
      default:
        throw new Error(`Unknown option ${flag}. ${USAGE}`);
    }
  }
  if (args.orders.length === 0 && args.feedback.length === 0) throw new Error(`Give at least one --orders file. ${USAGE}`);
  return args;
}
