// The outlier-space alignment on matrices with a known spectrum: measured against the top-n space
// (n = outliers), null with its reason where that space is absent or not unique.
import { describe, expect, it } from 'vitest';
import { symmetricEigen } from './eigen/dense';
import { alignment } from './metrics';
import { ALIGNMENT_ACCURACY, FLOAT32_EPSILON, outlierAlignment, type OutlierAlignmentInput } from './outlierAlignment';

/** Q diag(values) Qᵀ with a fixed rotation Q (Householder of a fixed vector), and its exact eigenvectors. */
function spectrumMatrix(values: number[]) {
  const n = values.length;
  const u = Float64Array.from({ length: n }, (_, i) => Math.sin(1.3 * i + 0.4));
  const uu = u.reduce((s, v) => s + v * v, 0);
  const Q = new Float64Array(n * n);
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) Q[a * n + b] = (a === b ? 1 : 0) - (2 * u[a] * u[b]) / uu;
  const A = new Float64Array(n * n);
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) {
      let s = 0;
      for (let c = 0; c < n; c++) s += Q[a * n + c] * values[c] * Q[b * n + c];
      A[a * n + b] = s;
    }
  return A;
}

/** The top j eigenpairs of A as a solver reports them (residuals given), and x. */
function tracked(values: number[], j: number, outliers: number, x: Float64Array, residual = 1e-12) {
  const n = values.length;
  const { values: ev, vectors } = symmetricEigen(spectrumMatrix(values), n);
  const input: OutlierAlignmentInput = {
    vectors: vectors.slice(0, j * n),
    values: Array.from(ev.slice(0, j)),
    residuals: Array.from({ length: j }, () => residual),
    outliers,
    dim: n,
    floor: 0,
    x,
  };
  return { input, vectors };
}

const x6 = Float64Array.from([1, -2, 0.5, 3, -1, 2]);

describe('alignment with the outlier eigenspace', () => {
  it('is measured against the top-n eigenvectors (n = outliers), not the wider top-j', () => {
    const { input, vectors } = tracked([5, 4, 3, 0.5, 0.4, 0.3], 5, 3, x6);
    const got = outlierAlignment(input);
    expect(got.dim).toBe(3);
    expect(got.note).toBeUndefined();
    expect(got.alignment).toBeCloseTo(alignment(vectors, 3, x6), 12);
    // the top-5 value differs: it is what the alignment used to be
    expect(Math.abs(alignment(vectors, 5, x6) - got.alignment!)).toBeGreaterThan(0.05);
  });

  it('whole block: every eigenvalue an outlier gives 1, with the note', () => {
    const { input } = tracked([5, 4, 3, 2], 4, 4, Float64Array.from([1, 2, 3, 4]));
    expect(outlierAlignment(input)).toEqual({ alignment: expect.closeTo(1, 12), dim: 4, note: 'whole-block' });
  });

  it('no outliers: null, no-outliers', () => {
    const { input } = tracked([1, 0.9, 0.8, 0.7, 0.6, 0.5], 4, 0, x6);
    expect(outlierAlignment(input)).toEqual({ alignment: null, dim: 0, note: 'no-outliers' });
  });

  it('a degenerate boundary (θ_n = θ_{n+1}, as βI + rank one with n = 2) is null: gap', () => {
    const beta = 0.1;
    const { input } = tracked([beta + 0.05, beta, beta, beta, beta, beta], 4, 2, x6, 1e-10);
    input.floor = beta;
    expect(outlierAlignment(input)).toEqual({ alignment: null, dim: 2, note: 'gap' });
  });

  it('the gap threshold is the Davis–Kahan bound ‖R‖/δ against ALIGNMENT_ACCURACY', () => {
    // θ_2 − θ_3 = 1e-3; residuals r make the bound r·√2 / (1e-3 − r)
    const values = [2, 1.001, 1, 0.5, 0.4, 0.3];
    const at = (r: number) => outlierAlignment(tracked(values, 4, 2, x6, r).input);
    const limit = (ALIGNMENT_ACCURACY * 1e-3) / (Math.SQRT2 + ALIGNMENT_ACCURACY);
    expect(at(limit * 0.9).alignment).not.toBeNull();
    expect(at(limit * 1.1)).toEqual({ alignment: null, dim: 2, note: 'gap' });
  });

  it('n = j: the unknown gap is bounded by θ_j − floor; an unresolvable best case is null', () => {
    const { input } = tracked([0.3, 2e-6, 1e-6, 1e-7, 0, 0], 2, 2, x6, 1e-6);
    expect(outlierAlignment(input)).toEqual({ alignment: null, dim: 2, note: 'gap' });
    // resolved best case: the number stands (the count is then a lower bound, flagged by the engine)
    const ok = tracked([0.3, 0.2, 1e-3, 1e-4, 0, 0], 2, 2, x6, 1e-9).input;
    expect(outlierAlignment(ok).alignment).not.toBeNull();
  });

  it('eigenvalues at the matrix’s rounding level (a dead neuron’s G) are null: rounding', () => {
    const { input } = tracked([3e-21, 2e-21, 1e-22, 0, 0, 0], 2, 2, x6, 1e-27);
    // scale-free, the tiny matrix is a matrix like any other
    expect(outlierAlignment(input).alignment).not.toBeNull();
    // against the run's curvature scale (0.05) it is zero at float32 precision
    expect(outlierAlignment({ ...input, scale: 0.05 })).toEqual({ alignment: null, dim: 2, note: 'rounding' });
    // just above the rounding level it is measured
    const alive = tracked([2 * FLOAT32_EPSILON * 0.05, 1e-12, 0, 0, 0, 0], 2, 1, x6, 1e-15).input;
    expect(outlierAlignment({ ...alive, scale: 0.05 }).alignment).not.toBeNull();
  });

  it('H of a dead neuron (βI to rounding) is null: rounding', () => {
    const beta = 0.5;
    const { input } = tracked([beta, beta, beta, beta, beta, beta], 2, 1, x6, 1e-16);
    input.values = [beta + 1e-17, beta];
    input.floor = beta;
    expect(outlierAlignment(input)).toEqual({ alignment: null, dim: 1, note: 'rounding' });
  });

  it('without a known floor (an indefinite block) the n = j case stands', () => {
    const { input } = tracked([0.3, 2e-6, 1e-6, 1e-7, 0, 0], 2, 2, x6, 1e-6);
    expect(outlierAlignment({ ...input, floor: undefined }).alignment).not.toBeNull();
  });
});
