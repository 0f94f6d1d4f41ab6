// Dense symmetric eigenvalues, local to the theory layer: the xor layer-2 predictions need the spectrum
// of a K×K matrix, and the theory tests need the full spectrum of d×d sample matrices (d ≤ 500) to
// compare with the predicted bulk. Householder reduction to tridiagonal form, then the implicit QL
// algorithm with Wilkinson shifts (Numerical Recipes tred2/tqli, Golub–Van Loan §8.3), values only.
// O(n³): ~0.3 s for n = 500 in V8. Not used for the live app's blocks (those are matrix-free).

/**
 * All eigenvalues of the symmetric n×n matrix `a` (row-major; only the lower triangle is read),
 * ascending. `a` is not modified.
 */
export function symmetricEigenvalues(a: ArrayLike<number>, n: number): Float64Array {
  if (a.length < n * n) throw new Error(`matrix has ${a.length} entries, need ${n * n}`);
  const w = Float64Array.from({ length: n * n }, (_, i) => a[i]);
  const diag = new Float64Array(n);
  const off = new Float64Array(n);
  tridiagonalize(w, n, diag, off);
  tridiagonalQl(diag, off, n);
  return diag.sort();
}

/**
 * Householder reduction (tred2 without accumulating the transform): on exit `diag` holds the
 * diagonal and off[i] (i ≥ 1) the sub-diagonal element (i, i−1) of the similar tridiagonal matrix.
 */
function tridiagonalize(a: Float64Array, n: number, diag: Float64Array, off: Float64Array): void {
  for (let i = n - 1; i > 0; i--) {
    const l = i - 1;
    let h = 0;
    const rowI = i * n;
    if (l > 0) {
      let scale = 0;
      for (let k = 0; k <= l; k++) scale += Math.abs(a[rowI + k]);
      if (scale === 0) {
        off[i] = a[rowI + l];
      } else {
        for (let k = 0; k <= l; k++) {
          a[rowI + k] /= scale;
          h += a[rowI + k] * a[rowI + k];
        }
        let f = a[rowI + l];
        const g = f >= 0 ? -Math.sqrt(h) : Math.sqrt(h);
        off[i] = scale * g;
        h -= f * g;
        a[rowI + l] = f - g;
        f = 0;
        for (let j = 0; j <= l; j++) {
          // p = A u / h, computed from the lower triangle only.
          let gj = 0;
          const rowJ = j * n;
          for (let k = 0; k <= j; k++) gj += a[rowJ + k] * a[rowI + k];
          for (let k = j + 1; k <= l; k++) gj += a[k * n + j] * a[rowI + k];
          off[j] = gj / h;
          f += off[j] * a[rowI + j];
        }
        const hh = f / (h + h);
        for (let j = 0; j <= l; j++) {
          const fj = a[rowI + j];
          const gj = off[j] - hh * fj;
          off[j] = gj;
          const rowJ = j * n;
          for (let k = 0; k <= j; k++) a[rowJ + k] -= fj * off[k] + gj * a[rowI + k];
        }
      }
    } else {
      off[i] = a[rowI + l];
    }
    diag[i] = h;
  }
  // Without eigenvectors the diagonal is simply the transformed diagonal.
  for (let i = 0; i < n; i++) diag[i] = a[i * n + i];
}

/** Implicit QL with Wilkinson shifts on (diag, off) in place; off is destroyed. */
function tridiagonalQl(diag: Float64Array, off: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) off[i - 1] = off[i];
  if (n > 0) off[n - 1] = 0;
  for (let l = 0; l < n; l++) {
    let iter = 0;
    for (;;) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(diag[m]) + Math.abs(diag[m + 1]);
        if (Math.abs(off[m]) <= Number.EPSILON * dd) break;
      }
      if (m === l) break;
      if (++iter > 60) throw new Error('tridiagonal QL did not converge');
      let g = (diag[l + 1] - diag[l]) / (2 * off[l]);
      let r = Math.hypot(g, 1);
      g = diag[m] - diag[l] + off[l] / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      let underflow = false;
      for (; i >= l; i--) {
        const f = s * off[i];
        const b = c * off[i];
        r = Math.hypot(f, g);
        off[i + 1] = r;
        if (r === 0) {
          diag[i + 1] -= p;
          off[m] = 0;
          underflow = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = diag[i + 1] - p;
        r = (diag[i] - g) * s + 2 * c * b;
        p = s * r;
        diag[i + 1] = g + p;
        g = c * r - b;
      }
      if (underflow) continue;
      diag[l] -= p;
      off[l] = g;
      off[m] = 0;
    }
  }
}
