// Renders the preset gallery's thumbnails (public/gallery/<preset>.png, 480×300, < 60 KB) from the
// built app itself: each preset runs to its end in an embed (spectrum + alignment, no chrome), then
// a screenshot at half pixel ratio. Run after adding or changing a preset:
//   npm run gallery:thumbs            (builds into dist-gallery, previews it, writes the PNGs)
import { mkdirSync, statSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import { PRESET_NAMES } from '../state/presets';

const OUT = 'public/gallery';
const MAX_BYTES = 60_000;

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  await build({ logLevel: 'warn', build: { outDir: 'dist-gallery' } });
  const server = await preview({
    logLevel: 'warn',
    preview: { port: 4399, strictPort: false, host: '127.0.0.1' },
    build: { outDir: 'dist-gallery' },
  });
  const base = server.resolvedUrls!.local[0];
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  mkdirSync(OUT, { recursive: true });
  try {
    for (const name of PRESET_NAMES.filter((n) => only.length === 0 || only.includes(n))) {
      const page = await browser.newPage({ viewport: { width: 960, height: 600 }, deviceScaleFactor: 0.5 });
      const t0 = Date.now();
      await page.goto(
        `${base}?preset=${name}&embed=spectrum,alignment&autoplay=1&hide=transport,text,matrix,block,scale`,
      );
      await page.waitForFunction(
        () =>
          ['done', 'diverged', 'failed'].includes(
            (globalThis as unknown as { __eigenalign: { get(): { state: string } } }).__eigenalign.get().state,
          ),
        null,
        {
          timeout: 600_000,
          polling: 500,
        },
      );
      await page.waitForTimeout(1000); // the last draws
      const path = `${OUT}/${name}.png`;
      await page.screenshot({ path });
      const bytes = statSync(path).size;
      console.log(`${path}: ${bytes} bytes, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      if (bytes > MAX_BYTES) throw new Error(`${path} is ${bytes} bytes (> ${MAX_BYTES})`);
      await page.close();
    }
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
