import { expect, test } from '@playwright/test';
import { ENGINE_CONTRACT } from '../contract/engineContract';
import { openApp } from './helpers';

// The same contract cases as the Node suite, run inside the page against the
// real worker. Each case's source is sent into the page and called with a kit
// built there from the app's devtools handle (window.__recur).
const PAGE_KIT = `({
  engine: window.__recur.engine,
  rows: window.__recur.rows,
  equal(actual, expected, what) {
    const a = JSON.stringify(actual), e = JSON.stringify(expected);
    if (a !== e) throw new Error(what + ': expected ' + e + ', got ' + a);
  },
  async rejects(promise, pattern, what) {
    try { await promise; } catch (error) {
      if (pattern.test(String(error && error.message))) return;
      throw new Error(what + ': error ' + String(error && error.message) + ' does not match ' + pattern);
    }
    throw new Error(what + ': expected a rejection');
  },
})`;

test.describe('EngineApi contract — the real worker in Chromium', () => {
  test.beforeEach(async ({ page }) => {
    await openApp(page);
  });
  for (const c of ENGINE_CONTRACT) {
    test(c.name, async ({ page }) => {
      const outcome = await page.evaluate(`(async () => {
        try { await (${c.run.toString()})(${PAGE_KIT}); return 'ok'; }
        catch (error) { return String(error && error.stack || error); }
      })()`);
      expect(outcome).toBe('ok');
    });
  }

  test('cancel interrupts a running query in the worker', async ({ page }) => {
    const outcome = await page.evaluate(async () => {
      const { engine } = (window as unknown as { __recur: { engine: import('../../src/lib/engine/api').EngineApi } }).__recur;
      const running = engine.query('SELECT count(*) FROM range(3000000000) a, range(10) b WHERE a.range % 7 = b.range').then(
        () => 'finished',
        (error: Error) => `rejected: ${error.message}`,
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      const cancelled = await engine.cancel();
      return { cancelled, result: await running };
    });
    expect(outcome.cancelled).toBe(true);
    expect(outcome.result).toMatch(/rejected/);
  });
});
