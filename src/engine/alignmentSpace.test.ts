// Each tracked block's alignment is measured against its outlier eigenspace (dimension = the outlier
// count, recorded), checked against dense float64 rebuilds of H and G; undefined (null, with the reason)
// where that space is absent or at rounding level (a dead run: xorDeadRun.test.ts); outlier counts that fill every tracked eigenvalue
// are flagged as lower bounds.
import { beforeAll, describe, expect, it } from 'vitest';
import { symmetricEigen } from '../math/eigen/dense';
import { alignment } from '../math/metrics';
import { logisticHead } from '../math/models/xor';
import { denseTwoLayer, subBlock } from '../math/models/twoLayerReference';
import { presetConfig } from '../state/presets';
import { defaultConfig, type Config } from '../state/schema';
import { useBackend } from '../testing/backends';
import { Run } from './run';
import type { CheckpointRecord, SpectrumRecord } from './runFile';
import { runToCsv } from './runCsv';

/** Runs a config to its end, keeping each checkpoint's parameters (for the dense rebuilds). */
async function runAll(config: Config) {
  const run = await Run.create(config);
  const params: Float32Array[] = [];
  while (!run.done) {
    const due = run.stepsToNextCheckpoint();
    if (due === 0) {
      await run.measure();
      params.push(Float32Array.from(run.params));
    } else run.advance(due);
  }
  return { run, params };
}

/** ‖U_nᵀ x_b‖/‖x_b‖ with U_n the top n eigenvectors of the dense block of H or G (xor: one output). */
function denseAlignment(run: Run, x: Float32Array, matrix: 'H' | 'G', block: string, n: number): number {
  const { d, K, beta } = run.config;
  const dense = denseTwoLayer(d, K, logisticHead, x, run.test.samples, beta);
  const offset = block === 'layer2' ? K * d : Number(block.slice('layer1:'.length)) * d;
  const size = block === 'layer2' ? K : d;
  const A = subBlock(matrix === 'H' ? dense.H : dense.G, dense.n, offset, size);
  const { vectors } = symmetricEigen(A, size);
  return alignment(vectors, n, Float64Array.from(x.subarray(offset, offset + size)));
}

const spectrum = (c: CheckpointRecord, matrix: string, block: string) =>
  c.spectra.find((s) => s.matrix === matrix && s.block === block) as SpectrumRecord;

describe('alignment with the outlier eigenspace (wasm)', () => {
  beforeAll(() => useBackend('wasm'));

  it('xor-k4 (a failed run, 3 layer-2 outliers): layer 2 is measured against the 3-dim outlier space, as a dense rebuild', async () => {
    const { run, params } = await runAll(presetConfig('xor-k4'));
    const last = run.checkpoints.length - 1;
    for (const matrix of ['H', 'G'] as const) {
      const end = spectrum(run.checkpoints[last], matrix, 'layer2');
      expect(end.outliers).toBe(3);
      expect(end.alignmentDim).toBe(3);
      expect(end.outliersAtLeast).toBe(false); // j = 4 = the block's dimension: the count is exact
      // every checkpoint: the number is the dense top-n projection, n = that checkpoint's count
      for (const i of [0, 1, last]) {
        const s = spectrum(run.checkpoints[i], matrix, 'layer2');
        expect(s.alignmentDim).toBe(s.outliers);
        if (s.alignment === null) continue;
        const want = denseAlignment(run, params[i], matrix, 'layer2', s.outliers);
        expect(Math.abs(s.alignment - want), `${matrix} at step ${run.checkpoints[i].step}`).toBeLessThan(1e-5);
      }
    }
    // measured against the top 4 of this 4-dim block the alignment was 1 at every checkpoint; against the
    // outlier space it is not (v starts outside it and moves in)
    const start = spectrum(run.checkpoints[0], 'H', 'layer2');
    expect(start.alignment).not.toBeNull();
    expect(start.alignment!).toBeLessThan(0.9);
    run.dispose();
  }, 120_000);

  it('--topj 2 on class blocks with 4 outliers reports ≥ 2: the count is flagged as a lower bound', async () => {
    const base: Config = { ...presetConfig('alignment'), T: 0.01, every: 1000, full: false };
    const wide = await runAll({ ...base, topj: 6 });
    const narrow = await runAll({ ...base, topj: 2 });
    for (let c = 0; c < 4; c++) {
      const all = spectrum(wide.run.checkpoints[0], 'H', `class:${c}`);
      const capped = spectrum(narrow.run.checkpoints[0], 'H', `class:${c}`);
      expect(all.outliers).toBe(4);
      expect(all.outliersAtLeast).toBe(false);
      expect(capped.outliers).toBe(2);
      expect(capped.outliersAtLeast).toBe(true);
      // the capped space is the top 2 of the 4 outliers: measured against those 2
      expect(capped.alignmentDim).toBe(2);
    }
    const csv = runToCsv(narrow.run.checkpoints).trim().split('\n');
    const header = csv[0].split(',');
    const row = csv[1].split(',');
    expect(row[header.indexOf('outliers')]).toBe('2');
    expect(row[header.indexOf('outliers_at_least')]).toBe('true');
    wide.run.dispose();
    narrow.run.dispose();
  }, 60_000);

  it('tiny d (j = d): the neuron blocks are measured against their outlier space, not the whole block', async () => {
    const config: Config = {
      ...defaultConfig(),
      model: 'xor',
      K: 4,
      d: 4,
      topj: 4,
      lambda: 1000,
      beta: 0.1,
      T: 20,
      every: 20,
      full: false,
      seed: 2,
    };
    const { run, params } = await runAll(config);
    let belowOne = 0;
    run.checkpoints.forEach((c, i) => {
      for (let n = 0; n < 4; n++)
        for (const matrix of ['H', 'G'] as const) {
          const s = spectrum(c, matrix, `layer1:${n}`);
          expect(s.eigenvalues).toHaveLength(4); // the whole 4-dim block is tracked
          expect(s.outliersAtLeast).toBe(false); // j = the dimension: counts are exact
          expect(s.alignmentDim).toBe(s.outliers);
          if (s.outliers === 4) expect(s.alignmentNote).toBe('whole-block');
          if (s.alignment === null || s.outliers === 4) continue;
          const want = denseAlignment(run, params[i], matrix, `layer1:${n}`, s.outliers);
          expect(Math.abs(s.alignment - want), `${matrix} layer1:${n} at step ${c.step}`).toBeLessThan(1e-4);
          if (s.alignment < 0.999) belowOne++;
        }
    });
    // the top-4 space of a 4-dim block gives 1 for every block at every checkpoint; the outlier space does not
    expect(belowOne).toBeGreaterThan(0);
    run.dispose();
  }, 60_000);
});
