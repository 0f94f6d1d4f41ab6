/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { cspMeta } from './src/security/csp.ts';
import { licenceFile } from './src/build/licenseFile.ts';

// Licence banners are left out of the bundles; the licences of every package bundled, the page's and
// the Worker's, go to one file beside index.html, licenses.md (src/build/licenseFile.ts).
const output = { comments: { legal: false } };
const licences = licenceFile('licenses.md');
// The build-time report on slow plugins times the Worker bundling inside the page's build (seconds on a
// shared CI machine): a note on build speed, not on the bundle, so it is not a warning here.
const checks = { bundlerTimings: false };

// Relative base: the static build runs from any sub-path, offline.
export default defineConfig({
  base: './',
  // cspMeta: the built index.html carries the Content Security Policy (src/security/csp.ts).
  plugins: [react(), cspMeta(), licences.emit],
  worker: {
    format: 'es',
    plugins: () => [licences.collect()],
    rolldownOptions: { output, checks },
  },
  build: {
    target: 'es2022',
    // Fonts (KaTeX's) stay files: the CSP allows fonts from 'self' only, not data: URLs.
    assetsInlineLimit: (file: string) => (/\.(woff2?|ttf)$/.test(file) ? false : undefined),
    // Three pages: the explorable, the preset gallery and the guided essay.
    rolldownOptions: { input: { main: 'index.html', gallery: 'gallery.html', essay: 'essay.html' }, output, checks },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Numeric specs are CPU-heavy; two workers on a 2-core machine.
    maxWorkers: 2,
  },
});
