// Per-sample k×k weights of the aggregate blocks, in the factored form A_m = C_m C_mᵀ that the matrix
// bulk law reads (theory/matrixWishart.ts): the block's data part is (1/M) Σ_m A_m ⊗ Ŷ_m Ŷ_mᵀ.
import { symmetricEigen } from '../eigen/dense';
import type { SampleFactors } from '../theory/matrixWishart';

/**
 * Softmax curvature per sample, diag π − π πᵀ = C Cᵀ with C = diag(√π)(I − u uᵀ), u = √π (‖u‖ = 1):
 * C Cᵀ = diag(√π)(I − u uᵀ)diag(√π) = diag π − π πᵀ. Rows: `probs` is M × k.
 */
export function softmaxCurvatureFactors(probs: ArrayLike<number>, M: number, k: number): SampleFactors {
  const factors = new Float64Array(M * k * k);
  const u = new Float64Array(k);
  for (let m = 0; m < M; m++) {
    for (let a = 0; a < k; a++) u[a] = Math.sqrt(probs[m * k + a]);
    const o = m * k * k;
    for (let a = 0; a < k; a++)
      for (let b = 0; b < k; b++) factors[o + a * k + b] = u[a] * ((a === b ? 1 : 0) - u[a] * u[b]);
  }
  return { count: M, size: k, rank: k, factors };
}

/** Rank-one weights A_m = v_m v_mᵀ from the rows of an M × k matrix (the per-sample gradient factors of G). */
export function rankOneFactors(rows: ArrayLike<number>, M: number, k: number): SampleFactors {
  return { count: M, size: k, rank: 1, factors: Float64Array.from({ length: M * k }, (_, i) => rows[i]) };
}

/**
 * A factor C with C Cᵀ = P of a symmetric positive semi-definite n×n matrix (eigenvectors scaled by
 * √eigenvalue; round-off negatives clipped to 0). Written into out (n × n, row-major).
 */
export function psdFactor(P: ArrayLike<number>, n: number, out: Float64Array, offset = 0): void {
  if (n === 1) {
    out[offset] = Math.sqrt(Math.max(0, P[0]));
    return;
  }
  const { values, vectors } = symmetricEigen(
    Float64Array.from({ length: n * n }, (_, i) => P[i]),
    n,
  );
  for (let j = 0; j < values.length; j++) {
    const s = Math.sqrt(Math.max(0, values[j]));
    for (let a = 0; a < n; a++) out[offset + a * n + j] = vectors[j * n + a] * s;
  }
}
