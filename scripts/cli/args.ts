/** What `recur run` was asked to do. */
export interface RunArgs {
  recipe: string;
  orders: string[];
  feedback: string[];
  params: Record<string, string>;
  engine: 'wasm' | 'native';
  format: 'json' | 'csv' | 'table';
}

export const USAGE =
  'usage: recur run <recipe-id> --orders <file> [--orders <file> …] [--feedback <file>] [--param name=value …] [--engine wasm|native] [--format json|csv|table]';

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
