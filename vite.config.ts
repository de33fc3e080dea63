import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

// `base: './'` keeps every asset URL relative, so the built site works from any
// static host and under any sub-folder.
export default defineConfig({
  base: './',
  plugins: [svelte(), svelteTesting()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/recipes/**/*.test.ts', 'test/charts/**/*.test.ts', 'test/components/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
