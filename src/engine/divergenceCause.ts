// The cause of a divergence and its fix, in words with the config's numbers (the run's message).
import type { Config } from '../state/schema';

/**
 * The largest c_δ at which SGD on a 2-layer ReLU net (xor, mlp) stays bounded, ≈ d/√(1 + d/λ).
 *
 * Why: one step moves neuron i by ΔW_i = −δ r v_i y (r the head's residual, |r| ≤ 1) and v_i by
 * −δ r (W_i·y). On the plane of (W_i·ŷ, v_i) this is the map [[1, −s], [−s, 1]], s = δ r ‖y‖, whose
 * eigenvalues 1 ± s stretch the pair by up to 1 + δ‖y‖ (the bilinear part of the per-sample Hessian
 * has eigenvalues ±|r|‖y‖, so no step size makes it contract). With balanced layers (|v_i| ≈ ‖W_i‖)
 * a step is a small move while δ‖y‖ < 1; above it each step moves a neuron by more than its own
 * length, the next samples' residuals no longer undo it and the weights grow geometrically. An input
 * has ‖y‖² ≈ 1 + d/λ (the mean plus d noise coordinates of variance 1/λ), and δ = c_δ/d.
 * Measured (K = 2–16, d = 20–100, λ = 0.1–1000, xor and mlp): bounded over T = 1000 at 0.7× this
 * value, the weights blow up at 1.5× (src/engine/divergence.test.ts checks both sides).
 */
export function twoLayerStepLimit(d: number, lambda: number): number {
  return d / Math.sqrt(1 + d / lambda);
}

/** Names the likely cause of a divergence and the fix, from the step size, the ridge and the data scale. */
export function divergenceCause(config: Config, delta: number): string {
  const { cdelta, beta, lambda, d, model } = config;
  // The ridge part of a step multiplies the weights by (1 − δβ): |1 − δβ| > 1 grows them geometrically.
  if (delta * beta > 2)
    return `c_δ too large for β: c_δ = ${cdelta} gives δβ = ${(delta * beta).toPrecision(3)} > 2, so the ridge factor |1 − δβ| > 1 grows the weights every step (need c_δ < 2d/β = ${((2 * d) / beta).toPrecision(3)})`;
  if (model !== 'softmax') {
    const limit = twoLayerStepLimit(d, lambda);
    const where = `≈ ${limit.toPrecision(3)} = d/√(1 + d/λ) for d = ${d}, λ = ${lambda}`;
    if (cdelta > limit)
      return `c_δ too large for λ and d: c_δ = ${cdelta} is above ${where}, where one SGD step moves a neuron by more than its own length (δ√(1 + d/λ) = ${(delta * Math.sqrt(1 + d / lambda)).toPrecision(3)} > 1) and the weights of both layers grow; lower c_δ below ${limit.toPrecision(2)} (or raise λ)`;
    return `c_δ = ${cdelta} is below the step-size limit ${where} and δβ = ${(delta * beta).toPrecision(3)} ≤ 2, yet the weights grew; lower c_δ`;
  }
  return `c_δ too large for λ: c_δ = ${cdelta} (δ = ${delta.toPrecision(3)}) is too large for λ = ${lambda}, β = ${beta}; lower c_δ`;
}
