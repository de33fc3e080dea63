import type { CDPSession } from '@playwright/test';

interface WorkerSession {
  name: string;
  sessionId: string;
  /** The id of the request not answered yet, if any. */
  waiting: number | null;
}

/**
 * The peak used JS heap of each dedicated worker, read through a
 * browser-level DevTools session. Playwright gives no CDP session for a
 * worker, so this attaches to each worker target without flattening and
 * exchanges raw protocol messages with it. A worker busy in a long
 * WebAssembly call answers late; it is not asked again until it has answered.
 */
export class WorkerHeaps {
  readonly #browser: CDPSession;
  readonly #sessions = new Map<string, WorkerSession>();
  readonly #peaks: Record<string, number> = {};
  #nextId = 1;

  constructor(browser: CDPSession) {
    this.#browser = browser;
    browser.on('Target.receivedMessageFromTarget', ({ sessionId, message }) => {
      const session = [...this.#sessions.values()].find((s) => s.sessionId === sessionId);
      const parsed = JSON.parse(message) as { id?: number; result?: { usedSize?: number } };
      if (!session || parsed.id === undefined || parsed.id !== session.waiting) return;
      session.waiting = null;
      const used = parsed.result?.usedSize;
      if (used !== undefined) this.#peaks[session.name] = Math.max(this.#peaks[session.name] ?? 0, used);
    });
  }

  get peaks(): Record<string, number> {
    return { ...this.#peaks };
  }

  /** Attaches to workers started since the last call, then asks every idle one for its heap. */
  async poke(): Promise<void> {
    const { targetInfos } = await this.#browser.send('Target.getTargets');
    for (const target of targetInfos) {
      if (target.type !== 'worker' || this.#sessions.has(target.targetId)) continue;
      const { sessionId } = await this.#browser.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
      // Built names carry a content hash: engine.worker-4unQLs2W.js → engine.worker.js.
      const name = (target.url.split('/').pop() ?? target.url).replace(/-[\w-]{8}\.js$/, '.js');
      this.#sessions.set(target.targetId, { name, sessionId, waiting: null });
    }
    for (const session of this.#sessions.values()) {
      if (session.waiting !== null) continue;
      session.waiting = this.#nextId++;
      const message = JSON.stringify({ id: session.waiting, method: 'Runtime.getHeapUsage' });
      await this.#browser.send('Target.sendMessageToTarget', { sessionId: session.sessionId, message }).catch(() => (session.waiting = null));
    }
  }
}
