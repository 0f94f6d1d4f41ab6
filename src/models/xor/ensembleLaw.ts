// The λ → ∞ ensemble law of xor (BGJ22): every neuron ends in the group of one of the four clusters,
// uniformly and independently (the signs of v_i and of m^μ_i or m^ν_i at init pick it).
import type { EnsembleLaw } from '../types';

/**
 * The success rate: the net is optimal when every cluster gets at least one neuron — the probability
 * that K uniform draws cover 4 values: Σ_i (−1)^i C(4, i) (1 − i/4)^K. K = 4: 4!/4⁴ = 3/32; K = 20: 0.987.
 */
export function xorTheoryOptimalFraction(K: number): number {
  const choose = [1, 4, 6, 4, 1];
  let p = 0;
  for (let i = 0; i <= 4; i++) p += (i % 2 === 0 ? 1 : -1) * choose[i] * (1 - i / 4) ** K;
  return Math.max(0, p);
}

/** The same picture's law of the number of served clusters (= layer-2 outliers at λ = ∞): index = count. */
export function xorTheoryServedLaw(K: number): number[] {
  // P(exactly s of 4 clusters hit) = C(4, s) · P(K draws cover exactly s given values) = C(4, s) Σ_i (−1)^i C(s, i) ((s − i)/4)^K
  const binom = (n: number, k: number) => {
    let r = 1;
    for (let i = 0; i < k; i++) r = (r * (n - i)) / (i + 1);
    return r;
  };
  return [0, 1, 2, 3, 4].map((s) => {
    let cover = 0;
    for (let i = 0; i <= s; i++) cover += (i % 2 === 0 ? 1 : -1) * binom(s, i) * ((s - i) / 4) ** K;
    return binom(4, s) * cover;
  });
}

export const xorEnsembleLaw: EnsembleLaw = {
  optimalFraction: xorTheoryOptimalFraction,
  servedLaw: xorTheoryServedLaw,
  optimalOutliers: 4,
};
