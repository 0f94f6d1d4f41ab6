// Two-layer networks in the app: the sub-optimal flag and the neuron view on ?preset=xor-k4, no flag
// on ?preset=xor-k4-success, and an ensemble batch on a tiny config that ends with a histogram.
import { expect, test } from '@playwright/test';
import { collectErrors, waitForState } from './helpers';

test('xor-k4: the banner names the unserved cluster and the layer-2 outliers; the neuron view has every neuron', async ({
  page,
}, info) => {
  const errors = collectErrors(page);
  await page.goto('./?preset=xor-k4');
  const done = await waitForState(page, ['done']);
  expect(done.error).toBeUndefined();
  expect(done.checkpoints).toHaveLength(21);
  const last = done.checkpoints[done.checkpoints.length - 1] as unknown as {
    diagnosis: { optimal: boolean; unserved: string[] };
    spectra: { matrix: string; block: string; outliers: number }[];
  };
  expect(last.diagnosis.optimal).toBe(false);
  expect(last.diagnosis.unserved).toEqual(['−μ']);
  const layer2 = last.spectra.find((s) => s.matrix === 'H' && s.block === 'layer2')!;
  expect(layer2.outliers).toBe(3);

  const banner = page.getByTestId('diagnosis');
  await expect(banner).toHaveAttribute('data-kind', 'suboptimal');
  await expect(banner).toHaveAttribute('data-unserved', '−μ');
  await expect(banner).toContainText('no neuron serves');
  await expect(banner).toContainText('layer 2 of H has 3 outliers');

  // the spectrum panel shows the layer-2 block (preset view) with its outlier count
  await expect(page.getByTestId('block')).toHaveValue('layer2');
  await expect(page.getByTestId('panel-spectrum')).toContainText('Now: 3 outliers above the edge');

  // neuron view: 4 neurons now, one path each, the four cluster markers
  const neurons = page.locator('[data-testid=chart-neurons] circle.neuron');
  await expect(neurons).toHaveCount(4);
  await expect(page.locator('[data-testid=chart-neurons] path.trajectory')).toHaveCount(4);
  await expect(page.locator('[data-testid=chart-neurons] path.cluster')).toHaveCount(4);
  // every neuron moved off its starting point (the path has more than one point)
  const lengths = await page
    .locator('[data-testid=chart-neurons] path.trajectory')
    .evaluateAll((paths) => paths.map((p) => (p as SVGPathElement).getTotalLength()));
  for (const l of lengths) expect(l).toBeGreaterThan(5);

  // alignment panel: layer1:i (4), layer1 and layer2 for H and G
  await expect(page.locator('[data-testid=chart-alignment] path[data-series]')).toHaveCount(12);
  await page.waitForTimeout(500);
  const path = info.outputPath('xor-k4.png');
  await page.screenshot({ path, fullPage: true });
  await info.attach('xor-k4', { path, contentType: 'image/png' });
  expect(errors).toEqual([]);
});

test('xor-k4-success: optimal, no sub-optimal flag, 4 layer-2 outliers', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('./?preset=xor-k4-success');
  const done = await waitForState(page, ['done']);
  const last = done.checkpoints[done.checkpoints.length - 1] as unknown as {
    diagnosis: { optimal: boolean };
    spectra: { matrix: string; block: string; outliers: number }[];
  };
  expect(last.diagnosis.optimal).toBe(true);
  expect(last.spectra.find((s) => s.matrix === 'H' && s.block === 'layer2')!.outliers).toBe(4);
  await expect(page.getByTestId('diagnosis')).toHaveAttribute('data-kind', 'optimal');
  await expect(page.locator('[data-kind=suboptimal]')).toHaveCount(0);
  await expect(page.locator('[data-testid=chart-neurons] circle.neuron')).toHaveCount(4);
  expect(errors).toEqual([]);
});

test('an ensemble batch on a tiny xor config runs in the Worker with progress and ends with a histogram', async ({
  page,
}, info) => {
  const errors = collectErrors(page);
  await page.goto('./?model=xor&K=4&d=24&lambda=1000&beta=0.1&T=10&every=60&full=0');
  await waitForState(page, ['done']);
  await page.getByTestId('ensemble-seeds').fill('6');
  await page.getByTestId('ensemble-run').click();
  await expect(page.getByTestId('ensemble-progress')).toBeVisible();
  await expect(page.getByTestId('ensemble-status')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  const state = await page.evaluate(() => {
    const s = (
      globalThis as unknown as {
        __eigenalignEnsemble: {
          get(): {
            entries: { seed: number; optimal: boolean; layer2: { H: { outliers: number } } }[];
            summary: { seeds: number; optimal: number; outlierHistogram: { H: number[] } };
          };
        };
      }
    ).__eigenalignEnsemble.get();
    return JSON.parse(JSON.stringify(s));
  });
  expect(state.entries.map((e: { seed: number }) => e.seed)).toEqual([1, 2, 3, 4, 5, 6]);
  expect(state.summary.seeds).toBe(6);
  const histogram: number[] = state.summary.outlierHistogram.H;
  expect(histogram.reduce((a, b) => a + b, 0)).toBe(6);
  // the chart: one bar per outlier count 0…max(4, largest), their counts summing to the seeds
  const bars = () =>
    page
      .locator('[data-testid=chart-ensemble] rect.bar')
      .evaluateAll((bars) => bars.map((b) => Number(b.getAttribute('data-count'))));
  // the chart draws in its own task after the batch ends
  await expect.poll(async () => (await bars()).reduce((a, b) => a + b, 0)).toBe(6);
  const counts = await bars();
  expect(counts.length).toBeGreaterThanOrEqual(5);
  histogram.forEach((n, c) => expect(counts[c]).toBe(n));
  await expect(page.getByTestId('ensemble-fraction')).toContainText(`${state.summary.optimal} / 6 =`);
  await expect(page.getByTestId('ensemble-fraction')).toContainText('95 % interval');
  const path = info.outputPath('ensemble.png');
  await page.getByTestId('panel-ensemble').screenshot({ path });
  await info.attach('ensemble', { path, contentType: 'image/png' });
  expect(errors).toEqual([]);
});
