import os from 'node:os';
import path from 'node:path';
import { build, preview } from 'vite';
import { REPO_ROOT } from './dataset';
import { throttle, type Network } from './throttle';

export interface AppServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Builds the app into a folder of the bench's own rather than dist/, so the
 * numbers are always those of the current source and a test server serving
 * dist/ meanwhile is left alone.
 */
export async function buildApp(outDir = path.join(os.tmpdir(), `recur-bench-dist-${process.pid}`)): Promise<string> {
  await build({ root: REPO_ROOT, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  return outDir;
}

/** `vite preview` of a built folder on 127.0.0.1:port, in this process (closing it ends it); over a slow link when `network` is given. */
export async function startPreview(outDir: string, port: number, network?: Network): Promise<AppServer> {
  const server = await preview({
    root: REPO_ROOT,
    configFile: false,
    logLevel: 'error',
    plugins: network ? [throttle(network)] : [],
    build: { outDir },
    preview: { port, strictPort: true, host: '127.0.0.1' },
  });
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}
