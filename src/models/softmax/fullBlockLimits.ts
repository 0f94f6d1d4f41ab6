// λ → ∞ outliers of the softmax `full` block (all k·d parameters), orthonormal means.
import { symmetricEigenvalues } from '../../math/eigen/dense';

/**
 * The block tends to
 *   H: Σ_a p_a J_a ⊗ μ_a μ_aᵀ + βI,  J_a = diag π_{·|a} − π_{·|a} π_{·|a}ᵀ,
 *   G: Σ_a p_a (π_{·|a} − e_a)(π_{·|a} − e_a)ᵀ ⊗ μ_a μ_aᵀ
 * (docs/MATH.md §4 with Ŷ → μ_a), whose eigenvectors are (eigenvector of the k×k factor) ⊗ μ_a: the union
 * over a of the spectra of p_a J_a (each has a 0 along 1) and of p_a‖π_{·|a} − e_a‖² (rank one).
 */
export function fullBlockLimits(
  m: ArrayLike<number>,
  k: number,
  priors: ArrayLike<number>,
  beta: number,
): { H: number[]; G: number[] } {
  const H: number[] = [];
  const G: number[] = [];
  const J = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, m[c * k + a]);
    const pi = new Float64Array(k);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += pi[c] = Math.exp(m[c * k + a] - max);
    for (let c = 0; c < k; c++) pi[c] /= sum;
    let residual = 0;
    for (let c = 0; c < k; c++) {
      residual += (pi[c] - (c === a ? 1 : 0)) ** 2;
      for (let e = 0; e < k; e++) J[c * k + e] = priors[a] * ((c === e ? pi[c] : 0) - pi[c] * pi[e]);
    }
    for (const value of symmetricEigenvalues(J, k)) H.push(Math.max(0, value) + beta);
    G.push(priors[a] * residual);
  }
  return { H: H.sort((x, y) => y - x), G: G.sort((x, y) => y - x) };
}
