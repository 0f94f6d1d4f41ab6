// The step size above which SGD on a 2-layer ReLU net (xor, mlp) blows up: the divergence message names it.

/**
 * The c_δ around which SGD on a 2-layer ReLU net (xor, mlp) stops staying bounded: d/√(1 + d/λ).
 *
 * Why: one step moves neuron i by ΔW_i = −δ r v_i y (r the head's residual, |r| ≤ 1) and v_i by
 * −δ r (W_i·y). On the plane of (W_i·ŷ, v_i) this is the map [[1, −s], [−s, 1]], s = δ r ‖y‖, whose
 * eigenvalues 1 ± s stretch the pair by up to 1 + δ‖y‖ along one direction, whatever the step size (the
 * bilinear part of the per-sample Hessian has eigenvalues ±|r|‖y‖). With balanced layers (|v_i| ≈ ‖W_i‖)
 * that is a small move while δ‖y‖ < 1; above it each step moves a neuron by more than its own length,
 * the next samples' residuals no longer undo it and the weights grow geometrically. An input has
 * ‖y‖² ≈ 1 + d/λ (the mean plus d noise coordinates of variance 1/λ), and δ = c_δ/d.
 * Measured over T = 100, two or three seeds each (xor K = 2–16, mlp K = 4–8; d = 20–100; λ = 0.1–1000;
 * β = 0.01), the growth of ‖x‖² from its start: ×1–4 at 0.5–0.7× this value (learning included; one mlp
 * K = 8 seed ×11 at 0.71×), ×3–10²⁹ at 1.4–1.5× (the low end at λ = 1000) and ×10²–10⁵⁸ at 2×: where
 * between 0.7× and 2× it turns depends on the model, K, λ and the seed. At d = 20, λ = 0.1
 * a run at 0.7× stays at its initial size for T = 1000 and one at 2× becomes non-finite
 * (src/engine/divergence.test.ts checks both).
 */
export function twoLayerStepLimit(d: number, lambda: number): number {
  return d / Math.sqrt(1 + d / lambda);
}
