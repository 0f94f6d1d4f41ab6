import { describe, expect, it } from 'vitest';
import { symmetricEigenvalues } from '../eigen/dense';
import { makeStream } from '../rng';
import { matrixBulkEdge, type EdgeMemo, type SampleFactors } from './matrixWishart';
import { bulkEdge, compressWeights } from './weightedWishart';

const rng = makeStream(11, 'matrix-wishart-test');

/** Per-sample softmax-like factors: G (r_m = π_m − e_y, rank one) or H (diag π − π πᵀ = C Cᵀ, rank k). */
function softmaxLike(kind: 'G' | 'H', k: number, M: number, spread = 1.5): SampleFactors {
  const r = kind === 'G' ? 1 : k;
  const factors = new Float64Array(M * k * r);
  for (let m = 0; m < M; m++) {
    const z = Array.from({ length: k }, () => spread * rng.normal());
    const top = Math.max(...z);
    const e = z.map((v) => Math.exp(v - top));
    const sum = e.reduce((a, b) => a + b, 0);
    const p = e.map((v) => v / sum);
    const y = Math.floor(rng.uniform() * k);
    if (kind === 'G') for (let a = 0; a < k; a++) factors[m * k + a] = p[a] - (a === y ? 1 : 0);
    else {
      const u = p.map(Math.sqrt);
      for (let a = 0; a < k; a++)
        for (let b = 0; b < k; b++) factors[(m * k + a) * k + b] = u[a] * ((a === b ? 1 : 0) - u[a] * u[b]);
    }
  }
  return { count: M, size: k, rank: r, factors };
}

/** A_m (k×k) of sample m */
function weightOf(f: SampleFactors, m: number): Float64Array {
  const { size: k, rank: r, factors } = f;
  const A = new Float64Array(k * k);
  for (let a = 0; a < k; a++)
    for (let b = 0; b < k; b++)
      for (let j = 0; j < r; j++) A[a * k + b] += factors[(m * k + a) * r + j] * factors[(m * k + b) * r + j];
  return A;
}

/** Exact scalar edge: every weight its own atom (no binning). */
function scalarEdge(w: Float64Array, gamma: number, lambda = 1, shift = 0): number {
  return bulkEdge(compressWeights(w, w.length + 1), gamma, lambda, shift);
}

describe('matrix-weighted Wishart bulk edge', () => {
  it('k = 1 is the weighted Wishart edge of weightedWishart.ts', () => {
    const w = Float64Array.from({ length: 500 }, () => 0.05 + 0.2 * rng.uniform());
    for (const gamma of [0.25, 0.5, 2]) {
      const f = { count: w.length, size: 1, rank: 1, factors: w.map(Math.sqrt) };
      const exact = scalarEdge(w, gamma, 3, 0.1);
      expect(Math.abs(matrixBulkEdge(f, gamma, 3, 0.1) - exact)).toBeLessThan(1e-6 * exact);
    }
  });

  it('diagonal weights: the block is a direct sum, its edge the largest of the scalar edges', () => {
    const k = 3;
    const M = 400;
    const f: SampleFactors = { count: M, size: k, rank: k, factors: new Float64Array(M * k * k) };
    const diagonals = Array.from({ length: k }, () => new Float64Array(M));
    for (let m = 0; m < M; m++)
      for (let a = 0; a < k; a++) {
        const w = (a + 1) * (0.2 + rng.uniform());
        diagonals[a][m] = w;
        f.factors[(m * k + a) * k + a] = Math.sqrt(w);
      }
    const largest = Math.max(...diagonals.map((w) => scalarEdge(w, 0.5)));
    expect(Math.abs(matrixBulkEdge(f, 0.5, 1) - largest)).toBeLessThan(1e-6 * largest);
  });

  it('two classes: G = r rᵀ with r = (w, −w) is the scalar law of the weights 2w² along (1, −1)/√2', () => {
    const M = 400;
    const f = softmaxLike('G', 2, M);
    const w2 = Float64Array.from({ length: M }, (_, m) => 2 * f.factors[2 * m] ** 2);
    const exact = scalarEdge(w2, 0.5);
    expect(Math.abs(matrixBulkEdge(f, 0.5, 1) - exact)).toBeLessThan(1e-6 * exact);
  });

  it('is invariant under a rotation of the k coordinates (A_m → Q A_m Qᵀ)', () => {
    const k = 4;
    const f = softmaxLike('H', k, 300);
    const angle = 0.7;
    const Q = new Float64Array(k * k);
    for (let a = 0; a < k; a++) Q[a * k + a] = 1;
    Q[0] = Q[k + 1] = Math.cos(angle);
    Q[1] = -Math.sin(angle);
    Q[k] = Math.sin(angle);
    const rotated: SampleFactors = { ...f, factors: new Float64Array(f.factors.length) };
    for (let m = 0; m < f.count; m++)
      for (let a = 0; a < k; a++)
        for (let j = 0; j < k; j++) {
          let s = 0;
          for (let b = 0; b < k; b++) s += Q[a * k + b] * f.factors[(m * k + b) * k + j];
          rotated.factors[(m * k + a) * k + j] = s;
        }
    const edge = matrixBulkEdge(f, 0.5, 1);
    expect(Math.abs(matrixBulkEdge(rotated, 0.5, 1) - edge)).toBeLessThan(1e-6 * edge);
  });

  it('matches dense pure-noise matrices; the largest diagonal-block edge is far below it', () => {
    // (1/M) Σ A_m ⊗ z_m z_mᵀ with z_m ~ N(0, I_d/λ): exactly the bulk model, kd × kd.
    const d = 140;
    const M = 280;
    const lambda = 2;
    for (const kind of ['G', 'H'] as const) {
      const k = 3;
      const f = softmaxLike(kind, k, M);
      const n = k * d;
      const B = new Float64Array(n * n);
      const z = new Float64Array(d);
      for (let m = 0; m < M; m++) {
        makeStream(100 + m, 'noise').fillNormal(z, 1 / Math.sqrt(lambda));
        const A = weightOf(f, m);
        for (let a = 0; a < k; a++)
          for (let b = 0; b < k; b++) {
            const w = A[a * k + b] / M;
            if (w === 0) continue;
            for (let i = 0; i < d; i++) {
              const row = (a * d + i) * n + b * d;
              const wi = w * z[i];
              for (let j = 0; j < d; j++) B[row + j] += wi * z[j];
            }
          }
      }
      const values = symmetricEigenvalues(B, n);
      const edge = matrixBulkEdge(f, d / M, lambda);
      // the largest bulk eigenvalue sits at the edge up to Tracy–Widom fluctuations (a few % at d = 140)
      expect(Math.abs(values[0] - edge) / edge, kind).toBeLessThan(0.05);
      // the spectrum's mass does end there: the 10th eigenvalue is below it
      expect(values[9], kind).toBeLessThan(edge);
      // the old rule (the largest edge of the diagonal blocks) is a lower bound, here well below
      const diagonal = Math.max(
        ...Array.from({ length: k }, (_, a) =>
          bulkEdge(
            Float64Array.from({ length: M }, (_, m) => weightOf(f, m)[a * k + a]),
            d / M,
            lambda,
          ),
        ),
      );
      expect(diagonal, kind).toBeLessThan(0.85 * values[0]);
    }
  });

  it('rank-one weights (their fully symmetric fourth moments) give the edge of the general path', () => {
    // the same A_m = c_m c_mᵀ written with a zero second column takes the general rank-r path
    for (const k of [2, 5, 9]) {
      const one = softmaxLike('G', k, 300);
      const padded = new Float64Array(one.count * k * 2);
      for (let i = 0; i < one.count * k; i++) padded[2 * i] = one.factors[i];
      const two: SampleFactors = { ...one, rank: 2, factors: padded };
      const edge = matrixBulkEdge(one, 0.4, 3);
      expect(Math.abs(edge - matrixBulkEdge(two, 0.4, 3)), `k = ${k}`).toBeLessThan(1e-10 * edge);
    }
  });

  it('a memo from the previous checkpoint changes the search, not the edge', () => {
    const f = softmaxLike('H', 4, 500);
    const memo: EdgeMemo = {};
    const first = matrixBulkEdge(f, 0.5, 1, 0, memo);
    expect(memo.R).toBeDefined();
    const moved: SampleFactors = { ...f, factors: f.factors.map((v, i) => v * (1 + 0.02 * Math.sin(i))) };
    const cold = matrixBulkEdge(moved, 0.5, 1);
    expect(cold).not.toBeCloseTo(first, 6);
    expect(Math.abs(matrixBulkEdge(moved, 0.5, 1, 0, memo) - cold)).toBeLessThan(1e-6 * cold);
  });

  it('all-zero weights: the whole spectrum is the atom at the shift', () => {
    expect(matrixBulkEdge({ count: 10, size: 3, rank: 1, factors: new Float64Array(30) }, 0.5, 1, 0.2)).toBe(0.2);
  });
});
