// End-to-end: the paper's claim on the default preset, determinism, and no tensor leaks.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { NODE_BACKENDS, useBackend } from '../testing/backends';
import { defaultConfig, type Config } from '../state/schema';
import { driveRun } from './execute';
import { Run } from './run';

describe.each(NODE_BACKENDS)('the default preset on %s', (backend) => {
  it('every class block aligns with the top-k eigenspace of H and of G (≥ 0.9 at T = 25, < 0.5 at t = 0)', async () => {
    await useBackend(backend);
    const run = await Run.create(defaultConfig());
    await driveRun(run);
    const first = run.checkpoints[0];
    const last = run.checkpoints[run.checkpoints.length - 1];
    expect(first.step).toBe(0);
    expect(last.step).toBe(7500);
    expect(run.checkpoints).toHaveLength(11);
    const classSpectra = (c: typeof first) => c.spectra.filter((s) => s.block.startsWith('class:'));
    expect(classSpectra(last)).toHaveLength(8); // 4 class blocks × (H, G)
    for (const s of classSpectra(first)) expect(s.alignment, `${s.matrix} ${s.block} at t=0`).toBeLessThan(0.5);
    for (const s of classSpectra(last)) {
      expect(s.alignment, `${s.matrix} ${s.block} at T`).toBeGreaterThanOrEqual(0.9);
      expect(s.eigenvalues).toHaveLength(4);
      expect(s.converged.every(Boolean), `${s.matrix} ${s.block} converged`).toBe(true);
      // H: k outliers per class block (one along μ_c plus a mini-bulk of k − 1 along the other means).
      // G: its mini-bulk p_a π_{c|a}² shrinks as SGD learns (π_{c|a} → 0) and reaches the bulk edge by
      // T = 25 at λ = 50, so only the outlier along μ_c is guaranteed to stand clear.
      if (s.matrix === 'H') expect(s.outliers, `${s.block}`).toBe(4);
      else expect(s.outliers, `${s.block}`).toBeGreaterThanOrEqual(1);
    }
    expect(last.accuracy).toBeGreaterThan(0.95);
    run.dispose();
  });
});

describe('determinism and resources', () => {
  const small: Config = { ...defaultConfig(), d: 60, k: 3, T: 4, every: 40, lambda: 20 };

  it('same config + seed → identical numbers; another seed → different', async () => {
    await useBackend('wasm');
    const numbers = async (config: Config) => {
      const run = await Run.create(config);
      await driveRun(run);
      const out = run.checkpoints.map((c) => [c.loss, ...c.spectra.flatMap((s) => [...s.eigenvalues, s.alignment])]);
      run.dispose();
      return out;
    };
    const a = await numbers(small);
    expect(await numbers(small)).toEqual(a);
    expect(await numbers({ ...small, seed: 2 })).not.toEqual(a);
  });

  it('checkpoints fall on multiples of `every` whatever slices SGD advances in', async () => {
    await useBackend('wasm');
    const run = await Run.create({ ...small, T: 2, every: 25 }); // 120 steps: 0, 25, …, 100, 120
    while (!run.done) {
      const due = run.stepsToNextCheckpoint();
      if (due === 0) await run.measure();
      else run.advance(Math.min(due, 7));
    }
    expect(run.checkpoints.map((c) => c.step)).toEqual([0, 25, 50, 75, 100, 120]);
    run.dispose();
  });

  it('tf.memory() is flat across 10⁴ SGD steps and 100 checkpoints (numTensors and numBytes)', async () => {
    await useBackend('wasm');
    // δ = 1/60: T = 10⁴/60 is 10⁴ steps; a checkpoint every 100 steps → 100 of them (step 100 … 10⁴).
    const run = await Run.create({ ...small, T: 10_000 / 60, every: 100 });
    expect(run.resolved.steps).toBe(10_000);
    run.advance(100);
    await run.measure();
    const before = tf.memory();
    const counts: number[] = [];
    const bytes: number[] = [];
    while (!run.done) {
      run.advance(run.stepsToNextCheckpoint());
      await run.measure();
      counts.push(tf.memory().numTensors);
      bytes.push(tf.memory().numBytes);
    }
    expect(run.step).toBe(10_000);
    expect(run.checkpoints).toHaveLength(100);
    expect(counts).toHaveLength(99);
    expect(Math.max(...counts)).toBe(before.numTensors);
    expect(Math.min(...counts)).toBe(before.numTensors);
    expect(Math.max(...bytes)).toBe(before.numBytes);
    run.dispose();
    expect(tf.memory().numTensors).toBe(before.numTensors - 2 - 2); // Ŷ, Ŷᵀ and the curvature's 2 tensors (Π, R)
  });
});
