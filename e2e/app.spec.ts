import { expect, test } from '@playwright/test';
import { collectErrors, screenshotPanels, snapshot, waitForState } from './helpers';

test('loads with no console error and a run fills all three panels', async ({ page }, info) => {
  const errors = collectErrors(page);
  await page.goto('./');
  const done = await waitForState(page, ['done']);
  expect(done.error).toBeUndefined();
  expect(done.checkpoints.map((c) => c.step)).toEqual([0, 750, 1500, 2250, 3000, 3750, 4500, 5250, 6000, 6750, 7500]);
  expect(done.backend?.reason).toMatch(
    /^(wasm|webgl|cpu|webgpu) — fastest of \d timed here( \((webgl|webgpu|cpu)(, (webgl|webgpu|cpu))* not timed\))?$/,
  );
  await expect(page.getByTestId('backend')).toHaveText(done.backend!.reason);
  // The default run aligns (docs/MATH.md §5): every block of H and G ends well above its start.
  const last = done.checkpoints[done.checkpoints.length - 1];
  for (const s of last.spectra) expect(s.alignment, `${s.matrix} ${s.block}`).toBeGreaterThan(0.85);

  // Panel 1: one line per eigenvalue + the bulk edge, with outlier markers; the density beside it.
  await expect(page.locator('[data-testid=chart-spectrum] path[data-series=ev0]')).toHaveCount(1);
  await expect(page.locator('[data-testid=chart-spectrum] path[data-series=edge]')).toHaveCount(1);
  expect(await page.locator('[data-testid=chart-spectrum] circle').count()).toBeGreaterThanOrEqual(4 * 11);
  await expect(page.locator('[data-testid=chart-density] .eigen-ticks line.outlier')).toHaveCount(4);
  // Panel 2: one line per (matrix, block): 2 × (4 classes + full).
  await expect(page.locator('[data-testid=chart-alignment] path[data-series]')).toHaveCount(10);
  // Panel 3: k weight arrows, a canvas with drawn points, and the m_ab(t) lines.
  await expect(page.locator('[data-testid=chart-projection] line.weight')).toHaveCount(4);
  const inked = await page.locator('[data-testid=chart-projection] canvas').evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
    return n;
  });
  expect(inked).toBeGreaterThan(500);
  await expect(page.locator('[data-testid=chart-summary] path[data-series]')).toHaveCount(16);

  // Tooltips carry values.
  const box = (await page.getByTestId('chart-alignment').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.9, box.y + box.height * 0.5);
  await expect(page.locator('[data-testid=chart-alignment] .chart-tooltip')).toContainText('t = ');

  await screenshotPanels(page, info, 'default');
  expect(errors).toEqual([]);
});

test('the main thread shows no long task during a run', async ({ page }) => {
  await page.addInitScript(() => {
    const w = globalThis as unknown as { __longTasks: number[]; __counting: boolean };
    w.__longTasks = [];
    w.__counting = false;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (w.__counting) w.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  await page.goto('./?preset=minibulk');
  await waitForState(page, ['done']);
  // Measure a whole run from a fresh start (Reset), page load excluded.
  await page.evaluate(() => ((globalThis as unknown as { __counting: boolean }).__counting = true));
  const before = (await snapshot(page)).runId;
  await page.getByTestId('reset').click();
  await page.waitForFunction(
    (id) => (globalThis as unknown as { __eigenalign: { get(): { runId: number } } }).__eigenalign.get().runId > id,
    before,
  );
  const done = await waitForState(page, ['done']);
  await page.waitForTimeout(500);
  const longTasks = await page.evaluate(() => (globalThis as unknown as { __longTasks: number[] }).__longTasks);
  console.log(
    `main-thread long tasks during a ${done.checkpoints.length}-checkpoint run: ${longTasks.length} ${JSON.stringify(longTasks)}`,
  );
  test.info().annotations.push({ type: 'long-tasks', description: String(longTasks.length) });
  expect(done.checkpoints.length).toBe(11);
  expect(longTasks).toEqual([]);
});

test('moving a slider updates the URL and restarts the run', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('./?T=3');
  const first = await waitForState(page, ['done']);
  const slider = page.locator('input[type=range][data-key=lambda]');
  await slider.focus();
  for (let i = 0; i < 40; i++) await slider.press('ArrowLeft');
  await expect(page).toHaveURL(/[?&]lambda=/);
  const lambda = Number(new URL(page.url()).searchParams.get('lambda'));
  expect(lambda).toBeLessThan(50);
  expect(lambda).toBeGreaterThan(1);
  await page.waitForFunction(
    (id) => (globalThis as unknown as { __eigenalign: { get(): { runId: number } } }).__eigenalign.get().runId > id,
    first.runId,
  );
  const second = await waitForState(page, ['done']);
  expect(second.runId).toBeGreaterThan(first.runId);
  expect(second.checkpoints[0].step).toBe(0);
  expect(second.checkpoints[0].loss).not.toBe(first.checkpoints[0].loss);
  await expect(page.locator('[data-key-text=lambda]')).toHaveValue(String(lambda));
  // A view change does not restart: same run, new URL key.
  await page.getByTestId('matrix').getByRole('radio', { name: 'G' }).click();
  await expect(page).toHaveURL(/[?&]matrix=G/);
  await page.waitForTimeout(300);
  expect((await snapshot(page)).runId).toBe(second.runId);
  expect(errors).toEqual([]);
});

test('a preset URL reloaded gives the same numbers', async ({ page }) => {
  await page.goto('./?preset=low-snr&T=6&seed=3');
  await expect(page.getByTestId('caption')).toContainText('BBP threshold');
  const a = await waitForState(page, ['done']);
  await page.reload();
  const b = await waitForState(page, ['done']);
  expect(b.backend?.name).toBe(a.backend?.name);
  expect(b.checkpoints.length).toBeGreaterThan(2);
  expect(b.checkpoints).toEqual(a.checkpoints);
  // Low SNR: no outlier leaves a class block's bulk, so there is no outlier space to align with.
  const last = b.checkpoints[b.checkpoints.length - 1];
  for (const s of last.spectra)
    if (s.block !== 'full') {
      expect(s.alignment, `${s.matrix} ${s.block}`).toBeNull();
      expect(s.alignmentNote, `${s.matrix} ${s.block}`).toBe('no-outliers');
    }
});

test('a garbage URL renders with a dismissible notice naming each key', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('./?d=abc&lambda=-5&preset=nope&block=class:99&<img src=x onerror=alert(1)>=1&T=0.5');
  const notices = page.getByTestId('notices');
  await expect(notices).toBeVisible();
  for (const key of ['d', 'lambda', 'preset', 'block'])
    await expect(notices.locator(`li[data-key="${key}"]`)).toHaveCount(1);
  await expect(notices).toContainText('unknown key');
  expect(await page.locator('img').count()).toBe(0); // URL text never becomes HTML
  const done = await waitForState(page, ['done']);
  expect(done.checkpoints.length).toBeGreaterThan(0);
  await expect(page).toHaveURL(/lambda=0\.01/);
  await notices.locator('li[data-key="d"] button').click();
  await expect(notices.locator('li[data-key="d"]')).toHaveCount(0);
  await notices.getByRole('button', { name: 'Dismiss all' }).click();
  await expect(notices).toHaveCount(0);
  expect(errors).toEqual([]);
});
