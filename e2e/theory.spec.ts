// The theory layers: drawn by default beside the measurements, labelled as theory, hidden
// and shown again by the toggle (view key theory, URL theory=0|1) without restarting the run.
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, screenshotPanels, snapshot, waitForState } from './helpers';

const theory = (page: Page, chart: string) => page.locator(`[data-testid=${chart}] [data-layer=theory]`);

test('softmax: theory on by default in all three charts; the toggle hides and shows it, the URL follows, the run goes on', async ({
  page,
}, info) => {
  const errors = collectErrors(page);
  await page.goto('./?T=3');
  const done = await waitForState(page, ['done']);
  expect(done.error).toBeUndefined();
  const runId = done.runId;

  // spectrum: predicted edge line + λ→∞ diamonds (k = 4 per checkpoint), legend says theory
  await expect(
    page.locator('[data-testid=chart-spectrum] [data-layer=theory] path[data-layer-series="theory:edge"]'),
  ).toHaveCount(1);
  expect(await page.locator('[data-testid=chart-spectrum] [data-layer-series^="theory:limit"] path').count()).toBe(
    4 * done.checkpoints.length,
  );
  await expect(page.locator('[data-testid=chart-spectrum] .legend')).toContainText(
    'bulk edge (theory: generalised MP)',
  );
  await expect(page.locator('[data-testid=chart-spectrum] .legend')).toContainText('outlier λ → ∞ limit (theory)');
  // the outliers predicted at λ = 50 (filled triangles, 4 per checkpoint: every spike separates)
  expect(await page.locator('[data-testid=chart-spectrum] [data-layer-series^="theory:finite"] path').count()).toBe(
    4 * done.checkpoints.length,
  );
  await expect(page.locator('[data-testid=chart-spectrum] .legend')).toContainText(
    'outlier predicted at λ = 50 (theory)',
  );
  // H's class blocks keep every λ→∞ value above the edge at λ = 50: nothing drawn as inside the bulk
  await expect(page.locator('[data-testid=chart-spectrum] .legend')).not.toContainText('inside the bulk');
  // density: the predicted bulk curve, its edge, 4 λ→∞ diamonds and 4 finite-λ triangles
  await expect(page.locator('[data-testid=chart-density] [data-layer=theory] path.theory-density')).toHaveCount(1);
  await expect(page.locator('[data-testid=chart-density] [data-layer=theory] line.theory-edge')).toHaveCount(1);
  await expect(page.locator('[data-testid=chart-density] [data-layer=theory] path.theory-outlier')).toHaveCount(4);
  await expect(page.locator('[data-testid=chart-density] [data-layer=theory] path.theory-outlier-finite')).toHaveCount(
    4,
  );
  await expect(page.getByTestId('panel-spectrum')).toContainText('outliers predicted at λ = 50 (▲)');
  // summary: one ODE curve per m_ab (16), legend "ODE (d→∞)"; the SGD curves are still 16
  await expect(
    page.locator('[data-testid=chart-summary] [data-layer=theory] path[data-layer-series^="ode:"]'),
  ).toHaveCount(16);
  await expect(page.locator('[data-testid=chart-summary] path[data-series]')).toHaveCount(16);
  await expect(page.locator('[data-testid=chart-summary] .legend')).toContainText('ODE (d→∞)');
  await screenshotPanels(page, info, 'theory-on');

  // off: every theory element is gone from every chart, the URL says theory=0, the run was not restarted
  await page.getByTestId('theory-toggle-spectrum').uncheck();
  for (const chart of ['chart-spectrum', 'chart-density', 'chart-summary'])
    await expect(theory(page, chart)).toHaveCount(0);
  await expect(page.getByTestId('theory-toggle-projection')).not.toBeChecked();
  await expect(page).toHaveURL(/[?&]theory=0(&|$)/);
  await expect(page.locator('[data-testid=chart-spectrum] path[data-series=ev0]')).toHaveCount(1);
  expect((await snapshot(page)).runId).toBe(runId);

  // on again from the other panel's toggle
  await page.getByTestId('theory-toggle-projection').check();
  for (const chart of ['chart-spectrum', 'chart-density', 'chart-summary'])
    expect(await theory(page, chart).count(), chart).toBeGreaterThan(0);
  await expect(page).not.toHaveURL(/theory=/);
  expect((await snapshot(page)).runId).toBe(runId);
  expect(errors).toEqual([]);
});

test('?theory=0 opens with the layers hidden (the run still computes them); xor shows ODE curves for its neuron statistics and in the neuron view', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto('./?model=xor&d=100&K=2&T=2&every=100&theory=0');
  await waitForState(page, ['done']);
  await expect(page.getByTestId('theory-toggle-spectrum')).not.toBeChecked();
  for (const chart of ['chart-spectrum', 'chart-density', 'chart-summary'])
    await expect(theory(page, chart)).toHaveCount(0);
  const hasTheory = await page.evaluate(() => {
    const s = (
      globalThis as unknown as { __eigenalign: { get(): { checkpoints: { theory?: { ode?: unknown } }[] } } }
    ).__eigenalign.get();
    return s.checkpoints.every((c) => !!c.theory?.ode);
  });
  expect(hasTheory).toBe(true);
  await page.getByTestId('theory-toggle-spectrum').check();
  // xor summary: v, mmu, mnu (K each) and R⊥ (K²) → 3·2 + 4 = 10 SGD curves and 10 ODE curves
  await expect(page.locator('[data-testid=chart-summary] path[data-series]')).toHaveCount(10);
  await expect(
    page.locator('[data-testid=chart-summary] [data-layer=theory] path[data-layer-series^="ode:"]'),
  ).toHaveCount(10);
  // readers see the model's names of the statistics, never the run file's keys
  await expect(page.locator('[data-testid=chart-summary] .legend')).toContainText('W_i·μ');
  await expect(page.locator('[data-testid=chart-summary]')).not.toContainText(/mmu|mnu|Rperp/);
  await expect(page.getByTestId('summary-projection')).not.toContainText(/mmu|mnu|Rperp/);
  // the neuron view: one dotted ODE path per neuron (K = 2); gone again when the toggle is off
  await expect(page.locator('[data-testid=panel-neurons] [data-layer=theory] path.ode-trajectory')).toHaveCount(2);
  await page.getByTestId('theory-toggle-projection').uncheck();
  await expect(page.locator('[data-testid=panel-neurons] [data-layer=theory]')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('low SNR (λ = 0.5): no outlier predicted — the λ→∞ values drawn faint as inside the bulk, no finite-λ marker, the ODE faint where SGD noise decides; legends and panel text say so', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto('./?preset=low-snr&T=3');
  const done = await waitForState(page, ['done']);
  expect(done.error).toBeUndefined();
  const legend = page.locator('[data-testid=chart-spectrum] .legend');
  await expect(legend).toContainText('λ → ∞ value inside the bulk: no outlier predicted (theory)');
  await expect(legend).not.toContainText('outlier λ → ∞ limit');
  await expect(legend).not.toContainText('outlier predicted at');
  await expect(page.locator('[data-testid=chart-spectrum] [data-layer-series^="theory:finite"]')).toHaveCount(0);
  expect(
    await page.locator('[data-testid=chart-spectrum] [data-layer-series^="theory:limitInside"] path').count(),
  ).toBe(4 * done.checkpoints.length);
  await expect(page.getByTestId('panel-spectrum')).toContainText('where no outlier is predicted');
  await expect(page.getByTestId('panel-spectrum')).toContainText('predict no outlier (none here)');
  await expect(page.locator('[data-testid=chart-density] [data-layer=theory] path.theory-outlier-inside')).toHaveCount(
    4,
  );
  // the ODE: flagged once SGD's fluctuation of ‖x^c‖² passes 25 % (noise scale √(c_δ/(λd)) = 0.082)
  await expect(page.locator('[data-testid=chart-summary] .legend')).toContainText('faint: ODE not predictive from t =');
  expect(await page.locator('[data-testid=chart-summary] [data-layer-series^="ode-faint:"]').count()).toBe(16);
  expect(errors).toEqual([]);
});
