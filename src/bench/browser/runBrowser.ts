// `npm run bench -- --browser`: serves the bench page with Vite, opens it in headless system Chromium
// (never a downloaded browser) once per backend, and prints one markdown table (medians over repeats,
// min–max) plus bench-results/browser.json. Backends: wasm, webgl, cpu; webgpu with --enable-unsafe-webgpu.
// The cpu backend only runs the SGD and apply rows (a checkpoint there takes minutes).
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';
import { CHROMIUM_ARGS } from '../../../playwright.config';
import { fmt } from '../stats';
import type { Row } from '../measure';
import './benchResult';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function runBrowserBench(args: string[]): Promise<void> {
  const valueOf = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const port = Number(valueOf('--port') ?? process.env.E2E_PORT ?? 4301);
  const repeats = Number(valueOf('--repeats') ?? 3);
  const backends = (valueOf('--backends') ?? 'wasm,webgl,webgpu,cpu').split(',');
  const timeoutMs = Number(valueOf('--timeout') ?? 600) * 1000;
  const server = await createServer({ server: { port, strictPort: true, host: '127.0.0.1' }, logLevel: 'error' });
  await server.listen();
  const results: { backend: string; rows: Row[]; error?: string }[] = [];
  try {
    for (const backend of backends) {
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: backend === 'webgpu' ? [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'] : CHROMIUM_ARGS,
      });
      try {
        const page = await browser.newPage();
        const parts =
          backend === 'cpu'
            ? 'sgd,apply'
            : args.includes('--big')
              ? 'sgd,apply,checkpoint,preset,big'
              : 'sgd,apply,checkpoint,preset';
        const url = `http://127.0.0.1:${port}/src/bench/browser/index.html?backend=${backend}&repeats=${repeats}&parts=${parts}`;
        console.error(`browser bench: ${backend} …`);
        await page.goto(url);
        await page.waitForFunction(() => window.__bench !== undefined, undefined, { timeout: timeoutMs, polling: 500 });
        const result = (await page.evaluate(() => window.__bench))!;
        results.push(result.error ? { backend, rows: [], error: result.error } : { backend, rows: result.rows });
        if (result.error) console.error(`  ${backend}: ${result.error}`);
      } catch (err) {
        results.push({ backend, rows: [], error: err instanceof Error ? err.message.split('\n')[0] : String(err) });
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.close();
  }
  const lines = ['| backend | measurement | median (min–max) | unit | note |', '|---|---|---|---|---|'];
  for (const r of results) {
    if (r.error) lines.push(`| ${r.backend} | did not run: ${r.error.replace(/\|/g, '/')} | | | |`);
    for (const row of r.rows)
      lines.push(
        `| ${r.backend} | ${row.what} | ${fmt(row.value, row.unit === 'steps/s' ? 0 : row.unit === 's' ? 2 : 1)} | ${row.unit} | ${row.note ?? ''} |`,
      );
  }
  console.log(`headless Chromium (${CHROMIUM}), ${repeats} repeats; medians (min–max)\n`);
  console.log(lines.join('\n'));
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/browser.json', JSON.stringify({ chromium: CHROMIUM, repeats, results }, null, 2));
  console.log('\nwrote bench-results/browser.json');
}
