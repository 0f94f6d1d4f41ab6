// The 2-layer ReLU net on the XOR-GMM (BGJ22 §5, docs/MATH.md §2): f = v·ReLU(W Y), ℓ = −y f + log(1 + e^f).
// It is the 2-layer core with the logistic head (o = 1): r = s = σ(f) − y, P = σ'(f) = σ(1 − σ).
// Layout: W (K×d row-major), then v (K).
import type { Mixture } from '../mixture';
import type { TestSet } from '../testSet';
import type { Model } from './model';
import {
  rowsOf,
  twoLayerBlocks,
  twoLayerInit,
  twoLayerParamCount,
  twoLayerSgd,
  type Head,
  type TwoLayerShape,
} from './twoLayer';
import { xorBlockJ } from './defaultJ';
import { curvatureWithNoise, type TwoLayerModelCurvature } from './twoLayerOutliers';

export interface XorShape {
  d: number;
  K: number;
  /** top-j of the neuron blocks layer1:i (default 2: span{μ, ν}) */
  j?: number;
}

/** Numerically stable σ(f). */
export function sigmoid(f: number): number {
  if (f >= 0) return 1 / (1 + Math.exp(-f));
  const e = Math.exp(f);
  return e / (1 + e);
}

/** log(1 + e^f) without overflow. */
export function softplus(f: number): number {
  return Math.max(f, 0) + Math.log1p(Math.exp(-Math.abs(f)));
}

export const logisticHead: Head = {
  outputs: 1,
  evaluate(z, y, resid, curv) {
    const f = z[0];
    const s = sigmoid(f);
    resid[0] = s - y;
    if (curv) curv[0] = s * (1 - s);
    return softplus(f) - y * f;
  },
  predict: (z) => (z[0] > 0 ? 1 : 0),
};

export function xorModel({ d, K, j = 2 }: XorShape): Omit<Model, 'curvature'> & {
  curvature(test: TestSet, x: Float32Array, beta: number, mixture?: Mixture): Promise<TwoLayerModelCurvature>;
} {
  const shape: TwoLayerShape = { d, K, head: logisticHead };
  const blocks = twoLayerBlocks(shape, xorBlockJ(K, j));
  const sgd = twoLayerSgd(shape);
  return {
    name: 'xor',
    nParams: twoLayerParamCount(shape),
    blocks,
    init: (rng) => twoLayerInit(shape, rng),
    sgdStep: sgd,
    summary(x, mix: Mixture) {
      const mu = mix.means.subarray(0, d);
      const nu = mix.means.subarray(d, 2 * d);
      const mmu: number[] = [];
      const mnu: number[] = [];
      // W_i⊥ = W_i − m^μ_i μ − m^ν_i ν (μ ⊥ ν unit)
      const perp = new Float64Array(K * d);
      for (let i = 0; i < K; i++) {
        let a = 0;
        let b = 0;
        for (let q = 0; q < d; q++) {
          a += x[i * d + q] * mu[q];
          b += x[i * d + q] * nu[q];
        }
        mmu.push(a);
        mnu.push(b);
        for (let q = 0; q < d; q++) perp[i * d + q] = x[i * d + q] - a * mu[q] - b * nu[q];
      }
      const Rperp = Array.from({ length: K }, (_, i) =>
        Array.from({ length: K }, (_, l) => {
          let s = 0;
          for (let q = 0; q < d; q++) s += perp[i * d + q] * perp[l * d + q];
          return s;
        }),
      );
      return { mmu, mnu, v: Array.from(x.subarray(K * d, K * d + K)), Rperp };
    },
    paramRecord: (x) => ({ W: rowsOf(x, 0, K, d), v: Array.from(x.subarray(K * d, K * d + K)) }),
    curvature: (test, x, beta, mixture?: Mixture) => curvatureWithNoise(shape, test, x, beta, 4, mixture),
  };
}
