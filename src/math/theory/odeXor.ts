// Effective dynamics of online SGD for the 2-layer xor network on the XOR-GMM (BGJ22 §5), λ → ∞ form
// for (v, m^μ, m^ν) plus the equation for R⊥ with its c_δ/λ corrector (docs/THEORY.md "xor, 2-layer").
//
// Summary statistics: v_i, m^μ_i = W_i·μ, m^ν_i = W_i·ν, R⊥_ij = W_i⊥·W_j⊥, W_i⊥ = W_i − m^μ_i μ − m^ν_i ν.
// Derivation (from docs/MATH.md §2: s = σ(f) − y, ∇_v ℓ = s g(WY), ∇_{W_i} ℓ = s v_i 1[W_i·Y > 0] Y, each SGD
// step x ← x − δ(∇ℓ + βx), δ = c_δ/d, time = steps·δ). As λ → ∞ the input is its cluster mean
// c ∈ {+μ, −μ, +ν, −ν} (¼ each, y = 1 on ±μ), so W_i·Y → ±m^μ_i or ±m^ν_i and, with
// f_{±μ} = v·g(±m^μ), f_{±ν} = v·g(±m^ν):
//   m^μ_i' = −E[s v_i 1_i (Y·μ)] − β m^μ_i
//          = (v_i/4)[(1 − σ(f_{+μ})) 1{m^μ_i > 0} − (1 − σ(f_{−μ})) 1{m^μ_i < 0}] − β m^μ_i
//   m^ν_i' = (v_i/4)[−σ(f_{+ν}) 1{m^ν_i > 0} + σ(f_{−ν}) 1{m^ν_i < 0}] − β m^ν_i
//   v_i'   = ¼[(1 − σ(f_{+μ})) g(m^μ_i) + (1 − σ(f_{−μ})) g(−m^μ_i) − σ(f_{+ν}) g(m^ν_i) − σ(f_{−ν}) g(−m^ν_i)] − β v_i
// (identical to docs/THEORY.md). m and v are linear in the parameters: no Itô corrector.
//   R⊥: ΔW_i⊥ = −δ(s v_i 1_i Z⊥/√λ + β W_i⊥). Second order: δ² s² v_i v_j 1_i 1_j ‖Z⊥‖²/λ with
//   ‖Z⊥‖² ≈ d gives the corrector. First order: E[s v_j 1_j ξ_i], ξ_i = W_i⊥·Z⊥/√λ. Given cluster c
//   the pre-activation u_j = W_j·Y ~ N(ū_j, σ_j²) with ū_j = W_j·c, σ_j² = ‖W_j‖²/λ, and
//   Cov(ξ_i, u_j) = R⊥_ij/λ, so (Stein, s held at its cluster value) E[1_j ξ_i] = (R⊥_ij/λ) φ(ū_j/σ_j)/σ_j.
//   This is exponentially small for a firing or silent neuron (|ū_j| ≫ σ_j) but equals
//   R⊥_ij/(√(2πλ)‖W_j‖) — order λ^{-1/2}, NOT O(1/λ) — for a neuron parked on the kink (ū_j = 0, below):
//   it fires on the noise and its gradient shrinks its own noise directions. Hence
//   R⊥_ij' = −2β R⊥_ij − (R⊥_ij/λ) ¼ Σ_c s_c [v_j φ(ū_j/σ_j)/σ_j + v_i φ(ū_i/σ_i)/σ_i]
//            + (c_δ/λ) v_i v_j · ¼ Σ_c P(1_i 1_j | c) s_c²,     ‖W_j‖² = (m^μ_j)² + (m^ν_j)² + R⊥_jj.
//   Beyond the plain c_δ/λ corrector (docs/THEORY.md writes both out): (1) the Stein term above (for parked
//   neurons it is O(λ^{-1/2}), not O(1/λ), and, with R⊥ ~ 1 early on, it dominates the c_δ/λ corrector — the xor SGD
//   test measures it); (2) E[1_i 1_j (σ − y)²] written out over the clusters: for a gate at exactly 0 the
//   noise decides, P(1_i) = ½, and for two such gates P(1_i 1_j) = ¼ + arcsin(ρ_ij)/(2π) with ρ the R⊥
//   correlation (orthant probability of a bivariate normal). s is held at its cluster value (its own
//   O(λ^{-1/2}) dependence on the parked neurons' outputs is dropped).
//
// The vector field is discontinuous across m = 0 (the ReLU gate). For the coordinate that multiplies
// v_i < 0 on μ (or v_i > 0 on ν) both one-sided fields point at 0: the neuron is pushed onto m = 0 and
// stays there (a sliding mode, Filippov; in SGD it jitters at O(λ^{-1/2} + d^{-1/2})). Implemented as:
// at m = 0 exactly, the coordinate moves with the one-sided field that points away from 0, or stays
// (both point at 0 — or both away, an unstable equilibrium); after each RK4 step a coordinate that
// crossed 0 while the sliding condition holds at 0 is put back on 0. O(dt)-accurate near the surface.
//
// Ignored (finite λ): O(λ^{-1/2}) smoothing of the gates and ReLUs by the pre-activation noise
// ‖W_i‖/√λ in the v, m equations (SGD's parked coordinates sit at that scale, not at 0), and all
// O(d^{-1/2}) fluctuations.

import { integrateRk4 } from './rk4';

export interface XorOdeOptions {
  v0: ArrayLike<number>;
  mmu0: ArrayLike<number>;
  mnu0: ArrayLike<number>;
  /** initial R⊥, row-major K×K */
  Rperp0: ArrayLike<number>;
  beta: number;
  lambda: number;
  cdelta: number;
  T: number;
  dt: number;
  /** default: every unit of time */
  outputTimes?: number[];
}

export interface XorOdeTrajectory {
  times: number[];
  v: Float64Array[];
  mmu: Float64Array[];
  mnu: Float64Array[];
  Rperp: Float64Array[];
}

const sigmoid = (f: number) => 1 / (1 + Math.exp(-f));
const relu = (u: number) => (u > 0 ? u : 0);

/** Fields of the four clusters at the current state: f_c and s_c = σ(f_c) − y_c (order +μ, −μ, +ν, −ν). */
function clusterOutputs(v: Float64Array, mmu: Float64Array, mnu: Float64Array, width: number) {
  let fPlusMu = 0;
  let fMinusMu = 0;
  let fPlusNu = 0;
  let fMinusNu = 0;
  for (let i = 0; i < width; i++) {
    fPlusMu += v[i] * relu(mmu[i]);
    fMinusMu += v[i] * relu(-mmu[i]);
    fPlusNu += v[i] * relu(mnu[i]);
    fMinusNu += v[i] * relu(-mnu[i]);
  }
  return {
    sPlusMu: sigmoid(fPlusMu) - 1,
    sMinusMu: sigmoid(fMinusMu) - 1,
    sPlusNu: sigmoid(fPlusNu),
    sMinusNu: sigmoid(fMinusNu),
  };
}

/**
 * Drift of a gated coordinate m with one-sided fields up (valid for m > 0) and down (m < 0), with the
 * Filippov convention at m = 0 described in the header.
 */
function gatedDrift(m: number, up: number, down: number): number {
  if (m > 0) return up;
  if (m < 0) return down;
  if (up > 0 && down >= 0) return up;
  if (down < 0 && up <= 0) return down;
  return 0;
}

/** Sliding condition at m = 0: the field above points down and the field below points up. */
function slides(up: number, down: number): boolean {
  return up <= 0 && down >= 0;
}

/** The one-sided fields (at the given m's sign pattern, other coordinates as in the state). */
function oneSided(v: Float64Array, mmu: Float64Array, mnu: Float64Array, i: number, beta: number, width: number) {
  const o = clusterOutputs(v, mmu, mnu, width);
  return {
    muUp: (-v[i] / 4) * o.sPlusMu - beta * mmu[i], // (v_i/4)(1 − σ(f_{+μ})) − βm
    muDown: (v[i] / 4) * o.sMinusMu - beta * mmu[i], // −(v_i/4)(1 − σ(f_{−μ})) − βm
    nuUp: (-v[i] / 4) * o.sPlusNu - beta * mnu[i], // −(v_i/4)σ(f_{+ν}) − βm
    nuDown: (v[i] / 4) * o.sMinusNu - beta * mnu[i], // (v_i/4)σ(f_{−ν}) − βm
  };
}

/** Gate probability of neuron i on a cluster with pre-activation mean u: 1{u > 0}, ½ at exactly 0. */
const gate = (u: number) => (u > 0 ? 1 : u === 0 ? 0.5 : 0);

/** State layout: [v (K), m^μ (K), m^ν (K), R⊥ (K²)]. */
export function xorOdeField(width: number, beta: number, lambda: number, cdelta: number) {
  const kink = new Float64Array(width);
  const means = new Float64Array(4 * width);
  return (state: Float64Array, out: Float64Array): void => {
    const v = state.subarray(0, width);
    const mmu = state.subarray(width, 2 * width);
    const mnu = state.subarray(2 * width, 3 * width);
    const rperp = state.subarray(3 * width);
    const o = clusterOutputs(v, mmu, mnu, width);
    for (let i = 0; i < width; i++) {
      out[i] =
        0.25 *
          (-o.sPlusMu * relu(mmu[i]) -
            o.sMinusMu * relu(-mmu[i]) -
            o.sPlusNu * relu(mnu[i]) -
            o.sMinusNu * relu(-mnu[i])) -
        beta * v[i];
      out[width + i] = gatedDrift(
        mmu[i],
        (-v[i] / 4) * o.sPlusMu - beta * mmu[i],
        (v[i] / 4) * o.sMinusMu - beta * mmu[i],
      );
      out[2 * width + i] = gatedDrift(
        mnu[i],
        (-v[i] / 4) * o.sPlusNu - beta * mnu[i],
        (v[i] / 4) * o.sMinusNu - beta * mnu[i],
      );
    }
    // R⊥' = −2βR⊥ − (R⊥/λ) ¼ Σ_c s_c [v_j φ(ū_j/σ_j)/σ_j + v_i φ(ū_i/σ_i)/σ_i] + (c_δ/λ) v_i v_j ¼ Σ_c P(1_i 1_j | c) s_c²
    // the clusters' pre-activation means ū (neuron-major: 4 per neuron) and their s_c, in the order +μ, −μ, +ν, −ν
    const s = [o.sPlusMu, o.sMinusMu, o.sPlusNu, o.sMinusNu];
    for (let i = 0; i < width; i++) {
      means[4 * i] = mmu[i];
      means[4 * i + 1] = -mmu[i];
      means[4 * i + 2] = mnu[i];
      means[4 * i + 3] = -mnu[i];
    }
    // kink[i] = (1/λ) ¼ Σ_c s_c φ(ū_i/σ_i)/σ_i, σ_i = ‖W_i‖/√λ (0 when λ = ∞)
    for (let i = 0; i < width; i++) {
      kink[i] = 0;
      if (!Number.isFinite(lambda)) continue;
      const norm2 = mmu[i] * mmu[i] + mnu[i] * mnu[i] + Math.max(0, rperp[i * width + i]);
      if (!(norm2 > 0)) continue;
      const sigma = Math.sqrt(norm2 / lambda);
      for (let c = 0; c < 4; c++) {
        const r = means[4 * i + c] / sigma;
        kink[i] += (0.25 * s[c] * Math.exp(-0.5 * r * r)) / (Math.sqrt(2 * Math.PI) * sigma * lambda);
      }
    }
    for (let i = 0; i < width; i++) {
      for (let j = 0; j < width; j++) {
        let noise = 0;
        for (let c = 0; c < 4; c++) {
          const ui = means[4 * i + c];
          const uj = means[4 * j + c];
          let both: number;
          if (i === j) both = gate(ui);
          else if (ui === 0 && uj === 0) {
            const denom = Math.sqrt(rperp[i * width + i] * rperp[j * width + j]);
            const rho = denom > 0 ? Math.max(-1, Math.min(1, rperp[i * width + j] / denom)) : 0;
            both = 0.25 + Math.asin(rho) / (2 * Math.PI);
          } else both = gate(ui) * gate(uj);
          noise += 0.25 * both * s[c] * s[c];
        }
        const r = rperp[i * width + j];
        out[3 * width + i * width + j] =
          -2 * beta * r -
          r * (v[j] * kink[j] + v[i] * kink[i]) +
          (Number.isFinite(lambda) ? (cdelta / lambda) * v[i] * v[j] * noise : 0);
      }
    }
  };
}

/**
 * After an RK4 step: a gated coordinate that changed sign (or reached 0) while the sliding condition
 * holds at 0 is put on the switching surface m = 0 (Filippov sliding).
 */
function projectOntoSlidingSurface(width: number, beta: number) {
  return (before: Float64Array, after: Float64Array): void => {
    const v = after.subarray(0, width);
    const mmu = after.subarray(width, 2 * width);
    const mnu = after.subarray(2 * width, 3 * width);
    for (let i = 0; i < width; i++) {
      for (const [offset, arr] of [
        [width, mmu],
        [2 * width, mnu],
      ] as const) {
        const old = before[offset + i];
        const now = arr[i];
        if (old === 0 && now === 0) continue;
        if (old * now > 0) continue;
        const saved = arr[i];
        arr[i] = 0;
        const f = oneSided(v, mmu, mnu, i, beta, width);
        const [up, down] = offset === width ? [f.muUp, f.muDown] : [f.nuUp, f.nuDown];
        if (!slides(up, down)) arr[i] = saved;
      }
    }
  };
}

/** Integrates the xor effective dynamics with RK4 + sliding projection (see header). */
export function integrateXorOde(options: XorOdeOptions): XorOdeTrajectory {
  const { v0, mmu0, mnu0, Rperp0, beta, lambda, cdelta, T, dt } = options;
  const width = v0.length;
  if (mmu0.length !== width || mnu0.length !== width || Rperp0.length !== width * width) {
    throw new Error('v0, mmu0, mnu0 must have length K and Rperp0 K×K');
  }
  const initial = new Float64Array(3 * width + width * width);
  initial.set(Array.from(v0), 0);
  initial.set(Array.from(mmu0), width);
  initial.set(Array.from(mnu0), 2 * width);
  initial.set(Array.from(Rperp0), 3 * width);
  const outputTimes = options.outputTimes ?? Array.from({ length: Math.floor(T + 1e-9) + 1 }, (_, i) => i);
  const trajectory = integrateRk4(
    xorOdeField(width, beta, lambda, cdelta),
    initial,
    T,
    dt,
    outputTimes,
    projectOntoSlidingSurface(width, beta),
  );
  return {
    times: trajectory.times,
    v: trajectory.states.map((s) => s.slice(0, width)),
    mmu: trajectory.states.map((s) => s.slice(width, 2 * width)),
    mnu: trajectory.states.map((s) => s.slice(2 * width, 3 * width)),
    Rperp: trajectory.states.map((s) => s.slice(3 * width)),
  };
}
