// Screenshots for the README's lecture section: each embed at 960×540 in the slides theme (the presets
// run to their end), the spectrum exported as a 1920×1080 PNG from the export menu, and the app's first
// screen on a 390×844 phone. Needs a running build:
//   npx vite build --outDir dist-shots && npx vite preview --outDir dist-shots --port 4300 &
//   npx tsx src/bench/figureScreenshots.ts http://127.0.0.1:4300/ docs/screenshots
import { chromium, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [base = 'http://127.0.0.1:4173/', out = 'docs/screenshots'] = process.argv.slice(2);
const EMBEDS: Record<string, string> = {
  spectrum: 'preset=alignment',
  alignment: 'preset=alignment',
  projection: 'preset=xor-k4',
  neurons: 'preset=xor-k4',
};

async function done(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      (globalThis as unknown as { __eigenalign?: { get(): { state: string } } }).__eigenalign?.get().state === 'done',
    undefined,
    { timeout: 180_000 },
  );
  await page.waitForTimeout(800); // the charts draw one per task after the last frame
}

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({ viewport: { width: 960, height: 540 } });
for (const [panel, query] of Object.entries(EMBEDS)) {
  await page.goto(`${base}?${query}&embed=${panel}&theme=slides&autoplay=1`);
  await done(page);
  await page.screenshot({ path: join(out, `embed-${panel}-960x540-slides.png`) });
}
await page.setViewportSize({ width: 1440, height: 1000 });
await page.goto(`${base}?preset=alignment&theme=slides`);
await done(page);
await page.getByTestId('export-menu').click();
await page.getByTestId('export-size').selectOption('1920x1080');
const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png-spectrum').click()]);
const chunks: Buffer[] = [];
for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
writeFileSync(join(out, 'export-spectrum-1920x1080.png'), Buffer.concat(chunks));
const phone = await browser.newPage({
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
});
await phone.goto(`${base}?preset=alignment`);
await done(phone);
await phone.screenshot({ path: join(out, 'phone-390x844.png') });
await browser.close();
