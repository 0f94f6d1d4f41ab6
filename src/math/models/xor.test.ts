// xor (BGJ22 2-layer net on the XOR-GMM): closed forms of every block vs dense float64 and tf.grad
// (twoLayerSuite.ts), the SGD step vs a hand-written float64 step, summary statistics and blocks.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { xorGmm } from '../mixture';
import { makeStream } from '../rng';
import { describeTwoLayer } from './twoLayerSuite';
import { relErr } from './twoLayerReference';
import { logisticHead, xorModel } from './xor';

const d = 6;
const K = 3;
const beta = 0.1;

function point(): Float32Array {
  const x = new Float32Array(K * d + K);
  makeStream(4, 'x').fillNormal(x.subarray(0, K * d), 0.8);
  makeStream(4, 'v').fillNormal(x.subarray(K * d));
  return x;
}

describe('xor closed forms', () => {
  describeTwoLayer(() => ({
    name: 'xor',
    d,
    K,
    M: 40,
    beta,
    head: logisticHead,
    mixture: xorGmm(d, 4, makeStream(3, 'means')),
    model: xorModel({ d, K }),
    x: point(),
    tfLoss(z, labels) {
      const y = tf.tensor2d(Float32Array.from(labels), [labels.length, 1]);
      return tf.mean(tf.sub(tf.softplus(z), tf.mul(y, z))) as tf.Scalar;
    },
  }));
});

describe('xor model', () => {
  it('default j: 2 per neuron, 4 for layer1, 4 (≤ K) for layer2, 8 for full; hPsd except full', () => {
    const byId = (model: ReturnType<typeof xorModel>) => Object.fromEntries(model.blocks.map((b) => [b.id, b]));
    const b = byId(xorModel({ d: 20, K: 6 }));
    expect(b['layer1:5'].j).toBe(2);
    expect(b.layer1.j).toBe(4);
    expect(b.layer2.j).toBe(4);
    expect(b.full.j).toBe(8);
    expect(b.full.dim).toBe(6 * 20 + 6);
    expect(byId(xorModel({ d: 20, K: 2 })).layer2.j).toBe(2);
    expect([b['layer1:0'].hPsd, b.layer1.hPsd, b.layer2.hPsd, b.full.hPsd]).toEqual([true, true, true, false]);
    expect([b['layer1:0'].weighted, b.layer1.weighted, b.layer2.weighted, b.full.weighted]).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });

  it('SGD step matches a float64 hand step, batch 1 and minibatch mean', () => {
    const model = xorModel({ d, K });
    const x0 = point();
    const inputs = new Float32Array(3 * d);
    makeStream(5, 'y').fillNormal(inputs);
    const labels = new Int32Array([1, 0, 1]);
    const delta = 0.07;
    const expected = (batch: number) => {
      const out = Float64Array.from(x0, (p) => (1 - delta * beta) * p);
      for (let b = 0; b < batch; b++) {
        const y = Array.from(inputs.subarray(b * d, (b + 1) * d));
        const pre = Array.from({ length: K }, (_, i) => y.reduce((s, yq, q) => s + yq * x0[i * d + q], 0));
        const f = pre.reduce((s, a, i) => s + x0[K * d + i] * Math.max(a, 0), 0);
        const s = 1 / (1 + Math.exp(-f)) - labels[b];
        for (let i = 0; i < K; i++) {
          out[K * d + i] -= (delta / batch) * s * Math.max(pre[i], 0);
          if (pre[i] > 0) for (let q = 0; q < d; q++) out[i * d + q] -= (delta / batch) * s * x0[K * d + i] * y[q];
        }
      }
      return out;
    };
    for (const batch of [1, 3]) {
      const x = Float32Array.from(x0);
      model.sgdStep(x, inputs, labels, batch, delta, beta);
      expect(relErr(x, expected(batch))).toBeLessThan(1e-6);
      expect(relErr(x, x0)).toBeGreaterThan(1e-3);
    }
  });

  it('init: W_i ~ N(0, I/d), v ~ N(0, 1)', () => {
    const dd = 400;
    const KK = 8;
    const x = xorModel({ d: dd, K: KK }).init(makeStream(1, 'init'));
    const wVar = x.subarray(0, KK * dd).reduce((s, p) => s + p * p, 0) / (KK * dd);
    const vVar = x.subarray(KK * dd).reduce((s, p) => s + p * p, 0) / KK;
    expect(wVar * dd).toBeGreaterThan(0.9);
    expect(wVar * dd).toBeLessThan(1.1);
    expect(vVar).toBeGreaterThan(0.2);
    expect(vVar).toBeLessThan(3);
  });

  it('summary: m^μ, m^ν, v and R⊥ of a net built from known parts', () => {
    const mix = xorGmm(d, 4, makeStream(3, 'means'));
    const mu = mix.means.subarray(0, d);
    const nu = mix.means.subarray(d, 2 * d);
    // W_i = a_i μ + b_i ν + c_i e, with e a unit vector ⊥ μ, ν
    const e = new Float64Array(d);
    makeStream(9, 'e').fillNormal(e);
    for (const basis of [mu, nu]) {
      const dot = e.reduce((s, p, q) => s + p * basis[q], 0);
      for (let q = 0; q < d; q++) e[q] -= dot * basis[q];
    }
    const norm = Math.hypot(...e);
    for (let q = 0; q < d; q++) e[q] /= norm;
    const a = [0.5, -1, 0];
    const b = [0.25, 0, 2];
    const c = [1, 2, -0.5];
    const x = new Float32Array(K * d + K);
    for (let i = 0; i < K; i++) for (let q = 0; q < d; q++) x[i * d + q] = a[i] * mu[q] + b[i] * nu[q] + c[i] * e[q];
    x.set([0.3, -0.7, 1.1], K * d);
    const s = xorModel({ d, K }).summary(x, mix) as { mmu: number[]; mnu: number[]; v: number[]; Rperp: number[][] };
    s.mmu.forEach((m, i) => expect(m).toBeCloseTo(a[i], 5));
    s.mnu.forEach((m, i) => expect(m).toBeCloseTo(b[i], 5));
    s.v.forEach((m, i) => expect(m).toBeCloseTo([0.3, -0.7, 1.1][i], 6));
    for (let i = 0; i < K; i++) for (let l = 0; l < K; l++) expect(s.Rperp[i][l]).toBeCloseTo(c[i] * c[l], 5);
    const rec = xorModel({ d, K }).paramRecord(x) as { W: number[][]; v: number[] };
    expect(rec.W.length).toBe(K);
    expect(rec.W[1][2]).toBe(x[d + 2]);
    expect(rec.v).toEqual(Array.from(x.subarray(K * d)));
  });
});
