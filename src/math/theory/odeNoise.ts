// Where the effective-dynamics ODE cannot predict SGD: the size of SGD's own fluctuation of a summary
// statistic u against what the ODE says about it (docs/THEORY.md "Where the ODE cannot predict").
//
// One SGD step moves u by −δ ∇u·∇ℓ(x; Y, y) (+ drift terms); its martingale part has variance
// δ² Var(∇u·∇ℓ) per step, so over a time t (t/δ = t d/c_δ steps) it accumulates to a standard deviation
//
//     √(c_δ t/d) · std(∇u·∇ℓ),                                                        (★)
//
// which the ODE (the d → ∞ limit) drops. Minibatch B divides the variance by B: pass c_δ/B.
//
// softmax, R_cc = ‖x^c‖²: ∇R_cc·∇ℓ = 2 (π_c − δ_cy) x^c·Y, whose part along the noise, x^c·Z/√λ, has
// variance R_cc/λ; with |π_c − δ_cy| ≤ 1, (★) gives a relative fluctuation of R_cc at most
//
//     2 √(c_δ t̃ / (λ d R_cc)),     t̃ = min(t, 1/(2β)),
//
// where t̃ is the ridge's memory: R's linear part decays at rate ≥ 2β and forgets older noise (the
// Stein term −(R J̄ + J̄ R)/λ only adds decay, so this is an upper bound). Its scale √(c_δ/(λd)) is
// the noise of x along the d − k noise directions; m's equations read R through the logit covariance
// R/λ, so where R is not predicted neither is m. The class-sampling part of the noise, O(√(c_δ t/d)),
// is the ordinary O(d^{-1/2}) scatter of any finite-d run and is not flagged.
//
// xor, which cluster a neuron takes: near the start σ(f) ≈ ½ and a neuron with v_i > 0 moves m^μ_i away
// from the kink m = 0 in the direction of its sign (v_i < 0: m^ν_i, the same law), while the other overlap
// slides to 0 (docs/THEORY.md "Which cluster a neuron takes"). At finite λ the gate 1[W_i·Y > 0] is
// smoothed by the pre-activation noise, of standard deviation σ_p = ‖W_i‖/√λ, so the drift of the
// overlap m is
//
//     a(m) = (|v_i|/8) [Φ(m/σ_p) − Φ(−m/σ_p)] = (|v_i|/8) erf(m/(σ_p√2))   (away from 0),
//
// (the ODE takes σ_p → 0: speed |v_i|/8). Its increment X = s v_i 1_i (Y·μ) has second moment
// v_i²(1 + 1/λ)/16 over the four clusters (≥ its variance), so by (★) m is a diffusion with that drift
// and diffusion coefficient s² = (c_δ/d) v_i² (1 + 1/λ)/16. Started at m₀, the probability that it
// ends on the other side of the kink — in the other cluster than the ODE, which keeps the sign of
// m₀ — is, by its scale function with potential A(y) = ∫₀^y a:
//
//     P_flip = ∫_{|m₀|}^∞ e^{−2A(y)/s²} dy / (2 ∫₀^∞ e^{−2A(y)/s²} dy).
//
// Limits: σ_p → 0 gives ½ exp(−|m₀|/ℓ) with ℓ = s²/(2 · |v_i|/8) = c_δ |v_i| (1 + 1/λ)/(4 d), a
// gambler's ruin; σ_p ≫ ℓ gives Φ(−|m₀|/ℓ_p), the repelling Ornstein–Uhlenbeck law, ℓ_p = s/√(2r) with
// r = a'(0) = |v_i| φ(0)/(4σ_p). Ignored: the ridge −βm (negligible at m ≈ 0) and the slow change of σ(f) from ½.

/** The ODE is flagged where SGD's predicted relative fluctuation of a statistic exceeds this. */
export const ODE_NOISE_LIMIT = 0.25;
/** A neuron is flagged where SGD ends it on the other side of the kink than the ODE with at least this probability. */
export const KINK_FLIP_LIMIT = 0.01;

/** Upper bound on the relative SGD fluctuation of R_cc = ‖x^c‖² about the softmax ODE at time t. */
export function softmaxRelativeNoise(
  R: number,
  time: number,
  { cdelta, d, lambda, beta }: { cdelta: number; d: number; lambda: number; beta: number },
): number {
  const memory = beta > 0 ? Math.min(time, 1 / (2 * beta)) : time;
  if (!(memory > 0)) return 0;
  return 2 * Math.sqrt((cdelta * memory) / (lambda * d * Math.max(R, Number.MIN_VALUE)));
}

/** The standard deviation per unit time √time of a neuron's overlap m under SGD, s of the header. */
export function overlapNoise(v: number, { cdelta, d, lambda }: { cdelta: number; d: number; lambda: number }): number {
  return Math.sqrt((cdelta / d) * (1 + 1 / lambda)) * (Math.abs(v) / 4);
}

/**
 * Probability that SGD sends a neuron's deciding overlap, starting at m0, to the other side of the ReLU
 * kink than the ODE does (header: scale function of the smoothed-kink diffusion). `weightNorm` = ‖W_i‖.
 */
export function kinkFlipProbability(
  m0: number,
  v: number,
  weightNorm: number,
  scales: { cdelta: number; d: number; lambda: number },
): number {
  const noise = overlapNoise(v, scales);
  const speed = Math.abs(v) / 8;
  if (!(noise > 0) || !(speed > 0)) return 0.5;
  const smoothing = weightNorm / Math.sqrt(scales.lambda);
  const c = 2 / (noise * noise);
  // A(y) = speed · [y erf(y/(σ_p√2)) + σ_p √(2/π) (e^{−y²/(2σ_p²)} − 1)]   (speed · |y| when σ_p = 0)
  const potential = (y: number): number =>
    smoothing > 0
      ? speed *
        (y * erf(y / (smoothing * Math.SQRT2)) +
          smoothing * Math.sqrt(2 / Math.PI) * (Math.exp(-(y * y) / (2 * smoothing * smoothing)) - 1))
      : speed * y;
  let end = Math.max(Math.abs(m0), (noise * noise) / speed, 1e-300);
  while (c * potential(end) < 60) end *= 2;
  const integral = (from: number): number => {
    if (from >= end) return 0;
    const n = 4000; // trapezoid; the integrand falls to e^{-60} by `end`
    const h = (end - from) / n;
    let sum = 0.5 * (Math.exp(-c * potential(from)) + Math.exp(-c * potential(end)));
    for (let i = 1; i < n; i++) sum += Math.exp(-c * potential(from + i * h));
    return sum * h;
  };
  return Math.min(0.5, integral(Math.abs(m0)) / (2 * integral(0)));
}

/** erf by Abramowitz–Stegun 7.1.26 (absolute error ≤ 1.5e-7). */
export function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const z = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * z);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return sign * (1 - poly * Math.exp(-z * z));
}
