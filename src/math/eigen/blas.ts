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

/** x_row·y_row with four accumulators (the hot dot product of the Krylov solver; ~2× the naive loop). */
export function dotRows(x: Float64Array, xOff: number, y: Float64Array, yOff: number, dim: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < dim; i += 4) {
    s0 += x[xOff + i] * y[yOff + i];
    s1 += x[xOff + i + 1] * y[yOff + i + 1];
    s2 += x[xOff + i + 2] * y[yOff + i + 2];
    s3 += x[xOff + i + 3] * y[yOff + i + 3];
  }
  for (; i < dim; i++) s0 += x[xOff + i] * y[yOff + i];
  return s0 + s1 + s2 + s3;
}

/** out = [x·z, y·z] in one sweep of z. */
export function dot2(x: Float64Array, xOff: number, y: Float64Array, yOff: number, z: Float64Array, zOff: number, dim: number, out: Float64Array): void {
  let a0 = 0;
  let a1 = 0;
  let b0 = 0;
  let b1 = 0;
  let i = 0;
  for (; i + 1 < dim; i += 2) {
    const z0 = z[zOff + i];
    const z1 = z[zOff + i + 1];
    a0 += x[xOff + i] * z0;
    a1 += x[xOff + i + 1] * z1;
    b0 += y[yOff + i] * z0;
    b1 += y[yOff + i + 1] * z1;
  }
  if (i < dim) {
    a0 += x[xOff + i] * z[zOff + i];
    b0 += y[yOff + i] * z[zOff + i];
  }
  out[0] = a0 + a1;
  out[1] = b0 + b1;
}

/** out[outOff..outOff+dim) += scale · Σ_l coef[l] · rows_l (rows of length dim), two rows per sweep. */
export function addRowCombination(coef: Float64Array, n: number, rows: Float64Array, dim: number, out: Float64Array, outOff: number, scale: number): void {
  let l = 0;
  for (; l + 1 < n; l += 2) {
    const a = scale * coef[l];
    const b = scale * coef[l + 1];
    const ra = l * dim;
    const rb = ra + dim;
    for (let i = 0; i < dim; i++) out[outOff + i] += a * rows[ra + i] + b * rows[rb + i];
  }
  if (l < n) axpy(scale * coef[l], rows, l * dim, out, outOff, dim);
}

/** out = [ka·akl, aka·akl, kl·aka] in one sweep (the three products a new Krylov row needs per basis row). */
export function dot3(
  k: Float64Array,
  kaOff: number,
  ak: Float64Array,
  akaOff: number,
  kl: Float64Array,
  klOff: number,
  akl: Float64Array,
  aklOff: number,
  dim: number,
  out: Float64Array,
): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  let i = 0;
  for (; i + 1 < dim; i += 2) {
    const x0 = akl[aklOff + i];
    const x1 = akl[aklOff + i + 1];
    const y0 = ak[akaOff + i];
    const y1 = ak[akaOff + i + 1];
    s0 += k[kaOff + i] * x0;
    t0 += k[kaOff + i + 1] * x1;
    s1 += y0 * x0;
    t1 += y1 * x1;
    s2 += kl[klOff + i] * y0;
    t2 += kl[klOff + i + 1] * y1;
  }
  if (i < dim) {
    s0 += k[kaOff + i] * akl[aklOff + i];
    s1 += ak[akaOff + i] * akl[aklOff + i];
    s2 += kl[klOff + i] * ak[akaOff + i];
  }
  out[0] = s0 + t0;
  out[1] = s1 + t1;
  out[2] = s2 + t2;
}
