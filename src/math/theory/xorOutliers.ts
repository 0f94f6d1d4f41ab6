// λ → ∞ outliers of the xor network's blocks from its summary statistics (v, m^μ, m^ν)
// (docs/MATH.md §4 closed forms; docs/THEORY.md "Spectra", xor at the optimum).
//
// As λ → ∞ a test input is its cluster mean c ∈ {+μ, −μ, +ν, −ν} (prior ¼ each; label y = 1 on ±μ,
// 0 on ±ν), so with h_c = g(W c) (i.e. g(±m^μ), g(±m^ν)), f_c = v·h_c, s_c = σ(f_c) − y_c:
//   layer 2 (K×K):  H_vv → ¼ Σ_c σ'(f_c) h_c h_cᵀ + β I,      G_vv → ¼ Σ_c s_c² h_c h_cᵀ;
//   layer 1, neuron i (d×d):  H → ¼ Σ_c σ'(f_c) v_i² 1[W_i·c > 0] c cᵀ + β I,  G likewise with s_c².
// Layer 2 has rank ≤ 4 (span of the h_c): its outliers are the top min(K, 4) eigenvalues of the K×K
// limit, computed exactly. Layer 1, neuron i, has one outlier along μ and one along ν.
// Convention at a pre-activation mean of exactly 0 (m^μ_i = 0): the noise decides the ReLU gate, so half
// of each of the two clusters activate it (weight ½ each); such a neuron's h is O(λ^{-1/2}) → 0.
// Ignored at finite λ: everything listed in outliers.ts, plus the O(λ^{-1/2}) ReLU outputs of gates
// sitting at 0 and the bulk of layer 2 (O(1/λ), K×K is too small for a Marchenko–Pastur law anyway).

import { symmetricEigenvalues } from '../eigen/dense';

const sigmoid = (f: number) => 1 / (1 + Math.exp(-f));
const relu = (u: number) => (u > 0 ? u : 0);

/** The four clusters in mixture order +μ, −μ, +ν, −ν: direction sign, which mean, label. */
const CLUSTERS = [
  { sign: 1, onMu: true, label: 1 },
  { sign: -1, onMu: true, label: 1 },
  { sign: 1, onMu: false, label: 0 },
  { sign: -1, onMu: false, label: 0 },
] as const;

interface ClusterState {
  h: Float64Array;
  curvature: number; // σ'(f_c)
  residual2: number; // (σ(f_c) − y_c)²
}

function clusterStates(v: ArrayLike<number>, mMu: ArrayLike<number>, mNu: ArrayLike<number>): ClusterState[] {
  const width = v.length;
  if (mMu.length !== width || mNu.length !== width) throw new Error('v, m^μ, m^ν must have length K');
  return CLUSTERS.map(({ sign, onMu, label }) => {
    const h = new Float64Array(width);
    let f = 0;
    for (let i = 0; i < width; i++) {
      h[i] = relu(sign * (onMu ? mMu[i] : mNu[i]));
      f += v[i] * h[i];
    }
    const s = sigmoid(f);
    return { h, curvature: s * (1 - s), residual2: (s - label) ** 2 };
  });
}

/**
 * λ → ∞ layer-2 outliers: the top min(K, 4) eigenvalues (descending) of ¼ Σ_c σ'(f_c) h_c h_cᵀ + β I
 * (H) and ¼ Σ_c (σ(f_c) − y_c)² h_c h_cᵀ (G). The remaining K − 4 eigenvalues are exactly β (H) and 0
 * (G); a rank-deficient configuration (a cluster no neuron fires on) shows as values equal to those.
 */
export function xorLayer2Outliers(
  v: ArrayLike<number>,
  mMu: ArrayLike<number>,
  mNu: ArrayLike<number>,
  beta: number,
): { H: number[]; G: number[] } {
  const width = v.length;
  const states = clusterStates(v, mMu, mNu);
  const h = new Float64Array(width * width);
  const g = new Float64Array(width * width);
  for (const { h: hc, curvature, residual2 } of states) {
    for (let i = 0; i < width; i++) {
      for (let j = 0; j < width; j++) {
        h[i * width + j] += 0.25 * curvature * hc[i] * hc[j];
        g[i * width + j] += 0.25 * residual2 * hc[i] * hc[j];
      }
    }
  }
  for (let i = 0; i < width; i++) h[i * width + i] += beta;
  const top = Math.min(width, 4);
  const descending = (a: Float64Array) => Array.from(a).slice(0, top);
  return { H: descending(symmetricEigenvalues(h, width)), G: descending(symmetricEigenvalues(g, width)) };
}

/** Gate weight of neuron i on a cluster whose pre-activation mean is u: 1[u > 0], ½ at exactly 0. */
function gate(u: number): number {
  return u > 0 ? 1 : u === 0 ? 0.5 : 0;
}

/**
 * λ → ∞ layer-1 outliers of neuron i's d×d block: along μ and along ν,
 *   H: ¼ v_i² Σ_{c on that mean} σ'(f_c) gate_i(c) + β,   G: ¼ v_i² Σ_{c on that mean} s_c² gate_i(c).
 */
export function xorLayer1Outliers(
  v: ArrayLike<number>,
  mMu: ArrayLike<number>,
  mNu: ArrayLike<number>,
  beta: number,
): { H: { mu: number; nu: number }[]; G: { mu: number; nu: number }[] } {
  const states = clusterStates(v, mMu, mNu);
  const H: { mu: number; nu: number }[] = [];
  const G: { mu: number; nu: number }[] = [];
  for (let i = 0; i < v.length; i++) {
    const hBlock = { mu: beta, nu: beta };
    const gBlock = { mu: 0, nu: 0 };
    CLUSTERS.forEach(({ sign, onMu }, c) => {
      const on = gate(sign * (onMu ? mMu[i] : mNu[i]));
      const key = onMu ? 'mu' : 'nu';
      hBlock[key] += 0.25 * v[i] * v[i] * states[c].curvature * on;
      gBlock[key] += 0.25 * v[i] * v[i] * states[c].residual2 * on;
    });
    H.push(hBlock);
    G.push(gBlock);
  }
  return { H, G };
}
