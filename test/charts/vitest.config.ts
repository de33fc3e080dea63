import { defineConfig } from 'vitest/config';

// Runs the chart tests on their own until `test/charts/**/*.test.ts` is in the
// main include list: `npx vitest run --config test/charts/vitest.config.ts`.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/charts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
