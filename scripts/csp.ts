/**
 * The Content-Security-Policy of the built app, in one place. The build puts it
 * in index.html as a <meta> tag (any static host) and in `_headers` (hosts such
 * as Netlify and Cloudflare Pages, where the header also covers the workers);
 * `vite preview`, and so every browser test, serves it as a header.
 *
 * - script-src 'self' 'wasm-unsafe-eval': only the app's own scripts; DuckDB
 *   and parquet-wasm need to compile WebAssembly, nothing needs eval.
 * - worker-src 'self': the engine worker and DuckDB's nested worker are files of the app.
 * - connect-src 'self' blob:: fetches reach only the app's own host (bundles, sample
 *   data, shared notebooks); DuckDB's external access is off as well. blob: lets
 *   DuckDB's worker read its module from the copy the engine keeps in Cache Storage
 *   (src/lib/engine/bundleCache.ts); only the app's own code can make a blob: URL.
 * - style-src 'unsafe-inline': CodeMirror and Svelte insert <style> elements;
 *   styles cannot run code.
 * - img-src data: blob:: exported PNGs and chart images; no remote images.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/** Directives a <meta> tag cannot carry; only the header form has them. */
export const HEADER_ONLY_DIRECTIVES = "frame-ancestors 'self'";

/** The policy as an HTTP header value. */
export const CSP_HEADER = `${CONTENT_SECURITY_POLICY}; ${HEADER_ONLY_DIRECTIVES}`;
