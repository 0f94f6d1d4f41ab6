// URL fuzz: 500 random/adversarial query strings from the shared generator
// (src/testing/adversarial.ts — the CLI fuzz in src/cli/args.test.ts draws from the same one) against
// the built app. Per query: the page renders (#root filled, never blank), no uncaught error or console
// error, URL text never becomes markup, and it shows exactly the notices the decoder reports for that
// URL. Runs are not waited for: the check is the first render.
import { expect, test } from '@playwright/test';
import { decodeState } from '../src/state/url';
import { fitRequestLine, fuzzCases, fuzzQuery } from '../src/testing/adversarial';

const COUNT = 500;

test(`${COUNT} adversarial query strings: no uncaught error, no blank page, notices as decoded`, async ({ page }) => {
  test.setTimeout(600_000);
  // Very long cases are cut to fit the preview server's request-line limit (see fitRequestLine).
  const cases = fuzzCases(COUNT, 2024, (rng) => fitRequestLine(fuzzQuery(rng)));
  let current = -1;
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`#${current} pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`#${current} console: ${m.text().slice(0, 200)}`);
  });
  await page.addInitScript(() => {
    (globalThis as unknown as { __pwned?: number }).__pwned = undefined;
  });
  const started = Date.now();
  let withNotices = 0;
  let longest = 0;
  for (let i = 0; i < cases.length; i++) {
    current = i;
    const what = `#${i} ${cases[i].slice(0, 120)}`;
    await page.goto(`./${cases[i]}`, { waitUntil: 'domcontentloaded' });
    // First render: the app (full or embed) has put its panels or header into #root.
    await page.waitForFunction(
      () => (document.getElementById('root')?.children.length ?? 0) > 0 && document.body.innerText.trim().length > 20,
      null,
      { timeout: 20_000 },
    );
    const seen = await page.evaluate(() => ({
      url: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).name,
      notices: document.querySelectorAll('[data-testid=notices] li').length,
      pwned: (globalThis as unknown as { __pwned?: number }).__pwned,
      injected: document.querySelectorAll('img[src="x"], svg[onload], script:not([src])').length,
    }));
    const expected = decodeState(new URL(seen.url).search).notices.length;
    expect(seen.notices, what).toBe(expected);
    expect(seen.pwned, what).toBeUndefined();
    expect(seen.injected, what).toBe(0);
    expect(errors, what).toEqual([]);
    if (expected > 0) withNotices++;
    longest = Math.max(longest, seen.url.length);
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `URL fuzz: ${cases.length} queries in ${seconds.toFixed(1)} s (${((seconds / cases.length) * 1000).toFixed(0)} ms each), ${withNotices} with notices, longest URL ${longest} chars, 0 uncaught errors, 0 blank pages`,
  );
  test.info().annotations.push({
    type: 'fuzz',
    description: `${cases.length} queries, ${seconds.toFixed(1)} s, ${withNotices} with notices`,
  });
  expect(withNotices).toBeGreaterThan(COUNT / 2);
});
