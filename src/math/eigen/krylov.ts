// Block Krylov–Davidson with Rayleigh–Ritz on the whole basis, locking and thick restart: the default
// solver (measured in `npm run bench`; see README "Performance").
//
// Per problem the basis K (orthonormal rows) grows by one block per batched call, and every basis row
// has its product stored (AK), so the projected matrix T = K·AKᵀ and the Gram matrix P = AK·AKᵀ are
// exact and updated incrementally. Rayleigh–Ritz on T gives Ritz pairs (θ, s) whose TRUE residual norms
// follow from the stored products with no extra call: ‖AKᵀs − θKᵀs‖² = sᵀPs − θ² (K orthonormal). The
// next block is the residual vectors of the top-j pairs that are NOT yet converged (locking: converged
// pairs stay in the basis for the Rayleigh–Ritz but send nothing), reduced to the directions that carry
// them (compressResiduals) and orthogonalised against K. Without locking this is block Krylov on
// span[U, AU, A²U, …]; a warm start whose pairs are already good costs one call of j rows. When the
// basis reaches its cap, a thick restart keeps the top p Ritz vectors and their products (exact, no
// call). A cold problem may ask for a block Lanczos phase first (lanczosBlock): the last products are
// the next block, with a Rayleigh–Ritz only every LANCZOS_RR_EVERY calls, until the first restart.
//
// No shift or lower bound is needed: Rayleigh–Ritz picks the largest ALGEBRAIC Ritz values directly, so
// indefinite problems (lower undefined) are handled as they are. The reported residuals are recomputed
// explicitly from the final Ritz vectors and their products.
import {
  blockSize,
  fillStartRows,
  seedOf,
  StagnationDetector,
  startBlock,
  warmRowCount,
  type BlockSolveOptions,
} from './blockCommon';
import { symmetricEigen, symmetricEigenTop } from './dense';
import { drive, type BatchedWorker } from './driver';
import { makeRng } from './random';
import { residualNorms } from './rayleighRitz';
import { emptyResult } from './subspace';
import type { BatchApply, EigenProblem, EigenResult } from './types';
import { createBasisArena, type BasisKernelKind, type BasisKernels } from './wasm/basisKernels';

export interface KrylovOptions extends BlockSolveOptions {
  /** basis rows kept before a thick restart (default min(dim, max(6p, p + 2j))) */
  maxBasis?: number;
  /**
   * kernels of the basis work (dots against the basis, combinations of basis rows): 'wasm' (default)
   * = WebAssembly SIMD where the engine has it, else the JS kernels of blas.ts; 'js' = always blas.ts
   */
  basisKernels?: BasisKernelKind;
}

const DEFAULT_MAX_ITERATIONS = 300;
/**
 * Lanczos phase (problem.lanczosBlock): a Rayleigh–Ritz every this many calls once the basis holds j
 * rows. Every 4th call costs a few more mat-vecs than every call, but only a quarter of the dense
 * eigensolves of the m×m projected matrices (m up to ~90), which dominate a call's time at the bench's
 * reference sizes (docs/PERFORMANCE.md).
 */
export const LANCZOS_RR_EVERY = 4;
/** residual directions below this many tolerances are not sent (compressResiduals) */
export const RESIDUAL_DIRECTION_MIN = 2;
const DEFAULT_PATIENCE = 8;
/**
 * guard vectors when the caller sets none per problem. Random guards barely help; guards warm-started
 * from the previous solve's next Ritz vectors (`warmRows`) do, on the hard G blocks, so the engine sets
 * them per problem. The basis cap 6p balances mat-vecs against per-row work (docs/PERFORMANCE.md).
 */
export const KRYLOV_DEFAULT_GUARD = 0;

class KrylovWorker implements BatchedWorker {
  readonly dim: number;
  private readonly j: number;
  private readonly p: number;
  private readonly cap: number;
  private readonly maxExpansion: number;
  /** rows per call of the Lanczos phase; 0 once it is over (or never started: warm starts) */
  private lanczosRows: number;
  /** calls since the last Rayleigh–Ritz (Lanczos phase) */
  private sinceRitz = 0;
  /** the basis kernels; k, ak, block and the scratch blocks live in their arena (wasm memory) */
  private readonly kern: BasisKernels;
  /** basis rows and their products, capacity cap rows */
  private readonly k: Float64Array;
  private readonly ak: Float64Array;
  /** N = K·AKᵀ as computed, T = sym(N), and P = AK·AKᵀ, cap×cap row-major */
  private readonly n: Float64Array;
  private readonly t: Float64Array;
  private readonly gram: Float64Array;
  /** scratch, reused every call: three p×cap blocks of dot products / combination coefficients */
  private readonly scratchA: Float64Array;
  private readonly scratchB: Float64Array;
  private readonly scratchC: Float64Array;
  /** Ritz coefficients S (m×m, row-major), copied into the arena for the combinations S·K and S·AK */
  private readonly coef: Float64Array;
  private m = 0;
  /** rows to send next (orthonormal, orthogonal to K) */
  private readonly block: Float64Array;
  private blockRows: number;
  private applications = 0;
  private iterations = 0;
  private readonly stagnation: StagnationDetector;
  result: EigenResult | null = null;

  constructor(
    problem: EigenProblem,
    index: number,
    private readonly opts: KrylovOptions,
  ) {
    const dim = problem.dim;
    this.dim = dim;
    this.j = Math.min(problem.j, dim);
    this.p = blockSize(problem, opts.guard ?? KRYLOV_DEFAULT_GUARD);
    this.cap = Math.min(dim, Math.max(this.p + 1, opts.maxBasis ?? Math.max(6 * this.p, this.p + 2 * this.j)));
    this.maxExpansion = Math.max(1, Math.floor(problem.maxExpansion ?? Infinity));
    const arena = createBasisArena(
      [
        this.cap * dim,
        this.cap * dim,
        this.j > 0 ? this.p * dim : 0,
        this.p * this.cap,
        this.p * this.cap,
        this.p * this.cap,
        this.cap * this.cap,
      ],
      opts.basisKernels,
    );
    this.kern = arena.kernels;
    [this.k, this.ak, this.block, this.scratchA, this.scratchB, this.scratchC, this.coef] = arena.arrays;
    this.n = new Float64Array(this.cap * this.cap);
    this.t = new Float64Array(this.cap * this.cap);
    this.gram = new Float64Array(this.cap * this.cap);
    this.lanczosRows =
      warmRowCount(problem) === 0 && problem.lanczosBlock
        ? Math.max(1, Math.min(this.p, Math.floor(problem.lanczosBlock)))
        : 0;
    // a Lanczos phase starts from its block of seeded random rows; otherwise the p rows of startBlock
    const startRows = this.lanczosRows > 0 ? this.lanczosRows : this.p;
    this.blockRows = this.j > 0 ? this.startRows(problem, startRows, index) : 0;
    this.stagnation = new StagnationDetector(opts.patience ?? DEFAULT_PATIENCE);
  }

  /**
   * The start block: the warm rows that fit, then seeded Gaussian rows, orthonormalised with this
   * solver's kernels (orthonormalizeBlock against an empty basis: several times faster than blas.ts's
   * modified Gram–Schmidt in startBlock). Should rows vanish
   * (dependent warm rows), startBlock's rank-revealing version (it redraws them) takes over.
   */
  private startRows(problem: EigenProblem, rows: number, index: number): number {
    const block = this.block;
    fillStartRows(problem, rows, makeRng(seedOf(this.opts), index), block);
    const kept = this.orthonormalizeBlock(block, rows);
    if (kept === rows) return rows;
    block.set(startBlock(problem, rows, makeRng(seedOf(this.opts), index)));
    return rows;
  }

  request(): Float64Array | null {
    if (this.result || this.j === 0) {
      if (!this.result) this.result = emptyResult();
      return null;
    }
    this.applications += this.blockRows;
    return this.block.subarray(0, this.blockRows * this.dim);
  }

  receive(products: Float64Array): void {
    this.iterations++;
    this.append(this.block, products, this.blockRows);
    if (this.lanczosRows > 0 && this.lanczosStep(false)) return;
    this.step();
  }

  /**
   * Lanczos phase: unless a Rayleigh–Ritz is due (every LANCZOS_RR_EVERY calls once m ≥ j, or the basis
   * is full, or the recurrence breaks down), the next block is the last block's products orthonormalised
   * against K: the block Krylov space of the start block, built without any Ritz pairs. Returns false
   * when step() should run: a Rayleigh–Ritz (which then decides to finish, or calls this again with
   * `afterRitz`), or the residual expansion once the phase is over.
   */
  private lanczosStep(afterRitz: boolean): boolean {
    const { dim, m, cap } = this;
    const b = this.blockRows;
    this.sinceRitz = afterRitz ? 0 : this.sinceRitz + 1;
    if (m + this.lanczosRows > cap || m >= dim) {
      // the recurrence ends here: a thick restart follows, after which the residuals drive as usual
      this.lanczosRows = 0;
      return false;
    }
    if (!afterRitz && m >= this.j && this.sinceRitz >= LANCZOS_RR_EVERY) return false;
    const block = this.block;
    block.set(this.ak.subarray((m - b) * dim, m * dim));
    const kept = this.orthonormalizeBlock(block, b);
    if (kept === 0) {
      // an invariant subspace: the Krylov space is exhausted, the residuals take over
      this.lanczosRows = 0;
      return false;
    }
    this.blockRows = kept;
    return true;
  }

  /** adds b rows (and their products) to the basis and extends T and P */
  private append(x: Float64Array, ax: Float64Array, b: number): void {
    const { dim, cap, k, ak, n, t, gram } = this;
    const m0 = this.m;
    k.set(x.subarray(0, b * dim), m0 * dim);
    ak.set(ax.subarray(0, b * dim), m0 * dim);
    const m = m0 + b;
    // The new rows against every basis row (new ones included), as three blocked b×m products:
    // K_a·AK_l, AK_a·AK_l and AK_a·K_l. T = sym(K·AKᵀ) EXACTLY (A·x is computed in float32, so
    // K_a·AK_l ≠ K_l·AK_a slightly): then sᵀ(K·AKᵀ)s = θ for every Ritz pair, which the residual
    // identity sᵀPs − θ² relies on.
    const kak = this.scratchA;
    const akak = this.scratchB;
    const akk = this.scratchC;
    const kern = this.kern;
    kern.crossDots(k, m0 * dim, b, ak, 0, m, dim, kak, 0, cap);
    kern.crossDots(ak, m0 * dim, b, ak, 0, m, dim, akak, 0, cap);
    kern.crossDots(ak, m0 * dim, b, k, 0, m, dim, akk, 0, cap);
    for (let a = m0; a < m; a++) {
      const r = (a - m0) * cap;
      for (let l = 0; l <= a; l++) {
        const x0 = kak[r + l];
        const x2 = akk[r + l];
        n[a * cap + l] = x0;
        n[l * cap + a] = x2;
        const ta = 0.5 * (x0 + x2);
        t[a * cap + l] = ta;
        t[l * cap + a] = ta;
        gram[a * cap + l] = akak[r + l];
        gram[l * cap + a] = akak[r + l];
      }
    }
    this.m = m;
  }

  /**
   * All Ritz values (descending) and the top min(p, m) Ritz coefficient rows s (m each): no caller
   * looks further (unconverged pairs are < j ≤ p, a restart keeps p, finish and its warm rows ≤ p).
   */
  private ritz(): { values: Float64Array; s: Float64Array; m: number } {
    const { m, cap, t } = this;
    const small = new Float64Array(m * m);
    for (let a = 0; a < m; a++) for (let l = 0; l < m; l++) small[a * m + l] = t[a * cap + l];
    const { values, vectors } = symmetricEigenTop(small, m, Math.min(this.p, m));
    return { values, s: vectors, m };
  }

  /** ‖AKᵀs − θKᵀs‖ from P: sqrt(max(0, sᵀPs − θ²)) */
  private residualFromGram(s: Float64Array, off: number, m: number, theta: number): number {
    const { cap, gram } = this;
    let q = 0;
    for (let a = 0; a < m; a++) {
      const sa = s[off + a];
      if (sa === 0) continue;
      let row = 0;
      for (let l = 0; l < m; l++) row += gram[a * cap + l] * s[off + l];
      q += sa * row;
    }
    return Math.sqrt(Math.max(0, q - theta * theta));
  }

  private step(): void {
    const { j, dim } = this;
    const tol = this.opts.tol;
    let { values, s, m } = this.ritz();
    const residuals = new Float64Array(j);
    const unconverged: number[] = [];
    let worstRatio = 0;
    let worstResidual = 0;
    for (let i = 0; i < j; i++) {
      residuals[i] = this.residualFromGram(s, i * m, m, values[i]);
      const bound = tol * Math.abs(values[i]);
      if (!(residuals[i] <= bound)) {
        unconverged.push(i);
        worstRatio = Math.max(worstRatio, bound > 0 ? residuals[i] / bound : Infinity);
        worstResidual = Math.max(worstResidual, residuals[i]);
      }
    }
    const scaleRef = Math.max(Math.abs(values[0]), Math.abs(values[Math.min(m, dim) - 1]));
    const maxIt = this.opts.maxIterations ?? DEFAULT_MAX_ITERATIONS;
    if (
      unconverged.length === 0 ||
      this.m >= this.dim ||
      this.iterations >= maxIt ||
      this.stagnation.update(worstRatio, worstResidual, scaleRef)
    ) {
      this.finish(values, s, m);
      return;
    }
    if (this.lanczosRows > 0) {
      // a Rayleigh–Ritz of the Lanczos phase found unconverged pairs: the recurrence goes on
      if (this.lanczosStep(true)) return;
    }
    // Thick restart when the next block would not fit: keep the top p Ritz vectors and their products.
    if (this.m + unconverged.length > this.cap) {
      this.restart(values, s, m);
      ({ values, s, m } = this.ritz());
    }
    // at most `maxExpansion` rows per call (the largest unconverged pairs first): fewer mat-vecs, more calls
    const b = Math.min(unconverged.length, this.cap - this.m, this.maxExpansion);
    const { cap } = this;
    // the start block holds p ≥ j rows: reused for every later block (its rows were copied into K)
    const block = this.block;
    const coefAk = this.scratchA;
    const coefK = this.scratchB;
    for (let r = 0; r < b; r++) {
      const i = unconverged[r];
      // r_i = AKᵀs_i − Kᵀ(θ_i s_i + c), c = K·(AKᵀs_i − θ_i Kᵀs_i) = N s_i − θ_i s_i: the residual with its
      // (float32-asymmetry) component along K removed analytically, so one explicit pass below suffices.
      const off = i * m;
      for (let l = 0; l < m; l++) {
        let ns = 0;
        for (let q = 0; q < m; q++) ns += this.n[l * cap + q] * s[off + q];
        coefAk[r * cap + l] = s[off + l];
        coefK[r * cap + l] = -(values[i] * s[off + l] + (ns - values[i] * s[off + l]));
      }
    }
    // all b residual rows at once: two blocked combinations over the basis rows
    block.fill(0, 0, b * dim);
    this.kern.accumulateRows(coefAk, cap, b, this.ak, 0, m, dim, block, 0, 1);
    this.kern.accumulateRows(coefK, cap, b, this.k, 0, m, dim, block, 0, 1);
    const directions = b > 1 ? this.compressResiduals(block, b, unconverged, values) : b;
    const kept = this.orthonormalizeBlock(block, directions);
    if (kept === 0) {
      this.finish(values, s, m);
      return;
    }
    this.blockRows = kept;
  }

  /**
   * Replaces the b residual rows by the directions that carry them: each row scaled to tolerance units
   * (r_i / (tol·|θ_i|)), then the left singular directions of that block whose singular value exceeds
   * RESIDUAL_DIRECTION_MIN (through the b×b Gram matrix). A component that is below it in every pair's
   * units cannot by itself keep a pair unconverged, so sending it costs a mat-vec for little (the
   * threshold 2 was the best of 1–5 on the bench's reference run). Returns the rows now in the block (≥ 1).
   */
  private compressResiduals(block: Float64Array, b: number, pairs: number[], values: Float64Array): number {
    const { dim, m, cap, kern, k } = this;
    const tol = this.opts.tol;
    for (let r = 0; r < b; r++) {
      const unit = tol * Math.abs(values[pairs[r]]);
      if (!(unit > 0) || !Number.isFinite(unit)) return b;
      const scale = 1 / unit;
      for (let i = r * dim, end = (r + 1) * dim; i < end; i++) block[i] *= scale;
    }
    const gram = this.scratchC;
    kern.crossDots(block, 0, b, block, 0, b, dim, gram, 0, cap);
    const small = new Float64Array(b * b);
    for (let a = 0; a < b; a++) for (let l = 0; l < b; l++) small[a * b + l] = gram[a * cap + l];
    const { values: squares, vectors } = symmetricEigen(small, b);
    let count = 0;
    while (count < b && squares[count] > RESIDUAL_DIRECTION_MIN * RESIDUAL_DIRECTION_MIN) count++;
    count = Math.max(1, count);
    // the directions U_r = Σ_l v_rl R_l, built in K's free rows (m + count ≤ cap here), then moved back
    const coef = this.scratchA;
    for (let r = 0; r < count; r++) for (let l = 0; l < b; l++) coef[r * cap + l] = vectors[r * b + l];
    k.fill(0, m * dim, (m + count) * dim);
    kern.accumulateRows(coef, cap, count, block, 0, b, dim, k, m * dim, 1);
    block.set(k.subarray(m * dim, (m + count) * dim));
    return count;
  }

  /**
   * Orthonormalises the b new rows against K and among themselves, as block classical Gram–Schmidt
   * with reorthogonalisation ("twice is enough"): one blocked pass of all rows against K (b×m dots,
   * then one blocked combination), then row by row against the rows already kept; a row that loses
   * over half its norm in either step (cancellation, which amplifies the components just removed)
   * gets another K pass and another pass against the kept rows. The rows arrive with their
   * K-component already removed analytically, but that alone is not stable: measured, ‖KKᵀ − I‖ grew
   * ~10× per call without this explicit pass (rounding in r is ε‖Au‖, relative ε/(tol) once r is
   * small, and it feeds back through N). Rows that vanish are dropped. Returns rows kept (packed at
   * the front).
   */
  private orthonormalizeBlock(x: Float64Array, b: number): number {
    const { dim, m, k, cap, kern } = this;
    const c = this.scratchC;
    const original = new Float64Array(b);
    for (let r = 0; r < b; r++) original[r] = Math.sqrt(kern.dotRows(x, r * dim, x, r * dim, dim));
    kern.crossDots(x, 0, b, k, 0, m, dim, c, 0, cap);
    kern.accumulateRows(c, cap, b, k, 0, m, dim, x, 0, -1);
    let kept = 0;
    for (let r = 0; r < b; r++) {
      const o = original[r];
      if (!(o > 0) || !Number.isFinite(o)) continue;
      const off = kept * dim;
      if (kept !== r) x.copyWithin(off, r * dim, (r + 1) * dim);
      let norm = Math.sqrt(kern.dotRows(x, off, x, off, dim));
      let againstK = !(norm > 0.5 * o);
      let ok = false;
      for (let pass = 0; pass < 6 && norm > 1e-10 * o; pass++) {
        const before = norm;
        if (againstK) {
          kern.crossDots(x, off, 1, k, 0, m, dim, c, 0, cap);
          kern.accumulateRows(c, cap, 1, k, 0, m, dim, x, off, -1);
        } else if (kept > 0) {
          kern.crossDots(x, off, 1, x, 0, kept, dim, c, 0, cap);
          kern.accumulateRows(c, cap, 1, x, 0, kept, dim, x, off, -1);
        }
        if (againstK || kept > 0) norm = Math.sqrt(kern.dotRows(x, off, x, off, dim));
        if (!(norm > 1e-10 * o)) break;
        if (norm <= 0.5 * before) {
          // cancellation: clean both K and the kept rows again
          againstK = true;
          continue;
        }
        if (againstK) {
          againstK = false;
          continue;
        }
        const inv = 1 / norm;
        for (let i = 0; i < dim; i++) x[off + i] *= inv;
        ok = true;
        break;
      }
      if (ok) kept++;
    }
    return kept;
  }

  /**
   * Σ_l S[r·m + l]·X_l for the first `rows` rows of S (rows ≤ p), into the block (overwritten; the
   * returned view is only valid until the next combination): blas.ts combineRows, in the arena.
   */
  private combine(s: Float64Array, rows: number, x: Float64Array, m: number): Float64Array {
    const { dim, block, coef } = this;
    coef.set(s.subarray(0, rows * m));
    block.fill(0, 0, rows * dim);
    this.kern.accumulateRows(coef, m, rows, x, 0, m, dim, block, 0, 1);
    return block.subarray(0, rows * dim);
  }

  /** thick restart: K ← top-p Ritz vectors, AK ← their products, T ← diag(θ), P ← S P Sᵀ */
  private restart(values: Float64Array, s: Float64Array, m: number): void {
    const { cap } = this;
    const keep = Math.min(this.p, m);
    // U = S·K into the block (free now: its rows are in K), then over K; AU = S·AK likewise
    const u = this.combine(s, keep, this.k, m);
    this.k.set(u);
    const au = this.combine(s, keep, this.ak, m);
    this.ak.set(au);
    const ps = new Float64Array(keep * keep);
    const tmp = new Float64Array(m);
    for (let a = 0; a < keep; a++) {
      for (let l = 0; l < m; l++) {
        let sum = 0;
        for (let q = 0; q < m; q++) sum += this.gram[l * cap + q] * s[a * m + q];
        tmp[l] = sum;
      }
      for (let b = 0; b <= a; b++) {
        let sum = 0;
        for (let l = 0; l < m; l++) sum += s[b * m + l] * tmp[l];
        ps[a * keep + b] = sum;
        ps[b * keep + a] = sum;
      }
    }
    // N of the restarted basis: S N Sᵀ = diag(θ) + S(N − T)Sᵀ (the antisymmetric float32 part)
    const ns = new Float64Array(keep * keep);
    for (let a = 0; a < keep; a++) {
      for (let l = 0; l < m; l++) {
        let sum = 0;
        for (let q = 0; q < m; q++) sum += this.n[l * cap + q] * s[a * m + q];
        tmp[l] = sum;
      }
      for (let b = 0; b < keep; b++) {
        let sum = 0;
        for (let l = 0; l < m; l++) sum += s[b * m + l] * tmp[l];
        ns[b * keep + a] = sum;
      }
    }
    this.n.fill(0);
    this.t.fill(0);
    this.gram.fill(0);
    for (let a = 0; a < keep; a++) {
      this.t[a * cap + a] = values[a];
      for (let b = 0; b < keep; b++) {
        this.gram[a * cap + b] = ps[a * keep + b];
        this.n[a * cap + b] = ns[a * keep + b];
      }
    }
    this.m = keep;
  }

  private finish(values: Float64Array, s: Float64Array, m: number): void {
    const { j, dim } = this;
    const n = Math.min(j, m);
    const u = this.combine(s, n, this.k, m).slice();
    const au = this.combine(s, n, this.ak, m).slice();
    const theta = Array.from(values.subarray(0, n));
    const residuals = Array.from(residualNorms(u, au, theta, n, dim));
    // With guard rows, the next Ritz vectors warm-start the guard of the next solve (instead of
    // random rows): near a bulk edge they carry the directions the top-j mix with as the matrix moves.
    const warmCount = Math.min(this.p, m);
    this.result = {
      values: theta,
      vectors: u,
      residuals,
      converged: residuals.map((r, i) => r <= this.opts.tol * Math.abs(theta[i])),
      applications: this.applications,
      iterations: this.iterations,
      ...(warmCount > n ? { warmRows: this.combine(s, warmCount, this.k, m).slice() } : {}),
    };
  }
}

/** Top-j eigenpairs of every problem by block Krylov–Davidson with locking, one batched call per block. */
export async function solveKrylov(
  problems: EigenProblem[],
  apply: BatchApply,
  opts: KrylovOptions,
): Promise<EigenResult[]> {
  const workers = problems.map((pr, i) => new KrylovWorker(pr, pr.index ?? i, opts));
  await drive(workers, apply);
  return workers.map((w) => w.result ?? emptyResult());
}
