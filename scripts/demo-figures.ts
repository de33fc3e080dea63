// Writes the bundled demo's build-time figures to a file (run by the build, see buildTimeFiguresPlugin.ts):
//   node --import tsx scripts/demo-figures.ts OUT_FILE BUILD_ID
import { writeFile } from 'node:fs/promises';
import { demoFigures } from './cli/demoFigures';

const [out, app] = process.argv.slice(2);
if (!out || !app) {
  process.stderr.write('usage: demo-figures.ts OUT_FILE BUILD_ID\n');
  process.exit(2);
}
try {
  await writeFile(out, JSON.stringify(await demoFigures(app)));
  process.exit(0);
} catch (error) {
  process.stderr.write(`demo-figures: ${error instanceof Error ? error.message : String(error)}\n`, () => process.exit(1));
}
