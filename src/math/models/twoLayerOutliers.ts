// Outliers of the layer-2 block (K×K, or kK×kK for mlp). It has no Wishart bulk (K ≪ M: the sample
// matrix of h is close to its population), so the Marchenko–Pastur edge of outliers.ts does not apply.
// What separates a genuine outlier from a "near-zero" eigenvalue is what survives λ → ∞:
//
//   layer-2 data part  B = (1/M) Σ_m w_m ⊗ h_m h_mᵀ               (w = P for H, r rᵀ for G)
//   its λ = ∞ part     B∞ = Σ_c p_c w(z^c) ⊗ h^c h^cᵀ,  h^c = ReLU(W μ_c), z^c = V h^c
//   noise part         N = B − B∞.
// N is O(λ^{-1/2}), not O(1/λ): a neuron silent on cluster c fires on half its noisy samples, with
// mean ReLU(noise) ~ ‖W_i‖/√(2πλ), against the O(1) feature of the neuron that serves c. Finite M adds
// the fluctuation of the cluster frequencies.
// B∞ has rank ≤ the number of clusters the net serves (xor: ≤ 4; an unserved cluster has h^c = 0).
// Weyl: |θ_i(B) − θ_i(B∞)| ≤ ‖N‖. The rule (shift = β for H, 0 for G, margin OUTLIER_MARGIN):
//
//   count = min( #{θ_i − shift > (1+margin)‖N‖},  #{θ_i(B∞) > (1+margin)‖N‖} )
//
// The first term: eigenvalues the noise part alone cannot produce. The second: as many as the λ = ∞
// signal has directions stronger than the noise — without it a tiny signal (at init, ReLU(W μ_c) ~ d^{-1/2})
// lying along the noise's own top direction (h ≥ 0: both point along the mean feature) would lift one
// noise eigenvalue just over ‖N‖ and count. As λ → ∞, N → 0 and the count is the rank of B∞: the number of
// served clusters, the quantity of BGJ22 (4 at the optimum, ≤ 3 when a cluster is left unserved).
import { countOutliers, OUTLIER_MARGIN } from '../outliers';
import { symmetricEigen } from '../eigen/dense';
import type { MatrixKind } from '../matrices';
import type { Mixture } from '../mixture';
import type { TestSet } from '../testSet';
import type { OutlierRule } from './model';
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
  return Array.from({ length: mix.clusters }, (_, c) => ({
    mean: row(mix.centreRow[c], mix.centreSign[c]),
    label: mix.labels[c],
    prior: mix.priors[c],
  }));
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
export function layer2NoiseNorm(
  test: Layer2Samples,
  centres: Layer2Samples,
  K: number,
  o: number,
  matrix: MatrixKind,
): number {
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

/**
 * Eigenvalues of B∞ = Σ_c p_c w_c ⊗ h^c h^cᵀ (descending), through its small Gram matrix: with
 * w_c = Σ_a λ_ca u_ca u_caᵀ (λ ≥ 0: P and r rᵀ are PSD), B∞ = F Fᵀ with columns √(p_c λ_ca) u_ca ⊗ h^c,
 * and FᵀF, of size ≤ (clusters·o)², has the same non-zero eigenvalues.
 */
export function layer2SignalEigenvalues(centres: Layer2Samples, K: number, o: number, matrix: MatrixKind): number[] {
  const cols: { c: number; u: Float64Array; scale: number }[] = [];
  for (let c = 0; c < centres.count; c++) {
    const w = new Float64Array(o * o);
    for (let a = 0; a < o; a++)
      for (let b = 0; b < o; b++)
        w[a * o + b] =
          matrix === 'H' ? centres.curv[c * o * o + a * o + b] : centres.resid[c * o + a] * centres.resid[c * o + b];
    const { values, vectors } = symmetricEigen(w, o);
    for (let a = 0; a < o; a++) {
      const lam = values[a] * centres.weight[c];
      if (lam > 0) cols.push({ c, u: vectors.slice(a * o, (a + 1) * o), scale: Math.sqrt(lam) });
    }
  }
  const n = cols.length;
  if (n === 0) return [];
  const gram = new Float64Array(n * n);
  for (let p = 0; p < n; p++)
    for (let q = 0; q < n; q++) {
      const A = cols[p];
      const B = cols[q];
      let uu = 0;
      for (let a = 0; a < o; a++) uu += A.u[a] * B.u[a];
      let hh = 0;
      for (let i = 0; i < K; i++) hh += centres.hidden[A.c * K + i] * centres.hidden[B.c * K + i];
      gram[p * n + q] = A.scale * B.scale * uu * hh;
    }
  return Array.from(symmetricEigen(gram, n).values);
}

/** The layer-2 rule: the engine's OutlierRule plus what it was built from. */
export interface Layer2OutlierRule extends OutlierRule {
  /** reported as the block's bulk edge: shift + ‖N‖ */
  edge: number;
  /** ‖N‖ */
  noiseNorm: number;
  /** eigenvalues of the λ = ∞ part B∞ (descending; no shift) */
  signal: number[];
}

export function layer2OutlierRule(noiseNorm: number, signal: number[], shift: number): Layer2OutlierRule {
  const edge = shift + noiseNorm;
  const threshold = (1 + OUTLIER_MARGIN) * noiseNorm;
  const strongSignal = signal.filter((s) => s > threshold).length;
  return {
    edge,
    noiseNorm,
    signal,
    count: (values) => Math.min(countOutliers(values, edge, shift), strongSignal),
    most: strongSignal,
  };
}

/** The curvature of a 2-layer model plus the outlier rule of its layer-2 block, when the mixture is known. */
export interface TwoLayerModelCurvature extends TwoLayerCurvature {
  outlierRule(matrix: MatrixKind, block: string): Layer2OutlierRule | undefined;
}

export async function curvatureWithNoise(
  shape: TwoLayerShape,
  test: TestSet,
  x: Float32Array,
  beta: number,
  clusters: number,
  mixture?: Mixture,
): Promise<TwoLayerModelCurvature> {
  const curvature = await twoLayerCurvature(shape, test, x, beta, clusters);
  const centres = mixture ? centreSamples(shape, x, clusterCentres(mixture)) : undefined;
  const cache = new Map<MatrixKind, Layer2OutlierRule>();
  const { K } = shape;
  const o = shape.head.outputs;
  return Object.assign(curvature, {
    outlierRule(matrix: MatrixKind, block: string) {
      if (block !== 'layer2' || !centres) return undefined;
      if (!cache.has(matrix)) {
        const noise = layer2NoiseNorm(curvature.layer2Samples, centres, K, o, matrix);
        cache.set(
          matrix,
          layer2OutlierRule(noise, layer2SignalEigenvalues(centres, K, o, matrix), matrix === 'H' ? beta : 0),
        );
      }
      return cache.get(matrix);
    },
  });
}
