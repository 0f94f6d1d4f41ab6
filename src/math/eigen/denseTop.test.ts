// symmetricEigenTop: the same values as symmetricEigen bit for bit, and its top eigenvectors to
// rounding (same rotations, associated differently), also on clustered and repeated spectra.
import { describe, expect, it } from 'vitest';
import { symmetricEigen, symmetricEigenTop } from './dense';
import { denseArena, disableDenseKernels } from './wasm/denseArena';
import { fillNormal, makeRng } from './random';
import { randomOrthogonal, symmetrize, withSpectrum } from './testMatrices';

function randomSymmetric(n: number, seed: number): Float64Array {
  const a = new Float64Array(n * n);
  fillNormal(makeRng(seed), a);
  symmetrize(a, n);
  return a;
}

function check(a: Float64Array, n: number, count: number): number {
  const full = symmetricEigen(a, n);
  const top = symmetricEigenTop(a, n, count);
  expect(Array.from(top.values)).toEqual(Array.from(full.values));
  expect(top.vectors.length).toBe(Math.min(count, n) * n);
  let norm = 0;
  for (let i = 0; i < n * n; i++) norm = Math.max(norm, Math.abs(a[i]));
  norm *= n;
  let worst = 0;
  for (let r = 0; r < Math.min(count, n); r++) {
    for (let q = 0; q < n; q++) worst = Math.max(worst, Math.abs(top.vectors[r * n + q] - full.vectors[r * n + q]));
    // residual ‖Av − λv‖ and orthonormality among the returned rows
    let res = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += a[i * n + k] * top.vectors[r * n + k];
      res = Math.max(res, Math.abs(s - top.values[r] * top.vectors[r * n + i]));
    }
    expect(res).toBeLessThan(1e-12 * Math.max(norm, 1));
    for (let b = 0; b <= r; b++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += top.vectors[r * n + k] * top.vectors[b * n + k];
      expect(Math.abs(s - (r === b ? 1 : 0))).toBeLessThan(1e-13);
    }
  }
  expect(worst).toBeLessThan(1e-12);
  return worst;
}

describe('symmetricEigenTop', () => {
  it.each([1, 2, 3, 5, 17, 60, 121])('random symmetric n=%i: values identical, top vectors to rounding', (n) => {
    for (const count of [0, 1, Math.min(n, 7), n]) check(randomSymmetric(n, 100 + n), n, count);
  });

  it('clustered and repeated eigenvalues (as converged Ritz values are)', () => {
    const n = 48;
    const q = randomOrthogonal(n, makeRng(5));
    const lambda = Array.from({ length: n }, (_, i) => (i < 4 ? 10 : i < 8 ? 3 + 1e-9 * i : i < 20 ? 1 : 0.01 * i));
    const worst = check(withSpectrum(lambda, q), n, 20);
    console.log(`clustered n=${n}: max |Δv| vs symmetricEigen ${worst.toExponential(2)}`);
  });

  it('diagonal and zero matrices (no QL rotation at all)', () => {
    const n = 6;
    const diag = new Float64Array(n * n);
    for (let i = 0; i < n; i++) diag[i * n + i] = [3, -1, 7, 0, 2, 2][i];
    check(diag, n, n);
    check(new Float64Array(n * n), n, 3);
  });

  it('the SIMD kernels (wasm) and the JS loops give the same bits, odd and even orders and counts', () => {
    expect(denseArena(4, 1, 0)).not.toBeNull(); // Node has wasm SIMD: the kernels are what is compared
    for (const n of [1, 2, 3, 4, 5, 9, 30, 31, 60, 91]) {
      for (const count of [1, 2, Math.min(n, 7), Math.min(n, 16), n]) {
        const a = randomSymmetric(n, 7 * n + count);
        const fast = symmetricEigenTop(a, n, count);
        disableDenseKernels(true);
        let js;
        try {
          js = symmetricEigenTop(a, n, count);
        } finally {
          disableDenseKernels(false);
        }
        expect(Array.from(fast.values)).toEqual(Array.from(js.values));
        expect(Array.from(fast.vectors)).toEqual(Array.from(js.vectors));
      }
    }
  });

  it('a matrix whose upper triangle differs from its lower one: both paths read the upper one, as tred2 does', () => {
    const n = 13;
    const a = randomSymmetric(n, 3);
    const upper = Float64Array.from(a);
    for (let i = 0; i < n; i++) for (let k = 0; k < i; k++) a[i * n + k] += 1; // lower part off
    const fast = symmetricEigenTop(a, n, 5);
    expect(Array.from(fast.values)).toEqual(Array.from(symmetricEigen(a, n).values));
    expect(Array.from(fast.values)).toEqual(Array.from(symmetricEigenTop(upper, n, 5).values));
  });
});
