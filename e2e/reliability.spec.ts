// Reliability: divergence, backend loss, worker crash, Content Security Policy and URL text never becoming
// HTML — forced on purpose in the built app.
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, snapshot, waitForState, type Snap } from './helpers';

type Client = {
  get(): Snap & { notices?: { key: string; message: string }[] };
  exportRun(includeData: boolean): Promise<string>;
  debugFault(f: string): void;
};
const client = (page: Page) => page.evaluate.bind(page);

async function waitForCheckpoints(page: Page, n: number): Promise<void> {
  await page.waitForFunction(
    (want) => ((globalThis as unknown as { __eigenalign: Client }).__eigenalign.get().checkpoints.length ?? 0) >= want,
    n,
    { timeout: 150_000 },
  );
}

/** No NaN/Infinity drawn anywhere: every SVG path, line and circle attribute is finite. */
async function drawnNaN(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('svg path, svg line, svg circle, svg text')].flatMap((el) =>
      [...el.attributes]
        .filter(
          (a) => /NaN|Infinity/.test(a.value) || (el.tagName === 'text' && /NaN|Infinity/.test(el.textContent ?? '')),
        )
        .map((a) => `${el.tagName} ${a.name}=${a.value.slice(0, 60)}`),
    ),
  );
}

test('a diverging step size pauses the run with the cause named, keeps the last finite checkpoint on screen and in the export', async ({
  page,
}) => {
  const errors = collectErrors(page);
  // softmax d = 300: δ = c_δ/d = 1/3 and δβ = 3.3 > 2 — the ridge factor |1 − δβ| grows the weights.
  await page.goto('./?cdelta=100&beta=10&T=200&every=5');
  const s = await waitForState(page, ['diverged']);
  expect(s.checkpoints.length).toBeGreaterThan(1);
  const last = s.checkpoints[s.checkpoints.length - 1];
  expect(last.step).toBeLessThan(600);
  expect(s.step).toBe(last.step); // the progress shows the last finite checkpoint
  for (const c of s.checkpoints) {
    expect(Number.isFinite(c.loss), `loss at ${c.step}`).toBe(true);
    for (const sp of c.spectra) {
      for (const v of [...sp.eigenvalues, sp.bulkEdge])
        expect(Number.isFinite(v), `${sp.matrix} ${sp.block} at ${c.step}`).toBe(true);
      // alignment: a finite number, or null where undefined, with the reason
      if (sp.alignment === null) expect(sp.alignmentNote, `${sp.matrix} ${sp.block} at ${c.step}`).toBeTruthy();
      else expect(Number.isFinite(sp.alignment), `${sp.matrix} ${sp.block} at ${c.step}`).toBe(true);
    }
  }
  await expect(page.getByTestId('run-state')).toHaveAttribute('data-state', 'diverged');
  await expect(page.locator('.run-message')).toContainText('c_δ too large for β');
  await expect(page.getByTestId('play')).toBeDisabled();
  await page.waitForTimeout(800); // the views of the last checkpoint are drawn
  expect(await drawnNaN(page)).toEqual([]);
  const json = await page.evaluate(() =>
    (globalThis as unknown as { __eigenalign: Client }).__eigenalign.exportRun(true),
  );
  // no NaN or Infinity; a null only as an undefined alignment (its note says why)
  expect(json).not.toMatch(/NaN|Infinity/);
  expect(json.replace(/"alignment":null/g, '')).not.toMatch(/null/);
  const file = JSON.parse(json);
  expect(file.status).toBe('diverged');
  expect(file.message).toMatch(/non-finite at step \d+ .*c_δ too large for β/);
  expect(file.checkpoints.map((c: { step: number }) => c.step)).toEqual(s.checkpoints.map((c) => c.step));
  expect(errors).toEqual([]);
});

test('WebGL context lost mid-run: the run switches backend, resumes from the last checkpoint and says so', async ({
  page,
}) => {
  const errors = collectErrors(page);
  const config = 'd=200&k=3&T=10&every=100&speed=0.3';
  // Reference: the same run on wasm, from start to end.
  await page.goto(`./?${config}&backend=wasm`);
  const reference = await waitForState(page, ['done']);
  await page.goto(`./?${config}&backend=webgl`);
  await waitForCheckpoints(page, 4);
  expect((await snapshot(page)).backend?.name).toBe('webgl');
  await page.evaluate(() =>
    (globalThis as unknown as { __eigenalign: Client }).__eigenalign.debugFault('lose-backend'),
  );
  const notice = page.getByTestId('engine-notices').locator('li[data-key="backend"]');
  await expect(notice).toContainText('WebGL context was lost');
  await expect(notice).toContainText(/switched to (wasm|cpu) and resumed from the checkpoint at step \d+/);
  const done = await waitForState(page, ['done']);
  expect(done.backend?.name).not.toBe('webgl');
  expect(done.backend?.reason).toMatch(/webgl was lost; switched/);
  // Every checkpoint once, in order: nothing lost, nothing repeated.
  expect(done.checkpoints.map((c) => c.step)).toEqual(reference.checkpoints.map((c) => c.step));
  // SGD went on with the same parameters and samples: the final loss (measured on wasm) is the reference's.
  const [a, b] = [done.checkpoints.at(-1)!, reference.checkpoints.at(-1)!];
  expect(Math.abs(a.loss - b.loss)).toBeLessThanOrEqual(1e-6 * Math.abs(b.loss));
  expect(a.accuracy).toBe(b.accuracy);
  expect(errors.filter((e) => !/CONTEXT_LOST_WEBGL|context lost/i.test(e))).toEqual([]);
});

test('a crashed engine worker is restarted with the same config and the user is told', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('./?d=100&k=3&T=20&every=100&speed=0.3');
  await waitForCheckpoints(page, 3);
  const before = await snapshot(page);
  await page.evaluate(() => (globalThis as unknown as { __eigenalign: Client }).__eigenalign.debugFault('crash'));
  const notice = page.getByTestId('engine-notices').locator('li[data-key="worker"]');
  await expect(notice).toContainText('the engine worker crashed');
  await expect(notice).toContainText('restarted it with the same config');
  const done = await waitForState(page, ['done']);
  expect(done.runId).toBeGreaterThan(before.runId);
  expect(done.checkpoints[0].step).toBe(0);
  expect(done.checkpoints.at(-1)!.step).toBe(2000);
  expect(done.checkpoints[1].loss).toBe(before.checkpoints[1].loss); // same config and seed: same numbers
  expect(errors).toEqual([]);
});

test('the Content Security Policy is in force and the app runs with no violation', async ({ page }) => {
  await page.addInitScript(() => {
    const w = globalThis as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const errors = collectErrors(page);
  await page.goto('./?T=3');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  const done = await waitForState(page, ['done']);
  expect(done.checkpoints.length).toBeGreaterThan(1);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (globalThis as unknown as { __csp: string[] }).__csp)).toEqual([]);
  expect(errors).toEqual([]);
  // It is enforced: an inline script injected into the page does not run.
  const ran = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = '(globalThis).__inline = 1';
    document.head.append(s);
    await new Promise((r) => setTimeout(r, 100));
    return (globalThis as unknown as { __inline?: number }).__inline;
  });
  expect(ran).toBeUndefined();
  expect(await page.evaluate(() => (globalThis as unknown as { __csp: string[] }).__csp.join(' '))).toContain(
    'script-src',
  );
});

test('URL text is never HTML: script and onerror probes in keys and values stay text', async ({ page }) => {
  const errors = collectErrors(page);
  const probes = [
    '<script>window.__pwned=1</script>',
    '<img src=x onerror="window.__pwned=1">',
    '"><svg onload=window.__pwned=1>',
  ];
  const query = probes
    .flatMap((p, i) => [
      `${['d', 'preset', 'block', 'matrix', 'embed', 'hide'][i]}=${encodeURIComponent(p)}`,
      `${encodeURIComponent(p)}=1`,
      `lambda=${encodeURIComponent(p)}`,
    ])
    .join('&');
  await page.goto(`./?${query}&T=0.5`);
  const notices = page.getByTestId('notices');
  await expect(notices).toBeVisible();
  await expect(notices).toContainText('<img src=x onerror');
  await expect(notices).toContainText('<script>');
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('img[src="x"], svg[onload], script:not([src])').count()).toBe(0);
  await waitForState(page, ['done', 'playing', 'paused']);
  expect(errors).toEqual([]);
});
void client;
