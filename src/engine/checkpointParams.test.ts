// With --include-data every checkpoint carries its parameters: a middle checkpoint rebuilt by hand
// (float64, dense, from the file's test set and that checkpoint's params alone) gives the recorded
// top eigenvalues, for softmax class blocks and xor neuron blocks.
import { beforeAll, describe, expect, it } from 'vitest';
import { symmetricEigenvalues } from '../math/eigen/dense';
import { defaultConfig, type Config } from '../state/schema';
import { useBackend } from '../testing/backends';
import { executeRun } from './execute';
import type { RunFile } from './runFile';

/** (1/M) Σ_m w_m Ŷ_m Ŷ_mᵀ + shift·I, dense d×d */
function weightedGram(inputs: number[][], weights: number[], shift: number): Float64Array {
  const d = inputs[0].length;
  const a = new Float64Array(d * d);
  inputs.forEach((y, m) => {
    const w = weights[m] / inputs.length;
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) a[i * d + j] += w * y[i] * y[j];
  });
  for (let i = 0; i < d; i++) a[i * d + i] += shift;
  return a;
}

const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);

function expectTopEigenvalues(dense: Float64Array, d: number, recorded: number[], label: string) {
  const values = symmetricEigenvalues(dense, d);
  recorded.forEach((value, r) =>
    expect(Math.abs(value - values[r]), `${label} eigenvalue ${r}`).toBeLessThanOrEqual(2e-4 * Math.abs(values[r])),
  );
}

function middle(file: RunFile) {
  expect(file.checkpoints.length).toBeGreaterThanOrEqual(3);
  return file.checkpoints[Math.floor(file.checkpoints.length / 2)];
}

describe('parameters at every checkpoint (--include-data)', () => {
  beforeAll(() => useBackend('cpu'));

  it('softmax: every checkpoint has x; H and G class blocks rebuilt at a middle checkpoint match the file', async () => {
    const config: Config = { ...defaultConfig(), d: 30, k: 3, T: 3, every: 30, lambda: 20, M: 90, beta: 0.05 };
    const file = await executeRun(config, { backend: 'cpu', includeData: true });
    for (const c of file.checkpoints) expect(c.params?.x).toHaveLength(3);
    // the last checkpoint's params are the data's
    expect(file.checkpoints[file.checkpoints.length - 1].params).toEqual(file.data!.params);
    const cp = middle(file);
    const x = cp.params!.x as number[][];
    expect(x).not.toEqual(file.data!.params.x); // a different state from the last one
    const { inputs, labels } = file.data!.test;
    const probs = inputs.map((y) => {
      const z = x.map((row) => dot(row, y));
      const top = Math.max(...z);
      const e = z.map((v) => Math.exp(v - top));
      const sum = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / sum);
    });
    for (let c = 0; c < 3; c++) {
      const h = cp.spectra.find((s) => s.matrix === 'H' && s.block === `class:${c}`)!;
      const g = cp.spectra.find((s) => s.matrix === 'G' && s.block === `class:${c}`)!;
      const hDense = weightedGram(
        inputs,
        probs.map((p) => p[c] * (1 - p[c])),
        config.beta,
      );
      const gDense = weightedGram(
        inputs,
        probs.map((p, m) => (p[c] - (labels[m] === c ? 1 : 0)) ** 2),
        0,
      );
      expectTopEigenvalues(hDense, config.d, h.eigenvalues, `H class:${c}`);
      expectTopEigenvalues(gDense, config.d, g.eigenvalues, `G class:${c}`);
    }
  });

  it('xor: W and v at every checkpoint; H of each neuron block rebuilt at a middle checkpoint matches the file', async () => {
    const config: Config = {
      ...defaultConfig(),
      model: 'xor',
      K: 3,
      d: 24,
      lambda: 50,
      beta: 0.05,
      T: 6,
      every: 48,
      M: 120,
      full: false,
      seed: 4,
    };
    const file = await executeRun(config, { backend: 'cpu', includeData: true });
    for (const c of file.checkpoints) {
      expect(c.params?.W).toHaveLength(3);
      expect(c.params?.v).toHaveLength(3);
    }
    const cp = middle(file);
    const W = cp.params!.W as number[][];
    const v = cp.params!.v as number[];
    const { inputs } = file.data!.test;
    // f = v·ReLU(WY); H_{W_iW_i} = (1/M) Σ σ'(f) v_i² 1[W_i·Y > 0] Y Yᵀ + βI
    const pre = inputs.map((y) => W.map((w) => dot(w, y)));
    const f = pre.map((z) => z.reduce((s, zi, i) => s + v[i] * Math.max(0, zi), 0));
    for (let i = 0; i < 3; i++) {
      const h = cp.spectra.find((s) => s.matrix === 'H' && s.block === `layer1:${i}`)!;
      const weights = f.map((fm, m) => {
        const s = 1 / (1 + Math.exp(-fm));
        return s * (1 - s) * v[i] * v[i] * (pre[m][i] > 0 ? 1 : 0);
      });
      expectTopEigenvalues(weightedGram(inputs, weights, config.beta), config.d, h.eigenvalues, `H layer1:${i}`);
    }
  });

  it('without --include-data no checkpoint carries parameters', async () => {
    const config: Config = { ...defaultConfig(), d: 20, k: 2, T: 2, every: 20, M: 40 };
    const file = await executeRun(config, { backend: 'cpu' });
    for (const c of file.checkpoints) expect(c.params).toBeUndefined();
  });
});
