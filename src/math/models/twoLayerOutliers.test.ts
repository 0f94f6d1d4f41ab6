// The layer-2 outlier rule (twoLayerOutliers.ts) on constructed xor nets at the BGJ22 fixed points
// (β = 0.1: every served cluster's group has Σ v_i² = −logit(4β) = log 1.5, with m = ±v):
//   optimal (one neuron per cluster) → 4 outliers of H and of G; a cluster unserved → 3.
import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_BACKENDS, useBackend } from '../testing/backends';
import { symmetricEigen } from '../eigen/dense';
import { sampleMany, xorGmm, type Mixture } from '../mixture';
import { makeStream } from '../rng';
import { disposeTestSet, makeTestSet, type TestSet } from '../testSet';
import { countOutliers } from '../outliers';
import { softmaxHead } from './mlp';
import { layer2Dense, type Layer2Samples } from './twoLayerLayer2';
import { layer2NoiseNorm, layer2SignalEigenvalues } from './twoLayerOutliers';
import { sigmoid, xorModel } from './xor';

const d = 40;
const K = 4;
const beta = 0.1;
const lambda = 50;
const M = 400;
const groupV2 = -Math.log((4 * beta) / (1 - 4 * beta)); // −logit(4β) = log 1.5

/** Neurons given as (cluster, share of the group's Σv²): cluster 0..3 = +μ, −μ, +ν, −ν. */
function constructedNet(mix: Mixture, neurons: [number, number][]): Float32Array {
  const x = new Float32Array(K * d + K);
  neurons.forEach(([cluster, share], i) => {
    const v = Math.sqrt(share * groupV2);
    const dir = cluster < 2 ? 0 : 1;
    const sign = cluster % 2 === 0 ? 1 : -1;
    // W_i = |v| (±mean) so the neuron fires on its own cluster; v_i > 0 for label 1 (±μ), < 0 for ±ν
    for (let q = 0; q < d; q++) x[i * d + q] = sign * v * mix.means[dir * d + q];
    x[K * d + i] = cluster < 2 ? v : -v;
  });
  return x;
}

describe.each(NODE_BACKENDS)('layer-2 outliers on %s', (backend) => {
  let mix: Mixture;
  let test: TestSet;
  beforeAll(async () => {
    await useBackend(backend);
    mix = xorGmm(d, lambda, makeStream(2, 'means'));
    test = makeTestSet(sampleMany(mix, makeStream(2, 'test'), M), d);
    return () => disposeTestSet(test);
  });

  async function layer2(set: TestSet, mixture: Mixture, x: Float32Array) {
    const curvature = await xorModel({ d: mixture.d, K }).curvature(set, x, beta, mixture);
    const out: Record<'H' | 'G', { values: number[]; noise: number; count: number; signal: number[] }> = {} as never;
    for (const matrix of ['H', 'G'] as const) {
      const identity = new Float64Array(K * K);
      for (let i = 0; i < K; i++) identity[i * K + i] = 1;
      const [dense] = await curvature.apply([{ matrix, block: 'layer2', count: K, vectors: identity }]);
      const values = Array.from(symmetricEigen(dense, K).values);
      const rule = curvature.outlierRule(matrix, 'layer2')!;
      out[matrix] = { values, noise: rule.noiseNorm, count: rule.count(values), signal: rule.signal };
      expect(rule.edge).toBe((matrix === 'H' ? beta : 0) + rule.noiseNorm);
      const fmt = (a: number[]) => a.map((v) => v.toFixed(4)).join(' ');
      console.info(
        `[${backend}] ${matrix} layer2 eigenvalues ${fmt(values)}, ‖N‖ = ${rule.noiseNorm.toFixed(4)}, B∞ ${fmt(rule.signal)}`,
      );
    }
    expect(curvature.outlierRule('H', 'layer1')).toBeUndefined();
    curvature.dispose();
    return out;
  }

  it('optimal net (one neuron per cluster): 4 outliers of H and of G, at the λ = ∞ values', async () => {
    const { H, G } = await layer2(
      test,
      mix,
      constructedNet(mix, [
        [0, 1],
        [1, 1],
        [2, 1],
        [3, 1],
      ]),
    );
    expect(H.count).toBe(4);
    expect(G.count).toBe(4);
    // docs/THEORY.md: the λ = ∞ matrix is diagonal with H: ¼σ'(v²)v² + β, G: ¼(1−σ(v²))²v² (σ(log 1.5) = 0.6),
    // and by Weyl every eigenvalue lies within ‖N‖ of it: a check of the closed forms and of ‖N‖ together.
    const s = sigmoid(groupV2);
    const hTheory = 0.25 * s * (1 - s) * groupV2 + beta;
    const gTheory = 0.25 * (1 - s) ** 2 * groupV2;
    for (const v of H.values) expect(Math.abs(v - hTheory)).toBeLessThanOrEqual(H.noise + 1e-7);
    for (const v of G.values) expect(Math.abs(v - gTheory)).toBeLessThanOrEqual(G.noise + 1e-7);
    // B∞ itself is that diagonal (exact λ = ∞ values; float32 parameters)
    expect(H.signal.length).toBe(4);
    for (const v of H.signal) expect(v).toBeCloseTo(hTheory - beta, 6);
    for (const v of G.signal) expect(v).toBeCloseTo(gTheory, 6);
    // and the noise part is small (O(λ^{-1/2})), well below the outliers
    expect(H.noise).toBeLessThan(0.5 * (hTheory - beta));
    expect(G.noise).toBeLessThan(0.5 * gTheory);
  });

  it('sub-optimal net (two neurons on +μ, −ν unserved): 3 outliers of H and of G', async () => {
    const { H, G } = await layer2(
      test,
      mix,
      constructedNet(mix, [
        [0, 0.5],
        [0, 0.5],
        [1, 1],
        [2, 1],
      ]),
    );
    expect(H.count).toBe(3);
    expect(G.count).toBe(3);
    // B∞ has rank 3: the unserved cluster has h^c = ReLU(W μ_c) = 0
    expect(H.signal.filter((v) => v > 1e-6).length).toBe(3);
    // the 4th eigenvalue is genuinely small, not a near miss of the threshold
    expect(H.values[3] - beta).toBeLessThan(0.2 * (H.values[2] - beta));
    expect(G.values[3]).toBeLessThan(0.2 * G.values[2]);
  });

  it('random init at d = 400 (W·μ ~ d^{-1/2}): the ReLU-of-noise features are noise, no layer-2 outlier', async () => {
    // The mean ReLU(noise) feature is a spike of the noise part N. The init signal ReLU(W μ_c) ~ d^{-1/2}
    // points the same way (h ≥ 0) and lifts the top eigenvalue just over ‖N‖: the first criterion alone
    // would count 1; the signal criterion (B∞ weaker than the noise) does not.
    const big = 400;
    const bigMix = xorGmm(big, lambda, makeStream(2, 'means'));
    const bigTest = makeTestSet(sampleMany(bigMix, makeStream(2, 'test'), M), big);
    const x = xorModel({ d: big, K }).init(makeStream(7, 'init'));
    const { H, G } = await layer2(bigTest, bigMix, x);
    disposeTestSet(bigTest);
    expect(H.count).toBe(0);
    expect(G.count).toBe(0);
    expect(H.signal[0]).toBeLessThan(H.noise);
    expect(countOutliers(H.values, beta + H.noise, beta)).toBe(1);
  });
});

/** Random layer-2 samples through the softmax head: P = diag π − ππᵀ, r = π − e_y, h ≥ 0. */
function softmaxSamples(count: number, K: number, k: number, seed: number): Layer2Samples {
  const head = softmaxHead(k);
  const rng = makeStream(seed, 'samples');
  const s: Layer2Samples = {
    count,
    weight: Float64Array.from({ length: count }, () => 0.5 + rng.uniform()),
    hidden: Float64Array.from({ length: count * K }, () => Math.max(0, rng.normal())),
    resid: new Float64Array(count * k),
    curv: new Float64Array(count * k * k),
  };
  const z = new Float64Array(k);
  const r = new Float64Array(k);
  const p = new Float64Array(k * k);
  for (let m = 0; m < count; m++) {
    for (let a = 0; a < k; a++) z[a] = rng.normal();
    head.evaluate(z, rng.int(k), r, p);
    s.resid.set(r, m * k);
    s.curv.set(p, m * k * k);
  }
  return s;
}

describe('layer-2 rule internals (o > 1: the mlp head)', () => {
  it('B∞ eigenvalues from the small Gram matrix equal those of the dense block', () => {
    const K = 5;
    const k = 3;
    const centres = softmaxSamples(k, K, k, 1);
    for (const matrix of ['H', 'G'] as const) {
      const n = k * K;
      const dense = symmetricEigen(layer2Dense(centres, K, k, matrix), n).values;
      const gram = layer2SignalEigenvalues(centres, K, k, matrix);
      const padded = [...gram, ...new Array(n - gram.length).fill(0)];
      padded.forEach((v, i) => expect(v).toBeCloseTo(dense[i], 10));
      expect(gram[0]).toBeGreaterThan(0.01);
    }
  });

  it('‖N‖ by power iteration (dimension > 400) equals the dense spectral norm', () => {
    const K = 41;
    const k = 10;
    const test = softmaxSamples(30, K, k, 2);
    const centres = softmaxSamples(k, K, k, 3);
    const n = k * K;
    for (const matrix of ['H', 'G'] as const) {
      const N = layer2Dense(test, K, k, matrix);
      const inf = layer2Dense(centres, K, k, matrix);
      for (let q = 0; q < N.length; q++) N[q] -= inf[q];
      const values = symmetricEigen(N, n).values;
      const want = Math.max(Math.abs(values[0]), Math.abs(values[n - 1]));
      expect(Math.abs(layer2NoiseNorm(test, centres, K, k, matrix) - want) / want).toBeLessThan(1e-4);
    }
  });
});
