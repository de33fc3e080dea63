import { expect, test, type Page } from '@playwright/test';
import { ENGINE_CONTRACT } from '../contract/engineContract';
import { openOverview } from './helpers';

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

test.describe.serial('EngineApi contract — the real worker in Chromium', () => {
  // One page for the whole suite, as one app session would use the engine.
  let page: Page;
  test.beforeAll(async ({ browser }) => {
    page = await browser.newPage();
    // The app uses the same engine: let it finish loading and running the
    // overview, or its statements interleave with the cases (and cancel finds them).
    await openOverview(page);
    await expect(page.getByRole('button', { name: 'Run all' })).toBeEnabled({ timeout: 60_000 });
  });
  test.afterAll(async () => {
    await page.close();
  });
  for (const c of ENGINE_CONTRACT) {
    test(c.name, async () => {
      const outcome = await page.evaluate(`(async () => {
        try { await (${c.run.toString()})(${PAGE_KIT}); return 'ok'; }
        catch (error) { return String(error && error.stack || error); }
      })()`);
      expect(outcome).toBe('ok');
    });
  }

  test('cancel interrupts a running query in the worker, which keeps working', async () => {
    const outcome = await page.evaluate(async () => {
      const { engine } = window.__recur!;
      await engine.exec('CREATE OR REPLACE TABLE contract_big AS SELECT range AS i, random() AS r FROM range(20000000)');
      const running = engine.query('SELECT i % 100003 AS k, count(*) AS c, sum(r) AS s FROM contract_big GROUP BY 1 ORDER BY 3 DESC').then(
        () => 'finished',
        (error: Error) => `rejected: ${error.message}`,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      const cancelled = await engine.cancel();
      const result = await running;
      const after = window.__recur!.rows((await engine.query('SELECT count(*) AS n FROM contract_big')).ipc)[0].n;
      return { cancelled, result, after };
    });
    expect(outcome.cancelled).toBe(true);
    expect(outcome.result).toMatch(/rejected: .*cancel/i);
    expect(outcome.after).toBe(20000000);
  });
});
