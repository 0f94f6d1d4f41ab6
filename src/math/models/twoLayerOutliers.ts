// Outliers of the layer-2 block (K×K, or kK×kK for mlp). It has no Wishart bulk (K ≪ M: the sample
// matrix of h is close to its population), so the Marchenko–Pastur edge of outliers.ts does not apply.
// What separates a genuine outlier from a "near-zero" eigenvalue is what survives λ → ∞:
//
//   layer-2 data part  B = (1/M) Σ_m w_m ⊗ h_m h_mᵀ               (w = P for H, r rᵀ for G)
//   its λ = ∞ part     B∞ = Σ_c p_c w(z^c) ⊗ h^c h^cᵀ,  h^c = ReLU(W μ_c), z^c = V h^c
//   noise part         N = B − B∞  (O(‖W‖²/λ) by the Gaussian Poincaré inequality, plus the finite-M
//                      fluctuation of the cluster frequencies).
//
// B∞ has rank ≤ number of clusters the net serves (xor: ≤ 4; an unserved cluster has h^c = 0), and by
// Weyl's inequality every eigenvalue of B beyond that rank is ≤ ‖N‖. So the rule is:
//
//   an eigenvalue θ of the layer-2 block is an outlier  ⇔  θ − shift > (1 + OUTLIER_MARGIN)·‖N‖
//
// (shift = β for H, 0 for G): an eigenvalue counted cannot be produced by the noise part alone. It is
// countOutliers() of outliers.ts with the edge shift + ‖N‖, which is what the engine should pass.
import { countOutliers } from '../outliers';
import { symmetricEigen } from '../eigen/dense';
import type { MatrixKind } from '../../state/schema';
import type { Mixture } from '../mixture';
import type { TestSet } from '../testSet';
import type { TwoLayerShape } from './twoLayer';
import { twoLayerCurvature, type TwoLayerCurvature } from './twoLayerCurvature';
import { layer2Apply, layer2Dense, type Layer2Samples } from './twoLayerLayer2';

/** A noiseless cluster: its centre, its label and its prior. */
export interface ClusterCentre {
  mean: Float64Array;
  label: number;
  prior: number;
}

/** xor: +μ, −μ, +ν, −ν (labels 1, 1, 0, 0); k-GMM: μ_a with label a. */
export function clusterCentres(mix: Mixture): ClusterCentre[] {
  const { d } = mix;
  const row = (r: number, sign: number) => Float64Array.from(mix.means.subarray(r * d, (r + 1) * d), (v) => sign * v);
  if (mix.kind === 'xor') {
    return [
      { mean: row(0, 1), label: 1, prior: mix.priors[0] },
      { mean: row(0, -1), label: 1, prior: mix.priors[1] },
      { mean: row(1, 1), label: 0, prior: mix.priors[2] },
      { mean: row(1, -1), label: 0, prior: mix.priors[3] },
    ];
  }
  return Array.from({ length: mix.clusters }, (_, a) => ({ mean: row(a, 1), label: a, prior: mix.priors[a] }));
}

/** The λ = ∞ centres as weighted layer-2 "samples": h^c = ReLU(W μ_c), the head at z^c = V h^c. */
export function centreSamples(shape: TwoLayerShape, x: Float32Array, centres: ClusterCentre[]): Layer2Samples {
  const { d, K, head } = shape;
  const o = head.outputs;
  const n = centres.length;
  const s: Layer2Samples = {
    count: n,
    weight: Float64Array.from(centres, (c) => c.prior),
    hidden: new Float64Array(n * K),
    resid: new Float64Array(n * o),
    curv: new Float64Array(n * o * o),
  };
  const z = new Float64Array(o);
  const r = new Float64Array(o);
  const p = new Float64Array(o * o);
  centres.forEach((c, m) => {
    for (let i = 0; i < K; i++) {
      let a = 0;
      for (let q = 0; q < d; q++) a += x[i * d + q] * c.mean[q];
      s.hidden[m * K + i] = a > 0 ? a : 0;
    }
    for (let a = 0; a < o; a++) {
      let acc = 0;
      for (let i = 0; i < K; i++) acc += x[K * d + a * K + i] * s.hidden[m * K + i];
      z[a] = acc;
    }
    head.evaluate(z, c.label, r, p);
    s.resid.set(r, m * o);
    s.curv.set(p, m * o * o);
  });
  return s;
}

/** Dimension up to which ‖N‖ comes from a dense eigendecomposition (xor: K ≤ 64 always). */
const DENSE_LIMIT = 400;

/** ‖N‖ = ‖B − B∞‖ (operator norm) of the layer-2 block of `matrix`. */
export function layer2NoiseNorm(test: Layer2Samples, centres: Layer2Samples, K: number, o: number, matrix: MatrixKind): number {
  const n = o * K;
  const noise = (v: Float64Array, count: number) => {
    const a = layer2Apply(test, K, o, matrix, v, count);
    const b = layer2Apply(centres, K, o, matrix, v, count);
    for (let q = 0; q < a.length; q++) a[q] -= b[q];
    return a;
  };
  if (n <= DENSE_LIMIT) {
    const dense = layer2Dense(test, K, o, matrix);
    const inf = layer2Dense(centres, K, o, matrix);
    for (let q = 0; q < dense.length; q++) dense[q] -= inf[q];
    const { values } = symmetricEigen(dense, n);
    return Math.max(Math.abs(values[0]), Math.abs(values[n - 1]));
  }
  // Large mlp layer 2: power iteration on N² (PSD, top eigenvalue ‖N‖²) from a fixed start.
  let v: Float64Array = Float64Array.from({ length: n }, (_, q) => Math.sin(1 + q));
  let estimate = 0;
  for (let it = 0; it < 200; it++) {
    const w = noise(noise(v, 1), 1);
    let norm = 0;
    for (let q = 0; q < n; q++) norm += w[q] * w[q];
    norm = Math.sqrt(norm);
    if (norm === 0) return 0;
    const next = Math.sqrt(norm / Math.hypot(...v));
    for (let q = 0; q < n; q++) w[q] /= norm;
    v = w;
    if (Math.abs(next - estimate) <= 1e-6 * next) return next;
    estimate = next;
  }
  return estimate;
}

/** The layer-2 outlier edge for countOutliers: shift + ‖N‖ (shift = β for H, 0 for G). */
export function layer2OutlierEdge(noiseNorm: number, shift: number): number {
  return shift + noiseNorm;
}

/** Number of layer-2 outliers among `values` (descending or not). */
export function countLayer2Outliers(values: number[], noiseNorm: number, shift: number): number {
  return countOutliers(values, layer2OutlierEdge(noiseNorm, shift), shift);
}

/** The curvature of a 2-layer model plus ‖N‖ of its layer-2 block, available when the mixture is known. */
export interface TwoLayerModelCurvature extends TwoLayerCurvature {
  noiseNorm(matrix: MatrixKind, block: string): number | undefined;
}

export async function curvatureWithNoise(shape: TwoLayerShape, test: TestSet, x: Float32Array, beta: number, clusters: number, mixture?: Mixture): Promise<TwoLayerModelCurvature> {
  const curvature = await twoLayerCurvature(shape, test, x, beta, clusters);
  const centres = mixture ? centreSamples(shape, x, clusterCentres(mixture)) : undefined;
  const cache = new Map<MatrixKind, number>();
  return Object.assign(curvature, {
    noiseNorm(matrix: MatrixKind, block: string) {
      if (block !== 'layer2' || !centres) return undefined;
      if (!cache.has(matrix)) cache.set(matrix, layer2NoiseNorm(curvature.layer2Samples, centres, shape.K, shape.head.outputs, matrix));
      return cache.get(matrix);
    },
  });
}
