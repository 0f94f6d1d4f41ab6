// `npm run page-weight -- [dist] [--gpu] [--url ?query]`: what a page load of the built app fetches.
// Serves the build folder with a plain static file server, opens it in headless system Chromium, lets
// the default preset play to its end, and prints every file the server sent (the page's, its Workers'
// and their nested Workers' requests alike; files under assets/ are served as cacheable, so a file that
// the browser already has is not counted twice), raw and gzip (zlib level 9, as a server would send
// it), summed per kind (JS, wasm, CSS, HTML). `--gpu` starts Chromium with --enable-unsafe-webgpu, so that
// `navigator.gpu` exists and the auto probe may load the WebGPU backend.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { STATIC_TYPES } from './staticTypes';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export interface Fetched {
  path: string;
  raw: number;
  gzip: number;
}

export function kindOf(path: string): string {
  const ext = extname(path);
  return ext === '.js'
    ? 'JS'
    : ext === '.wasm'
      ? 'wasm'
      : ext === '.css'
        ? 'CSS'
        : ext === '.html'
          ? 'HTML'
          : ext.slice(1) || 'other';
}

/** Serves `dist`, loads `query` in Chromium until the run is done; the files served, in order. */
export async function pageWeight(dist: string, query: string, gpu: boolean): Promise<Fetched[]> {
  const root = resolve(dist);
  if (!existsSync(join(root, 'index.html')))
    throw new Error(`${root}/index.html not found: build first (npx vite build --outDir ${dist})`);
  const fetched: Fetched[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end('not found');
    const body = readFileSync(file);
    fetched.push({ path: file.slice(root.length + 1), raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
    // hashed file names under assets/: cached for good, as a production server would (so a file that
    // several Workers import is fetched once)
    const cache = path.includes('/assets/') ? { 'Cache-Control': 'public, max-age=31536000, immutable' } : {};
    res.writeHead(200, { 'Content-Type': STATIC_TYPES[extname(file)] ?? 'application/octet-stream', ...cache });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: gpu ? [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'] : CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${origin}/${query}`);
    await page.waitForFunction(
      () =>
        (globalThis as unknown as { __eigenalign?: { get(): { state: string } } }).__eigenalign?.get().state === 'done',
      undefined,
      {
        timeout: 300_000,
        polling: 250,
      },
    );
    return fetched;
  } finally {
    await browser.close();
    await new Promise<void>((r) => server.close(() => r()));
  }
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

export function weightTable(files: Fetched[]): string {
  const lines = ['| file | raw KiB | gzip KiB |', '|---|---:|---:|'];
  for (const f of files) lines.push(`| ${f.path} | ${kb(f.raw)} | ${kb(f.gzip)} |`);
  const kinds = [...new Set(files.map((f) => kindOf(f.path)))];
  for (const kind of kinds) {
    const of = files.filter((f) => kindOf(f.path) === kind);
    lines.push(
      `| **${kind} total** (${of.length} files) | ${kb(of.reduce((s, f) => s + f.raw, 0))} | ${kb(of.reduce((s, f) => s + f.gzip, 0))} |`,
    );
  }
  lines.push(
    `| **all** (${files.length} files) | ${kb(files.reduce((s, f) => s + f.raw, 0))} | ${kb(files.reduce((s, f) => s + f.gzip, 0))} |`,
  );
  return lines.join('\n');
}

const args = process.argv.slice(2);
const valueOf = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
const dist = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--url') ?? 'dist';
const gpu = args.includes('--gpu');
const files = await pageWeight(dist, valueOf('--url') ?? '', gpu);
console.log(
  `${dist}, default page load${gpu ? ' with --enable-unsafe-webgpu' : ''} (${CHROMIUM}), until the run is done\n`,
);
console.log(weightTable(files));
