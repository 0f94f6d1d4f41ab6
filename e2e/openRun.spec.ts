// Mutated run files (the shared adversarial generator, src/testing/adversarial.ts — the vitest fuzz in
// src/testing/runFileFuzz.test.ts draws from the same one) through the app's "Open run…" in Chromium.
// Per file: the app says exactly what readRunFile says in Node (the error line, or the saved run shown),
// every panel of an accepted file draws without reaching its error boundary, the page is never blank,
// no uncaught or console error, markup from the file never becomes markup. Afterwards the app still
// works: back to a live run, the transport steps and resets it.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { readRunFile } from '../src/engine/readRunFile';
import { fuzzCases, mutateRunFile } from '../src/testing/adversarial';
import { snapshot } from './helpers';

const COUNT = 150;
const NAMES = ['softmax', 'xor-ensemble', 'mlp', 'diverged', 'xor-trajectories'];
const bases = NAMES.map((name) => JSON.parse(readFileSync(`src/testing/runFiles/${name}.run.json`, 'utf8')) as unknown);

test(`the run-file fixtures and ${COUNT} mutated files through "Open run…": a message or the saved run, never a blank page or an uncaught error`, async ({
  page,
}) => {
  test.setTimeout(600_000);
  const cases = [
    ...bases.map((base, i) => ({ text: JSON.stringify(base), what: `${NAMES[i]} as written` })),
    ...fuzzCases(COUNT, 2027, (rng) => mutateRunFile(rng, bases[rng.int(bases.length)])),
  ];
  let current = -1;
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`#${current} pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.text().startsWith('eigenalign: the'))
      errors.push(`#${current} console: ${m.text().slice(0, 300)}`);
  });
  await page.addInitScript(() => {
    (globalThis as unknown as { __pwned?: number }).__pwned = undefined;
  });
  await page.goto('./?T=1&autoplay=0');
  await expect(page.getByTestId('open-run')).toBeVisible();
  let accepted = 0;
  for (const [i, { text, what }] of cases.entries()) {
    current = i;
    const name = `case-${i}.run.json`;
    const label = `#${i} ${what}`;
    const expected = readRunFile(text);
    await page
      .getByTestId('open-run-input')
      .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    if (expected.ok) {
      accepted++;
      await expect(page.getByTestId('saved-run'), label).toContainText(name);
      await expect(page.getByTestId('open-error'), label).toHaveCount(0);
      await expect(page.locator('[data-testid=chart-alignment] path[data-series]').first(), label).toBeAttached();
      await page.waitForTimeout(250); // the remaining charts draw one per task
      const shown = await page.evaluate(
        () =>
          (globalThis as unknown as { __eigenalignShown: { checkpoints: unknown[] } }).__eigenalignShown.checkpoints
            .length,
      );
      expect(shown, label).toBe(expected.file.checkpoints.length);
    } else {
      // JSON syntax errors are worded by the engine that parses; every other message is the reader's own
      const error = expected.error.startsWith('not JSON') ? 'not JSON' : expected.error;
      await expect(page.getByTestId('open-error'), label).toContainText(`${name}: ${error}`);
    }
    const seen = await page.evaluate(() => ({
      root: document.getElementById('root')?.children.length ?? 0,
      text: document.body.innerText.trim().length,
      panels: document.querySelectorAll('[data-testid^=panel-]').length,
      failed: [...document.querySelectorAll('[data-testid=panel-error]')].map((e) => e.textContent),
      pwned: (globalThis as unknown as { __pwned?: number }).__pwned,
      injected: document.querySelectorAll('img[src="x"], svg[onload], script:not([src])').length,
    }));
    expect(seen.root, label).toBeGreaterThan(0);
    expect(seen.text, label).toBeGreaterThan(100);
    expect(seen.panels, label).toBeGreaterThanOrEqual(3);
    expect(seen.failed, label).toEqual([]);
    expect(seen.pwned, label).toBeUndefined();
    expect(seen.injected, label).toBe(0);
    expect(errors, label).toEqual([]);
  }
  expect(accepted).toBeGreaterThanOrEqual(NAMES.length + 3);
  expect(cases.length - accepted).toBeGreaterThan(COUNT / 2);

  // The app still works: back to a live run, and the transport steps and resets it.
  current = cases.length;
  await page.getByTestId('close-saved').click();
  await expect(page.getByTestId('saved-run')).toHaveCount(0);
  await page.waitForFunction(
    () =>
      (globalThis as unknown as { __eigenalign?: { get(): { state: string } } }).__eigenalign?.get().state === 'paused',
    null,
    { timeout: 120_000 },
  );
  const before = await snapshot(page);
  await page.getByTestId('step').click();
  await page.waitForFunction(
    (step) => (globalThis as unknown as { __eigenalign: { get(): { step: number } } }).__eigenalign.get().step > step,
    before.step,
    { timeout: 120_000 },
  );
  // (a file's small run may already be done after one step) reset brings it back to step 0, paused
  await page.getByTestId('reset').click();
  await page.waitForFunction(
    () => {
      const s = (
        globalThis as unknown as { __eigenalign: { get(): { state: string; step: number } } }
      ).__eigenalign.get();
      return s.state === 'paused' && s.step === 0;
    },
    null,
    { timeout: 120_000 },
  );
  expect(errors).toEqual([]);
  console.log(
    `open-run fuzz: ${cases.length} files, ${accepted} accepted, ${cases.length - accepted} refused with a message, 0 panel failures, 0 uncaught errors`,
  );
});
