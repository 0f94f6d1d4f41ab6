// The essay's measured XOR ensemble: the per-seed config, the outcome read off a seed's last
// checkpoint, and the tally; the two seeds the essay shows, run through the engine (wasm) at the
// ensemble's settings, come out as the section says (seed 2 fails on −μ, seed 21 is optimal).
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckpointRecord } from '../engine/runFile';
import { driveRun } from '../engine/execute';
import { Run } from '../engine/run';
import { resolve } from '../state/schema';
import { presetConfig } from '../state/presets';
import { useBackend } from '../testing/backends';
import { ENSEMBLE_T, ensembleConfig, seedOutcome, tallyOutcomes, type SeedOutcome } from './xorEnsemble';
import { ensembleChartData, ensembleReading } from './sections/TwoLayers';
import { THEMES } from '../charts/theme';

const checkpoint = (optimal: boolean, served: string[], layer2: number) =>
  ({
    step: 5000,
    time: ENSEMBLE_T,
    spectra: [{ matrix: 'H', block: 'layer2', eigenvalues: [], outliers: layer2, alignment: 1 }],
    diagnosis: { optimal, served, unserved: ['+μ', '−μ', '+ν', '−ν'].filter((c) => !served.includes(c)) },
  }) as unknown as CheckpointRecord;

describe('xor ensemble', () => {
  it('runs each seed at the failing preset’s settings, only T shorter, measured at t = 0 and at the end', () => {
    const config = ensembleConfig(7);
    const preset = presetConfig('xor-k4');
    expect({ ...config, seed: preset.seed, T: preset.T, every: preset.every }).toEqual(preset);
    expect(config.seed).toBe(7);
    expect(config.T).toBe(ENSEMBLE_T);
    expect(config.every).toBe(resolve(config).steps);
  });

  it('reads a seed’s outcome off its last checkpoint; a run that did not finish is never optimal', () => {
    const cps = [checkpoint(false, [], 0), checkpoint(true, ['+μ', '−μ', '+ν', '−ν'], 4)];
    expect(seedOutcome(3, cps, 'done')).toEqual({ seed: 3, optimal: true, served: 4, unserved: [], layer2Outliers: 4 });
    expect(seedOutcome(3, cps, 'diverged')?.optimal).toBe(false);
    expect(seedOutcome(3, [], 'done')).toBeUndefined();
  });

  it('tallies the finished seeds: optimal ones and seeds by clusters served', () => {
    const outcomes: (SeedOutcome | undefined)[] = [
      { seed: 1, optimal: false, served: 3, unserved: ['−μ'], layer2Outliers: 3 },
      undefined,
      { seed: 3, optimal: true, served: 4, unserved: [], layer2Outliers: 4 },
      { seed: 4, optimal: false, served: 2, unserved: ['+μ', '+ν'], layer2Outliers: 2 },
    ];
    const tally = tallyOutcomes(outcomes);
    expect(tally).toEqual({ seeds: 3, optimal: 1, optimalSeeds: [3], servedHistogram: [0, 0, 1, 1, 1] });
    const chart = ensembleChartData(tally, THEMES.light);
    expect(chart.bars.map((b) => b.count)).toEqual([0, 0, 1, 1, 1]);
    expect(chart.expected!.reduce((a, b) => a + b, 0)).toBeCloseTo(3, 9);
    expect(ensembleReading(tally, 5)).toBe(
      'Measured, 3 of 32 seeds finished so far: 1 of 3 optimal (seed 3), beside 3/32 = 0.0938 in theory (0.281 of 3 expected).',
    );
    expect(ensembleReading(tallyOutcomes([]), 1)).toBe('Ensemble: running seed 1…');
  });
});

describe('the essay’s two seeds at the ensemble’s settings (wasm)', () => {
  beforeAll(() => useBackend('wasm'));
  for (const [seed, optimal] of [
    [2, false],
    [21, true],
  ] as const) {
    it(`seed ${seed} ${optimal ? 'is optimal' : 'leaves −μ unserved'} at T = ${ENSEMBLE_T}`, async () => {
      const run = await Run.create(ensembleConfig(seed));
      await driveRun(run);
      expect(run.checkpoints).toHaveLength(2);
      const outcome = seedOutcome(seed, run.checkpoints, run.status === 'diverged' ? 'diverged' : 'done')!;
      expect(outcome.optimal).toBe(optimal);
      if (optimal) expect(outcome.layer2Outliers).toBe(4);
      else {
        expect(outcome.unserved).toContain('−μ');
        expect(outcome.layer2Outliers).toBeLessThan(4);
      }
      run.dispose();
    }, 60_000);
  }
});
