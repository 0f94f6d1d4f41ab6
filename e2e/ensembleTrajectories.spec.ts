// The ensemble panel's multi-seed figure: a run file written with --seeds N --trajectories opened with
// "Open run…" redraws it (one faint line per seed in each panel, coloured by outcome, any block), and a
// batch run in the app with trajectories draws it too.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, waitForState } from './helpers';

const FIXTURE = 'src/testing/runFiles/xor-trajectories.run.json';

async function lines(page: Page, panel: 'alignment' | 'outliers') {
  return page
    .locator(`[data-testid=chart-ensemble-trajectories] path.seed-line[data-panel=${panel}]`)
    .evaluateAll((paths) =>
      paths.map((p) => ({
        seed: Number(p.getAttribute('data-seed')),
        outcome: p.getAttribute('data-outcome'),
        stroke: p.getAttribute('stroke'),
        d: p.getAttribute('d') ?? '',
      })),
    );
}

test('opening a run file with per-seed trajectories redraws the multi-seed figure, for any block', async ({
  page,
}, info) => {
  const errors = collectErrors(page);
  const file = JSON.parse(readFileSync(FIXTURE, 'utf8')) as {
    ensemble: {
      seed: number;
      optimal: boolean;
      trajectory: { blocks: { matrix: string; block: string; outliers: number[] }[] };
    }[];
  };
  await page.goto('./?model=xor&K=4&d=24&T=1&autoplay=0');
  await expect(page.getByTestId('open-run')).toBeVisible();
  await page
    .getByTestId('open-run-input')
    .setInputFiles({ name: 'trajectories.run.json', mimeType: 'application/json', buffer: readFileSync(FIXTURE) });
  await expect(page.getByTestId('ensemble-file')).toContainText('trajectories.run.json');
  await expect(page.getByTestId('ensemble-block')).toHaveValue('H layer2');
  const seeds = file.ensemble.map((e) => e.seed);
  for (const panel of ['alignment', 'outliers'] as const) {
    // the chart draws once its container has been measured, which may be a frame after the file loads
    await expect.poll(async () => (await lines(page, panel)).map((l) => l.seed).sort((a, b) => a - b)).toEqual(seeds);
    const drawn = await lines(page, panel);
    for (const l of drawn) {
      const entry = file.ensemble.find((e) => e.seed === l.seed)!;
      expect(l.outcome).toBe(entry.optimal ? 'optimal' : 'suboptimal');
      expect(l.stroke).toBe(entry.optimal ? '#009E73' : '#D55E00');
      expect(l.d).toMatch(/^M/);
    }
  }
  const legend = await page.locator('[data-testid=chart-ensemble-trajectories] .legend text').allTextContents();
  const optimal = file.ensemble.filter((e) => e.optimal).length;
  expect(legend).toEqual([`optimal (${optimal})`, `not optimal (${file.ensemble.length - optimal})`]);
  const path = info.outputPath('ensemble-trajectories.png');
  await page.getByTestId('panel-ensemble').screenshot({ path });
  await info.attach('ensemble trajectories', { path, contentType: 'image/png' });
  // another block redraws the figure from its own columns
  const before = (await lines(page, 'alignment')).map((l) => l.d);
  await page.getByTestId('ensemble-block').selectOption('G layer1:0');
  await expect.poll(async () => (await lines(page, 'alignment')).map((l) => l.d)).not.toEqual(before);
  await expect(page.getByTestId('chart-ensemble-trajectories')).toHaveAttribute('aria-label', /G layer1:0/);
  expect(errors).toEqual([]);
});

test('a batch run in the app with trajectories draws a line per seed in both panels', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('./?model=xor&K=4&d=24&lambda=1000&beta=0.1&T=10&every=60&full=0');
  await waitForState(page, ['done']);
  await expect(page.getByTestId('ensemble-trajectories')).toBeChecked();
  await page.getByTestId('ensemble-seeds').fill('4');
  await page.getByTestId('ensemble-run').click();
  await expect(page.getByTestId('ensemble-status')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  const entries = await page.evaluate(() => {
    const s = (
      globalThis as unknown as {
        __eigenalignEnsemble: { get(): { entries: { seed: number; trajectory?: { step: number[] } }[] } };
      }
    ).__eigenalignEnsemble.get();
    return JSON.parse(JSON.stringify(s.entries)) as { seed: number; trajectory?: { step: number[] } }[];
  });
  // d = 24, T = 10: 240 steps, a checkpoint every 60
  expect(entries.map((e) => e.trajectory?.step)).toEqual(Array(4).fill([0, 60, 120, 180, 240]));
  await expect.poll(async () => (await lines(page, 'alignment')).length).toBe(4);
  await expect.poll(async () => (await lines(page, 'outliers')).length).toBe(4);
  expect(errors).toEqual([]);
});
