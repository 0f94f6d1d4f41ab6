/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { cspMeta } from './src/security/csp';

// Relative base: the static build runs from any sub-path, offline (issue 5).
export default defineConfig({
  base: './',
  // cspMeta: the built index.html carries the Content Security Policy (src/security/csp.ts).
  plugins: [react(), cspMeta()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    // Fonts (KaTeX's) stay files: the CSP allows fonts from 'self' only, not data: URLs.
    assetsInlineLimit: (file: string) => (/\.(woff2?|ttf)$/.test(file) ? false : undefined),
    // Two pages: the explorable and the preset gallery.
    rolldownOptions: { input: { main: 'index.html', gallery: 'gallery.html', essay: 'essay.html' } },
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
