// Finite-λ outliers of a block (BBP-type), beyond the λ → ∞ limit of outliers.ts.
//
// Model (one diagonal block of H or G, docs/MATH.md §4): B = (1/M) Σ_m w_m Ŷ_m Ŷ_mᵀ + shift·I with
// Ŷ_m = μ_{a(m)} + Z_m/√λ, orthonormal means μ_a. As a d×M product B − shift = X Xᵀ with columns
// X_m = √(w_m/M) Ŷ_m, i.e. X = S + N:
//   signal S = Σ_a θ_a μ_a v_aᵀ,   θ_a² = (1/M) Σ_{m∈a} w_m,   (v_a)_m = √w_m / √(Σ_{m'∈a} w_m'),  m ∈ a
//   noise  N = columns √(w_m/(λM)) Z_m   (the weighted Wishart bulk of weightedWishart.ts).
// Source: Benaych-Georges & Nadakuditi (2012, "The singular values and vectors of low rank
// perturbations of large rectangular random matrices", Thm 2.9/2.10). An eigenvalue z above the bulk is
// an outlier iff  z·[uᵀ(z − NNᵀ)⁻¹u]·[v_aᵀ(z − NᵀN)⁻¹v_a] = 1/θ_a². Deterministic equivalents:
//   uᵀ(z − NNᵀ)⁻¹u → −m(z)                      (N N ᵀ is orthogonally invariant on the left),
//   (z − NᵀN)⁻¹ → (1/z)(I + (γ/λ) W m(z))⁻¹     (Silverstein–Bai resolvent of the M×M companion),
// with m the Stieltjes transform of the bulk. In B₀ = λ(B − shift) units (m₀ the Stieltjes transform of
// (1/M) Σ w Z Zᵀ, the real branch (m*, 0) above the edge) the condition no longer involves z:
//
//     D(m₀) := −m₀ Σ_{m∈a} ω_m / (1 + γ w_m m₀) = 1/(λ θ_a²),     ω_m = w_m / Σ_{m'∈a} w_m',
//
// and the outlier is z₀(m₀)/λ + shift with z₀ the inverse Stieltjes map (★) of weightedWishart.ts.
// D increases from 0 (m₀ → 0⁻) to D(m*) as m₀ decreases, so the spike separates iff D(m*) > 1/(λθ_a²).
// Check, constant weight w: m₀ = −1/(ℓ + γ) and z = (w/λ)(1 + ℓ)(1 + γ/ℓ) with ℓ = p_a λ; threshold
// ℓ > √γ (BBP). Distinct classes decouple: the u's are orthonormal and the v's have disjoint supports.
//
// Ignored: the weights of H and G depend on the noise through the logits (x^c·Z/√λ), which correlates
// w_m with Z_m along the k parameter directions — an O(‖x_⊥‖/√λ) rank-k effect; the means must be
// orthonormal; d, M → ∞ at fixed γ (outliers fluctuate by O(M^{-1/2})).

import { compressWeights, inverseStieltjes, upperEdgeCriticalPoint } from './weightedWishart';
import type { WeightAtoms } from './weightedWishart';

/** Spiked-Wishart outlier for constant weight w and spike strength ℓ = p_a λ (null when ℓ ≤ √γ). */
export function spikedWishartOutlier(w: number, ell: number, gamma: number, lambda: number, shift = 0): number | null {
  if (!(ell > Math.sqrt(gamma))) return null;
  return (w * (1 + ell) * (1 + gamma / ell)) / lambda + shift;
}

export interface SpikeOutlier {
  /** class (mean) index a */
  meanIndex: number;
  /** predicted outlier eigenvalue, or null when the spike does not separate from the bulk */
  value: number | null;
  /** the λ → ∞ value θ_a² + shift = (1/M) Σ_{m∈a} w_m + shift, for comparison */
  limitValue: number;
}

/**
 * Finite-λ outliers of the block (1/M) Σ w_m Ŷ_m Ŷ_mᵀ + shift·I, one candidate per class, from the
 * per-sample weights and labels of the M test samples (γ = d/M). Sorted by value, descending (classes
 * that do not separate last).
 */
export function blockSpikeOutliers(
  weights: ArrayLike<number>,
  labels: ArrayLike<number>,
  classes: number,
  gamma: number,
  lambda: number,
  shift = 0,
): SpikeOutlier[] {
  const count = weights.length;
  if (labels.length !== count) throw new Error('one label per weight');
  const bulk = compressWeights(weights);
  const mStar = upperEdgeCriticalPoint(bulk, gamma);
  // each class's weights, in one pass over the samples
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  for (let m = 0; m < count; m++) byClass[labels[m]]?.push(weights[m]);
  const out: SpikeOutlier[] = [];
  for (let a = 0; a < classes; a++) {
    const inClass = byClass[a];
    let total = 0;
    for (const w of inClass) total += w;
    const theta2 = total / count;
    const result: SpikeOutlier = { meanIndex: a, value: null, limitValue: theta2 + shift };
    if (theta2 > 0 && mStar < 0) {
      const spike = compressWeights(inClass);
      const target = 1 / (lambda * theta2);
      if (spikeFunction(mStar, spike, gamma) > target) {
        // bisection for D(m₀) = target on (m*, 0): D is monotone there
        let lo = mStar;
        let hi = 0;
        for (let it = 0; it < 200 && hi - lo > 1e-15 * Math.abs(mStar); it++) {
          const mid = 0.5 * (lo + hi);
          if (spikeFunction(mid, spike, gamma) > target) lo = mid;
          else hi = mid;
        }
        result.value = inverseStieltjes(0.5 * (lo + hi), bulk, gamma) / lambda + shift;
      }
    }
    out.push(result);
  }
  return out.sort((p, q) => (q.value ?? -Infinity) - (p.value ?? -Infinity));
}

/** D(m₀) = −m₀ Σ ω_m/(1 + γ w_m m₀) with ω ∝ w on the class (atoms of the class's weights). */
function spikeFunction(m0: number, spike: WeightAtoms, gamma: number): number {
  let num = 0;
  let den = 0;
  for (let j = 0; j < spike.values.length; j++) {
    const w = spike.values[j];
    num += (spike.masses[j] * w) / (1 + gamma * w * m0);
    den += spike.masses[j] * w;
  }
  return (-m0 * num) / den;
}
