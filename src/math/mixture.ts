// Gaussian mixtures (docs/MATH.md §1).
//  k-GMM: class a with prior p_a, Y = μ_a + Z/√λ, unit means (orthonormal, or pairwise overlap ρ).
//  XOR-GMM: cluster mean uniform over {+μ, −μ, +ν, −ν}; label 1 on ±μ, 0 on ±ν.
import type { Stream } from './rng';

export interface Mixture {
  d: number;
  lambda: number;
  /** the distinct unit mean directions, row-major (k-GMM: k rows; XOR: [μ, ν]) */
  means: Float64Array;
  meanCount: number;
  /** cluster priors (k-GMM: k; XOR: 4 equal) */
  priors: Float64Array;
  /** number of clusters (k-GMM: k; XOR: 4, in the order +μ, −μ, +ν, −ν) */
  clusters: number;
  /** per cluster: its centre is centreSign[c] · μ_{centreRow[c]} */
  centreRow: Int32Array;
  centreSign: Int8Array;
  /** per cluster: the label the model is trained to predict */
  labels: Int32Array;
}

/**
 * k unit vectors with Gram matrix (1−ρ)I + ρ11ᵀ: a random orthonormal frame Q (Gram–Schmidt of
 * Gaussian vectors = a uniformly random rotation of e_1..e_k) mixed by the Cholesky factor of the Gram.
 */
export function unitMeans(d: number, k: number, overlap: number, rng: Stream): Float64Array {
  if (k > d) throw new Error(`k = ${k} means need d ≥ k (d = ${d})`);
  const q = new Float64Array(k * d);
  for (let a = 0; a < k; a++) {
    const row = q.subarray(a * d, (a + 1) * d);
    for (;;) {
      rng.fillNormal(row);
      // Two passes of Gram–Schmidt: orthogonal to working precision.
      for (let pass = 0; pass < 2; pass++) {
        for (let b = 0; b < a; b++) {
          const prev = q.subarray(b * d, (b + 1) * d);
          let dot = 0;
          for (let i = 0; i < d; i++) dot += row[i] * prev[i];
          for (let i = 0; i < d; i++) row[i] -= dot * prev[i];
        }
      }
      let norm = 0;
      for (let i = 0; i < d; i++) norm += row[i] * row[i];
      norm = Math.sqrt(norm);
      if (norm > 1e-8) {
        for (let i = 0; i < d; i++) row[i] /= norm;
        break;
      }
    }
  }
  if (overlap === 0) return q;
  // Cholesky of G = (1−ρ)I + ρ11ᵀ, then μ_a = Σ_b L_ab q_b.
  const gram = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) gram[a * k + b] = a === b ? 1 : overlap;
  const chol = cholesky(gram, k);
  const means = new Float64Array(k * d);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b <= a; b++) {
      const l = chol[a * k + b];
      for (let i = 0; i < d; i++) means[a * d + i] += l * q[b * d + i];
    }
  }
  return means;
}

function cholesky(a: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j];
      for (let p = 0; p < j; p++) sum -= l[i * n + p] * l[j * n + p];
      if (i === j) {
        if (sum <= 0) throw new Error('overlap matrix is not positive definite');
        l[i * n + i] = Math.sqrt(sum);
      } else l[i * n + j] = sum / l[j * n + j];
    }
  }
  return l;
}

export function kGmm(d: number, k: number, lambda: number, overlap: number, rng: Stream, priors?: number[]): Mixture {
  const p = new Float64Array(k);
  if (priors) {
    const total = priors.reduce((s, x) => s + x, 0);
    priors.forEach((x, a) => (p[a] = x / total));
  } else p.fill(1 / k);
  const index = Int32Array.from({ length: k }, (_, a) => a);
  return {
    d,
    lambda,
    means: unitMeans(d, k, overlap, rng),
    meanCount: k,
    priors: p,
    clusters: k,
    centreRow: index,
    centreSign: new Int8Array(k).fill(1),
    labels: index,
  };
}

export function xorGmm(d: number, lambda: number, rng: Stream): Mixture {
  return {
    d,
    lambda,
    means: unitMeans(d, 2, 0, rng),
    meanCount: 2,
    priors: new Float64Array([0.25, 0.25, 0.25, 0.25]),
    clusters: 4,
    // +μ, −μ (label 1), +ν, −ν (label 0)
    centreRow: Int32Array.from([0, 0, 1, 1]),
    centreSign: Int8Array.from([1, -1, 1, -1]),
    labels: Int32Array.from([1, 1, 0, 0]),
  };
}

/** Draws a cluster index from the priors. */
export function sampleCluster(mix: Mixture, rng: Stream): number {
  const u = rng.uniform();
  let acc = 0;
  for (let a = 0; a < mix.clusters - 1; a++) {
    acc += mix.priors[a];
    if (u < acc) return a;
  }
  return mix.clusters - 1;
}

/** The label of a cluster: k-GMM: the cluster itself; XOR: 1 on ±μ (clusters 0, 1), 0 on ±ν (2, 3). */
export function clusterLabel(mix: Mixture, cluster: number): number {
  return mix.labels[cluster];
}

/** Writes one sample Y = mean(cluster) + Z/√λ into out (length d); returns its cluster. */
export function sampleInto(mix: Mixture, rng: Stream, out: Float32Array | Float64Array, offset = 0): number {
  const { d } = mix;
  const cluster = sampleCluster(mix, rng);
  const noise = 1 / Math.sqrt(mix.lambda);
  const row = mix.centreRow[cluster];
  const sign = mix.centreSign[cluster];
  const mean = mix.means;
  const base = row * d;
  for (let i = 0; i < d; i++) out[offset + i] = sign * mean[base + i] + noise * rng.normal();
  return cluster;
}

export interface Samples {
  /** row-major n × d */
  inputs: Float32Array;
  /** model labels */
  labels: Int32Array;
  /** cluster of each sample (k-GMM: = label) */
  clusters: Int32Array;
  n: number;
}

export function sampleMany(mix: Mixture, rng: Stream, n: number): Samples {
  const inputs = new Float32Array(n * mix.d);
  const labels = new Int32Array(n);
  const clusters = new Int32Array(n);
  for (let m = 0; m < n; m++) {
    const c = sampleInto(mix, rng, inputs, m * mix.d);
    clusters[m] = c;
    labels[m] = clusterLabel(mix, c);
  }
  return { inputs, labels, clusters, n };
}
