// Headless runner: the app's recipes on the same ingestion and SQL, without a browser.
//   npm run recur -- run crr --orders orders.csv --param period=quarter --format json
// Built into one module by `npm run build` (dist/recur.mjs, `npx recur …`).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HELP, parseArgs, wantsHelp, type RunArgs } from './cli/args';
import { asCsv, asJson, asTable, type RunOutput } from './cli/format';

/** Runs a recipe on the given files (see scripts/cli/run.ts); the engine is loaded on first use. */
export async function run(args: RunArgs): Promise<RunOutput> {
  const heavy = await import('./cli/run');
  return heavy.run(args);
}

/** Writes all of `text` to stdout and resolves once it has been handed on, so a pipe gets every byte. */
function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (error) => (error ? reject(error) : resolve())));
}

async function main(): Promise<void> {
  try {
    const argv = process.argv.slice(2);
    if (wantsHelp(argv)) {
      await writeOut(HELP);
      process.exit(0);
    }
    const args = parseArgs(argv);
    const output = await run(args);
    const text = args.format === 'json' ? `${asJson(output)}\n` : args.format === 'csv' ? asCsv(output) : asTable(output);
    if (args.out) await writeFile(args.out, text);
    else await writeOut(text);
    process.exit(0);
  } catch (error) {
    process.stderr.write(`recur: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}\n`, () => process.exit(1));
  }
}

if (process.argv[1] && ['recur.ts', 'recur.mjs', 'recur'].includes(path.basename(process.argv[1]))) void main();
