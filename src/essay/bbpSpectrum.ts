// The spectrum of one class block of H at initialisation, idealised at x = 0, without the ridge:
//   B(λ) = w · (1/M) Σ_m Y_m Y_mᵀ,   Y_m = μ_{a(m)} + Z_m/√λ,   w = (1/k)(1 − 1/k),
// shown in noise units λB/w, where the noise bulk sits on the fixed Marchenko–Pastur support
// [(1 − √γ)², (1 + √γ)²] (γ = d/M) and each class mean is a spike of strength ℓ = λ/k that leaves the
// bulk once ℓ > √γ (BBP). The noise Z is drawn once, so dragging λ moves the same matrix:
//   λB/w = λ S + √λ (C + Cᵀ) + N,   S = (1/M) Σ μμᵀ, C = (1/M) Σ μ Zᵀ, N = (1/M) Σ Z Zᵀ,
// one O(d²) sum and one dense values-only eigensolve per update. Means are the first k coordinate vectors (the
// spectrum is rotation invariant). DOM-free.
import { symmetricEigenvalues } from '../math/eigen/dense';
import { makeStream } from '../math/rng';
import { marchenkoPasturDensity, marchenkoPasturSupport } from '../math/theory/weightedWishart';
import { spikedWishartOutlier } from '../math/theory/spikedOutliers';

export interface BbpData {
  d: number;
  M: number;
  k: number;
  /** per class, the number of samples */
  counts: number[];
  /** (1/M) Σ_m μ_a Z_mᵀ summed by class: row a (length d) = (1/M) Σ_{m∈a} Z_m */
  classNoise: Float64Array;
  /** (1/M) Σ Z Zᵀ, row-major d × d */
  noise: Float64Array;
}

export function bbpData(d: number, ratio: number, k: number, seed: number): BbpData {
  const M = Math.round(ratio * d);
  const rng = makeStream(seed, 'essay-bbp');
  const z = new Float64Array(M * d);
  rng.fillNormal(z);
  const counts = new Array<number>(k).fill(0);
  const classNoise = new Float64Array(k * d);
  for (let m = 0; m < M; m++) {
    const a = m % k; // balanced classes: p_a = 1/k exactly
    counts[a]++;
    for (let i = 0; i < d; i++) classNoise[a * d + i] += z[m * d + i] / M;
  }
  // N = ZᵀZ/M, lower triangle then mirrored
  const noise = new Float64Array(d * d);
  for (let m = 0; m < M; m++) {
    const row = z.subarray(m * d, (m + 1) * d);
    for (let i = 0; i < d; i++) {
      const zi = row[i] / M;
      if (zi === 0) continue;
      const base = i * d;
      for (let j = 0; j <= i; j++) noise[base + j] += zi * row[j];
    }
  }
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) noise[j * d + i] = noise[i * d + j];
  return { d, M, k, counts, classNoise, noise };
}

/**
 * The data of bbpData(d, ratio, k, seed) for every M/d up to maxRatio, from one draw of the noise (the
 * first M rows of it for M samples, so more samples extend the same data). Sums are kept unnormalised
 * per sample count reached, so a larger M adds only its new rows: one slider step of M/d costs a
 * fraction of a fresh bbpData.
 */
export class BbpSeries {
  private readonly z: Float64Array;
  /** per sample count reached: Σ_m Z_m by class (k × d) and Σ_m Z_m Z_mᵀ (lower triangle, d × d) */
  private readonly sums = new Map<number, { classSum: Float64Array; gram: Float64Array }>();

  constructor(
    readonly d: number,
    readonly k: number,
    readonly maxRatio: number,
    seed: number,
  ) {
    this.z = new Float64Array(Math.round(maxRatio * d) * d);
    makeStream(seed, 'essay-bbp').fillNormal(this.z);
    this.sums.set(0, { classSum: new Float64Array(k * d), gram: new Float64Array(d * d) });
  }

  data(ratio: number): BbpData {
    const { d, k, z } = this;
    const M = Math.round(Math.min(ratio, this.maxRatio) * d);
    let from = 0;
    for (const reached of this.sums.keys()) if (reached <= M && reached > from) from = reached;
    let sums = this.sums.get(M);
    if (!sums) {
      const start = this.sums.get(from)!;
      const classSum = Float64Array.from(start.classSum);
      const gram = Float64Array.from(start.gram);
      for (let m = from; m < M; m++) {
        const row = z.subarray(m * d, (m + 1) * d);
        const a = m % k;
        for (let i = 0; i < d; i++) {
          const zi = row[i];
          classSum[a * d + i] += zi;
          const base = i * d;
          for (let j = 0; j <= i; j++) gram[base + j] += zi * row[j];
        }
      }
      sums = { classSum, gram };
      this.sums.set(M, sums);
    }
    const counts = Array.from({ length: k }, (_, a) => Math.floor(M / k) + (a < M % k ? 1 : 0));
    const classNoise = sums.classSum.map((v) => v / M);
    const noise = new Float64Array(d * d);
    for (let i = 0; i < d; i++)
      for (let j = 0; j <= i; j++) {
        const v = sums.gram[i * d + j] / M;
        noise[i * d + j] = v;
        noise[j * d + i] = v;
      }
    return { d, M, k, counts, classNoise, noise };
  }
}

/** λB/w as a dense d × d matrix (row-major). */
export function bbpMatrix(data: BbpData, lambda: number): Float64Array {
  const { d, M, k, counts, classNoise, noise } = data;
  const out = Float64Array.from(noise);
  const r = Math.sqrt(lambda);
  for (let a = 0; a < k; a++) {
    out[a * d + a] += (lambda * counts[a]) / M;
    for (let i = 0; i < d; i++) {
      const c = r * classNoise[a * d + i];
      out[a * d + i] += c;
      out[i * d + a] += c;
    }
  }
  return out;
}

export interface BbpSpectrum {
  lambda: number;
  gamma: number;
  /** eigenvalues, descending */
  eigenvalues: number[];
  /** the Marchenko–Pastur support of the noise bulk (theory) */
  support: [number, number];
  /** λ at which a class spike reaches the BBP threshold ℓ = λ/k = √γ */
  threshold: number;
  /** the predicted outlier position (d → ∞) of every class spike, or null below the threshold */
  predicted: number | null;
  /** eigenvalues counted as outliers: above the edge by more than OUTLIER_MARGIN (relative) */
  outliers: number;
}

/**
 * At finite d the largest noise eigenvalue fluctuates around the edge by O(M^(-2/3)) (a few per cent
 * here); an eigenvalue counts as an outlier only when it clears the edge by this relative margin.
 */
export const OUTLIER_MARGIN = 0.05;

export function bbpSpectrum(data: BbpData, lambda: number): BbpSpectrum {
  const gamma = data.d / data.M;
  const eigenvalues = Array.from(symmetricEigenvalues(bbpMatrix(data, lambda), data.d));
  const support = marchenkoPasturSupport(1, gamma, 1);
  const cut = support[1] * (1 + OUTLIER_MARGIN);
  return {
    lambda,
    gamma,
    eigenvalues,
    support,
    threshold: data.k * Math.sqrt(gamma),
    // in λB/w units: weight 1, noise level 1 (λ = 1), spike ℓ = λ/k
    predicted: spikedWishartOutlier(1, lambda / data.k, gamma, 1),
    outliers: eigenvalues.filter((v) => v > cut).length,
  };
}

/** The limiting bulk density on a grid over [0, hi] (for the figure's theory curve). */
export function bulkCurve(gamma: number, hi: number, points = 160): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i <= points; i++) {
    const x = (hi * i) / points;
    out.push([x, marchenkoPasturDensity(x, 1, gamma, 1)]);
  }
  return out;
}

/** Eigenvalue histogram as a density (area 1 over the d eigenvalues), as a step line. */
export function histogramCurve(values: number[], hi: number, bins = 40): [number, number][] {
  const width = hi / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    const b = Math.floor(v / width);
    if (b >= 0 && b < bins) counts[b]++;
  }
  const out: [number, number][] = [];
  counts.forEach((c, b) => {
    const y = c / (values.length * width);
    out.push([b * width, y], [(b + 1) * width, y]);
  });
  return out;
}
