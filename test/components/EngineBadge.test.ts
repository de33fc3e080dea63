// @vitest-environment happy-dom
import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import EngineBadge from '../../src/components/layout/EngineBadge.svelte';
import { EngineStore } from '../../src/lib/store/engine.svelte';

/** An engine store whose start is recorded instead of spawning a worker (happy-dom has none). */
class RecordingEngineStore extends EngineStore {
  starts = 0;
  override async start(): Promise<boolean> {
    this.starts += 1;
    return false;
  }
}

describe('EngineBadge', () => {
  it('says the engine is starting, then which DuckDB is ready and how fast', () => {
    const engine = new RecordingEngineStore();
    render(EngineBadge, { engine });
    const badge = screen.getByRole('status', { name: 'Engine status' });
    expect(badge.textContent).toContain('Starting DuckDB');
    engine.info = { duckdbVersion: 'v1.4.3', bundle: 'eh', initMs: 1234 };
    engine.status = 'ready';
    flushSync();
    expect(badge.textContent).toMatch(/DuckDB v1\.4\.3\s*· eh · ready in 1\.2\d? s/);
  });

  it('shows why the engine failed and retries on request', async () => {
    const engine = new RecordingEngineStore();
    engine.status = 'failed';
    engine.error = 'WebAssembly is disabled';
    render(EngineBadge, { engine });
    expect(screen.getByRole('status', { name: 'Engine status' }).textContent).toContain('Engine failed: WebAssembly is disabled');
    await fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(engine.starts).toBe(1);
  });
});
