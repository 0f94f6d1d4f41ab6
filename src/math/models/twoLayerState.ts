// Per-sample quantities of a 2-layer net on the test set, in float64: everything H and G are built from.
// One tfjs matmul gives the pre-activations Ŷ·Wᵀ; the rest (K and o are small) is plain JS.
import * as tf from '@tensorflow/tfjs-core';
import type { TestSet } from '../testSet';
import type { TwoLayerShape } from './twoLayer';
import type { SampleFactors } from '../theory/matrixWishart';
import { psdFactor } from './sampleFactors';

export interface TwoLayerTestState {
  M: number;
  /** 1[W_i·Ŷ_m > 0], M×K */
  mask: Float64Array;
  /** h = ReLU(W Ŷ_m), M×K */
  hidden: Float64Array;
  /** r = ∂ℓ/∂z, M×o */
  resid: Float64Array;
  /** P = ∂²ℓ/∂z², M×o×o */
  curv: Float64Array;
  /** Jacobian coefficient of the W-gradient: ∇_{W_i} ℓ = back_i Ŷ, back = 1 ∘ (Vᵀ r), M×K */
  back: Float64Array;
  /** V (o×K) in float64 */
  V: Float64Array;
  loss: number;
  accuracy: number;
  clusterAccuracy: number[];
}

export async function twoLayerTestState(
  shape: TwoLayerShape,
  test: TestSet,
  x: Float32Array,
  clusters: number,
): Promise<TwoLayerTestState> {
  const { d, K, head } = shape;
  const o = head.outputs;
  const { M } = test;
  const wt = new Float32Array(d * K);
  for (let i = 0; i < K; i++) for (let t = 0; t < d; t++) wt[t * K + i] = x[i * d + t];
  const preTensor = tf.tidy(() => tf.matMul(test.Y, tf.tensor2d(wt, [d, K])));
  const pre = (await preTensor.data()) as Float32Array;
  preTensor.dispose();

  const V = Float64Array.from(x.subarray(K * d, K * d + o * K));
  const mask = new Float64Array(M * K);
  const hidden = new Float64Array(M * K);
  const resid = new Float64Array(M * o);
  const curv = new Float64Array(M * o * o);
  const back = new Float64Array(M * K);
  const z = new Float64Array(o);
  const r = new Float64Array(o);
  const p = new Float64Array(o * o);
  const { labels } = test.samples;
  const sampleClusters = test.samples.clusters;
  const hits = new Array<number>(clusters).fill(0);
  const counts = new Array<number>(clusters).fill(0);
  let loss = 0;
  let correct = 0;
  for (let m = 0; m < M; m++) {
    for (let i = 0; i < K; i++) {
      const a = pre[m * K + i];
      mask[m * K + i] = a > 0 ? 1 : 0;
      hidden[m * K + i] = a > 0 ? a : 0;
    }
    for (let a = 0; a < o; a++) {
      let s = 0;
      for (let i = 0; i < K; i++) s += V[a * K + i] * hidden[m * K + i];
      z[a] = s;
    }
    loss += head.evaluate(z, labels[m], r, p);
    resid.set(r, m * o);
    curv.set(p, m * o * o);
    for (let i = 0; i < K; i++) {
      let s = 0;
      for (let a = 0; a < o; a++) s += V[a * K + i] * r[a];
      back[m * K + i] = mask[m * K + i] * s;
    }
    const c = sampleClusters[m];
    counts[c]++;
    if (head.predict(z) === labels[m]) {
      correct++;
      hits[c]++;
    }
  }
  return {
    M,
    mask,
    hidden,
    resid,
    curv,
    back,
    V,
    loss: loss / M,
    accuracy: correct / M,
    clusterAccuracy: hits.map((h, c) => (counts[c] > 0 ? h / counts[c] : 0)),
  };
}

/**
 * Per-sample weights of the neuron block layer1:i (docs/MATH.md §4): the W_i–W_i block is
 * (1/M) Ŷᵀ diag(w) Ŷ (+βI) with w_H = 1_i (Vᵀ P V)_ii and w_G = back_i² = (1_i (Vᵀ r)_i)².
 */
export function neuronWeights(
  state: TwoLayerTestState,
  K: number,
  o: number,
  i: number,
): { H: Float64Array; G: Float64Array } {
  const { M, mask, curv, back, V } = state;
  const H = new Float64Array(M);
  const G = new Float64Array(M);
  for (let m = 0; m < M; m++) {
    G[m] = back[m * K + i] ** 2;
    if (mask[m * K + i] === 0) continue;
    let s = 0;
    for (let a = 0; a < o; a++)
      for (let b = 0; b < o; b++) s += V[a * K + i] * curv[m * o * o + a * o + b] * V[b * K + i];
    H[m] = s;
  }
  return { H, G };
}

/**
 * Per-sample weights of the aggregate layer-1 block of H (docs/MATH.md §4): the W–W block is
 * (1/M) Σ_m A_m ⊗ Ŷ_m Ŷ_mᵀ (+βI) with A_m = D_m Vᵀ P_m V D_m, D_m = diag(1_i) (ReLU'' = 0: Gauss–Newton
 * exact), factored as C_m = D_m Vᵀ P_m^{1/2} (K × o). Its diagonal is neuronWeights' w_H.
 */
export function layer1CurvatureFactors(state: TwoLayerTestState, K: number, o: number): SampleFactors {
  const { M, mask, curv, V } = state;
  const factors = new Float64Array(M * K * o);
  const root = new Float64Array(o * o);
  for (let m = 0; m < M; m++) {
    psdFactor(curv.subarray(m * o * o, (m + 1) * o * o), o, root);
    for (let i = 0; i < K; i++) {
      if (mask[m * K + i] === 0) continue;
      for (let j = 0; j < o; j++) {
        let s = 0;
        for (let a = 0; a < o; a++) s += V[a * K + i] * root[a * o + j];
        factors[(m * K + i) * o + j] = s;
      }
    }
  }
  return { count: M, size: K, rank: o, factors };
}
