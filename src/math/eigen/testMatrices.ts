// Test fixtures (used only by *.test.ts): matrices with known spectra, spiked Wishart matrices shaped
// like our Hessian/G blocks, and a dense BatchApply that can mimic the float32 operator.
import { symmetricEigen } from './dense';
import { orthonormalizeRows } from './orthonormalize';
import { makeRng, fillNormal, type Rng } from './random';
import type { BatchApply } from './types';

export function randomOrthogonal(n: number, rng: Rng): Float64Array {
  const q = new Float64Array(n * n);
  fillNormal(rng, q);
  orthonormalizeRows(q, n, n, { rng });
  return q;
}

/** Qᵀ diag(λ) Q for orthogonal Q (rows = eigenvectors). */
export function withSpectrum(lambda: ArrayLike<number>, q: Float64Array): Float64Array {
  const n = lambda.length;
  const a = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const l = lambda[k];
    const off = k * n;
    for (let i = 0; i < n; i++) {
      const s = l * q[off + i];
      for (let j = 0; j < n; j++) a[i * n + j] += s * q[off + j];
    }
  }
  symmetrize(a, n);
  return a;
}

export function symmetrize(a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const m = 0.5 * (a[i * n + j] + a[j * n + i]);
      a[i * n + j] = m;
      a[j * n + i] = m;
    }
}

export interface SpikedWishartSpec {
  d: number;
  /** number of samples (M = 2d in our tests) */
  samples: number;
  /** number of orthonormal means μ_a */
  k: number;
  /** signal-to-noise λ: rows are μ_a + Z/√λ */
  snr: number;
  /** per-sample weight as a function of its class (like π_c(1−π_c) for block c) */
  weight: (cls: number) => number;
  /** + shift·I (β for H) */
  shift: number;
  seed: number;
}

/**
 * A = (1/M) Yᵀ diag(w) Y + shift·I with rows Y_m = μ_{a(m)} + Z_m/√λ, classes balanced, μ_a = e_a rotated
 * by a random orthogonal matrix: 1 big outlier + (k−1) mini-bulk outliers above a Marchenko–Pastur bulk.
 */
export function spikedWishart(spec: SpikedWishartSpec): Float64Array {
  const { d, samples, k, snr, weight, shift, seed } = spec;
  const rng = makeRng(seed, 1);
  const means = new Float64Array(k * d);
  fillNormal(rng, means);
  orthonormalizeRows(means, k, d, { rng });
  const a = new Float64Array(d * d);
  const y = new Float64Array(d);
  const noise = 1 / Math.sqrt(snr);
  for (let m = 0; m < samples; m++) {
    const cls = m % k;
    for (let i = 0; i < d; i++) y[i] = means[cls * d + i] + noise * rng.normal();
    const w = weight(cls) / samples;
    // rank-one update of the upper triangle only, mirrored at the end (half the work)
    for (let i = 0; i < d; i++) {
      const s = w * y[i];
      const row = i * d;
      for (let j = i; j < d; j++) a[row + j] += s * y[j];
    }
  }
  for (let i = 0; i < d; i++) {
    a[i * d + i] += shift;
    for (let j = i + 1; j < d; j++) a[j * d + i] = a[i * d + j];
  }
  return a;
}

export function addScaled(a: Float64Array, b: Float64Array, s: number): Float64Array {
  const out = Float64Array.from(a);
  for (let i = 0; i < out.length; i++) out[i] += s * b[i];
  return out;
}

/** Frobenius-normalised random symmetric matrix (the "one SGD checkpoint later" perturbation E). */
export function randomSymmetric(n: number, rng: Rng): Float64Array {
  const e = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) {
      const v = rng.normal();
      e[i * n + j] = v;
      e[j * n + i] = v;
    }
  let f = 0;
  for (let i = 0; i < e.length; i++) f += e[i] * e[i];
  const s = 1 / Math.sqrt(f);
  for (let i = 0; i < e.length; i++) e[i] *= s;
  return e;
}

export function matVec(
  a: Float64Array,
  n: number,
  x: Float64Array,
  xOff: number,
  out: Float64Array,
  outOff: number,
): void {
  for (let i = 0; i < n; i++) {
    let s = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) s += a[row + j] * x[xOff + j];
    out[outOff + i] = s;
  }
}

export interface RecordingApply {
  apply: BatchApply;
  /** counts of every call, in order */
  calls: number[][];
}

/** Wraps dense matrices as a BatchApply; float32 rounds inputs and outputs like our operator does. */
export function denseBatchApply(mats: Float64Array[], dims: number[], float32 = true): RecordingApply {
  const calls: number[][] = [];
  const apply: BatchApply = async (inputs, counts) => {
    calls.push([...counts]);
    return inputs.map((x, p) => {
      const n = dims[p];
      const c = counts[p];
      if (x.length < c * n) throw new Error(`problem ${p}: ${x.length} < ${c}·${n}`);
      const out = new Float64Array(c * n);
      const xin = float32 ? Float64Array.from(x.subarray(0, c * n), Math.fround) : x;
      for (let v = 0; v < c; v++) matVec(mats[p], n, xin, v * n, out, v * n);
      if (float32) for (let i = 0; i < out.length; i++) out[i] = Math.fround(out[i]);
      return out;
    });
  };
  return { apply, calls };
}

/** Largest principal-angle sine between the row spaces of two orthonormal stacks (j rows each). */
export function maxPrincipalSine(u: Float64Array, v: Float64Array, j: number, dim: number): number {
  // σ_min(UVᵀ) = cos of the largest angle; compute via eigenvalues of (UVᵀ)(UVᵀ)ᵀ.
  const c = new Float64Array(j * j);
  for (let a = 0; a < j; a++)
    for (let b = 0; b < j; b++) {
      let s = 0;
      for (let i = 0; i < dim; i++) s += u[a * dim + i] * v[b * dim + i];
      c[a * j + b] = s;
    }
  const cct = new Float64Array(j * j);
  for (let a = 0; a < j; a++)
    for (let b = 0; b < j; b++) {
      let s = 0;
      for (let i = 0; i < j; i++) s += c[a * j + i] * c[b * j + i];
      cct[a * j + b] = s;
    }
  const minEig = symmetricEigen(cct, j).values[j - 1];
  return Math.sqrt(Math.max(0, 1 - minEig));
}

export interface OutlierCase {
  name: string;
  a: Float64Array;
  dim: number;
  j: number;
  lower: number | undefined;
}

const BETA = 1e-3;

/**
 * The matrices the solver tests share (shaped like our blocks: weights like π_c(1−π_c), class c heavier):
 *  - k4: top-4 of a k=4 mixture (1 big + 3 mini-bulk outliers), H-like (+βI), d = 300
 *  - k10top10: top-10 of a k=10 mixture, d = 300 (10th outlier close to the bulk edge)
 *  - k10top4: top-4 of a k=10 mixture, d = 200: the 4th sits INSIDE the mini-bulk (λ₇/λ₄ ≈ 0.92)
 *  - indefinite: the k=10 matrix minus a k=3 spiked Wishart (|λ_min| > λ_max), lower unknown, d = 300
 */
export function outlierCase(name: 'k4' | 'k10top10' | 'k10top4' | 'indefinite'): OutlierCase {
  const weight = (c: number) => (c === 0 ? 0.25 : 0.1);
  switch (name) {
    case 'k4': {
      const d = 300;
      return {
        name,
        dim: d,
        j: 4,
        lower: BETA,
        a: spikedWishart({ d, samples: 2 * d, k: 4, snr: 50, weight, shift: BETA, seed: 1 }),
      };
    }
    case 'k10top10': {
      const d = 300;
      return {
        name,
        dim: d,
        j: 10,
        lower: BETA,
        a: spikedWishart({ d, samples: 2 * d, k: 10, snr: 50, weight, shift: BETA, seed: 1 }),
      };
    }
    case 'k10top4': {
      const d = 200;
      return {
        name,
        dim: d,
        j: 4,
        lower: BETA,
        a: spikedWishart({ d, samples: 2 * d, k: 10, snr: 50, weight, shift: BETA, seed: 2 }),
      };
    }
    case 'indefinite': {
      const d = 300;
      const pos = spikedWishart({ d, samples: 2 * d, k: 10, snr: 50, weight, shift: BETA, seed: 1 });
      const neg = spikedWishart({ d, samples: 2 * d, k: 3, snr: 50, weight: () => 0.2, shift: 0, seed: 9 });
      return { name, dim: d, j: 4, lower: undefined, a: addScaled(pos, neg, -1) };
    }
  }
}

export function maxRelativeError(values: number[], reference: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i] - reference[i]) / Math.abs(reference[i]));
  return m;
}
