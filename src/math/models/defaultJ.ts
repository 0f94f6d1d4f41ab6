// The top-j each 2-layer block tracks by default (config topj = 0): the rank of its λ = ∞ part, so the
// tracked eigenvectors span the outlier space. The models build their blocks with it and the memory
// budget (src/models/twoLayer/budget.ts) sizes the eigensolver from it.
import type { TwoLayerJ } from './twoLayer';

/**
 * xor: layer1:i → 2: span{μ, ν}. layer2 → 4: span{g(±Wμ), g(±Wν)}. layer1 → 4: at a fixed point the
 * λ = ∞ part of the W–W block is Σ_c ¼ σ'(f_c) D_c D_cᵀ ⊗ μ_c μ_cᵀ (D_c = v ∘ 1[W μ_c > 0]): rank ≤ 4,
 * one direction per served cluster, and W itself lies in it. full → 8: those of layer 1 and layer 2.
 */
export function xorBlockJ(K: number, neuron = 2): TwoLayerJ {
  return { neuron, layer1: Math.min(4, 2 * K), layer2: 4, full: 8 };
}

/**
 * mlp: at a fixed point the λ = ∞ parts are Σ_a p_a (D_a P^a D_aᵀ) ⊗ μ_a μ_aᵀ (layer 1, D_a = 1^a ∘ Vᵀ)
 * and Σ_a p_a P^a ⊗ h^a h^aᵀ (layer 2); P^a = diag π − ππᵀ has rank k − 1, so each has rank
 * ≤ k·min(k−1, K), and the ridge fixed point (β V = −Σ p_a r^a h^aᵀ, r^a ⊥ 1) puts the parameters
 * inside. layer1:i → k: span of the means. full → the two layers together.
 */
export function mlpBlockJ(k: number, K: number): TwoLayerJ {
  const perLayer = k * Math.min(k - 1, K);
  return { neuron: k, layer1: perLayer, layer2: perLayer, full: 2 * perLayer };
}
