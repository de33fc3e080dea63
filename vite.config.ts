import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { VitePWA } from 'vite-plugin-pwa';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY, CSP_HEADER } from './scripts/csp.ts';
import { buildTimeFigures } from './scripts/buildTimeFiguresPlugin.ts';

/** Writes the Content-Security-Policy into the built page and a `_headers` file for hosts that read one. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'recur-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: `/*\n  Content-Security-Policy: ${CSP_HEADER}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n` });
    },
  };
}

// `base: './'` keeps every asset URL relative, so the built site works from any
// static host and under any sub-folder.
export default defineConfig({
  base: './',
  plugins: [
    svelte(),
    svelteTesting(),
    contentSecurityPolicy(),
    buildTimeFigures(),
    // A Workbox service worker (vite-plugin-pwa) precaches the built app, so
    // after one visit Recur works with the network off. A new version is
    // announced in the page, never forced. The WebAssembly files (DuckDB's
    // bundles, parquet-wasm) are not precached: the engine keeps the one it
    // downloads in Cache Storage itself (src/lib/engine/bundleCache.ts), so a
    // first visit fetches DuckDB once, not once for the page and once for the
    // precache, and the Parquet reader only when a Parquet file comes.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      // The icon is precached by the glob below (known by its name, see manifestTransforms).
      includeManifestIcons: false,
      manifest: {
        name: 'Recur — retention analytics',
        short_name: 'Recur',
        description: 'Customer-retention analytics notebook that runs entirely in your browser.',
        theme_color: '#0f766e',
        background_color: '#f6f7f9',
        display: 'standalone',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,csv,json,webmanifest}'],
        // Chromium, Firefox and Safari all take the EH bundle; the MVP one's worker (for
        // browsers without wasm exceptions) is cached the first time it is used.
        globIgnores: ['**/duckdb-browser-mvp.worker-*.js'],
        navigateFallback: 'index.html',
        // Workbox fetches a file it knows by a revision with the HTTP cache
        // bypassed, so the icon the page has just shown would be downloaded again.
        // Known by its name instead, it is revalidated (304) from the HTTP cache.
        // So: rename favicon.svg (and its uses) when the icon changes.
        manifestTransforms: [async (entries) => ({ manifest: entries.map((entry) => (entry.url === 'favicon.svg' ? { ...entry, revision: null } : entry)), warnings: [] })],
        runtimeCaching: [
          { urlPattern: /duckdb-browser-mvp\.worker/, handler: 'CacheFirst', options: { cacheName: 'recur-duckdb-mvp' } },
        ],
      },
    }),
  ],
  // The browser tests run against `vite preview`, so they run under the header policy too.
  preview: { headers: { 'Content-Security-Policy': CSP_HEADER } },
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
