// λ → ∞ outlier eigenvalues of the blocks of H and G from the current summary statistics
// (docs/THEORY.md "Spectra", derived from the closed forms of docs/MATH.md §4).
//
// Every diagonal block is (1/M) Σ_m w_m Ŷ_m Ŷ_mᵀ (+β I for H) with Ŷ = mean + Z/√λ. As λ → ∞ (and
// M → ∞) Ŷ → its cluster mean and the weight → its value at the mean, so the block tends to
//     Σ_clusters p_cluster · w(cluster) · mean meanᵀ  (+ β I),
// a matrix of rank ≤ #clusters whose non-zero eigenvalues are the outliers; the bulk collapses to the
// shift (its width is O(1/λ), see weightedWishart.ts). What these limits ignore at finite λ:
//   • the bulk width w(1+√γ)²/λ and the BBP push (1+ℓ)(1+γ/ℓ), ℓ = p_a λ (spikedOutliers.ts has the
//     finite-λ version), relative size O(1/λ);
//   • the logit noise x·Z/√λ inside the weights (E over it changes a weight by O(R/λ));
//   • cross terms μ Zᵀ/√λ (zero mean; fluctuation O((λM)^{-1/2}));
//   • the empirical class fractions of the M test samples vs the priors (relative O(M^{-1/2})).

/** Outliers of one block: eigenvalues (descending) and the mean each eigenvector is aligned with. */
export interface BlockOutliers {
  values: number[];
  /** index of the mean (class a for softmax) along which each outlier's eigenvector lies */
  meanIndex: number[];
}

/** π_{c|a} = softmax_c(m_{1a}, …, m_{ka}): the class-c probability at the mean μ_a (m row-major k×k). */
export function softmaxAtMeans(m: ArrayLike<number>, k: number): Float64Array {
  if (m.length !== k * k) throw new Error(`m must be k×k = ${k * k} numbers`);
  const pi = new Float64Array(k * k); // pi[c*k + a] = π_{c|a}
  for (let a = 0; a < k; a++) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, m[c * k + a]);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(m[c * k + a] - max);
    for (let c = 0; c < k; c++) pi[c * k + a] = Math.exp(m[c * k + a] - max) / sum;
  }
  return pi;
}

function sortedBlock(values: number[]): BlockOutliers {
  const order = values.map((_, i) => i).sort((i, j) => values[j] - values[i]);
  return { values: order.map((i) => values[i]), meanIndex: order };
}

/**
 * λ → ∞ outliers of the softmax class blocks, orthonormal means (m_ab = x^a·μ_b, row-major k×k):
 *   H_cc along μ_a:  p_a π_{c|a}(1 − π_{c|a}) + β,      G_cc along μ_a:  p_a (π_{c|a} − δ_ca)².
 * Each block has k of them: one along μ_c and a "mini-bulk" of k − 1 along the other means.
 */
export function softmaxLimitOutliers(
  m: ArrayLike<number>,
  k: number,
  priors: ArrayLike<number>,
  beta: number,
): { H: BlockOutliers[]; G: BlockOutliers[] } {
  const pi = softmaxAtMeans(m, k);
  const H: BlockOutliers[] = [];
  const G: BlockOutliers[] = [];
  for (let c = 0; c < k; c++) {
    const h: number[] = [];
    const g: number[] = [];
    for (let a = 0; a < k; a++) {
      const p = pi[c * k + a];
      h.push(priors[a] * p * (1 - p) + beta);
      g.push(priors[a] * (p - (c === a ? 1 : 0)) ** 2);
    }
    H.push(sortedBlock(h));
    G.push(sortedBlock(g));
  }
  return { H, G };
}
