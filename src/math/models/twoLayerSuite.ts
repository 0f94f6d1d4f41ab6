// The closed-form specs shared by xor.test.ts and mlp.test.ts: every block of H·V and G·V against
// (a) the dense float64 matrices of twoLayerReference.ts and (b) first-order tf.grad (central differences
// for H, per-sample gradients for G), on every Node backend. Never nested tf.grad (docs/MATH.md §4).
// Test points avoid ReLU kinks by construction: samples with min_i |W_i·Y| below a margin are dropped
// from the test set, and each finite-difference test asserts the margin exceeds the perturbation.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_BACKENDS, useBackend } from '../testing/backends';
import { symmetricEigen } from '../eigen/dense';
import { sampleMany, type Mixture, type Samples } from '../mixture';
import { makeStream } from '../rng';
import { makeTestSet, type TestSet } from '../testSet';
import type { ApplyRequest, Curvature, Model } from './model';
import type { Head } from './twoLayer';
import { denseTwoLayer, relErr, subBlock, subBlockApply, type DenseTwoLayer } from './twoLayerReference';

export interface TwoLayerCase {
  name: string;
  d: number;
  K: number;
  M: number;
  beta: number;
  head: Head;
  mixture: Mixture;
  model: Model;
  /** parameters of the test point */
  x: Float32Array;
  /** mean loss of outputs z (M×o) for the labels, in tf */
  tfLoss(z: tf.Tensor2D, labels: Int32Array): tf.Scalar;
}

const KINK_MARGIN = 0.15;
const EPS = 1e-2;

/** M samples with min_i |W_i·Y| ≥ KINK_MARGIN (no ReLU kink near the test point). */
export function kinkFreeSamples(c: Pick<TwoLayerCase, 'd' | 'K' | 'M' | 'mixture' | 'x'>, seed: number): Samples {
  const { d, K, M, x } = c;
  const pool = sampleMany(c.mixture, makeStream(seed, 'test'), 20 * M);
  const keep: number[] = [];
  for (let m = 0; m < pool.n && keep.length < M; m++) {
    let ok = true;
    for (let i = 0; i < K && ok; i++) {
      let a = 0;
      for (let q = 0; q < d; q++) a += x[i * d + q] * pool.inputs[m * d + q];
      ok = Math.abs(a) >= KINK_MARGIN;
    }
    if (ok) keep.push(m);
  }
  if (keep.length < M) throw new Error('not enough kink-free samples');
  const inputs = new Float32Array(M * d);
  keep.forEach((m, r) => inputs.set(pool.inputs.subarray(m * d, (m + 1) * d), r * d));
  return {
    inputs,
    labels: Int32Array.from(keep, (m) => pool.labels[m]),
    clusters: Int32Array.from(keep, (m) => pool.clusters[m]),
    n: M,
  };
}

function randomVectors(count: number, dim: number, seed: number): Float64Array {
  const v = new Float64Array(count * dim);
  makeStream(seed, 'v').fillNormal(v);
  return v;
}

/** The (offset, size) of each block inside the full parameter vector. */
function blockRange(block: string, d: number, K: number, n: number): [number, number] {
  if (block === 'full') return [0, n];
  if (block === 'layer1') return [0, K * d];
  if (block === 'layer2') return [K * d, n - K * d];
  const i = Number(block.split(':')[1]);
  return [i * d, d];
}

export function describeTwoLayer(make: () => TwoLayerCase): void {
  describe.each(NODE_BACKENDS)('%s', (backend) => {
    let c: TwoLayerCase;
    let test: TestSet;
    let curvature: Curvature;
    let dense: DenseTwoLayer;
    let n: number;
    let blockIds: string[];

    beforeAll(async () => {
      await useBackend(backend);
      c = make();
      test = makeTestSet(kinkFreeSamples(c, 3), c.d);
      curvature = await c.model.curvature(test, c.x, c.beta);
      dense = denseTwoLayer(c.d, c.K, c.head, c.x, test.samples, c.beta);
      n = dense.n;
      blockIds = c.model.blocks.map((b) => b.id);
    });

    /** Mean loss as a tf function of the flat parameter vector θ. */
    const lossOf = (theta: tf.Tensor) => {
      const { d, K } = c;
      const o = c.head.outputs;
      const W = tf.reshape(tf.slice(theta, 0, K * d), [K, d]);
      const V = tf.reshape(tf.slice(theta, K * d, o * K), [o, K]);
      const z = tf.matMul(tf.relu(tf.matMul(test.Y, W, false, true)), V, false, true) as tf.Tensor2D;
      return c.tfLoss(z, test.samples.labels);
    };

    it('blocks cover the layout: layer1:i, layer1, layer2, full with the right dimensions', () => {
      const { d, K } = c;
      expect(blockIds).toEqual([...Array.from({ length: K }, (_, i) => `layer1:${i}`), 'layer1', 'layer2', 'full']);
      for (const b of c.model.blocks) expect(b.dim).toBe(blockRange(b.id, d, K, n)[1]);
      expect(c.model.nParams).toBe(n);
      const full = c.model.blocks.find((b) => b.id === 'full')!;
      expect(Array.from(full.params(c.x))).toEqual(Array.from(c.x));
    });

    it('H·V and G·V equal the dense matrices for every block, all in one batched call', async () => {
      const requests: ApplyRequest[] = [];
      let seed = 10;
      for (const matrix of ['H', 'G'] as const)
        for (const b of c.model.blocks)
          requests.push({ matrix, block: b.id, count: 2, vectors: randomVectors(2, b.dim, seed++) });
      requests.push({ matrix: 'G', block: 'layer1:0', count: 0, vectors: new Float64Array(0) });
      const results = await curvature.apply(requests);
      let worst = 0;
      requests.forEach((req, r) => {
        const [offset, size] = blockRange(req.block, c.d, c.K, n);
        const A = req.matrix === 'H' ? dense.H : dense.G;
        expect(results[r].length).toBe(req.count * size);
        for (let v = 0; v < req.count; v++) {
          const want = subBlockApply(A, n, req.vectors.subarray(v * size, (v + 1) * size), offset, size);
          const err = relErr(results[r].subarray(v * size, (v + 1) * size), want);
          worst = Math.max(worst, err);
          expect(err, `${req.matrix} ${req.block}`).toBeLessThan(1e-5);
        }
      });
      console.info(`[${c.name} ${backend}] closed forms vs dense: max rel err ${worst.toExponential(2)}`);
    });

    it('H·V equals central differences of the first-order tf.grad, for the full vector and every block', async () => {
      const grad = tf.grad(lossOf);
      const theta = tf.tensor1d(c.x);
      const { d, K } = c;
      const pre = tf.tidy(() => tf.abs(tf.matMul(test.Y, tf.reshape(tf.slice(theta, 0, K * d), [K, d]), false, true)));
      const minPre = (await tf.min(pre).data())[0];
      pre.dispose();
      let worst = 0;
      let seed = 40;
      for (const block of ['full', ...blockIds.filter((b) => b !== 'full')]) {
        const [offset, size] = blockRange(block, d, K, n);
        const u = new Float64Array(n);
        u.set(randomVectors(1, size, seed++), offset);
        // the perturbation of every pre-activation stays below the kink margin: no ReLU switches
        const U = tf.tensor2d(Float32Array.from(u.subarray(0, K * d)), [K, d]);
        const shiftMax = (await tf.max(tf.abs(tf.matMul(test.Y, U, false, true))).data())[0] * EPS;
        U.dispose();
        expect(shiftMax).toBeLessThan(minPre);
        const dir = tf.tensor1d(Float32Array.from(u));
        const fd = tf.tidy(() =>
          tf.div(tf.sub(grad(tf.add(theta, tf.mul(dir, EPS))), grad(tf.sub(theta, tf.mul(dir, EPS)))), 2 * EPS),
        );
        const fdData = await fd.data();
        tf.dispose([fd, dir]);
        const want = Float64Array.from(fdData.subarray(offset, offset + size), (g, q) => g + c.beta * u[offset + q]);
        const [got] = await curvature.apply([
          { matrix: 'H', block, count: 1, vectors: u.slice(offset, offset + size) },
        ]);
        const err = relErr(got, want);
        worst = Math.max(worst, err);
        // truncation O(ε²): measured 1e-4 (xor) and 6e-4 (mlp), ÷4 at ε/2; float32 round-off ≈ 1e-7/ε = 1e-5
        expect(err, block).toBeLessThan(1e-3);
      }
      theta.dispose();
      console.info(
        `[${c.name} ${backend}] H·V vs central differences of tf.grad: max rel err ${worst.toExponential(2)}`,
      );
    });

    it('G·V equals (1/M) Σ g_m (g_m·V) with per-sample gradients from tf.grad (no ridge)', async () => {
      const { d, K, M } = c;
      const o = c.head.outputs;
      const u = randomVectors(1, n, 8);
      const want = new Float64Array(n);
      const theta = tf.tensor1d(c.x);
      for (let m = 0; m < M; m++) {
        const ym = tf.tensor2d(test.samples.inputs.slice(m * d, (m + 1) * d), [1, d]);
        const label = test.samples.labels.slice(m, m + 1);
        const g = tf.grad((th: tf.Tensor) => {
          const W = tf.reshape(tf.slice(th, 0, K * d), [K, d]);
          const V = tf.reshape(tf.slice(th, K * d, o * K), [o, K]);
          return c.tfLoss(tf.matMul(tf.relu(tf.matMul(ym, W, false, true)), V, false, true) as tf.Tensor2D, label);
        })(theta);
        const gm = await g.data();
        let dot = 0;
        for (let p = 0; p < n; p++) dot += gm[p] * u[p];
        for (let p = 0; p < n; p++) want[p] += (gm[p] * dot) / M;
        tf.dispose([ym, g]);
      }
      theta.dispose();
      const [got] = await curvature.apply([{ matrix: 'G', block: 'full', count: 1, vectors: u }]);
      const err = relErr(got, want);
      expect(err).toBeLessThan(1e-5);
      console.info(`[${c.name} ${backend}] G·V vs per-sample tf.grad: rel err ${err.toExponential(2)}`);
    });

    it('loss matches tf; accuracy and per-cluster accuracy are consistent', async () => {
      const loss = (await lossOf(tf.tensor1d(c.x)).data())[0];
      expect(Math.abs(curvature.loss - loss)).toBeLessThan(1e-5 * Math.max(1, loss));
      const counts = new Array<number>(curvature.clusterAccuracy.length).fill(0);
      for (const cl of test.samples.clusters) counts[cl]++;
      const fromClusters = curvature.clusterAccuracy.reduce((s, a, cl) => s + a * counts[cl], 0) / c.M;
      expect(curvature.accuracy).toBeCloseTo(fromClusters, 12);
      expect(curvature.accuracy).toBeGreaterThan(0);
    });

    it('layer1:i is of diagonal form: (1/M) Ŷᵀ diag(w) Ŷ (+βI) rebuilt from weights() equals the dense block', () => {
      const { d, K, M } = c;
      const Y = test.samples.inputs;
      for (const matrix of ['H', 'G'] as const) {
        for (let i = 0; i < K; i++) {
          const w = curvature.weights(matrix, `layer1:${i}`)!;
          expect(w.length).toBe(M);
          const rebuilt = new Float64Array(d * d);
          for (let m = 0; m < M; m++)
            for (let a = 0; a < d; a++)
              for (let b = 0; b < d; b++) rebuilt[a * d + b] += (w[m] * Y[m * d + a] * Y[m * d + b]) / M;
          if (matrix === 'H') for (let a = 0; a < d; a++) rebuilt[a * d + a] += c.beta;
          // the weights come from the float32 pre-activations Ŷ·Wᵀ of tfjs: float32 round-off, not 1e-16
          expect(relErr(rebuilt, subBlock(matrix === 'H' ? dense.H : dense.G, n, i * d, d))).toBeLessThan(1e-6);
          for (const wm of w) expect(wm).toBeGreaterThanOrEqual(0);
        }
        for (const b of ['layer1', 'layer2', 'full']) expect(curvature.weights(matrix, b)).toBeUndefined();
      }
    });

    it('layer1 (and the W–W part of full) is (1/M) Σ A_m ⊗ Ŷ_m Ŷ_mᵀ (+βI), A_m = C_m C_mᵀ from sampleFactors()', () => {
      const { d, K, M } = c;
      const Y = test.samples.inputs;
      for (const matrix of ['H', 'G'] as const) {
        for (const block of ['layer1', 'full']) {
          const f = curvature.sampleFactors(matrix, block)!;
          expect([f.count, f.size]).toEqual([M, K]);
          const rebuilt = new Float64Array(K * d * K * d);
          const A = new Float64Array(K * K);
          for (let m = 0; m < M; m++) {
            for (let i = 0; i < K; i++)
              for (let j = 0; j < K; j++) {
                let s = 0;
                for (let r = 0; r < f.rank; r++)
                  s += f.factors[(m * K + i) * f.rank + r] * f.factors[(m * K + j) * f.rank + r];
                A[i * K + j] = s;
              }
            for (let i = 0; i < K; i++)
              for (let j = 0; j < K; j++)
                for (let a = 0; a < d; a++)
                  for (let b = 0; b < d; b++)
                    rebuilt[(i * d + a) * K * d + j * d + b] += (A[i * K + j] * Y[m * d + a] * Y[m * d + b]) / M;
          }
          if (matrix === 'H') for (let a = 0; a < K * d; a++) rebuilt[a * K * d + a] += c.beta;
          expect(relErr(rebuilt, subBlock(matrix === 'H' ? dense.H : dense.G, n, 0, K * d))).toBeLessThan(1e-6);
        }
        for (const b of ['layer1:0', 'layer2']) expect(curvature.sampleFactors(matrix, b)).toBeUndefined();
      }
    });

    it('the hPsd blocks of H have spectrum ≥ β; the full H is indefinite, and so is the operator', async () => {
      for (const b of c.model.blocks) {
        const [offset, size] = blockRange(b.id, c.d, c.K, n);
        const { values } = symmetricEigen(subBlock(dense.H, n, offset, size), size);
        if (b.hPsd) expect(values[size - 1], b.id).toBeGreaterThan(c.beta - 1e-10);
      }
      const { values, vectors } = symmetricEigen(dense.H, n);
      const lowest = values[n - 1];
      expect(lowest).toBeLessThan(-1e-3);
      const v = vectors.slice((n - 1) * n, n * n);
      const [hv] = await curvature.apply([{ matrix: 'H', block: 'full', count: 1, vectors: v }]);
      const rayleigh = hv.reduce((s, x, p) => s + x * v[p], 0);
      expect(rayleigh).toBeCloseTo(lowest, 5);
      console.info(`[${c.name} ${backend}] lowest eigenvalue of the full H: ${lowest.toFixed(4)} (β = ${c.beta})`);
      const gValues = symmetricEigen(dense.G, n).values;
      expect(gValues[n - 1]).toBeGreaterThan(-1e-10);
    });
  });
}
