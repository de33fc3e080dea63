import { registerSW } from 'virtual:pwa-register';

/**
 * The service worker's news for the page: whether the app is ready to work
 * offline, and whether a new version waits (applied only when the user says).
 */
export class OfflineStatus {
  offlineReady = $state(false);
  updateWaiting = $state(false);
  #update: ((reload?: boolean) => Promise<void>) | null = null;

  /**
   * `engineStarted` resolves once DuckDB has started: the engine keeps its
   * WebAssembly in Cache Storage itself (engine/bundleCache.ts), so on a slow
   * first visit the service worker can be ready well before the engine is kept.
   */
  start(engineStarted: () => Promise<unknown>): void {
    if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
    this.#update = registerSW({
      onNeedRefresh: () => (this.updateWaiting = true),
      onOfflineReady: () => void engineStarted().then(() => (this.offlineReady = true), () => undefined),
    });
  }

  /** Switches to the new version (reloads the page; the notebook is saved first by the caller). */
  async applyUpdate(): Promise<void> {
    await this.#update?.(true);
  }

  dismiss(): void {
    this.updateWaiting = false;
    this.offlineReady = false;
  }
}
