import { expect, test } from '@playwright/test';
import { collectErrors } from './helpers';
import { compareFirst, firstCheckpoint } from './crossBackend';

test('webgl gives the same first checkpoint as wasm (float32 tolerance)', async ({ page }) => {
  const errors = collectErrors(page);
  const wasm = await firstCheckpoint(page, 'wasm');
  const webgl = await firstCheckpoint(page, 'webgl');
  compareFirst(wasm, webgl);
  expect(errors).toEqual([]);
});
