// Dense symmetric eigendecomposition: Householder tridiagonalisation + implicit QL (the EISPACK
// tred2/tql2 pair, as in JAMA). O(n³), n = 400 in a fraction of a second. Used for the Rayleigh–Ritz
// matrices (p ≤ ~64), for Lanczos tridiagonals, and as the reference in tests.
//
// Storage trick: JAMA walks the transform matrix V by columns. We keep W = Vᵀ in a row-major array, so
// every inner loop is a unit-stride sweep and, at the end, row i of W is eigenvector i.

import { denseArena, type DenseArena } from './wasm/denseArena';

export interface DenseEigen {
  /** eigenvalues, descending */
  values: Float64Array;
  /** eigenvectors as rows (n rows of length n), row i belongs to values[i] */
  vectors: Float64Array;
}

export interface TridiagonalEigen {
  /** eigenvalues, descending */
  values: Float64Array;
  /** first component of each (unit) eigenvector, same order: SLQ weights are their squares */
  firstComponents: Float64Array;
}

const EPS = 2 ** -52;

/**
 * Eigen-decomposition of the symmetric n×n matrix `a` (row-major; only symmetry-consistent input makes
 * sense — the lower triangle is what is read). `a` is not modified.
 */
export function symmetricEigen(a: Float64Array, n: number): DenseEigen {
  if (a.length < n * n) throw new Error(`symmetricEigen: need ${n * n} entries, got ${a.length}`);
  if (n === 0) return { values: new Float64Array(0), vectors: new Float64Array(0) };
  // W[b*n + a] holds V[a][b]; V starts as A, and A is symmetric, so W starts as A too.
  const w = Float64Array.from(a.subarray(0, n * n));
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tred2(w, d, e, n);
  // tred2 leaves e[i] coupling (i−1, i); the QL step wants e[i] coupling (i, i+1).
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  tql2(d, e, n, w, n);
  return sortDescending(d, w, n, n);
}

/** All eigenvalues of the symmetric n×n matrix `a`, descending, without eigenvectors (symmetricEigenTop's values). */
export function symmetricEigenvalues(a: Float64Array, n: number): Float64Array {
  return symmetricEigenTop(a, n, 0).values;
}

/**
 * All eigenvalues (descending) of the symmetric n×n matrix `a`, but eigenvectors only for the top
 * `count` (rows, count×n): the Rayleigh–Ritz of the Krylov solver needs ~p of its m ≈ 6p Ritz vectors.
 *
 * Same reduction and QL iteration as symmetricEigen, so the values are bit-identical to its values;
 * only the eigenvector rotations are done differently. symmetricEigen rotates all n rows of W (the
 * tred2 transform) per QL rotation, O(n) each and O(n³) in all. Here QL runs on the values alone and
 * logs its rotations G_1…G_N; eigenvector i is row i of G_N⋯G_1·W, i.e. (e_iᵀG_N⋯G_1)·W: the logged
 * rotations applied to the unit row e_i in reverse order, O(1) each. W = Vᵀ (the tred2 transform) is
 * never formed either (half of tred2's work): y·W = (V·yᵀ)ᵀ is the n−1 Householder reflectors applied
 * to y, O(n²) per wanted vector. The same orthogonal products, associated differently: the vectors
 * agree with symmetricEigen's to rounding.
 *
 * Speed: the O(n³) loops (the reduction's A·d and rank-2 update, both replays) run as f64x2 kernels in
 * WebAssembly (wasm/denseKernels.wat) on a per-thread arena, the reduction on a full symmetric copy so
 * that its loops are streaming sweeps; without wasm SIMD the JS loops below do the same. Neither path
 * reorders a sum, so both give the bits of the other (and the values stay those of symmetricEigen).
 */
export function symmetricEigenTop(a: Float64Array, n: number, count: number): DenseEigen {
  if (a.length < n * n) throw new Error(`symmetricEigenTop: need ${n * n} entries, got ${a.length}`);
  count = Math.max(0, Math.min(count, n));
  if (n === 0) return { values: new Float64Array(0), vectors: new Float64Array(0) };
  const s = topScratch(n, count);
  let arena = denseArena(n, count, 0);
  // w: the reduced matrix, its Householder vectors in rows i (first i entries); h: their h_i
  let w: Float64Array;
  let h: Float64Array;
  let e: Float64Array;
  if (arena) {
    ({ w, h, e } = arena);
    // tred2 reads the upper triangle (row j, columns k ≥ j): mirrored into a full symmetric matrix
    for (let j = 0; j < n; j++) {
      const rj = j * n;
      for (let k = j; k < n; k++) {
        const v = a[rj + k];
        w[rj + k] = v;
        w[k * n + j] = v;
      }
    }
    tred2ReduceFull(arena, n);
  } else {
    ({ w, h, e } = s);
    w.set(a.subarray(0, n * n));
    tred2Reduce(w, h, e, n);
  }
  // the same d and e as tred2 hands tql2 (tred2Accumulate only moves the diagonal into d)
  const d = s.d;
  for (let i = 0; i < n; i++) d[i] = w[i * n + i];
  e[0] = 0;
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  const log = sharedLog;
  log.length = 0;
  tql2Logged(d, e, n, log);
  const order = descendingOrder(d, n);
  const values = new Float64Array(n);
  for (let r = 0; r < n; r++) values[r] = d[order[r]];
  if (arena && log.length > arena.logCap) {
    // more rotations than this arena logs: a larger one, with the reduction carried over
    const old = arena;
    arena = denseArena(n, count, log.length);
    if (arena) {
      arena.w.set(old.w.subarray(0, n * n));
      arena.h.set(old.h.subarray(0, n));
      w = arena.w;
      h = arena.h;
    } else {
      // no memory for it: the JS replay below works on the old arena's arrays
      w = old.w;
      h = old.h;
    }
  }
  // Y (n×count, row k = component k of every wanted vector): all wanted rows go through the log
  // together, so each rotation updates `count` independent pairs (no dependency chain along the log).
  const y = arena ? arena.y : s.y;
  y.fill(0, 0, n * count);
  for (let r = 0; r < count; r++) y[order[r] * count + r] = 1;
  if (arena) {
    arena.rows.set(log.row.subarray(0, log.length));
    arena.cos.set(log.cos.subarray(0, log.length));
    arena.sin.set(log.sin.subarray(0, log.length));
    const { ex } = arena;
    ex.rotReplay(y.byteOffset, count, arena.rows.byteOffset, arena.cos.byteOffset, arena.sin.byteOffset, log.length);
    ex.reflReplay(w.byteOffset, n, h.byteOffset, y.byteOffset, count, arena.g.byteOffset);
  } else {
    replayRotations(y, count, log);
    replayReflectors(w, h, n, y, count, s.g);
  }
  const vectors = new Float64Array(count * n);
  for (let k = 0; k < n; k++) {
    const yk = k * count;
    for (let r = 0; r < count; r++) vectors[r * n + k] = y[yk + r];
  }
  return { values, vectors };
}

/** y ← y·G_t for t = last … first, G_t rotating rows (i, i+1) as tql2 does (denseKernels.wat: rotReplay) */
function replayRotations(y: Float64Array, count: number, log: RotationLog): void {
  const { row, cos, sin } = log;
  for (let t = log.length - 1; t >= 0; t--) {
    // z_{i+1} ← s·z_i + c·z_{i+1}, z_i ← c·z_i − s·z_{i+1}, on the transposed layout
    const bi = row[t] * count;
    const bi1 = bi + count;
    const c = cos[t];
    const sn = sin[t];
    for (let r = 0; r < count; r++) {
      const yi = y[bi + r];
      const yi1 = y[bi1 + r];
      y[bi + r] = c * yi + sn * yi1;
      y[bi1 + r] = c * yi1 - sn * yi;
    }
  }
}

/**
 * vector r = V·y_r = H_{n−1}⋯H_1·y_r (the reflectors of the reduction, H_1 first): what y_r·W is once
 * tred2Accumulate has formed W = Vᵀ, without forming it. In Y's layout, so every reflector updates the
 * `count` vectors side by side (independent sums, each in k order). denseKernels.wat: reflReplay.
 */
function replayReflectors(
  w: Float64Array,
  h: Float64Array,
  n: number,
  y: Float64Array,
  count: number,
  g: Float64Array,
): void {
  for (let i = 1; i < n; i++) {
    const hi = h[i];
    if (hi === 0) continue;
    const ui = i * n;
    g.fill(0, 0, count);
    for (let k = 0; k < i; k++) {
      const u = w[ui + k];
      const yk = k * count;
      for (let r = 0; r < count; r++) g[r] += u * y[yk + r];
    }
    for (let r = 0; r < count; r++) g[r] /= hi;
    for (let k = 0; k < i; k++) {
      const u = w[ui + k];
      const yk = k * count;
      for (let r = 0; r < count; r++) y[yk + r] -= g[r] * u;
    }
  }
}

interface TopScratch {
  n: number;
  count: number;
  w: Float64Array;
  h: Float64Array;
  e: Float64Array;
  d: Float64Array;
  y: Float64Array;
  g: Float64Array;
}

let topScratchCache: TopScratch | undefined;

/** symmetricEigenTop's work arrays, reused across calls (synchronous, never two at once); grown as needed */
function topScratch(n: number, count: number): TopScratch {
  const c = topScratchCache;
  if (c && c.n >= n && c.count >= count) return c;
  const nn = Math.max(n, c?.n ?? 0);
  const cc = Math.max(count, c?.count ?? 0);
  topScratchCache = {
    n: nn,
    count: cc,
    w: new Float64Array(nn * nn),
    h: new Float64Array(nn),
    e: new Float64Array(nn),
    d: new Float64Array(nn),
    y: new Float64Array(nn * cc),
    g: new Float64Array(cc),
  };
  return topScratchCache;
}

/**
 * Math.hypot(x, y), bit for bit, without the builtin's generic-arguments path (≈ 4× faster in V8).
 * For finite x, y, not both 0, V8's scaled Kahan sum reduces exactly to this: the larger magnitude
 * scales to 1, 1² + q² rounds once either way round, and the compensation terms are 0. Everything
 * else goes to Math.hypot itself.
 */
function hypot2(x: number, y: number): number {
  let a = Math.abs(x);
  let b = Math.abs(y);
  if (b > a) {
    const t = a;
    a = b;
    b = t;
  }
  if (!(a < Infinity) || !(b === b) || a === 0) return Math.hypot(x, y);
  const q = b / a;
  return Math.sqrt(1 + q * q) * a;
}

/**
 * tql2 on values alone, every rotation logged: the same arithmetic in the same order as tql2 (so the
 * same d bit for bit), with hypot2 for Math.hypot and the log written in place.
 */
function tql2Logged(d: Float64Array, e: Float64Array, n: number, log: RotationLog): void {
  let f = 0;
  let tst1 = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n - 1) {
      if (Math.abs(e[m]) <= EPS * tst1) break;
      m++;
    }
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 100) throw new Error('tql2: no convergence');
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = hypot2(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        log.reserve(m - l);
        const { row, cos, sin } = log;
        let t = log.length;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          const ei = e[i];
          g = c * ei;
          h = c * p;
          r = hypot2(p, ei);
          e[i + 1] = s * r;
          s = ei / r;
          c = p / r;
          const di = d[i];
          p = c * di - s * g;
          d[i + 1] = h + s * (c * g + s * di);
          row[t] = i;
          cos[t] = c;
          sin[t] = s;
          t++;
        }
        log.length = t;
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > EPS * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
}

/** The QL rotations in the order tql2 applies them: (row i, cos, sin) rotates rows i and i+1. */
class RotationLog {
  row: Int32Array;
  cos: Float64Array;
  sin: Float64Array;
  length = 0;

  constructor(capacity: number) {
    this.row = new Int32Array(capacity);
    this.cos = new Float64Array(capacity);
    this.sin = new Float64Array(capacity);
  }

  /** room for `more` entries past length */
  reserve(more: number): void {
    if (this.length + more <= this.row.length) return;
    const cap = Math.max(2 * this.row.length + 16, this.length + more);
    const row = new Int32Array(cap);
    const cos = new Float64Array(cap);
    const sin = new Float64Array(cap);
    row.set(this.row);
    cos.set(this.cos);
    sin.set(this.sin);
    this.row = row;
    this.cos = cos;
    this.sin = sin;
  }
}

/** reused by every symmetricEigenTop call (synchronous, so never shared by two at once); grows as needed */
const sharedLog = new RotationLog(4096);

/**
 * Eigenvalues (descending) and first eigenvector components of the symmetric tridiagonal matrix with
 * diagonal alpha (length m) and off-diagonal beta (beta[i] couples i and i+1; length ≥ m−1).
 * Only the first row of the eigenvector matrix is rotated: O(m²) instead of O(m³).
 */
export function symmetricTridiagonalEigen(alpha: ArrayLike<number>, beta: ArrayLike<number>): TridiagonalEigen {
  const m = alpha.length;
  const d = Float64Array.from(alpha);
  const e = new Float64Array(m);
  for (let i = 0; i + 1 < m; i++) e[i] = beta[i];
  // Row layout of `z`: one "row" per eigenvector index holding its first component only (rowLen 1).
  const z = new Float64Array(m);
  if (m > 0) z[0] = 1;
  tql2(d, e, m, z, 1);
  const sorted = sortDescending(d, z, m, 1);
  return { values: sorted.values, firstComponents: sorted.vectors };
}

/** Full eigenvectors of a symmetric tridiagonal matrix (rows), values descending. */
export function symmetricTridiagonalEigenFull(alpha: ArrayLike<number>, beta: ArrayLike<number>): DenseEigen {
  const m = alpha.length;
  const d = Float64Array.from(alpha);
  const e = new Float64Array(m);
  for (let i = 0; i + 1 < m; i++) e[i] = beta[i];
  const z = new Float64Array(m * m);
  for (let i = 0; i < m; i++) z[i * m + i] = 1;
  tql2(d, e, m, z, m);
  return sortDescending(d, z, m, m);
}

/** Householder reduction to tridiagonal form (JAMA tred2), W = Vᵀ row-major. */
function tred2(w: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  tred2Reduce(w, d, e, n);
  tred2Accumulate(w, d, e, n);
}

/**
 * Step i of the reduction, shared by both tred2 reductions: the Householder vector of d[0..i) scaled
 * in place (d[i−1] shifted), e[i] set; returns h (0 = the row is already reduced: e[i] = d[i−1]).
 */
function householderVector(d: Float64Array, e: Float64Array, i: number): number {
  let scale = 0;
  let h = 0;
  for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
  if (scale === 0) {
    e[i] = d[i - 1];
    return 0;
  }
  for (let k = 0; k < i; k++) {
    d[k] /= scale;
    h += d[k] * d[k];
  }
  const f = d[i - 1];
  let g = Math.sqrt(h);
  if (f > 0) g = -g;
  e[i] = scale * g;
  h -= f * g;
  d[i - 1] = f - g;
  return h;
}

/** p = A·u / h in e, then e ← p − (uᵀp / 2h)·u: the vector of the rank-2 update A −= u eᵀ + e uᵀ */
function householderCorrect(d: Float64Array, e: Float64Array, i: number, h: number): void {
  let f = 0;
  for (let j = 0; j < i; j++) {
    e[j] /= h;
    f += e[j] * d[j];
  }
  const hh = f / (h + h);
  for (let j = 0; j < i; j++) e[j] -= hh * d[j];
}

/**
 * The reduction half of tred2. After it, for i ≥ 1: the Householder vector u_i is w[i·n + k], k < i,
 * with h_i = d[i] (H_i = I − u_i u_iᵀ / h_i, identity when h_i = 0); the tridiagonal's diagonal is
 * w[i·n + i]; e[i] couples i−1 and i. The transform is V = H_{n−1}⋯H_1 (tred2Accumulate forms it).
 */
function tred2Reduce(w: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  // V[r][c] ≡ w[c*n + r]
  for (let j = 0; j < n; j++) d[j] = w[j * n + (n - 1)];
  for (let i = n - 1; i > 0; i--) {
    const h = householderVector(d, e, i);
    if (h === 0) {
      for (let j = 0; j < i; j++) {
        d[j] = w[j * n + (i - 1)];
        w[j * n + i] = 0;
        w[i * n + j] = 0;
      }
    } else {
      let f: number;
      let g: number;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j];
        w[i * n + j] = f; // V[j][i] = f
        const colJ = j * n;
        g = e[j] + w[colJ + j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += w[colJ + k] * d[k];
          e[k] += w[colJ + k] * f;
        }
        e[j] = g;
      }
      householderCorrect(d, e, i, h);
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        const colJ = j * n;
        for (let k = j; k <= i - 1; k++) w[colJ + k] -= f * e[k] + g * d[k];
        d[j] = w[colJ + (i - 1)];
        w[colJ + i] = 0;
      }
    }
    d[i] = h;
  }
}

/**
 * tred2Reduce on a full symmetric matrix, bit for bit (the same Householder vectors in row i, h in d,
 * diagonal, e; the upper triangle is not zeroed). Every operation on a matrix entry is done in the same
 * order as tred2Reduce: A·d as axpys over rows k (e_j gets its terms in k order, exactly the sum
 * tred2Reduce forms from its two triangle halves), and the rank-2 update on both triangles (entry
 * (k, j) gets d_k·e_j + e_k·d_j, the same products in swapped order: equal, so A stays symmetric).
 * Twice the update flops, but both O(i²) loops are unit-stride sweeps without a dependency chain:
 * the f64x2 kernels tredMatvec and tredUpdate of denseKernels.wat (on the arena's w, h as d, e).
 */
function tred2ReduceFull(arena: DenseArena, n: number): void {
  const { w, h: d, e, ex } = arena;
  const wp = w.byteOffset;
  const dp = d.byteOffset;
  const ep = e.byteOffset;
  // d ← row n−1 (= column n−1, what tred2Reduce reads)
  for (let j = 0; j < n; j++) d[j] = w[(n - 1) * n + j];
  for (let i = n - 1; i > 0; i--) {
    const ri = i * n;
    const h = householderVector(d, e, i);
    if (h === 0) {
      for (let j = 0; j < i; j++) {
        d[j] = w[(i - 1) * n + j];
        w[ri + j] = 0;
      }
    } else {
      for (let j = 0; j < i; j++) w[ri + j] = d[j];
      ex.tredMatvec(wp, n, i, dp, ep); // e_j = Σ_k A[k][j]·d[k], k in order
      householderCorrect(d, e, i, h);
      ex.tredUpdate(wp, n, i, dp, ep); // A[j][k] −= d_j·e_k + e_j·d_k
      for (let j = 0; j < i; j++) d[j] = w[(i - 1) * n + j];
    }
    d[i] = h;
  }
}

/** The accumulation half of tred2: W ← Vᵀ, d ← the diagonal. */
function tred2Accumulate(w: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let i = 0; i < n - 1; i++) {
    w[i * n + (n - 1)] = w[i * n + i];
    w[i * n + i] = 1;
    const h = d[i + 1];
    const colI1 = (i + 1) * n;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = w[colI1 + k] / h;
      for (let j = 0; j <= i; j++) {
        const colJ = j * n;
        let g = 0;
        for (let k = 0; k <= i; k++) g += w[colI1 + k] * w[colJ + k];
        for (let k = 0; k <= i; k++) w[colJ + k] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) w[colI1 + k] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = w[j * n + (n - 1)];
    w[j * n + (n - 1)] = 0;
  }
  w[(n - 1) * n + (n - 1)] = 1;
  e[0] = 0;
}

/**
 * Implicit QL with Wilkinson-like shifts (JAMA tql2) on diagonal d, off-diagonal e (e[i] couples i, i+1).
 * Rotations are applied to rows i, i+1 of z (rowLen entries each): z = identity gives eigenvectors,
 * z = e₁ (rowLen 1) gives first components only. One QL iteration serves all callers: tql2Logged runs
 * it on the values and logs each rotation, which is then applied here to z in the same order and with
 * the same arithmetic as JAMA does inline.
 */
function tql2(d: Float64Array, e: Float64Array, n: number, z: Float64Array, rowLen: number): void {
  const log = sharedLog;
  log.length = 0;
  tql2Logged(d, e, n, log);
  const { row, cos, sin } = log;
  for (let t = 0; t < log.length; t++) {
    // rotate rows i and i+1 of z (= columns of JAMA's V)
    const ri = row[t] * rowLen;
    const ri1 = ri + rowLen;
    const c = cos[t];
    const sn = sin[t];
    for (let k = 0; k < rowLen; k++) {
      const zi1 = z[ri1 + k];
      const zi = z[ri + k];
      z[ri1 + k] = sn * zi + c * zi1;
      z[ri + k] = c * zi - sn * zi1;
    }
  }
}

function descendingOrder(d: Float64Array, n: number): number[] {
  return Array.from({ length: n }, (_, i) => i).sort((i, k) => d[k] - d[i] || i - k);
}

function sortDescending(d: Float64Array, z: Float64Array, n: number, rowLen: number): DenseEigen {
  const order = descendingOrder(d, n);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * rowLen);
  for (let r = 0; r < n; r++) {
    values[r] = d[order[r]];
    vectors.set(z.subarray(order[r] * rowLen, order[r] * rowLen + rowLen), r * rowLen);
  }
  return { values, vectors };
}
