import { cell, openOverview, expect, test } from './helpers';

test('the worked example checks S, N and E as they are typed and applies them without Tab or Enter', async ({ page }) => {
  // Once the sample data has loaded: a template opened while it loads races the load (reported separately).
  await openOverview(page);
  await page.getByLabel('New notebook from a template').selectOption({ label: 'Retention math 101' });
  const example = cell(page, 'seed_example');
  // Columns: S, N, E, kept, crr_pct, worked.
  const crr = example.getByRole('row').nth(1).getByRole('cell').nth(4);
  await expect(crr).toHaveText('50', { timeout: 60_000 });

  const S = page.getByRole('spinbutton', { name: /^S: active at the start/ });
  const N = page.getByRole('spinbutton', { name: /^N: new in the period/ });
  const E = page.getByRole('spinbutton', { name: /^E: active at the end/ });

  // S = 0 would divide by zero: a message beside the field, and the figure stays as it was.
  await S.fill('0');
  await expect(S).toHaveAccessibleDescription('Must be at least 1.');
  await expect(S).toHaveAttribute('aria-invalid', 'true');
  await expect(example).not.toContainText('Infinity');
  await expect(crr).toHaveText('50');

  // A valid S applies on its own once typing pauses: (60 − 20) / 40 × 100 = 100 %.
  await S.fill('40');
  await expect(S).not.toHaveAttribute('aria-invalid');
  await expect(crr).toHaveText('100');
  await expect(S).toBeFocused();

  // N above E is refused, naming E; E below N likewise names N.
  await N.fill('70');
  await expect(N).toHaveAccessibleDescription('Must not be more than E: active at the end (60).');
  await page.screenshot({ path: 'test-results/param-inputs-invalid.png' });
  await expect(crr).toHaveText('100');
  await N.fill('10');
  await E.fill('5');
  await expect(E).toHaveAccessibleDescription('Must not be less than N: new in the period (10).');
  await E.fill('30');
  // (30 − 10) / 40 × 100 = 50 %
  await expect(crr).toHaveText('50');
  await page.screenshot({ path: 'test-results/param-inputs.png' });
  // Values applied while typing ran their cells one after another, with no error anywhere.
  await expect(page.getByRole('alert')).toHaveCount(0);

  // Tab goes from one value to the next, never to a remove button.
  await S.focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('slider', { name: /^N: new in the period/ })).toBeFocused();
  await expect(page.getByRole('button', { name: /^Remove parameter [a-z_]+$/ })).toHaveCount(0);
  // Removing is still there, on request.
  await page.getByRole('button', { name: 'Remove parameters…' }).first().click();
  await expect(page.getByRole('button', { name: 'Remove parameter seed_s' })).toBeVisible();
});
