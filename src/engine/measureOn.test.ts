// Where H and G are measured (measureOn = recent: the last M samples SGD drew) and G with ridge
// (gRidge), end to end through a Run: the window is exactly the training stream's samples, H on it equals
// a dense H built on exactly those samples, nothing else moves, and the numbers are deterministic.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { symmetricEigenvalues } from '../math/eigen/dense';
import { clusterLabel, sampleInto } from '../math/mixture';
import { makeStream } from '../math/rng';
import { defaultConfig, type Config } from '../state/schema';
import { useBackend } from '../testing/backends';
import { driveRun } from './execute';
import { readRunFile } from './readRunFile';
import { runToCsv } from './runCsv';
import { Run } from './run';
import { InProcessShareHost } from './share';
import { clusterFractions } from './run';
import { softmaxTheory } from '../models/softmax/theory';
import type { SoftmaxSummary } from '../models/softmax/summary';

// M = 50 samples; batch 2: 25 steps fill the window. Checkpoints every 10 steps: 20, 40 samples drawn
// (window partly the upcoming samples), then 60, 80, … (window entirely behind).
const small: Config = {
  ...defaultConfig(),
  d: 30,
  k: 3,
  M: 50,
  batch: 2,
  lambda: 20,
  T: 4,
  every: 10,
  tol: 1e-7,
  measureOn: 'recent',
};

/** the first n samples of the run's training stream */
function trainingSamples(run: Run, n: number) {
  const { d } = run.config;
  const rng = makeStream(run.config.seed, 'train');
  const inputs = new Float32Array(n * d);
  const labels = new Int32Array(n);
  for (let s = 0; s < n; s++) labels[s] = clusterLabel(run.mixture, sampleInto(run.mixture, rng, inputs, s * d));
  return { inputs, labels };
}

/** dense class block c of H (or G) of softmax on the given samples, float64 */
function denseClassBlock(
  matrix: 'H' | 'G',
  c: number,
  x: Float32Array,
  inputs: Float32Array,
  labels: Int32Array,
  d: number,
  k: number,
  beta: number,
) {
  const M = labels.length;
  const A = new Float64Array(d * d);
  for (let m = 0; m < M; m++) {
    const y = inputs.subarray(m * d, (m + 1) * d);
    const z = Array.from({ length: k }, (_, a) => y.reduce((s, v, i) => s + v * x[a * d + i], 0));
    const max = Math.max(...z);
    const e = z.map((v) => Math.exp(v - max));
    const p = e[c] / e.reduce((s, v) => s + v, 0);
    const w = matrix === 'H' ? p * (1 - p) : (p - (labels[m] === c ? 1 : 0)) ** 2;
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) A[i * d + j] += (w * y[i] * y[j]) / M;
  }
  if (matrix === 'H') for (let i = 0; i < d; i++) A[i * d + i] += beta;
  return symmetricEigenvalues(A, d);
}

async function runFileOf(config: Config, share = false) {
  const run = await Run.create(config);
  const host = new InProcessShareHost();
  if (share) run.useShare(host.open(config));
  await driveRun(run);
  const file = JSON.parse(JSON.stringify(run.toRunFile({ backend: tf.getBackend(), includeData: true })));
  run.dispose();
  return { file, host };
}

describe('measureOn = recent', () => {
  it('each checkpoint’s window is the last M training samples (before M are drawn: the first M), and H and G on it equal dense matrices built on exactly those samples', async () => {
    await useBackend('wasm');
    const run = await Run.create(small);
    const { M } = run.resolved;
    const { d, k, beta, batch } = run.config;
    const stream = trainingSamples(run, run.resolved.steps * batch);
    const seen: number[] = [];
    while (!run.done) {
      const due = run.stepsToNextCheckpoint();
      if (due > 0) {
        run.advance(due);
        continue;
      }
      const checkpoint = await run.measure();
      const drawn = checkpoint.step * batch;
      seen.push(drawn);
      const from = Math.max(0, drawn - M);
      const window = run.windowOfLastCheckpoint()!;
      expect(window.n).toBe(M);
      expect(Array.from(window.inputs)).toEqual(Array.from(stream.inputs.subarray(from * d, (from + M) * d)));
      expect(Array.from(window.labels)).toEqual(Array.from(stream.labels.subarray(from, from + M)));
      if (checkpoint.step % 20 !== 0) continue; // the dense check on every other checkpoint (time)
      for (const spectrum of checkpoint.spectra) {
        if (!spectrum.block.startsWith('class:')) continue;
        const c = Number(spectrum.block.slice('class:'.length));
        const matrix = spectrum.matrix;
        const want = denseClassBlock(matrix, c, run.params, window.inputs, window.labels, d, k, beta);
        spectrum.eigenvalues.forEach((value, i) =>
          expect(Math.abs(value - want[i]), `${matrix} ${spectrum.block} at step ${checkpoint.step}`).toBeLessThan(
            2e-5 * want[0],
          ),
        );
      }
    }
    // the window was partly upcoming samples (20, 40 drawn) and then entirely behind (60 and on)
    expect(seen.slice(0, 4)).toEqual([0, 20, 40, 60]);
    run.dispose();
  });

  it('the λ → ∞ outlier markers weigh the clusters by the window’s fractions, checkpoint by checkpoint', async () => {
    await useBackend('wasm');
    const run = await Run.create(small);
    const { d, k, lambda, beta, overlap, cdelta } = run.config;
    const limitsWith = (fractions: number[], summary: SoftmaxSummary) =>
      softmaxTheory({ d, k, lambda, beta, overlap, cdelta, mixture: run.mixture, testFractions: fractions })
        .limitOutliers(summary, [])!
        .get('H:class:0')!;
    let compared = 0;
    while (!run.done) {
      const due = run.stepsToNextCheckpoint();
      if (due > 0) {
        run.advance(due);
        continue;
      }
      const checkpoint = await run.measure();
      const window = clusterFractions(run.windowOfLastCheckpoint()!.clusters, k);
      const test = clusterFractions(run.test.samples.clusters, k);
      const summary = checkpoint.summary as SoftmaxSummary;
      const drawn = checkpoint.theory!.blocks.find((b) => b.matrix === 'H' && b.block === 'class:0')!.limitOutliers;
      expect(drawn).toEqual(limitsWith(window, summary).slice(0, drawn!.length));
      if (window.some((f, c) => f !== test[c])) {
        expect(drawn).not.toEqual(limitsWith(test, summary).slice(0, drawn!.length));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(3);
    run.dispose();
  });

  it('SGD, loss and accuracy are those of the test-set run; the spectra are not', async () => {
    await useBackend('wasm');
    const { file: recent } = await runFileOf(small);
    const { file: test } = await runFileOf({ ...small, measureOn: 'test' });
    expect(recent.checkpoints.map((c: { summary: unknown }) => c.summary)).toEqual(
      test.checkpoints.map((c: { summary: unknown }) => c.summary),
    );
    for (const key of ['loss', 'accuracy', 'clusterAccuracy'])
      expect(recent.checkpoints.map((c: Record<string, unknown>) => c[key])).toEqual(
        test.checkpoints.map((c: Record<string, unknown>) => c[key]),
      );
    expect(recent.checkpoints[3].spectra[0].eigenvalues).not.toEqual(test.checkpoints[3].spectra[0].eigenvalues);
    expect(recent.data.test).toEqual(test.data.test);
    expect(recent.data.window.inputs).toHaveLength(50);
    expect(test.data.window).toBeUndefined();
  });

  it('same config + seed → the same run file; a share offered to it is declined (it lives on this thread only)', async () => {
    await useBackend('wasm');
    const a = await runFileOf(small);
    const b = await runFileOf(small, true);
    expect(b.file).toEqual(a.file);
    expect(b.host.opened).toBe(1);
  });

  it('the run file says what H and G are built on; it reads back; the default file has neither key', async () => {
    await useBackend('wasm');
    const { file } = await runFileOf({ ...small, gRidge: true, T: 1 });
    expect(file.config.measureOn).toBe('recent');
    expect(file.config.gRidge).toBe(true);
    expect(file.matrices).toMatch(/last M = 50 samples SGD drew/);
    expect(file.matrices).toMatch(/G with ridge/);
    const read = readRunFile(JSON.stringify(file));
    expect(read.ok && read.config.measureOn).toBe('recent');
    expect(read.ok && read.config.gRidge).toBe(true);
    const { file: plain } = await runFileOf({ ...small, measureOn: 'test', T: 1 });
    expect('measureOn' in plain.config || 'gRidge' in plain.config || 'matrices' in plain).toBe(false);
    // CSV: a last column says what each row's matrix is built on; the default CSV has none
    const csv = runToCsv(file.checkpoints, file.config).trimEnd().split('\n');
    expect(csv[0].endsWith(',outliers_at_least,measured')).toBe(true);
    expect(csv.slice(1).map((row) => row.split(',').at(-1))).toContain(
      'G (with ridge) on the last 50 training samples',
    );
    expect(csv.slice(1).map((row) => row.split(',').at(-1))).toContain('H on the last 50 training samples');
    expect(runToCsv(plain.checkpoints, plain.config).split('\n')[0].endsWith(',outliers_at_least')).toBe(true);
    const readPlain = readRunFile(JSON.stringify(plain));
    expect(readPlain.ok && [readPlain.config.measureOn, readPlain.config.gRidge]).toEqual(['test', false]);
  });

  it('resumed from a checkpoint, it continues with exactly the same numbers (the window travels with it)', async () => {
    await useBackend('wasm');
    const whole = await Run.create(small);
    await driveRun(whole);
    const first = await Run.create(small);
    while (first.checkpoints.length < 3) {
      const due = first.stepsToNextCheckpoint();
      if (due === 0) await first.measure();
      else first.advance(due);
    }
    first.advance(7);
    const point = first.resumePoint()!;
    expect(point.window).toBeDefined();
    first.dispose();
    const second = await Run.create(small);
    await second.resume(point);
    await driveRun(second);
    expect(second.checkpoints).toEqual(whole.checkpoints);
    whole.dispose();
    second.dispose();
  });

  it('tf.memory() is flat across checkpoints and back to the start after dispose', async () => {
    await useBackend('wasm');
    const start = tf.memory().numTensors;
    const run = await Run.create({ ...small, T: 8 });
    await run.measure();
    const after = tf.memory().numTensors;
    const counts: number[] = [];
    while (!run.done) {
      run.advance(run.stepsToNextCheckpoint());
      await run.measure();
      counts.push(tf.memory().numTensors);
    }
    expect(counts.length).toBeGreaterThan(5);
    expect(new Set(counts)).toEqual(new Set([after]));
    run.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe('gRidge', () => {
  const config: Config = { ...small, measureOn: 'test', gRidge: true };

  it('H is unchanged, G is not; the same numbers with a share as without', async () => {
    await useBackend('wasm');
    const { file: ridge } = await runFileOf(config);
    const { file: plain } = await runFileOf({ ...config, gRidge: false });
    const pick = (file: typeof ridge, matrix: string) =>
      file.checkpoints.map((c: { spectra: { matrix: string; eigenvalues: number[] }[] }) =>
        c.spectra.filter((s) => s.matrix === matrix).map((s) => s.eigenvalues),
      );
    expect(pick(ridge, 'H')).toEqual(pick(plain, 'H'));
    expect(pick(ridge, 'G')).not.toEqual(pick(plain, 'G'));
    // no λ → ∞ prediction for G with ridge, and a note that says so
    const theory = ridge.checkpoints.at(-1).theory;
    expect(
      theory.blocks.filter((b: { matrix: string; limitOutliers?: number[] }) => b.matrix === 'G' && b.limitOutliers),
    ).toEqual([]);
    expect(theory.notes.join(' ')).toMatch(/G with ridge/);
    const { file: shared, host } = await runFileOf(config, true);
    expect(host.opened).toBe(1);
    expect(shared).toEqual(ridge);
  });
});
