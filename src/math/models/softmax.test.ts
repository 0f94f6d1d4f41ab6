// The softmax closed forms (H·V, G·V for every block) against (a) the explicit dense matrices built
// from the definition in float64 and (b) first-order tf.grad: central differences of ∇L for H, per-sample
// gradients for G. On every backend that starts in Node.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_BACKENDS, useBackend } from '../testing/backends';
import { kGmm, sampleMany } from '../mixture';
import { makeStream } from '../rng';
import { makeTestSet, type TestSet } from '../testSet';
import type { Curvature } from './model';
import { softmaxModel } from './softmax';

const d = 7;
const k = 3;
const M = 25;
const beta = 0.3;

/** Dense H and G (kd × kd, float64) from the definition, with index (c, i) → c·d + i. */
function denseMatrices(test: TestSet, x: Float32Array) {
  const n = k * d;
  const H = new Float64Array(n * n);
  const G = new Float64Array(n * n);
  const { inputs, labels } = test.samples;
  for (let m = 0; m < M; m++) {
    const y = inputs.subarray(m * d, (m + 1) * d);
    const z = Array.from({ length: k }, (_, c) => {
      let s = 0;
      for (let i = 0; i < d; i++) s += x[c * d + i] * y[i];
      return s;
    });
    const max = Math.max(...z);
    const e = z.map((v) => Math.exp(v - max));
    const sum = e.reduce((a, b) => a + b, 0);
    const p = e.map((v) => v / sum);
    const r = p.map((v, c) => v - (c === labels[m] ? 1 : 0));
    for (let c = 0; c < k; c++)
      for (let c2 = 0; c2 < k; c2++) {
        const hc = (c === c2 ? p[c] : 0) - p[c] * p[c2];
        const gc = r[c] * r[c2];
        for (let i = 0; i < d; i++)
          for (let i2 = 0; i2 < d; i2++) {
            const yy = y[i] * y[i2];
            H[(c * d + i) * n + c2 * d + i2] += (hc * yy) / M;
            G[(c * d + i) * n + c2 * d + i2] += (gc * yy) / M;
          }
      }
  }
  for (let i = 0; i < n; i++) H[i * n + i] += beta;
  return { H, G, n };
}

function matVec(A: Float64Array, n: number, v: Float64Array, offset = 0, size = n): Float64Array {
  // Applies the principal sub-block [offset, offset+size) of A to v (length size).
  const out = new Float64Array(size);
  for (let a = 0; a < size; a++) {
    let s = 0;
    for (let b = 0; b < size; b++) s += A[(offset + a) * n + offset + b] * v[b];
    out[a] = s;
  }
  return out;
}

function relErr(got: ArrayLike<number>, want: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < want.length; i++) {
    num += (got[i] - want[i]) ** 2;
    den += want[i] ** 2;
  }
  return Math.sqrt(num / den);
}

function setup() {
  const mix = kGmm(d, k, 4, 0, makeStream(3, 'means'));
  const samples = sampleMany(mix, makeStream(3, 'test'), M);
  const test = makeTestSet(samples, d);
  const model = softmaxModel({ d, k, j: 2 });
  const x = new Float32Array(k * d);
  makeStream(3, 'x').fillNormal(x, 0.8);
  return { test, model, x };
}

function randomVectors(count: number, dim: number, seed: number): Float64Array {
  const v = new Float64Array(count * dim);
  makeStream(seed, 'v').fillNormal(v);
  return v;
}

/** Mean cross-entropy over the test set as a tf function of X (k×d). */
function lossOf(test: TestSet) {
  const onehot = tf.oneHot(tf.tensor1d(test.samples.labels, 'int32'), k);
  return (X: tf.Tensor) => tf.losses.softmaxCrossEntropy(onehot, tf.matMul(test.Y, X, false, true)) as tf.Scalar;
}

describe.each(NODE_BACKENDS)('softmax closed forms on %s', (backend) => {
  let test: TestSet;
  let x: Float32Array;
  let curvature: Curvature;
  let dense: ReturnType<typeof denseMatrices>;

  beforeAll(async () => {
    await useBackend(backend);
    const s = setup();
    test = s.test;
    x = s.x;
    curvature = await s.model.curvature(test, x, beta);
    dense = denseMatrices(test, x);
  });

  for (const matrix of ['H', 'G'] as const) {
    it(`${matrix}·V equals the dense matrix for every block, in one batched call`, async () => {
      const blocks = [...Array.from({ length: k }, (_, c) => `class:${c}`), 'full'];
      const requests = blocks.map((block, b) => {
        const dim = block === 'full' ? k * d : d;
        return { matrix, block, count: 3, vectors: randomVectors(3, dim, 10 + b) };
      });
      // mix in the other matrix too: all blocks of H and G share the same two matmuls
      const other = matrix === 'H' ? 'G' : 'H';
      requests.push({ matrix: other, block: 'class:1', count: 2, vectors: randomVectors(2, d, 99) });
      const results = await curvature.apply(requests);
      const A = matrix === 'H' ? dense.H : dense.G;
      requests.forEach((req, r) => {
        const dim = req.block === 'full' ? k * d : d;
        const offset = req.block === 'full' ? 0 : Number(req.block.split(':')[1]) * d;
        const Aref = req.matrix === matrix ? A : matrix === 'H' ? dense.G : dense.H;
        for (let v = 0; v < req.count; v++) {
          const want = matVec(Aref, dense.n, req.vectors.subarray(v * dim, (v + 1) * dim), offset, dim);
          const got = results[r].subarray(v * dim, (v + 1) * dim);
          expect(relErr(got, want)).toBeLessThan(1e-5);
        }
      });
    });
  }

  it('loss and accuracy match tf', async () => {
    const X = tf.tensor2d(x, [k, d]);
    const loss = (await lossOf(test)(X).data())[0];
    expect(curvature.loss).toBeCloseTo(loss, 5);
    X.dispose();
  });

  it('H·V equals central differences of the first-order tf.grad (ε = 1e-2), full and class blocks', async () => {
    const grad = tf.grad(lossOf(test));
    const eps = 1e-2;
    const v = randomVectors(1, k * d, 7);
    const X = tf.tensor2d(x, [k, d]);
    const V = tf.tensor2d(Float32Array.from(v), [k, d]);
    const fd = tf.tidy(() => tf.div(tf.sub(grad(tf.add(X, tf.mul(V, eps))), grad(tf.sub(X, tf.mul(V, eps)))), 2 * eps));
    const fdData = await fd.data();
    const want = Float64Array.from(fdData, (g, i) => g + beta * v[i]);
    const [full] = await curvature.apply([{ matrix: 'H', block: 'full', count: 1, vectors: v }]);
    // Truncation O(ε²) ≈ 2e-5 relative, float32 round-off ≈ 1e-7/ε = 1e-5.
    expect(relErr(full, want)).toBeLessThan(1e-3);
    // class block c: the (c, c) block is the c-th slice of H·(v restricted to class c)
    for (let c = 0; c < k; c++) {
      const vc = new Float64Array(k * d);
      vc.set(v.subarray(c * d, (c + 1) * d), c * d);
      const Vc = tf.tensor2d(Float32Array.from(vc), [k, d]);
      const fdc = tf.tidy(() =>
        tf.div(tf.sub(grad(tf.add(X, tf.mul(Vc, eps))), grad(tf.sub(X, tf.mul(Vc, eps)))), 2 * eps),
      );
      const fdcData = await fdc.data();
      const wantC = Float64Array.from(fdcData.subarray(c * d, (c + 1) * d), (g, i) => g + beta * v[c * d + i]);
      const [got] = await curvature.apply([
        { matrix: 'H', block: `class:${c}`, count: 1, vectors: v.slice(c * d, (c + 1) * d) },
      ]);
      expect(relErr(got, wantC)).toBeLessThan(1e-3);
      Vc.dispose();
      fdc.dispose();
    }
    X.dispose();
    V.dispose();
    fd.dispose();
  });

  it('G·V equals (1/M) Σ g_m (g_m·V) with per-sample gradients from tf.grad (no ridge)', async () => {
    const v = randomVectors(1, k * d, 8);
    const want = new Float64Array(k * d);
    const X = tf.tensor2d(x, [k, d]);
    for (let m = 0; m < M; m++) {
      const ym = tf.tensor2d(test.samples.inputs.slice(m * d, (m + 1) * d), [1, d]);
      const onehot = tf.oneHot(tf.tensor1d([test.samples.labels[m]], 'int32'), k);
      const g = tf.grad(
        (W: tf.Tensor) => tf.losses.softmaxCrossEntropy(onehot, tf.matMul(ym, W, false, true)) as tf.Scalar,
      )(X);
      const gm = await g.data();
      let dot = 0;
      for (let i = 0; i < k * d; i++) dot += gm[i] * v[i];
      for (let i = 0; i < k * d; i++) want[i] += (gm[i] * dot) / M;
      tf.dispose([ym, onehot, g]);
    }
    const [got] = await curvature.apply([{ matrix: 'G', block: 'full', count: 1, vectors: v }]);
    expect(relErr(got, want)).toBeLessThan(1e-5);
    X.dispose();
  });

  it('the full block is (1/M) Σ A_m ⊗ Ŷ_m Ŷ_mᵀ (+βI) with A_m = C_m C_mᵀ from sampleFactors()', () => {
    const n = k * d;
    const Y = test.samples.inputs;
    for (const matrix of ['H', 'G'] as const) {
      const f = curvature.sampleFactors(matrix, 'full')!;
      expect([f.count, f.size, f.rank]).toEqual([M, k, matrix === 'H' ? k : 1]);
      const rebuilt = new Float64Array(n * n);
      for (let m = 0; m < M; m++)
        for (let a = 0; a < k; a++)
          for (let b = 0; b < k; b++) {
            let A = 0;
            for (let r = 0; r < f.rank; r++)
              A += f.factors[(m * k + a) * f.rank + r] * f.factors[(m * k + b) * f.rank + r];
            for (let i = 0; i < d; i++)
              for (let i2 = 0; i2 < d; i2++)
                rebuilt[(a * d + i) * n + b * d + i2] += (A * Y[m * d + i] * Y[m * d + i2]) / M;
          }
      if (matrix === 'H') for (let i = 0; i < n; i++) rebuilt[i * n + i] += beta;
      // the factors come from float32 logits: float32 round-off
      expect(relErr(rebuilt, matrix === 'H' ? dense.H : dense.G)).toBeLessThan(1e-5);
      expect(curvature.sampleFactors(matrix, 'class:0')).toBeUndefined();
    }
  });

  it('the class-block weights are π_c(1−π_c) for H and r_c² for G', () => {
    const wH = curvature.weights('H', 'class:1')!;
    const wG = curvature.weights('G', 'class:1')!;
    expect(wH.length).toBe(M);
    for (let m = 0; m < M; m++) {
      expect(wH[m]).toBeGreaterThanOrEqual(0);
      expect(wH[m]).toBeLessThanOrEqual(0.25);
      expect(wG[m]).toBeGreaterThanOrEqual(0);
      expect(wG[m]).toBeLessThanOrEqual(1);
    }
    expect(curvature.weights('H', 'full')).toBeUndefined();
  });
});

describe('softmax SGD step', () => {
  it('matches x ← (1−δβ)x − δ(π − e_y)⊗Y, batch 1 and minibatch mean', () => {
    const model = softmaxModel({ d, k, j: 2 });
    const x0 = new Float32Array(k * d);
    makeStream(5, 'x').fillNormal(x0, 0.5);
    const inputs = new Float32Array(2 * d);
    makeStream(5, 'y').fillNormal(inputs);
    const labels = new Int32Array([2, 0]);
    const delta = 0.05;
    const expected = (batch: number) => {
      const out = Float64Array.from(x0, (v) => (1 - delta * beta) * v);
      for (let b = 0; b < batch; b++) {
        const y = inputs.subarray(b * d, (b + 1) * d);
        const z = Array.from({ length: k }, (_, c) => y.reduce((s, yi, i) => s + yi * x0[c * d + i], 0));
        const e = z.map((v) => Math.exp(v));
        const sum = e.reduce((a, b2) => a + b2, 0);
        for (let c = 0; c < k; c++) {
          const g = e[c] / sum - (c === labels[b] ? 1 : 0);
          for (let i = 0; i < d; i++) out[c * d + i] -= (delta / batch) * g * y[i];
        }
      }
      return out;
    };
    for (const batch of [1, 2]) {
      const x = Float32Array.from(x0);
      model.sgdStep(x, inputs, labels, batch, delta, beta);
      expect(relErr(x, expected(batch))).toBeLessThan(1e-6);
    }
  });
});
