// mlp (2-layer ReLU net, softmax over k on the k-GMM): closed forms of every block vs dense float64 and
// tf.grad (twoLayerSuite.ts), the SGD step vs a hand-written float64 step, summary statistics and blocks.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { kGmm } from '../mixture';
import { makeStream } from '../rng';
import { mlpModel, softmaxHead } from './mlp';
import { describeTwoLayer } from './twoLayerSuite';
import { relErr } from './twoLayerReference';

const d = 6;
const k = 3;
const K = 3;
const beta = 0.1;

function point(): Float32Array {
  const x = new Float32Array(K * d + k * K);
  makeStream(4, 'x').fillNormal(x.subarray(0, K * d), 0.8);
  makeStream(4, 'v').fillNormal(x.subarray(K * d), 1.5);
  return x;
}

describe('mlp closed forms', () => {
  describeTwoLayer(() => ({
    name: 'mlp',
    d,
    K,
    M: 40,
    beta,
    head: softmaxHead(k),
    mixture: kGmm(d, k, 4, 0, makeStream(3, 'means')),
    model: mlpModel({ d, k, K }),
    x: point(),
    tfLoss: (z, labels) => tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(labels, 'int32'), k), z) as tf.Scalar,
  }));
});

describe('mlp model', () => {
  it('default j: k per neuron, k·min(k−1, K) per layer (capped by the dimension), their sum for full', () => {
    const b = Object.fromEntries(mlpModel({ d: 20, k: 4, K: 5 }).blocks.map((s) => [s.id, s]));
    expect(b['layer1:4'].j).toBe(4);
    expect(b.layer1.j).toBe(12);
    expect(b.layer2.j).toBe(12);
    expect(b.layer2.dim).toBe(20);
    expect(b.full.j).toBe(24);
    const narrow = Object.fromEntries(mlpModel({ d: 20, k: 4, K: 1 }).blocks.map((s) => [s.id, s]));
    expect(narrow.layer2.j).toBe(4);
    expect([b['layer1:0'].hPsd, b.layer1.hPsd, b.layer2.hPsd, b.full.hPsd]).toEqual([true, true, true, false]);
  });

  it('SGD step matches a float64 hand step, batch 1 and minibatch mean', () => {
    const model = mlpModel({ d, k, K });
    const x0 = point();
    const inputs = new Float32Array(2 * d);
    makeStream(5, 'y').fillNormal(inputs);
    const labels = new Int32Array([2, 0]);
    const delta = 0.07;
    const expected = (batch: number) => {
      const out = Float64Array.from(x0, (p) => (1 - delta * beta) * p);
      for (let b = 0; b < batch; b++) {
        const y = Array.from(inputs.subarray(b * d, (b + 1) * d));
        const pre = Array.from({ length: K }, (_, i) => y.reduce((s, yq, q) => s + yq * x0[i * d + q], 0));
        const h = pre.map((a) => Math.max(a, 0));
        const z = Array.from({ length: k }, (_, a) => h.reduce((s, hi, i) => s + x0[K * d + a * K + i] * hi, 0));
        const e = z.map(Math.exp);
        const sum = e.reduce((s, v) => s + v, 0);
        const r = e.map((v, a) => v / sum - (a === labels[b] ? 1 : 0));
        for (let a = 0; a < k; a++) for (let i = 0; i < K; i++) out[K * d + a * K + i] -= (delta / batch) * r[a] * h[i];
        for (let i = 0; i < K; i++) {
          if (pre[i] <= 0) continue;
          const back = r.reduce((s, ra, a) => s + ra * x0[K * d + a * K + i], 0);
          for (let q = 0; q < d; q++) out[i * d + q] -= (delta / batch) * back * y[q];
        }
      }
      return out;
    };
    for (const batch of [1, 2]) {
      const x = Float32Array.from(x0);
      model.sgdStep(x, inputs, labels, batch, delta, beta);
      expect(relErr(x, expected(batch))).toBeLessThan(1e-6);
      expect(relErr(x, x0)).toBeGreaterThan(1e-3);
    }
  });

  it('summary: m = W_i·μ_b, R = W_i·W_l, V; paramRecord W and V', () => {
    const mix = kGmm(d, k, 4, 0, makeStream(3, 'means'));
    const coef = [
      [1, 0, -0.5],
      [0, 2, 0],
      [0.3, 0.3, 0.3],
    ];
    const x = point();
    for (let i = 0; i < K; i++)
      for (let q = 0; q < d; q++) x[i * d + q] = coef[i].reduce((s, c, b) => s + c * mix.means[b * d + q], 0);
    const model = mlpModel({ d, k, K });
    const s = model.summary(x, mix) as { m: number[][]; R: number[][]; V: number[][] };
    for (let i = 0; i < K; i++) {
      for (let b = 0; b < k; b++) expect(s.m[i][b]).toBeCloseTo(coef[i][b], 5);
      for (let l = 0; l < K; l++)
        expect(s.R[i][l]).toBeCloseTo(
          coef[i].reduce((acc, c, b) => acc + c * coef[l][b], 0),
          5,
        );
    }
    expect(s.V[2][1]).toBe(x[K * d + 2 * K + 1]);
    const rec = model.paramRecord(x) as { W: number[][]; V: number[][] };
    expect(rec.W[2][5]).toBe(x[2 * d + 5]);
    expect(rec.V.length).toBe(k);
    expect(rec.V[0].length).toBe(K);
  });
});
