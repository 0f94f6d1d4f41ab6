// Ensembles: the binomial interval, the summary (fraction optimal, outlier histogram, unserved
// clusters) on constructed entries, and a small seeded xor ensemble through executeRun.
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../testing/backends';
import { defaultConfig, type Config } from '../state/schema';
import {
  driveAllCheckpoints,
  ensembleEntry,
  summarizeEnsemble,
  wilsonInterval,
  xorTheoryOptimalFraction,
  xorTheoryServedLaw,
  type EnsembleEntry,
} from './ensemble';
import { driveRun, executeRun } from './execute';
import { Run } from './run';
import type { XorDiagnosis } from '../math/models/xorDiagnosis';
import { readRunFile } from './readRunFile';
import { seedTrajectory } from './seedTrajectory';

describe('wilsonInterval', () => {
  it('matches the closed forms at k = 0 and k = n and a textbook value', () => {
    const z2 = 1.96 ** 2;
    // k = 0: [0, z²/(n + z²)]; k = n: [n/(n + z²), 1]
    expect(wilsonInterval(0, 4)[0]).toBe(0);
    expect(wilsonInterval(0, 4)[1]).toBeCloseTo(z2 / (4 + z2), 12);
    expect(wilsonInterval(10, 10)[0]).toBeCloseTo(10 / (10 + z2), 12);
    expect(wilsonInterval(10, 10)[1]).toBe(1);
    // 3 of 32 (the BGJ22 λ → ∞ success rate at K = 4 times 32): 0.0324 … 0.2422
    const [lo, hi] = wilsonInterval(3, 32);
    expect(lo).toBeCloseTo(0.03238, 4);
    expect(hi).toBeCloseTo(0.24216, 4);
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });
});

function entry(seed: number, outliers: number, optimal: boolean | undefined, unserved: string[] = []): EnsembleEntry {
  const layer = (n: number) => ({ eigenvalues: [0.12, 0.11, 0.105, 0.1], outliers: n });
  const e: EnsembleEntry = {
    seed,
    status: 'ok',
    step: 100,
    loss: 0.5,
    accuracy: 0.9,
    clusterAccuracy: [1, 1, 1, 1],
    spectra: [],
    layer2: { H: layer(outliers), G: layer(outliers) },
  };
  if (optimal !== undefined) Object.assign(e, { optimal, unserved, dead: false, deadNeurons: 0 });
  return e;
}

describe('summarizeEnsemble', () => {
  it('counts optimal seeds, histograms layer-2 outliers (index = count) and unserved clusters', () => {
    const s = summarizeEnsemble([
      entry(1, 4, true),
      entry(2, 3, false, ['−μ']),
      entry(3, 3, false, ['+ν']),
      entry(4, 2, false, ['−μ', '+ν']),
      entry(5, 4, true),
    ]);
    expect(s.seeds).toBe(5);
    expect(s.optimal).toBe(2);
    expect(s.fractionOptimal).toBeCloseTo(0.4, 12);
    expect(s.interval95).toEqual(wilsonInterval(2, 5));
    expect(s.outlierHistogram!.H).toEqual([0, 0, 1, 2, 2]);
    expect(s.unserved).toEqual({ '−μ': 2, '+ν': 2 });
    expect(s.dead).toBe(0);
  });

  it('a model without the diagnosis (mlp) gets the histogram and no fraction', () => {
    const s = summarizeEnsemble([entry(1, 6, undefined), entry(2, 5, undefined)]);
    expect(s.optimal).toBeNull();
    expect(s.fractionOptimal).toBeNull();
    expect(s.interval95).toBeNull();
    expect(s.outlierHistogram!.G).toEqual([0, 0, 0, 0, 0, 1, 1]);
  });
});

describe('a seeded xor ensemble through executeRun (wasm)', () => {
  const config: Config = {
    ...defaultConfig(),
    model: 'xor',
    K: 4,
    d: 40,
    lambda: 1000,
    beta: 0.1,
    T: 20,
    every: 200,
    full: false,
    seed: 11,
  };
  beforeAll(() => useBackend('wasm'));

  it('writes one entry per seed with the diagnosis; a seed driven to the end equals the same seed checkpointed', async () => {
    const file = await executeRun(config, { backend: 'wasm', seeds: 3 });
    const entries = file.ensemble as EnsembleEntry[];
    expect(entries.map((e) => e.seed)).toEqual([11, 12, 13]);
    expect(file.checkpoints).toHaveLength(5); // the first seed keeps every checkpoint
    for (const e of entries) {
      expect(e.step).toBe(800);
      expect(e.layer2!.H.eigenvalues).toHaveLength(4);
      expect(typeof e.optimal).toBe('boolean');
      expect(e.clusterAccuracy).toHaveLength(4);
    }
    const summary = file.ensembleSummary as ReturnType<typeof summarizeEnsemble>;
    expect(summary.seeds).toBe(3);
    expect(summary.outlierHistogram!.H.reduce((a, b) => a + b, 0)).toBe(3);

    // seed 12 ran final-only: rerun it with every checkpoint and compare its last state
    const run = await Run.create({ ...config, seed: 12 });
    await driveRun(run);
    const last = run.checkpoints[run.checkpoints.length - 1];
    const diagnosis = last.diagnosis as XorDiagnosis;
    expect(entries[1].accuracy).toBe(last.accuracy);
    expect(entries[1].clusterAccuracy).toEqual(last.clusterAccuracy);
    expect(entries[1].optimal).toBe(diagnosis.optimal);
    expect(entries[1].unserved).toEqual(diagnosis.unserved);
    const layer2H = last.spectra.find((s) => s.matrix === 'H' && s.block === 'layer2')!;
    expect(entries[1].layer2!.H.outliers).toBe(layer2H.outliers);
    // the layer-2 block is a dense 4×4 solve: the same eigenvalues to solver tolerance
    entries[1].layer2!.H.eigenvalues.forEach((v, i) =>
      expect(Math.abs(v - layer2H.eigenvalues[i])).toBeLessThanOrEqual(1e-4 * Math.abs(v)),
    );
    run.dispose();
  });
});

describe('per-seed trajectories (--trajectories)', () => {
  const config: Config = {
    ...defaultConfig(),
    model: 'xor',
    K: 4,
    d: 40,
    lambda: 1000,
    beta: 0.1,
    T: 20,
    every: 200,
    full: false,
    seed: 11,
  };
  beforeAll(() => useBackend('wasm'));

  it('every seed keeps its checkpoints in columns, equal to the same seed run alone; the file reads back', async () => {
    const file = await executeRun(config, { backend: 'wasm', seeds: 3, trajectories: true });
    const entries = file.ensemble as EnsembleEntry[];
    expect(entries.map((e) => e.trajectory?.step)).toEqual(Array(3).fill([0, 200, 400, 600, 800]));
    // seed 11 is the file's own run: its trajectory is its checkpoints, column by column
    const own = entries[0].trajectory!;
    expect(own.time).toEqual(file.checkpoints.map((c) => c.time));
    expect(own.loss).toEqual(file.checkpoints.map((c) => c.loss));
    expect(own.accuracy).toEqual(file.checkpoints.map((c) => c.accuracy));
    expect(own.optimal).toEqual(file.checkpoints.map((c) => c.diagnosis!.optimal));
    expect(own.served).toEqual(file.checkpoints.map((c) => c.diagnosis!.served.length));
    expect(own.blocks.map((b) => `${b.matrix}:${b.block}`)).toEqual(
      file.checkpoints[0].spectra.map((s) => `${s.matrix}:${s.block}`),
    );
    own.blocks.forEach((b, i) => {
      expect(b.alignment).toEqual(file.checkpoints.map((c) => c.spectra[i].alignment));
      expect(b.outliers).toEqual(file.checkpoints.map((c) => c.spectra[i].outliers));
      if (b.block === 'layer2') expect(b.meanSpanAngle).toBeUndefined();
      else expect(b.meanSpanAngle).toEqual(file.checkpoints.map((c) => c.spectra[i].meanSpanAngle ?? null));
    });
    // seed 13 run alone with every checkpoint: the same numbers, and its final entry is its last column
    const run = await Run.create({ ...config, seed: 13 });
    await driveRun(run);
    const alone = ensembleEntry(run, { trajectory: true });
    run.dispose();
    expect(entries[2]).toEqual(alone);
    const layer2 = alone.trajectory!.blocks.find((b) => b.matrix === 'H' && b.block === 'layer2')!;
    expect(layer2.outliers[layer2.outliers.length - 1]).toBe(alone.layer2!.H.outliers);
    expect(alone.trajectory!.optimal![4]).toBe(alone.optimal);

    const read = readRunFile(JSON.stringify(file));
    if (!read.ok) throw new Error(read.error);
    expect(read.file.ensemble).toEqual(entries);
    // a column of the wrong length is named
    const bad = JSON.parse(JSON.stringify(file));
    bad.ensemble[1].trajectory.blocks[2].outliers.pop();
    const badRead = readRunFile(JSON.stringify(bad));
    expect(badRead.ok ? '' : badRead.error).toBe(
      'ensemble[1].trajectory.blocks[2].outliers must have 5 entries (one per step), has 4',
    );
  });

  it('driveAllCheckpoints (the Worker, in chunks) measures the same checkpoints as driveRun; a false onChunk stops it', async () => {
    const a = await Run.create(config);
    await driveRun(a);
    const b = await Run.create(config);
    let chunks = 0;
    expect(await driveAllCheckpoints(b, { chunk: 64, onChunk: () => void chunks++ })).toBe(true);
    expect(b.checkpoints).toEqual(a.checkpoints);
    expect(chunks).toBeGreaterThanOrEqual(800 / 64);
    const c = await Run.create(config);
    expect(await driveAllCheckpoints(c, { chunk: 64, onChunk: () => c.step < 300 })).toBe(false);
    expect(c.done).toBe(false);
    for (const run of [a, b, c]) run.dispose();
  });

  it('without --trajectories the entries carry none (the file is the same as before)', async () => {
    const file = await executeRun({ ...config, T: 5 }, { backend: 'wasm', seeds: 2 });
    for (const e of file.ensemble!) expect(e.trajectory).toBeUndefined();
  });

  it('seedTrajectory: a missing block at a checkpoint is a gap (null alignment), never a made-up number', () => {
    const spectrum = (block: string, alignment: number) => ({
      matrix: 'H' as const,
      block,
      eigenvalues: [1],
      residuals: [0],
      converged: [true],
      alignment,
      outliers: 1,
      bulkEdge: 0.5,
    });
    const checkpoint = (step: number, spectra: ReturnType<typeof spectrum>[]) => ({
      step,
      time: step / 10,
      loss: 0.5,
      accuracy: 0.75,
      spectra,
      summary: {},
    });
    const t = seedTrajectory([
      checkpoint(0, [spectrum('class:0', 0.2), spectrum('class:1', 0.3)]),
      checkpoint(10, [spectrum('class:0', 0.9)]),
    ]);
    expect(t.blocks[1].alignment).toEqual([0.3, null]);
    expect(t.optimal).toBeUndefined();
  });
});

describe('the λ → ∞ theory of BGJ22 (uniform recruitment)', () => {
  it('K = 4: optimal with probability 3/32; the served-cluster law sums to 1 and its last entry is that probability', () => {
    expect(xorTheoryOptimalFraction(4)).toBeCloseTo(3 / 32, 14);
    const law = xorTheoryServedLaw(4);
    expect(law.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(law[4]).toBeCloseTo(3 / 32, 14);
    // exactly 3 clusters: choose 3, the 4 neurons onto them surjectively (36 of 81 maps): 4·36/256
    expect(law[3]).toBeCloseTo((4 * 36) / 256, 14);
    expect(law[0]).toBe(0);
  });
  it('wider nets succeed: K = 20 → 1 − 4·(3/4)^20 + …', () => {
    expect(xorTheoryOptimalFraction(20)).toBeCloseTo(1 - 4 * 0.75 ** 20 + 6 * 0.5 ** 20 - 4 * 0.25 ** 20, 14);
    expect(xorTheoryOptimalFraction(20)).toBeGreaterThan(0.98);
    expect(xorTheoryOptimalFraction(1)).toBe(0);
  });
});
