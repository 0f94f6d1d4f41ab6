// Runs in the `webgpu` project (Chromium with --enable-unsafe-webgpu). A WebGPU device destroyed
// mid-run (GPUDevice.destroy → device.lost): the run moves to the next backend that starts and
// resumes from its last checkpoint; the user is told.
import { expect, test } from '@playwright/test';
import { collectErrors, snapshot, waitForState } from './helpers';

test('WebGPU device lost mid-run: switch backend, resume from the last checkpoint, tell the user', async ({ page }) => {
  const errors = collectErrors(page);
  const config = 'd=200&k=3&T=10&every=100&speed=0.3';
  await page.goto(`./?${config}&backend=wasm`);
  const reference = await waitForState(page, ['done']);
  await page.goto(`./?${config}&backend=webgpu`);
  await page.waitForFunction(
    () =>
      ((globalThis as unknown as { __eigenalign: { get(): { checkpoints: unknown[] } } }).__eigenalign.get().checkpoints
        .length ?? 0) >= 4,
    null,
    { timeout: 150_000 },
  );
  expect((await snapshot(page)).backend?.name).toBe('webgpu');
  await page.evaluate(() =>
    (globalThis as unknown as { __eigenalign: { debugFault(f: string): void } }).__eigenalign.debugFault(
      'lose-backend',
    ),
  );
  const notice = page.getByTestId('engine-notices').locator('li[data-key="backend"]');
  await expect(notice).toContainText('WebGPU device was lost');
  await expect(notice).toContainText(/switched to (webgl|wasm|cpu) and resumed from the checkpoint at step \d+/);
  const done = await waitForState(page, ['done']);
  expect(done.backend?.name).not.toBe('webgpu');
  expect(done.checkpoints.map((c) => c.step)).toEqual(reference.checkpoints.map((c) => c.step));
  const [a, b] = [done.checkpoints.at(-1)!, reference.checkpoints.at(-1)!];
  // Same parameters and samples; the last checkpoint may be measured on webgl (float32 differences).
  expect(Math.abs(a.loss - b.loss)).toBeLessThanOrEqual(1e-4 * Math.abs(b.loss));
  expect(errors.filter((e) => !/device (was )?lost|destroyed/i.test(e))).toEqual([]);
});
