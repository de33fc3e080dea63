import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';

export interface Network {
  /** Download rate of the whole link, in bits per second. */
  bitsPerSecond: number;
  /** Added before each response's first byte, in ms. */
  latencyMs: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * A slow network on the server's side, shared by every response: each answer
 * waits `latencyMs`, then its chunks (after compression, as the wire has them)
 * take their turn on one link of `bitsPerSecond`, chunk by chunk, so responses
 * running at once share it. Done here rather than with CDP's
 * `Network.emulateNetworkConditions`, which in Chromium 156 does not reach
 * DuckDB's worker (a worker the engine worker starts) or the service worker:
 * a first visit then looked faster the more it downloaded.
 */
export function throttle(network: Network): Plugin {
  const bytesPerMs = network.bitsPerSecond / 8 / 1000;
  let linkFreeAt = 0;
  const reserve = (bytes: number): number => {
    const now = performance.now();
    linkFreeAt = Math.max(now, linkFreeAt) + bytes / bytesPerMs;
    return linkFreeAt - now;
  };
  const middleware = (_req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    let turn = sleep(network.latencyMs);
    const size = (chunk: unknown): number => (typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk instanceof Uint8Array ? chunk.byteLength : 0);
    const send = (chunk: unknown, then: () => void): void => {
      turn = turn.then(() => sleep(reserve(size(chunk)))).then(then);
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      send(chunk, () => void write(chunk, ...rest));
      return true;
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      send(typeof chunk === 'function' ? undefined : chunk, () => void end(chunk, ...rest));
      return res;
    }) as typeof res.end;
    next();
  };
  return { name: 'recur-bench-throttle', configurePreviewServer: (server) => void server.middlewares.use(middleware) };
}
