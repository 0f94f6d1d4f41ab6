// Small row-major kernels on Float64Array stacks of vectors (rows contiguous, so every inner loop is
// a unit-stride sweep over one row).

export function dot(x: Float64Array, xOff: number, y: Float64Array, yOff: number, dim: number): number {
  let s = 0;
  for (let i = 0; i < dim; i++) s += x[xOff + i] * y[yOff + i];
  return s;
}

export function norm(x: Float64Array, off: number, dim: number): number {
  return Math.sqrt(dot(x, off, x, off, dim));
}

/** y[yOff..] += a · x[xOff..] */
export function axpy(a: number, x: Float64Array, xOff: number, y: Float64Array, yOff: number, dim: number): void {
  for (let i = 0; i < dim; i++) y[yOff + i] += a * x[xOff + i];
}

export function scale(a: number, x: Float64Array, off: number, dim: number): void {
  for (let i = 0; i < dim; i++) x[off + i] *= a;
}

/** Gram matrix G[i][k] = X_i · Y_k for n rows of length dim (n×n, row-major). */
export function crossGram(x: Float64Array, y: Float64Array, n: number, dim: number): Float64Array {
  const g = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) g[i * n + k] = dot(x, i * dim, y, k * dim, dim);
  return g;
}

/** out_i = Σ_k C[i][k] X_k: combines rows of X (m rows out, n rows in, coefficients m×n row-major). */
export function combineRows(c: Float64Array, m: number, x: Float64Array, n: number, dim: number): Float64Array {
  const out = new Float64Array(m * dim);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < n; k++) {
      const a = c[i * n + k];
      if (a !== 0) axpy(a, x, k * dim, out, i * dim, dim);
    }
  }
  return out;
}
