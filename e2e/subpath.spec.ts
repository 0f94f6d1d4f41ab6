// The static build (npm run build, relative base) served from a sub-path by a plain static file
// server — no special headers (no COOP/COEP), nothing outside the machine — runs a preset to its end
// on wasm with no console error; the preset gallery works from there too.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { PRESET_NAMES, PRESETS } from '../src/state/presets';
import { collectErrors, waitForState } from './helpers';
import { STATIC_TYPES } from '../src/bench/staticTypes';

const DIST = resolve(process.env.E2E_DIST || 'dist'); // built by the webServer of playwright.config.ts
const SUB = '/some/sub/path/';

let server: Server;
let origin = '';
const served: string[] = [];

test.beforeAll(async () => {
  expect(existsSync(join(DIST, 'index.html')), `${DIST}/index.html (the build)`).toBe(true);
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(SUB)) {
      res.writeHead(404).end('outside the sub-path');
      return;
    }
    let file = normalize(join(DIST, path.slice(SUB.length)));
    if (!file.startsWith(DIST)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    served.push(path);
    res.writeHead(200, { 'Content-Type': STATIC_TYPES[extname(file)] ?? 'application/octet-stream' }); // and no other header
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

test('the built app runs from a sub-path: a preset to done on wasm, no console errors, offline', async ({ page }) => {
  const errors = collectErrors(page);
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith('data:') && !r.url().startsWith('blob:'))
      foreign.push(r.url());
  });
  await page.goto(`${origin}${SUB}?preset=alignment&T=3&backend=wasm`);
  const done = await waitForState(page, ['done']);
  expect(done.error).toBeUndefined();
  expect(done.backend?.name).toBe('wasm');
  expect(done.checkpoints.map((c) => c.step)).toEqual([0, 750, 900]);
  await expect(page.getByTestId('caption')).toContainText('Softmax regression');
  expect(
    served.some((p) => p.startsWith(`${SUB}assets/`) && p.endsWith('.wasm')),
    served.join('\n'),
  ).toBe(true);
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
});

test('the preset gallery lists every preset with its thumbnail, caption and a link that reproduces it', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto(`${origin}${SUB}gallery.html`);
  const cards = page.locator('.card');
  await expect(cards).toHaveCount(PRESET_NAMES.length);
  for (const name of PRESET_NAMES) {
    const card = page.locator(`.card[data-preset="${name}"]`);
    await expect(card.locator('h2')).toHaveText(PRESETS[name].title);
    await expect(card.locator('.caption')).toHaveText(PRESETS[name].caption);
    const img = card.locator('img');
    await img.scrollIntoViewIfNeeded();
    await expect
      .poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth), {
        message: `thumbnail of ${name}`,
      })
      .toBe(480);
  }
  await page.locator('.card[data-preset="low-snr"] h2 a').click();
  await expect(page).toHaveURL(`${origin}${SUB}?preset=low-snr`);
  await expect(page.getByTestId('caption')).toContainText('BBP threshold');
  expect(errors).toEqual([]);
});
