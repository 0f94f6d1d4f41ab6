// Mutated run files (the shared adversarial generator, adversarial.ts) through `readRunFile` and then
// through everything the app builds from an opened file: the saved-run snapshot and projection, the
// chart series, the theory layers, the text summaries, the neuron view, the CSV export and the ensemble's
// multi-seed figure. A file is
// either refused with one clear line or accepted, and an accepted file never makes a builder throw.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRunFile } from '../engine/readRunFile';
import { runToCsv } from '../engine/runCsv';
import { yDomainOf } from '../charts/lineChart';
import { neuronData } from '../charts/neuronData';
import { alignmentSeries, spectrumSeries, summarySeries } from '../charts/series';
import { alignmentSummary, projectionSummary, spectrumSummary } from '../charts/summaries';
import { THEMES } from '../charts/theme';
import { odeSummarySeries, theoryAt, theorySpectrumSeries } from '../charts/theorySeries';
import { trajectoryBlocks, trajectoryChartData } from '../ui/ensembleTrajectories';
import { savedSnapshot } from '../ui/savedRun';
import type { ViewRequest } from '../worker/protocol';
import { fuzzCases, mutateRunFile } from './adversarial';

export const RUN_FILE_FIXTURES = ['softmax', 'xor-ensemble', 'mlp', 'diverged', 'xor-trajectories'] as const;
const bases = RUN_FILE_FIXTURES.map(
  (name) => JSON.parse(readFileSync(new URL(`./runFiles/${name}.run.json`, import.meta.url), 'utf8')) as unknown,
);

/** Everything the panels and exports compute from an opened file. */
function buildAll(
  text: string,
  read: Extract<ReturnType<typeof readRunFile>, { ok: true }>,
  views: ViewRequest[],
): void {
  const theme = THEMES.light;
  const { file, config } = read;
  for (const view of views) {
    const snapshot = savedSnapshot({ name: 'fuzz.run.json', file, config }, view);
    const cps = snapshot.checkpoints;
    for (const scale of ['log', 'linear'] as const) {
      const measured = spectrumSeries(cps, view.matrix, view.block, theme);
      const predicted = theorySpectrumSeries(cps, view.matrix, view.block);
      yDomainOf([...measured.series, ...predicted.series], scale);
    }
    theoryAt(cps[cps.length - 1], view.matrix, view.block);
    spectrumSummary(cps, view.matrix, view.block);
    const alignment = alignmentSeries(cps, theme);
    yDomainOf(alignment.series, 'linear');
    alignmentSummary(cps);
    const summary = summarySeries(cps, theme);
    const ode = odeSummarySeries(cps, theme);
    yDomainOf([...summary.series, ...ode.series], 'linear');
    const p = snapshot.projection;
    projectionSummary(cps, p && { axes: p.axes, samples: p.points.length / 2, classes: p.clusterCount });
    neuronData(cps, config.model, view.pa, view.pb, true);
    neuronData(cps, config.model, view.pa, view.pb, false);
  }
  runToCsv(file.checkpoints);
  // the ensemble panel's multi-seed figure
  for (const block of trajectoryBlocks(file.ensemble ?? [])) trajectoryChartData(file.ensemble ?? [], block);
  expect(text.length).toBeGreaterThan(0);
}

function viewsOf(read: Extract<ReturnType<typeof readRunFile>, { ok: true }>): ViewRequest[] {
  const last = read.file.checkpoints[read.file.checkpoints.length - 1];
  const blocks = [...new Set(last.spectra.map((s) => s.block)), 'full', 'class:9', 'layer1:0'];
  return blocks.flatMap((block, i) => [
    { matrix: 'H' as const, block, plane: i % 2 ? ('eigen' as const) : ('means' as const), pa: i % 3, pb: (i + 1) % 4 },
    { matrix: 'G' as const, block, plane: 'means' as const, pa: 0, pb: 1 },
  ]);
}

describe('run files under the shared adversarial generator', () => {
  it('the fixtures (real CLI run files) are accepted and build', () => {
    for (const [i, base] of bases.entries()) {
      const text = JSON.stringify(base);
      const read = readRunFile(text);
      if (!read.ok) throw new Error(`${RUN_FILE_FIXTURES[i]}: ${read.error}`);
      buildAll(text, read, viewsOf(read));
    }
  });

  it('2400 mutated files: refused with one clear line, or accepted and every builder runs without throwing', () => {
    let accepted = 0;
    const firstWords = new Map<string, number>();
    const cases = fuzzCases(2400, 15, (rng) => ({
      base: rng.int(bases.length),
      ...mutateRunFile(rng, bases[rng.int(bases.length)]),
    }));
    for (const [i, { text, what }] of cases.entries()) {
      const label = `#${i} ${what}`;
      const read = readRunFile(text);
      if (!read.ok) {
        expect(read.error.length, label).toBeGreaterThan(5);
        expect(read.error.length, label).toBeLessThan(400);
        expect(read.error, label).not.toMatch(/[\n\r]/);
        expect(read.error, label).not.toMatch(/unreadable run file|Invalid (type|input|key)|is invalid \(/);
        const head = read.error.split(/[ :]/)[0];
        firstWords.set(head, (firstWords.get(head) ?? 0) + 1);
        continue;
      }
      accepted++;
      try {
        buildAll(text, read, viewsOf(read));
      } catch (err) {
        throw new Error(`${label}: accepted, then a builder threw: ${err instanceof Error ? err.stack : String(err)}`, {
          cause: err,
        });
      }
    }
    // both sides are exercised: many files still valid after the change, most refused
    expect(accepted).toBeGreaterThan(200);
    expect(cases.length - accepted).toBeGreaterThan(1200);
    console.log(
      `run-file fuzz: ${cases.length} files, ${accepted} accepted, refusals by first word: ${[...firstWords]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 12)
        .map(([w, n]) => `${w} ${n}`)
        .join(', ')}`,
    );
  });
});
