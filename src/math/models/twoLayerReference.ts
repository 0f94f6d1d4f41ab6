// Test reference (not used by the engine): the dense H and G of a 2-layer net in float64, built sample
// by sample from the definition with the explicit Jacobian J (o × n) of z and the second derivatives of z:
//   ∇²ℓ = Jᵀ P J + Σ_a r_a ∇²z_a,   ∂²z_a/∂W_{iq}∂V_{bj} = δ_ab δ_ij 1_i Y_q,   ∇ℓ = Jᵀ r.
// Index layout as the parameters: W_{iq} → i·d + q, V_{aj} → K·d + a·K + j.
import type { Samples } from '../mixture';
import type { Head } from './twoLayer';

export interface DenseTwoLayer {
  H: Float64Array;
  G: Float64Array;
  n: number;
}

export function denseTwoLayer(
  d: number,
  K: number,
  head: Head,
  x: ArrayLike<number>,
  samples: Samples,
  beta: number,
): DenseTwoLayer {
  const o = head.outputs;
  const n1 = K * d;
  const n = n1 + o * K;
  const M = samples.n;
  const H = new Float64Array(n * n);
  const G = new Float64Array(n * n);
  const J = new Float64Array(o * n);
  const z = new Float64Array(o);
  const r = new Float64Array(o);
  const P = new Float64Array(o * o);
  const g = new Float64Array(n);
  for (let m = 0; m < M; m++) {
    const y = samples.inputs.subarray(m * d, (m + 1) * d);
    const active: boolean[] = [];
    const h: number[] = [];
    for (let i = 0; i < K; i++) {
      let a = 0;
      for (let q = 0; q < d; q++) a += x[i * d + q] * y[q];
      active.push(a > 0);
      h.push(Math.max(a, 0));
    }
    J.fill(0);
    for (let a = 0; a < o; a++) {
      let s = 0;
      for (let i = 0; i < K; i++) s += x[n1 + a * K + i] * h[i];
      z[a] = s;
      for (let i = 0; i < K; i++) {
        if (active[i]) for (let q = 0; q < d; q++) J[a * n + i * d + q] = x[n1 + a * K + i] * y[q];
        J[a * n + n1 + a * K + i] = h[i];
      }
    }
    head.evaluate(z, samples.labels[m], r, P);
    g.fill(0);
    for (let a = 0; a < o; a++) for (let p = 0; p < n; p++) g[p] += J[a * n + p] * r[a];
    for (let p = 0; p < n; p++) {
      for (let p2 = 0; p2 < n; p2++) {
        let gn = 0;
        for (let a = 0; a < o; a++) for (let b = 0; b < o; b++) gn += J[a * n + p] * P[a * o + b] * J[b * n + p2];
        H[p * n + p2] += gn / M;
        G[p * n + p2] += (g[p] * g[p2]) / M;
      }
    }
    // the residual term couples W_{iq} and V_{ai}
    for (let i = 0; i < K; i++) {
      if (!active[i]) continue;
      for (let a = 0; a < o; a++)
        for (let q = 0; q < d; q++) {
          const val = (r[a] * y[q]) / M;
          H[(i * d + q) * n + n1 + a * K + i] += val;
          H[(n1 + a * K + i) * n + i * d + q] += val;
        }
    }
  }
  for (let p = 0; p < n; p++) H[p * n + p] += beta;
  return { H, G, n };
}

/** Applies the principal sub-block [offset, offset + size) of the n×n matrix A to v. */
export function subBlockApply(
  A: Float64Array,
  n: number,
  v: ArrayLike<number>,
  offset: number,
  size: number,
): Float64Array {
  const out = new Float64Array(size);
  for (let a = 0; a < size; a++) {
    let s = 0;
    for (let b = 0; b < size; b++) s += A[(offset + a) * n + offset + b] * v[b];
    out[a] = s;
  }
  return out;
}

/** The principal sub-block itself (size × size). */
export function subBlock(A: Float64Array, n: number, offset: number, size: number): Float64Array {
  const out = new Float64Array(size * size);
  for (let a = 0; a < size; a++) for (let b = 0; b < size; b++) out[a * size + b] = A[(offset + a) * n + offset + b];
  return out;
}

export function relErr(got: ArrayLike<number>, want: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < want.length; i++) {
    num += (got[i] - want[i]) ** 2;
    den += want[i] ** 2;
  }
  return Math.sqrt(num / den);
}
