// Embeds in a real reveal.js deck served from another origin: only the shown slide's figure boots and
// runs (fade keeps hidden slides in place at opacity 0; slide moves them aside), and the presenter's
// keys move the deck after a click inside a figure.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { expect, test, type Frame, type Page } from '@playwright/test';

const ROOT = process.cwd();
const DECK_PORT = Number(process.env.E2E_PORT || 4173) + 500;
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};
let server: Server;

test.beforeAll(async () => {
  server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = path.startsWith('/reveal/')
      ? join(ROOT, 'node_modules/reveal.js/dist', normalize(path.slice('/reveal/'.length)))
      : join(ROOT, 'e2e/fixtures', normalize(path));
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(DECK_PORT, '127.0.0.1', resolve));
});
test.afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

const FIGURES = ['spectrum', 'alignment', 'projection'] as const;

interface EmbedStatus {
  booted: boolean;
  state: string;
  step: number;
}

function figureFrame(page: Page, figure: string): Frame {
  const frame = page.frames().find((f) => f.url().includes(`embed=${figure}`));
  if (!frame) throw new Error(`no frame for ${figure}`);
  return frame;
}

async function status(page: Page, figure: string): Promise<EmbedStatus> {
  return figureFrame(page, figure).evaluate(() => {
    const c = (globalThis as unknown as { __eigenalign: { booted: boolean; get(): { state: string; step: number } } })
      .__eigenalign;
    return { booted: c.booted, state: c.get().state, step: c.get().step };
  });
}

async function deckIndex(page: Page): Promise<number> {
  return page.evaluate(
    () => (globalThis as unknown as { Reveal: { getIndices(): { h: number } } }).Reveal.getIndices().h,
  );
}

async function openDeck(page: Page, baseURL: string, transition: string, slide = 0): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(
    `http://127.0.0.1:${DECK_PORT}/deck.html?transition=${transition}&app=${encodeURIComponent(baseURL)}#/${slide}`,
  );
  await page.waitForFunction(() => (globalThis as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
  // every figure's frame is preloaded (reveal's view distance) and its app is up
  await expect
    .poll(async () => {
      try {
        return (await Promise.all(FIGURES.map((f) => status(page, f)))).length;
      } catch {
        return 0;
      }
    })
    .toBe(3);
}

async function goTo(page: Page, h: number): Promise<void> {
  await page.evaluate((i) => (globalThis as unknown as { Reveal: { slide(h: number): void } }).Reveal.slide(i), h);
}

for (const transition of ['fade', 'slide']) {
  test(`${transition}: only the shown slide's figure boots and runs`, async ({ page, baseURL }) => {
    await openDeck(page, baseURL!, transition);
    await page.waitForTimeout(1500); // time in which a figure that ignored the deck would have booted and played
    for (const f of FIGURES) expect(await status(page, f), f).toMatchObject({ booted: false, step: 0 });

    await goTo(page, 2); // the alignment slide
    await expect.poll(async () => (await status(page, 'alignment')).step, { timeout: 60_000 }).toBeGreaterThan(0);
    expect((await status(page, 'alignment')).booted).toBe(true);
    for (const f of ['spectrum', 'projection'])
      expect(await status(page, f), f).toMatchObject({ booted: false, step: 0 });

    await goTo(page, 1); // leave it: it pauses where it was; the spectrum slide's figure starts
    await expect.poll(async () => (await status(page, 'alignment')).state).toMatch(/paused|done/);
    const left = await status(page, 'alignment');
    await expect.poll(async () => (await status(page, 'spectrum')).step, { timeout: 60_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(500);
    expect((await status(page, 'alignment')).step).toBe(left.step); // a hidden slide does not run
    expect((await status(page, 'projection')).booted).toBe(false);
  });
}

test('the presenter’s keys move the deck after a click inside a figure', async ({ page, baseURL }) => {
  await openDeck(page, baseURL!, 'fade');
  await goTo(page, 1);
  const frame = figureFrame(page, 'spectrum');
  await expect.poll(async () => (await status(page, 'spectrum')).booted).toBe(true);
  await frame
    .locator('[data-testid="panel-spectrum"] svg')
    .first()
    .click({ position: { x: 40, y: 40 } });
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => deckIndex(page)).toBe(2);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => deckIndex(page)).toBe(1);

  // a button clicked with the mouse keeps neither Space nor PageDown: the deck moves, the button is not pressed again
  await frame.getByTestId('reset').click();
  const runId = () =>
    frame.evaluate(
      () => (globalThis as unknown as { __eigenalign: { get(): { runId: number } } }).__eigenalign.get().runId,
    );
  const afterClick = await runId();
  await page.keyboard.press(' ');
  await expect.poll(() => deckIndex(page)).toBe(2);
  await page.keyboard.press('PageUp');
  await expect.poll(() => deckIndex(page)).toBe(1);
  await frame.getByTestId('reset').click();
  await page.keyboard.press('PageDown');
  await expect.poll(() => deckIndex(page)).toBe(2);
  await goTo(page, 1);
  await page.waitForTimeout(300);
  expect(await runId()).toBe(afterClick + 1); // the second click only, no key-pressed resets
  // B blanks the screen (reveal's pause), B again brings it back
  await frame
    .locator('[data-testid="panel-spectrum"] svg')
    .first()
    .click({ position: { x: 40, y: 40 } });
  await page.keyboard.press('b');
  await expect
    .poll(() => page.evaluate(() => (globalThis as unknown as { Reveal: { isPaused(): boolean } }).Reveal.isPaused()))
    .toBe(true);
  await page.keyboard.press('b');
  await expect
    .poll(() => page.evaluate(() => (globalThis as unknown as { Reveal: { isPaused(): boolean } }).Reveal.isPaused()))
    .toBe(false);
  // Esc opens the deck's overview and closes it again
  const overview = () =>
    page.evaluate(() => (globalThis as unknown as { Reveal: { isOverview(): boolean } }).Reveal.isOverview());
  await page.keyboard.press('Escape');
  await expect.poll(overview).toBe(true);
  await page.keyboard.press('Escape');
  await expect.poll(overview).toBe(false);
  expect(await deckIndex(page)).toBe(1);

  // A control reached with Tab keeps the keys it uses itself (Space presses Reset), not the others (→).
  await frame
    .locator('[data-testid="panel-spectrum"] svg')
    .first()
    .click({ position: { x: 40, y: 40 } });
  // start the walk from the page, not from the Reset button the mouse pressed above (a chart layer that
  // takes the click without moving focus would leave it there, already "reached")
  await frame.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  // a disabled button is not in the Tab order: wait until the figure's transport is live again
  await expect(frame.getByTestId('reset')).toBeEnabled();
  for (
    let i = 0;
    i < 60 && !(await frame.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'reset'));
    i++
  )
    await page.keyboard.press('Tab');
  expect(
    await frame.evaluate(() => document.activeElement?.matches('[data-testid=reset]:focus-visible')),
    `focus after the Tab walk: ${await frame.evaluate(() => document.activeElement?.outerHTML.slice(0, 120) ?? 'none')}`,
  ).toBe(true);
  const beforeSpace = await runId();
  await page.keyboard.press(' ');
  await expect.poll(runId).toBe(beforeSpace + 1);
  expect(await deckIndex(page)).toBe(1);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => deckIndex(page)).toBe(2);
});

test('a figure on the slide the deck opens on starts (it asks the deck to announce its slide again)', async ({
  page,
  baseURL,
}) => {
  await openDeck(page, baseURL!, 'fade', 1);
  expect(await deckIndex(page)).toBe(1);
  await expect.poll(async () => (await status(page, 'spectrum')).step, { timeout: 60_000 }).toBeGreaterThan(0);
  for (const f of ['alignment', 'projection'])
    expect(await status(page, f), f).toMatchObject({ booted: false, step: 0 });
});
