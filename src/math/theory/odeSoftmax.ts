// Effective dynamics (BGJ22 Thm 2.2, ballistic limit) of online SGD for the softmax classifier on the
// k-GMM with ORTHONORMAL means: the summary statistics m_ab = x^a·μ_b and R_ab = x^a·x^b (k×k each)
// follow a deterministic ODE as d → ∞ with δ = c_δ/d, including the critical corrector of size c_δ/λ.
//
// Derivation (docs/THEORY.md "softmax on the k-GMM", completed here with Stein's lemma).
// One SGD step with sample (Y, y): x^a ← x^a − δ[(π_a − δ_ay) Y + β x^a], δ = c_δ/d, time t = step·δ.
// Given class y = c: Y = μ_c + Z/√λ, Z ~ N(0, I_d); the logits z_a = x^a·Y = m_ac + ζ_a with
// ζ_a = x^a·Z/√λ, so z ~ N(m_{·c}, R/λ) exactly; Z_b := Z·μ_b is jointly Gaussian with ζ,
// Cov(Z_b/√λ, ζ_a) = x^a·μ_b/λ = m_ab/λ. Write E_c for the expectation over that Gaussian, π = softmax(z).
//
//   m: Δm_ab = −δ[(π_a − δ_ay)(Y·μ_b) + β m_ab], Y·μ_b = δ_cb + Z_b/√λ. m is linear in x: no Itô term.
//      Stein: E_c[(Z_b/√λ) π_a] = Σ_e Cov(Z_b/√λ, z_e) E_c[∂_e π_a] = (1/λ) Σ_e m_eb E_c[π_a(δ_ae − π_e)].
//      ⇒  m' = −A − (1/λ) J̄ m − β m,
//      with A_ac = p_c (E_c π_a − δ_ac)  (column c: class c's mean residual),
//           J_c = E_c[diag π − π πᵀ],  J̄ = Σ_c p_c J_c  (the softmax Jacobian, averaged).
//   R: ΔR_ab = x^a·Δx^b + Δx^a·x^b + Δx^a·Δx^b, with x^a·Y = z_a:
//      x^a·Δx^b = −δ[(π_b − δ_by) z_a + β R_ab];  E_c[(π_b − δ_bc) z_a] = m_ac E_c[π_b − δ_bc] + E_c[ζ_a π_b]
//      and Stein again: E_c[ζ_a π_b] = (1/λ) Σ_e R_ae E_c[∂_e π_b] = (1/λ)(R J_c)_ab.
//      Δx^a·Δx^b = δ² (π_a − δ_ay)(π_b − δ_by) ‖Y‖² + O(δ²β), ‖Y‖² = d/λ + O(√d): per unit time
//      δ·d/λ = c_δ/λ — the critical corrector (the O(δ²) remainder vanishes as d → ∞).
//      ⇒  R' = −(m Aᵀ + A mᵀ) − (1/λ)(R J̄ + J̄ R) − 2β R + (c_δ/λ) C,
//      with C = Σ_c p_c E_c[(π − e_c)(π − e_c)ᵀ].
// λ → ∞: E_c π_a → softmax_a(m_{·c}) and m_ab' = p_b(δ_ab − softmax_a(m_{·b})) − β m_ab (docs/THEORY.md), and
// R − m mᵀ (= the Gram matrix of the parts of x orthogonal to the means) obeys X' = −2βX + (c_δ/λ)C.
// The λ^{-1/2} Z·μ_b and logit-noise terms are the (1/λ)J̄m and (1/λ)(RJ̄ + J̄R) terms above (written out
// in docs/THEORY.md too).
// Assumptions: orthonormal means; d → ∞ (finite d adds O(d^{-1/2}) fluctuations and an O(c_δ/d) term
// δ²(1 + …) in R, dropped); the step size δ = c_δ/d with batch 1.
// Expectations E_c use the fixed point set of gaussianPoints.ts mapped through a Cholesky factor of
// R/λ (error ≲ 1e-5 for the scales here, see that file).

import { gaussianPoints, semidefiniteCholesky } from './gaussianPoints';
import { integrateRk4 } from './rk4';

export interface SoftmaxOdeOptions {
  /** initial m_ab = x^a·μ_b, row-major k×k */
  m0: ArrayLike<number>;
  /** initial R_ab = x^a·x^b, row-major k×k */
  R0: ArrayLike<number>;
  /** class priors p_c (length k) */
  priors: ArrayLike<number>;
  lambda: number;
  beta: number;
  /** step-size constant c_δ (δ = c_δ/d); 0 switches the corrector off */
  cdelta: number;
  T: number;
  dt: number;
  /** times at which to record (m, R); default: every unit of time */
  outputTimes?: number[];
  /** size of the Gaussian point set (even); default 512 */
  points?: number;
  /**
   * the vector field, built once by softmaxOdeField with these same constants (k, priors, λ, β, c_δ,
   * points) and passed to every call of a run: a field built per call starts cold in the JIT each time
   * (several times slower per unit of time)
   */
  field?: (state: Float64Array, out: Float64Array) => void;
}

export interface SoftmaxOdeTrajectory {
  times: number[];
  /** m at each output time, row-major k×k */
  m: Float64Array[];
  /** R at each output time, row-major k×k */
  R: Float64Array[];
}

/** Class-conditional moments of π = softmax(z), z ~ N(mean, LLᵀ): E π (k) and E ππᵀ (k×k). */
export function softmaxMoments(
  mean: ArrayLike<number>,
  chol: Float64Array,
  k: number,
  points: Float64Array,
  firstOut: Float64Array,
  secondOut: Float64Array,
): void {
  const count = points.length / k;
  const z = new Float64Array(k);
  firstOut.fill(0);
  secondOut.fill(0);
  for (let s = 0; s < count; s++) {
    for (let i = 0; i < k; i++) {
      let v = mean[i];
      for (let j = 0; j <= i; j++) v += chol[i * k + j] * points[s * k + j];
      z[i] = v;
    }
    softmaxInPlace(z, k);
    accumulateMoments(z, k, firstOut, secondOut);
  }
  finishMoments(firstOut, secondOut, k, count);
}

/** z ← softmax(z) (first k entries), shifted by the max so that nothing overflows */
function softmaxInPlace(z: Float64Array, k: number): void {
  let max = -Infinity;
  for (let i = 0; i < k; i++) if (z[i] > max) max = z[i];
  let sum = 0;
  for (let i = 0; i < k; i++) {
    z[i] = Math.exp(z[i] - max);
    sum += z[i];
  }
  for (let i = 0; i < k; i++) z[i] /= sum;
}

/** first += π and second += ππᵀ, upper triangle only (π_iπ_j = π_jπ_i exactly; finishMoments mirrors it) */
function accumulateMoments(pi: Float64Array, k: number, first: Float64Array, second: Float64Array): void {
  for (let i = 0; i < k; i++) {
    const pii = pi[i];
    first[i] += pii;
    for (let j = i; j < k; j++) second[i * k + j] += pii * pi[j];
  }
}

/** the sums over `count` points → means, E ππᵀ mirrored below its diagonal */
function finishMoments(first: Float64Array, second: Float64Array, k: number, count: number): void {
  for (let i = 0; i < k; i++) first[i] /= count;
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) second[i * k + j] /= count;
    for (let j = 0; j < i; j++) second[i * k + j] = second[j * k + i];
  }
}

/**
 * The shared part of all k classes' moments at one field evaluation: the logit noise Lξ_s is the same for
 * every class (only the mean m_{·c} differs), and softmax factorises, π_i ∝ e^{m_i}·e^{(Lξ)_i}. So
 * e^{(Lξ_s)_i − max_i (Lξ_s)_i} is computed once per point (S·k exponentials per evaluation instead of
 * k·S·k), and each class then needs k exponentials of its mean and only products. Both factors are ≤ 1,
 * so nothing overflows; a point whose normaliser underflows (a logit spread beyond ~700, far outside any
 * run) falls back to the direct evaluation of softmaxMoments.
 */
export class SharedLogitNoise {
  private readonly count: number;
  /** Lξ_s, S×k */
  private readonly noise: Float64Array;
  /** e^{(Lξ_s)_i − max_i (Lξ_s)_i}, S×k */
  private readonly scaled: Float64Array;
  private readonly meanFactor: Float64Array;
  private readonly pi: Float64Array;

  constructor(
    private readonly k: number,
    private readonly points: Float64Array,
  ) {
    this.count = points.length / k;
    this.noise = new Float64Array(points.length);
    this.scaled = new Float64Array(points.length);
    this.meanFactor = new Float64Array(k);
    this.pi = new Float64Array(k);
  }

  /** sets the Cholesky factor L of this evaluation's logit covariance */
  setFactor(chol: Float64Array): void {
    const { k, count, points, noise, scaled } = this;
    for (let s = 0; s < count; s++) {
      const row = s * k;
      let max = -Infinity;
      for (let i = 0; i < k; i++) {
        let v = 0;
        for (let j = 0; j <= i; j++) v += chol[i * k + j] * points[row + j];
        noise[row + i] = v;
        if (v > max) max = v;
      }
      for (let i = 0; i < k; i++) scaled[row + i] = Math.exp(noise[row + i] - max);
    }
  }

  /** E π and E ππᵀ for logits z ~ N(mean, LLᵀ) (as softmaxMoments, with the factor set above) */
  moments(mean: ArrayLike<number>, firstOut: Float64Array, secondOut: Float64Array): void {
    const { k, count, noise, scaled, meanFactor, pi } = this;
    let maxMean = -Infinity;
    for (let i = 0; i < k; i++) if (mean[i] > maxMean) maxMean = mean[i];
    for (let i = 0; i < k; i++) meanFactor[i] = Math.exp(mean[i] - maxMean);
    firstOut.fill(0);
    secondOut.fill(0);
    for (let s = 0; s < count; s++) {
      const row = s * k;
      let sum = 0;
      for (let i = 0; i < k; i++) {
        const t = meanFactor[i] * scaled[row + i];
        pi[i] = t;
        sum += t;
      }
      if (sum > 1e-290) {
        const inv = 1 / sum;
        for (let i = 0; i < k; i++) pi[i] *= inv;
      } else {
        // underflow of both factors: the direct softmax of mean + Lξ_s
        for (let i = 0; i < k; i++) pi[i] = mean[i] + noise[row + i];
        softmaxInPlace(pi, k);
      }
      accumulateMoments(pi, k, firstOut, secondOut);
    }
    finishMoments(firstOut, secondOut, k, count);
  }
}

/**
 * The vector field of the softmax effective dynamics: state = [m (k²), R (k²)] → [m', R'] (see header).
 */
export function softmaxOdeField(
  k: number,
  priors: ArrayLike<number>,
  lambda: number,
  beta: number,
  cdelta: number,
  pointCount = 512,
): (state: Float64Array, out: Float64Array) => void {
  if (priors.length !== k) throw new Error('one prior per class');
  const points = gaussianPoints(k, pointCount);
  const shared = new SharedLogitNoise(k, points);
  const kk = k * k;
  const scaledR = new Float64Array(kk);
  const mean = new Float64Array(k);
  const first = new Float64Array(k);
  const second = new Float64Array(kk);
  const A = new Float64Array(kk);
  const J = new Float64Array(kk);
  const C = new Float64Array(kk);
  return (state, out) => {
    const m = state.subarray(0, kk);
    const R = state.subarray(kk, 2 * kk);
    // Symmetrise R before factorising: RK4 stages keep it symmetric only up to rounding.
    for (let i = 0; i < k; i++)
      for (let j = 0; j < k; j++) scaledR[i * k + j] = (0.5 * (R[i * k + j] + R[j * k + i])) / lambda;
    const chol = semidefiniteCholesky(scaledR, k);
    shared.setFactor(chol);
    J.fill(0);
    C.fill(0);
    for (let c = 0; c < k; c++) {
      const p = priors[c];
      for (let a = 0; a < k; a++) mean[a] = m[a * k + c];
      shared.moments(mean, first, second);
      for (let a = 0; a < k; a++) {
        A[a * k + c] = p * (first[a] - (a === c ? 1 : 0));
        for (let b = 0; b < k; b++) {
          const pp = second[a * k + b];
          J[a * k + b] += p * ((a === b ? first[a] : 0) - pp);
          // E[(π − e_c)(π − e_c)ᵀ]_ab = E π_aπ_b − δ_bc E π_a − δ_ac E π_b + δ_ac δ_bc
          C[a * k + b] += p * (pp - (b === c ? first[a] : 0) - (a === c ? first[b] : 0) + (a === c && b === c ? 1 : 0));
        }
      }
    }
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        let jm = 0; // (J̄ m)_ab
        let mAt = 0; // (m Aᵀ)_ab
        let amT = 0; // (A mᵀ)_ab
        let rj = 0; // (R J̄)_ab
        let jr = 0; // (J̄ R)_ab
        for (let e = 0; e < k; e++) {
          jm += J[a * k + e] * m[e * k + b];
          mAt += m[a * k + e] * A[b * k + e];
          amT += A[a * k + e] * m[b * k + e];
          rj += R[a * k + e] * J[e * k + b];
          jr += J[a * k + e] * R[e * k + b];
        }
        out[a * k + b] = -A[a * k + b] - jm / lambda - beta * m[a * k + b];
        out[kk + a * k + b] =
          -(mAt + amT) - (rj + jr) / lambda - 2 * beta * R[a * k + b] + (cdelta / lambda) * C[a * k + b];
      }
    }
  };
}

/** Integrates the softmax effective dynamics with RK4 (see header for the equations). */
export function integrateSoftmaxOde(options: SoftmaxOdeOptions): SoftmaxOdeTrajectory {
  const { m0, R0, priors, lambda, beta, cdelta, T, dt } = options;
  const k = priors.length;
  if (m0.length !== k * k || R0.length !== k * k) throw new Error('m0 and R0 must be k×k');
  const field = options.field ?? softmaxOdeField(k, priors, lambda, beta, cdelta, options.points ?? 512);
  const initial = new Float64Array(2 * k * k);
  initial.set(Array.from(m0), 0);
  initial.set(Array.from(R0), k * k);
  const outputTimes = options.outputTimes ?? Array.from({ length: Math.floor(T + 1e-9) + 1 }, (_, i) => i);
  const trajectory = integrateRk4(field, initial, T, dt, outputTimes);
  return {
    times: trajectory.times,
    m: trajectory.states.map((s) => s.slice(0, k * k)),
    R: trajectory.states.map((s) => s.slice(k * k)),
  };
}
