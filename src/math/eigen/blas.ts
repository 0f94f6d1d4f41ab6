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
  accumulateRows(c, n, m, x, 0, n, dim, out, 0, 1);
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
export function dot2(
  x: Float64Array,
  xOff: number,
  y: Float64Array,
  yOff: number,
  z: Float64Array,
  zOff: number,
  dim: number,
  out: Float64Array,
): void {
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
export function addRowCombination(
  coef: Float64Array,
  n: number,
  rows: Float64Array,
  dim: number,
  out: Float64Array,
  outOff: number,
  scale: number,
): void {
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

/**
 * out[outOff + r·ldo + l] = X_r · Y_l for r < nx, l < ny (X_r at xOff + r·dim, Y_l at yOff + l·dim).
 * Register-blocked 2 X rows × 4 Y rows per sweep: each loaded element serves 2–4 products (the b×m
 * dot products of a new Krylov block against its basis in one pass instead of b·m separate sweeps).
 */
export function crossDots(
  x: Float64Array,
  xOff: number,
  nx: number,
  y: Float64Array,
  yOff: number,
  ny: number,
  dim: number,
  out: Float64Array,
  outOff: number,
  ldo: number,
): void {
  let r = 0;
  for (; r + 1 < nx; r += 2) {
    const x0 = xOff + r * dim;
    const x1 = x0 + dim;
    const o0 = outOff + r * ldo;
    const o1 = o0 + ldo;
    let l = 0;
    for (; l + 3 < ny; l += 4) {
      const y0 = yOff + l * dim;
      const y1 = y0 + dim;
      const y2 = y1 + dim;
      const y3 = y2 + dim;
      let s00 = 0,
        s01 = 0,
        s02 = 0,
        s03 = 0,
        s10 = 0,
        s11 = 0,
        s12 = 0,
        s13 = 0;
      for (let i = 0; i < dim; i++) {
        const a = x[x0 + i];
        const b = x[x1 + i];
        const c0 = y[y0 + i];
        const c1 = y[y1 + i];
        const c2 = y[y2 + i];
        const c3 = y[y3 + i];
        s00 += a * c0;
        s01 += a * c1;
        s02 += a * c2;
        s03 += a * c3;
        s10 += b * c0;
        s11 += b * c1;
        s12 += b * c2;
        s13 += b * c3;
      }
      out[o0 + l] = s00;
      out[o0 + l + 1] = s01;
      out[o0 + l + 2] = s02;
      out[o0 + l + 3] = s03;
      out[o1 + l] = s10;
      out[o1 + l + 1] = s11;
      out[o1 + l + 2] = s12;
      out[o1 + l + 3] = s13;
    }
    for (; l < ny; l++) {
      const y0 = yOff + l * dim;
      let s0 = 0,
        s1 = 0;
      for (let i = 0; i < dim; i++) {
        const c = y[y0 + i];
        s0 += x[x0 + i] * c;
        s1 += x[x1 + i] * c;
      }
      out[o0 + l] = s0;
      out[o1 + l] = s1;
    }
  }
  if (r < nx) {
    const x0 = xOff + r * dim;
    const o0 = outOff + r * ldo;
    let l = 0;
    for (; l + 3 < ny; l += 4) {
      const y0 = yOff + l * dim;
      const y1 = y0 + dim;
      const y2 = y1 + dim;
      const y3 = y2 + dim;
      let s0 = 0,
        s1 = 0,
        s2 = 0,
        s3 = 0;
      for (let i = 0; i < dim; i++) {
        const a = x[x0 + i];
        s0 += a * y[y0 + i];
        s1 += a * y[y1 + i];
        s2 += a * y[y2 + i];
        s3 += a * y[y3 + i];
      }
      out[o0 + l] = s0;
      out[o0 + l + 1] = s1;
      out[o0 + l + 2] = s2;
      out[o0 + l + 3] = s3;
    }
    for (; l < ny; l++) out[o0 + l] = dotRows(x, x0, y, yOff + l * dim, dim);
  }
}

/**
 * out_r += scale · Σ_l C[r·ldc + l] · Y_l for r < nout, l < ny (out_r at outOff + r·dim, Y_l at yOff +
 * l·dim): the blocked form of nout addRowCombination calls, 2 output rows × 4 Y rows per sweep.
 */
export function accumulateRows(
  c: Float64Array,
  ldc: number,
  nout: number,
  y: Float64Array,
  yOff: number,
  ny: number,
  dim: number,
  out: Float64Array,
  outOff: number,
  scale: number,
): void {
  let r = 0;
  for (; r + 1 < nout; r += 2) {
    const o0 = outOff + r * dim;
    const o1 = o0 + dim;
    const c0 = r * ldc;
    const c1 = c0 + ldc;
    let l = 0;
    for (; l + 3 < ny; l += 4) {
      const y0 = yOff + l * dim;
      const y1 = y0 + dim;
      const y2 = y1 + dim;
      const y3 = y2 + dim;
      const a0 = scale * c[c0 + l],
        a1 = scale * c[c0 + l + 1],
        a2 = scale * c[c0 + l + 2],
        a3 = scale * c[c0 + l + 3];
      const b0 = scale * c[c1 + l],
        b1 = scale * c[c1 + l + 1],
        b2 = scale * c[c1 + l + 2],
        b3 = scale * c[c1 + l + 3];
      for (let i = 0; i < dim; i++) {
        const v0 = y[y0 + i];
        const v1 = y[y1 + i];
        const v2 = y[y2 + i];
        const v3 = y[y3 + i];
        out[o0 + i] += a0 * v0 + a1 * v1 + a2 * v2 + a3 * v3;
        out[o1 + i] += b0 * v0 + b1 * v1 + b2 * v2 + b3 * v3;
      }
    }
    for (; l < ny; l++) {
      const y0 = yOff + l * dim;
      const a = scale * c[c0 + l];
      const b = scale * c[c1 + l];
      for (let i = 0; i < dim; i++) {
        const v = y[y0 + i];
        out[o0 + i] += a * v;
        out[o1 + i] += b * v;
      }
    }
  }
  if (r < nout) {
    const o0 = outOff + r * dim;
    const c0 = r * ldc;
    let l = 0;
    for (; l + 3 < ny; l += 4) {
      const y0 = yOff + l * dim;
      const y1 = y0 + dim;
      const y2 = y1 + dim;
      const y3 = y2 + dim;
      const a0 = scale * c[c0 + l],
        a1 = scale * c[c0 + l + 1],
        a2 = scale * c[c0 + l + 2],
        a3 = scale * c[c0 + l + 3];
      for (let i = 0; i < dim; i++) out[o0 + i] += a0 * y[y0 + i] + a1 * y[y1 + i] + a2 * y[y2 + i] + a3 * y[y3 + i];
    }
    for (; l < ny; l++) {
      const y0 = yOff + l * dim;
      const a = scale * c[c0 + l];
      for (let i = 0; i < dim; i++) out[o0 + i] += a * y[y0 + i];
    }
  }
}
