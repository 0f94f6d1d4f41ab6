// Runs in the `webgpu` project only (Chromium with --enable-unsafe-webgpu: SwiftShader adapter).
import { expect, test } from '@playwright/test';
import { compareFirst, firstCheckpoint } from './crossBackend';
import { collectErrors } from './helpers';

test('webgpu gives the same first checkpoint as wasm (float32 tolerance)', async ({ page }) => {
  const errors = collectErrors(page);
  const wasm = await firstCheckpoint(page, 'wasm');
  const webgpu = await firstCheckpoint(page, 'webgpu');
  compareFirst(wasm, webgpu);
  expect(errors).toEqual([]);
});
