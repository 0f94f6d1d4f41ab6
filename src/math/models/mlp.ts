// The 2-layer ReLU net on the k-GMM (docs/MATH.md §2): z = V ReLU(W Y), π = softmax(z), ℓ = −log π_y.
// It is the 2-layer core with the softmax head (o = k): r = π − e_y, P = diag π − ππᵀ.
// Layout: W (K×d row-major), then V (k×K row-major).
import type { Mixture } from '../mixture';
import type { TestSet } from '../testSet';
import type { Model } from './model';
import { softmaxInto } from './softmax';
import {
  rowsOf,
  twoLayerBlocks,
  twoLayerInit,
  twoLayerParamCount,
  twoLayerSgd,
  type Head,
  type TwoLayerShape,
} from './twoLayer';
import { mlpBlockJ } from './defaultJ';
import { curvatureWithNoise, type TwoLayerModelCurvature } from './twoLayerOutliers';

export interface MlpShape {
  d: number;
  k: number;
  K: number;
}

export function softmaxHead(k: number): Head {
  const probs = new Float64Array(k);
  return {
    outputs: k,
    evaluate(z, y, resid, curv) {
      const lse = softmaxInto(z, probs, k);
      for (let a = 0; a < k; a++) resid[a] = probs[a] - (a === y ? 1 : 0);
      if (curv)
        for (let a = 0; a < k; a++)
          for (let b = 0; b < k; b++) curv[a * k + b] = (a === b ? probs[a] : 0) - probs[a] * probs[b];
      return lse - z[y];
    },
    predict(z) {
      let arg = 0;
      for (let a = 1; a < k; a++) if (z[a] > z[arg]) arg = a;
      return arg;
    },
  };
}

export function mlpModel({ d, k, K }: MlpShape): Omit<Model, 'curvature'> & {
  curvature(test: TestSet, x: Float32Array, beta: number, mixture?: Mixture): Promise<TwoLayerModelCurvature>;
} {
  const shape: TwoLayerShape = { d, K, head: softmaxHead(k) };
  const blocks = twoLayerBlocks(shape, mlpBlockJ(k, K));
  const sgd = twoLayerSgd(shape);
  return {
    name: 'mlp',
    nParams: twoLayerParamCount(shape),
    blocks,
    init: (rng) => twoLayerInit(shape, rng),
    sgdStep: sgd,
    summary(x, mix: Mixture) {
      const dot = (a: ArrayLike<number>, aOff: number, b: ArrayLike<number>, bOff: number) => {
        let s = 0;
        for (let q = 0; q < d; q++) s += a[aOff + q] * b[bOff + q];
        return s;
      };
      const m = Array.from({ length: K }, (_, i) =>
        Array.from({ length: mix.meanCount }, (_, b) => dot(x, i * d, mix.means, b * d)),
      );
      const R = Array.from({ length: K }, (_, i) => Array.from({ length: K }, (_, l) => dot(x, i * d, x, l * d)));
      return { m, R, V: rowsOf(x, K * d, k, K) };
    },
    paramRecord: (x) => ({ W: rowsOf(x, 0, K, d), V: rowsOf(x, K * d, k, K) }),
    curvature: (test, x, beta, mixture?: Mixture) => curvatureWithNoise(shape, test, x, beta, k, mixture),
  };
}
