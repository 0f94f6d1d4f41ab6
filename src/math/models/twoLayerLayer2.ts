// The layer-2 block (V–V, dimension o·K) of H and G. It does not touch Ŷ, only the hidden features h
// (M×K), so it lives in plain float64 JS, applied sample by sample (O(M·(2oK + o²)) per vector):
//   H_{V_a i, V_b j} = (1/M) Σ_m P_ab h_i h_j (+β δ),   G_{V_a i, V_b j} = (1/M) Σ_m r_a r_b h_i h_j.
// xor (o = 1): H_vv = (1/M) Σ σ'(f) h hᵀ + βI, G_vv = (1/M) Σ s² h hᵀ (docs/MATH.md §4).
import type { MatrixKind } from '../matrices';

/** The per-sample ingredients, possibly of a weighted set of "samples" (the λ → ∞ cluster centres). */
export interface Layer2Samples {
  count: number;
  /** weight of each sample (1/M for the test set, the cluster prior for the centres) */
  weight: Float64Array;
  hidden: Float64Array;
  resid: Float64Array;
  curv: Float64Array;
}

/** out (count × oK) = data part of the layer-2 block applied to `vectors` (count × oK); no ridge. */
export function layer2Apply(
  s: Layer2Samples,
  K: number,
  o: number,
  matrix: MatrixKind,
  vectors: Float64Array,
  count: number,
): Float64Array {
  const n = o * K;
  const out = new Float64Array(count * n);
  const hu = new Float64Array(o);
  const t = new Float64Array(o);
  for (let m = 0; m < s.count; m++) {
    const w = s.weight[m];
    if (w === 0) continue;
    const h = s.hidden.subarray(m * K, (m + 1) * K);
    for (let v = 0; v < count; v++) {
      const u = vectors.subarray(v * n, (v + 1) * n);
      // hu_a = Σ_i U_ai h_i: the change of z along U
      for (let a = 0; a < o; a++) {
        let acc = 0;
        for (let i = 0; i < K; i++) acc += u[a * K + i] * h[i];
        hu[a] = acc;
      }
      if (matrix === 'H') {
        for (let b = 0; b < o; b++) {
          let acc = 0;
          for (let a = 0; a < o; a++) acc += s.curv[m * o * o + b * o + a] * hu[a];
          t[b] = w * acc;
        }
      } else {
        let e = 0;
        for (let a = 0; a < o; a++) e += s.resid[m * o + a] * hu[a];
        for (let b = 0; b < o; b++) t[b] = w * e * s.resid[m * o + b];
      }
      const dst = v * n;
      for (let b = 0; b < o; b++) {
        const tb = t[b];
        if (tb === 0) continue;
        for (let j = 0; j < K; j++) out[dst + b * K + j] += tb * h[j];
      }
    }
  }
  return out;
}

/** The dense data part of the layer-2 block (oK × oK, row-major). */
export function layer2Dense(s: Layer2Samples, K: number, o: number, matrix: MatrixKind): Float64Array {
  const n = o * K;
  const identity = new Float64Array(n * n);
  for (let p = 0; p < n; p++) identity[p * n + p] = 1;
  // Columns of the identity through the operator: symmetric, so rows = columns.
  return layer2Apply(s, K, o, matrix, identity, n);
}
