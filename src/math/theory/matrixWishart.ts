// The bulk of an aggregate block: the limiting spectrum of the matrix-weighted Wishart matrix
//
//     B = (1/(λM)) Σ_{m=1..M} A_m ⊗ Z_m Z_mᵀ  (+ shift·I),     Z_m ~ N(0, I_d),  γ = d/M,  A_m ⪰ 0 (k×k),
//
// the noise part of a block that couples k diagonal-form blocks: the softmax `full` block (A_m =
// diag π_m − π_m π_mᵀ for H, r_m r_mᵀ for G, one row per class) and the 2-layer `layer1` block (one row per
// hidden neuron; docs/MATH.md §4–5). With k = 1 it is the weighted Wishart matrix of weightedWishart.ts.
//
// Law (docs/THEORY.md "Bulk of an aggregate block"): the kd×kd resolvent (B₀ − z)^{-1}, B₀ = λ(B − shift),
// is close to R(z) ⊗ I_d, where the k×k matrix R solves
//
//     R = ( −z I + (1/M) Σ_m A_m (I + γ R A_m)^{-1} )^{-1}.                                        (★★)
//
// Derivation: write A_m ⊗ Z_m Z_mᵀ = U_m U_mᵀ with U_m = A_m^{1/2} ⊗ Z_m (kd × k); the Woodbury form of the
// leave-one-out identity and (1/d)·(partial trace over R^d of) U_mᵀ Q U_m → A_m^{1/2} R A_m^{1/2} give (★★),
// as Silverstein's argument gives (★) of weightedWishart.ts, which is its k = 1 case.
//
// Edge: for real x above the support, R(x) is real, symmetric and negative definite, and solves
//     x I = Z(R) := F(R) − R^{-1},   F(R) = (1/M) Σ_m A_m (I + γ R A_m)^{-1}.
// Z is the gradient of Ψ(R) = (1/(γM)) Σ log det(I + γ R A_m) − log det(−R); its derivative
//     J(R)[E] = R^{-1} E R^{-1} − (γ/M) Σ_m B_m E B_m,   B_m = A_m (I + γ R A_m)^{-1},
// is self-adjoint on symmetric matrices and is z'(m) of the scalar case. As x comes down from +∞ the
// branch R(x) ends where J becomes singular: the upper edge (Silverstein–Choi's criterion, in matrix
// form). Followed by pseudo-arclength continuation, the branch runs smoothly through that fold, and the
// edge is the minimum of x along it, between the last point with J ≻ 0 and the first past the fold.
//
// Assumptions as for the diagonal blocks: the A_m depend on the samples only through a few directions
// (the logits, the pre-activations), which does not move the bulk in the limit.
import { symmetricEigen, symmetricEigenvalues } from '../eigen/dense';
import { checkShape } from './weightedWishart';

/** Per-sample k×k weights in factored form A_m = C_m C_mᵀ (C_m: size × rank, row-major). */
export interface SampleFactors {
  /** M */
  count: number;
  /** k: the block's outer dimension (classes of softmax `full`, hidden neurons of `layer1`) */
  size: number;
  /** columns of each factor */
  rank: number;
  /** count × size × rank */
  factors: Float64Array;
}

/**
 * Where the last edge of a block was found: the next checkpoint's fold is close, so its search starts
 * there. Only the cost depends on it, not the edge (to the search's tolerance).
 */
export interface EdgeMemo {
  /** R and the branch's direction dR there (the block's k×k coordinates), x and dx */
  R?: Float64Array;
  dR?: Float64Array;
  x?: number;
  dx?: number;
}

/** One point of the branch: R (k×k, row-major) and x, with the branch's unit tangent there. */
interface BranchPoint {
  R: Float64Array;
  x: number;
  /** unit tangent in the coordinates (R's symmetric coordinates, x), oriented towards the fold */
  tangent: Float64Array;
  /** dx along the tangent: negative before the fold, positive past it */
  dx: number;
  /** J ≻ 0: on the branch above the edge */
  onBranch: boolean;
}

/**
 * Upper edge of the bulk of (1/(λM)) Σ A_m ⊗ Z_m Z_mᵀ + shift·I in the limit d, M → ∞, d/M = γ.
 * Returns the shift when every A_m vanishes.
 */
export function matrixBulkEdge(
  samples: SampleFactors,
  gamma: number,
  lambda: number,
  shift = 0,
  memo: EdgeMemo = {},
): number {
  checkShape(gamma, lambda);
  const { reduced, basis, mean } = reduceToRange(samples);
  if (!reduced) return shift;
  const branch = new Branch(reduced, gamma);
  // The memo keeps R and dR in the block's own coordinates; this call's are the rows of `basis`.
  const k = samples.size;
  const start =
    memo.R && memo.dR && memo.x !== undefined && memo.dx !== undefined
      ? { R: project(memo.R, basis, k), dR: project(memo.dR, basis, k), x: memo.x, dx: memo.dx }
      : undefined;
  const topOfMean = symmetricEigenvalues(mean, k)[0];
  const found = branch.edge(branch.upperBound(), (1 + Math.sqrt(gamma)) ** 2 * topOfMean, start);
  memo.R = lift(found.R, basis, k);
  memo.dR = lift(branch.matrixOf(found.tangent), basis, k);
  memo.x = found.x;
  memo.dx = found.tangent[found.tangent.length - 1];
  return found.x / lambda + shift;
}

/** R (k×k) → basis · R · basisᵀ (p×p in the coordinates of the basis rows) */
function project(R: Float64Array, basis: Float64Array, k: number): Float64Array {
  // basis: p rows of length k (orthonormal); R_p = basis · R · basisᵀ
  const p = basis.length / k;
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let a = 0; a < k; a++) {
        let row = 0;
        for (let b = 0; b < k; b++) row += R[a * k + b] * basis[j * k + b];
        s += basis[i * k + a] * row;
      }
      out[i * p + j] = s;
    }
  return out;
}

/** R (p×p in the basis rows' coordinates) → basisᵀ · R · basis (k×k) */
function lift(R: Float64Array, basis: Float64Array, k: number): Float64Array {
  const p = basis.length / k;
  const out = new Float64Array(k * k);
  for (let a = 0; a < k; a++)
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) s += basis[i * k + a] * R[i * p + j] * basis[j * k + b];
      out[a * k + b] = s;
    }
  return out;
}

class Branch {
  private readonly k: number;
  private readonly r: number;
  /** symmetric-matrix coordinates: pair p ↔ (a, b), a ≤ b, with weight √2 off the diagonal */
  private readonly pa: Int32Array;
  private readonly pb: Int32Array;
  private readonly pw: Float64Array;
  private readonly n: number;
  // work
  private readonly S: Float64Array;
  private readonly F: Float64Array;
  private readonly B: Float64Array;
  private readonly CR: Float64Array;
  private readonly N: Float64Array;
  private readonly X: Float64Array;
  private readonly aug: Float64Array;
  private readonly pivots: Int32Array;
  private readonly inverseWork: Float64Array;
  private readonly jacobian: Float64Array;
  /** J = L D Lᵀ: L (strict lower triangle) and D */
  private readonly factor: Float64Array;
  private readonly pivotsD: Float64Array;
  /** J⁻¹ι, the bordered solve's second column */
  private readonly identityImage: Float64Array;
  private readonly gram: Float64Array;

  constructor(
    private readonly samples: SampleFactors,
    private readonly gamma: number,
  ) {
    const k = samples.size;
    this.k = k;
    this.r = samples.rank;
    this.n = (k * (k + 1)) / 2;
    this.pa = new Int32Array(this.n);
    this.pb = new Int32Array(this.n);
    this.pw = new Float64Array(this.n);
    let p = 0;
    for (let a = 0; a < k; a++)
      for (let b = a; b < k; b++, p++) {
        this.pa[p] = a;
        this.pb[p] = b;
        this.pw[p] = a === b ? 1 : Math.SQRT2;
      }
    this.S = new Float64Array(k * k);
    this.F = new Float64Array(k * k);
    this.B = new Float64Array(samples.count * k * k);
    this.CR = new Float64Array(this.r * k);
    this.N = new Float64Array(this.r * this.r);
    this.X = new Float64Array(k * this.r);
    this.aug = new Float64Array((this.n + 1) ** 2);
    this.pivots = new Int32Array(this.n + 1);
    this.inverseWork = new Float64Array(2 * Math.max(k, this.r) ** 2);
    this.jacobian = new Float64Array(this.n * this.n);
    this.factor = new Float64Array(this.n * this.n);
    this.pivotsD = new Float64Array(this.n);
    this.identityImage = new Float64Array(this.n);
    this.gram = new Float64Array(k ** 4);
  }

  /** An x above the whole support: (1 + √γ)² max_m ‖A_m‖ (B₀ ⪯ max‖A_m‖ · I_k ⊗ (1/M) Σ Z_m Z_mᵀ). */
  upperBound(): number {
    const { count, size, rank, factors } = this.samples;
    let top = 0;
    for (let m = 0; m < count; m++) {
      let frobenius = 0;
      for (let i = m * size * rank; i < (m + 1) * size * rank; i++) frobenius += factors[i] * factors[i];
      top = Math.max(top, frobenius);
    }
    return (1 + Math.sqrt(this.gamma)) ** 2 * top;
  }

  /**
   * The minimum of x along the branch that comes down from x = +∞ (R ≈ −I/x): the fold, where J stops
   * being positive definite (before it J ≻ 0 and x decreases along the branch; past it x increases).
   * Pseudo-arclength continuation: each solve fixes the component along the last tangent, which stays
   * a regular system through the fold. A point counts as on the branch only with J ≻ 0, so a Newton
   * solve that jumps to another solution cannot pass for it.
   */
  edge(
    upper: number,
    guess: number,
    previous: { R: Float64Array; dR: Float64Array; x: number; dx: number } | undefined,
  ): BranchPoint {
    const { k, n } = this;
    let lo: BranchPoint | undefined;
    // The previous call's fold (a checkpoint earlier) is close: start there, stepping back along the
    // branch while the point is past the fold.
    if (previous) {
      const tangent = this.coordinates(previous.dR, previous.dx);
      if (normalize(tangent)) {
        let at = this.solveOnPlane(this.coordinates(previous.R, previous.x), tangent, 0);
        const scale = norm2(at ? at.tangent : tangent) * (Math.abs(previous.x) + 1);
        for (let back = 1; at && !at.onBranch && back <= 4; back++)
          at = this.solveOnPlane(this.coordinates(previous.R, previous.x), tangent, -0.05 * back * back * scale);
        if (at?.onBranch && at.dx < 0) lo = at;
      }
    }
    // Else from far out: R = −t I, x = 1/t at x ≈ 2(1 + √γ)² ‖mean A_m‖, further out if need be.
    for (let t0 = 1 / (2 * guess); !lo; t0 /= 2) {
      if (t0 < 1 / (64 * upper)) throw new Error('matrix bulk edge: no solution far above the spectrum');
      const R = new Float64Array(k * k);
      for (let a = 0; a < k; a++) R[a * k + a] = -t0;
      const u = this.coordinates(R, 1 / t0);
      // the first tangent: along t (tr R = −k t), i.e. the plane tr R = −k t0 fixed
      const plane = new Float64Array(n + 1);
      for (let p = 0; p < n; p++) if (this.pa[p] === this.pb[p]) plane[p] = -1 / Math.sqrt(k);
      const at = this.solveOnPlane(u, plane, 0);
      if (at?.onBranch && at.dx < 0) lo = at;
    }
    // March along the branch until a point lands past the fold (dx > 0): steps double while Newton
    // converges fast, but aim just past where dx, extrapolated linearly, reaches 0.
    let hi: BranchPoint | undefined;
    let step = 0.05 * norm2(this.coordinates(lo.R, lo.x));
    for (let guard = 0; !hi && guard < 200; guard++) {
      const next = this.solveOnPlane(this.coordinates(lo.R, lo.x), lo.tangent, step);
      if (next?.onBranch && next.dx < 0) {
        const root = (next.dx * step) / (lo.dx - next.dx); // further distance to dx = 0, linearly
        lo = next;
        step = Math.min(2 * step, root > 0 ? 1.2 * root + 1e-9 : Infinity);
      } else if (next && next.dx > 0) hi = next;
      else {
        step /= 2;
        if (step < 1e-12 * norm2(this.coordinates(lo.R, lo.x))) break;
      }
    }
    if (!hi) return lo;
    // Between lo and hi: on the line through lo along lo's tangent, σ = offset along it, x(σ) is smooth
    // with its minimum in (0, σ_hi). The minimum of the cubic through both ends' values and slopes,
    // safeguarded by bisection; stop when the convexity bound x(σ*) ≥ x(lo) − |x'(lo)|·σ_hi is 1e-5 of x
    // (the outlier count's margin is 5 %).
    const base = lo;
    const origin = this.coordinates(base.R, base.x);
    const along = (p: BranchPoint) => dot(base.tangent, this.coordinates(p.R, p.x), origin);
    const slope = (p: BranchPoint) => p.dx / dot(base.tangent, p.tangent);
    let a = { sigma: 0, x: lo.x, slope: slope(lo) };
    let b = { sigma: along(hi), x: hi.x, slope: slope(hi) };
    let best = lo;
    for (let it = 0; it < 60 && Math.abs(a.slope) * (b.sigma - a.sigma) > 1e-5 * Math.abs(best.x); it++) {
      const width = b.sigma - a.sigma;
      let sigma = cubicMinimum({ t: a.sigma, x: a.x, slope: a.slope }, { t: b.sigma, x: b.x, slope: b.slope });
      if (!(sigma > a.sigma + 1e-3 * width && sigma < b.sigma - 1e-3 * width)) sigma = a.sigma + 0.5 * width;
      const next = this.solveOnPlane(origin, base.tangent, sigma);
      if (next?.onBranch && slope(next) < 0) {
        a = { sigma, x: next.x, slope: slope(next) };
        best = next;
      } else b = { sigma, x: next ? next.x : NaN, slope: next && slope(next) > 0 ? slope(next) : NaN };
    }
    return best;
  }

  /** (R's orthonormal symmetric coordinates, x) */
  private coordinates(R: Float64Array, x: number): Float64Array {
    const { k, n, pa, pb, pw } = this;
    const u = new Float64Array(n + 1);
    for (let p = 0; p < n; p++) u[p] = pw[p] * R[pa[p] * k + pb[p]];
    u[n] = x;
    return u;
  }

  /** the symmetric matrix of the first n coordinates */
  matrixOf(u: ArrayLike<number>): Float64Array {
    return this.add(new Float64Array(this.k * this.k), u, 1);
  }

  /**
   * Newton on (Z(R) − x I = 0, ⟨normal, u − origin⟩ = σ) for u = (R, x), from origin + σ·normal, with
   * step halving that keeps R in the domain (−R and I + γ C_mᵀ R C_m positive definite). Returns
   * undefined when it does not converge.
   */
  private solveOnPlane(origin: Float64Array, normal: Float64Array, sigma: number): BranchPoint | undefined {
    const { n } = this;
    const size = n + 1;
    let u = Float64Array.from(origin, (v, i) => v + sigma * normal[i]);
    let R = this.matrixOf(u);
    if (!this.evaluate(R)) return undefined;
    const residual = (u: Float64Array) => {
      const out = this.residual(u[n]);
      out[n] = dot(normal, u, origin) - sigma;
      return out;
    };
    let res = residual(u);
    let norm = maxAbs(res);
    const { aug, pivots, jacobian, factor } = this;
    for (let it = 0, previous = Infinity; it < 30; it++) {
      // Newton near a solution contracts fast; one that does not is going nowhere (no solution there)
      if (it >= 3 && norm > 0.7 * previous) return undefined;
      previous = norm;
      this.jacobianInto(jacobian);
      const scale = Math.abs(u[n]) + maxAbs(this.F);
      const converged = norm <= 1e-9 * scale;
      // J = L D Lᵀ and the border eliminated by hand: half the work of an LU of the bordered system, and
      // J ≻ 0 (on the branch, before the fold) iff D > 0. Near and past the fold J has one small or
      // negative eigenvalue, which LDLᵀ without pivoting takes unless a pivot nearly vanishes or the
      // factor grows; then LU with pivoting of the bordered system.
      factor.set(jacobian);
      const symmetric = ldlFactor(factor, n, this.pivotsD);
      if (!symmetric) {
        this.bordered(aug, jacobian, normal);
        if (!luFactor(aug, pivots, size)) return undefined;
      }
      const positive = symmetric ? symmetric.positive : isPositiveDefinite(jacobian, n);
      const solve = (rhs: Float64Array) =>
        symmetric ? this.borderedSymmetricSolve(normal, rhs) : luSolve(aug, pivots, size, rhs);
      if (converged) {
        // the tangent: [J, −ι; normalᵀ] τ = (0, 1)
        const tangent = new Float64Array(size);
        tangent[n] = 1;
        solve(tangent);
        normalize(tangent);
        return { R, x: u[n], tangent, dx: tangent[n], onBranch: positive };
      }
      const delta = res.map((v) => -v);
      solve(delta);
      let alpha = 1;
      let accepted = false;
      // near the round-off floor a residual that does not drop is not worth many halvings
      const halvings = norm <= 1e-8 * scale ? 2 : 30;
      for (let halving = 0; halving < halvings && !accepted; halving++, alpha /= 2) {
        const trial = Float64Array.from(u, (v, i) => v + alpha * delta[i]);
        const trialR = this.matrixOf(trial);
        if (!this.evaluate(trialR)) continue;
        const trialRes = residual(trial);
        const trialNorm = maxAbs(trialRes);
        if (trialNorm < norm || trialNorm <= 1e-9 * scale) {
          u = trial;
          R = trialR;
          res = trialRes;
          norm = trialNorm;
          accepted = true;
        }
      }
      if (!accepted) {
        // at the round-off floor Newton cannot decrease the residual further: accept a tiny one
        if (norm > 1e-7 * scale || !this.evaluate(R)) return undefined;
        res = residual(u);
        norm = 0;
      }
    }
    return undefined;
  }

  /** R + α·(matrix of the coordinates u) */
  private add(R: Float64Array, u: ArrayLike<number>, alpha: number): Float64Array {
    const { k, n, pa, pb, pw } = this;
    const out = Float64Array.from(R);
    for (let p = 0; p < n; p++) {
      const v = (alpha * u[p]) / pw[p];
      out[pa[p] * k + pb[p]] += v;
      if (pa[p] !== pb[p]) out[pb[p] * k + pa[p]] += v;
    }
    return out;
  }

  /** residual: coordinates of F − R^{-1} − x I from the last `evaluate` (the last entry left 0) */
  private residual(x: number): Float64Array {
    const { k, n, pa, pb, pw, S, F } = this;
    const out = new Float64Array(n + 1);
    for (let p = 0; p < n; p++) {
      const a = pa[p];
      const b = pb[p];
      out[p] = pw[p] * (F[a * k + b] - S[a * k + b] - (a === b ? x : 0));
    }
    return out;
  }

  /**
   * S = R^{-1}, B_m = C_m (I + γ C_mᵀ R C_m)^{-1} C_mᵀ and F = mean B_m. false outside the domain
   * (−R or some I + γ C_mᵀ R C_m not positive definite).
   */
  private evaluate(R: Float64Array): boolean {
    const { k, r, gamma, S, F, B, CR, N, X } = this;
    const { count, factors } = this.samples;
    if (!negativeInverse(R, k, S, this.inverseWork)) return false;
    F.fill(0);
    const kr = k * r;
    for (let m = 0; m < count; m++) {
      const C = m * kr;
      // CR = C_mᵀ R (r × k), N = I + γ CR C_m (r × r)
      for (let i = 0; i < r; i++)
        for (let b = 0; b < k; b++) {
          let s = 0;
          for (let a = 0; a < k; a++) s += factors[C + a * r + i] * R[a * k + b];
          CR[i * k + b] = s;
        }
      for (let i = 0; i < r; i++)
        for (let j = 0; j <= i; j++) {
          let s = 0;
          for (let b = 0; b < k; b++) s += CR[i * k + b] * factors[C + b * r + j];
          N[i * r + j] = (i === j ? 1 : 0) + gamma * s;
        }
      // B_m = C_m N⁻¹ C_mᵀ = X Xᵀ with N = L Lᵀ and X = C_m L⁻ᵀ (k × r): a triangular solve per row, no
      // inverse
      if (!cholesky(N, r, N)) return false;
      for (let a = 0; a < k; a++)
        for (let j = 0; j < r; j++) {
          let s = factors[C + a * r + j];
          for (let i = 0; i < j; i++) s -= N[j * r + i] * X[a * r + i];
          X[a * r + j] = s / N[j * r + j];
        }
      for (let a = 0; a < k; a++)
        for (let b = a; b < k; b++) {
          let s = 0;
          for (let j = 0; j < r; j++) s += X[a * r + j] * X[b * r + j];
          B[(a * k + b) * count + m] = s;
          F[a * k + b] += s;
        }
    }
    for (let a = 0; a < k; a++)
      for (let b = a; b < k; b++) {
        F[a * k + b] /= count;
        F[b * k + a] = F[a * k + b];
      }
    return true;
  }

  /**
   * J in orthonormal symmetric coordinates (n×n, symmetric):
   * J_pq = w_p w_q / 2 · [(S_ac S_bd + S_ad S_bc) − (γ/M) Σ_m (B_ac B_bd + B_ad B_bc)].
   */
  private jacobianInto(out: Float64Array): void {
    const { k, n, pa, pb, S, pw, gamma } = this;
    const entries = k * k;
    const gram = this.sampleGram();
    // rank one: B_m = β_m c_m c_mᵀ, so Σ_m B_ac B_bd = Σ_m B_ad B_bc = T_abcd, filled for a ≤ b ≤ c ≤ d
    const rankOne = this.r === 1;
    const entry = (a: number, b: number) => (a <= b ? a * k + b : b * k + a);
    const g = gamma / this.samples.count;
    for (let p = 0; p < n; p++) {
      const a = pa[p];
      const b = pb[p];
      for (let q = p; q < n; q++) {
        const c = pa[q];
        const d = pb[q];
        const samples = rankOne
          ? 2 * gram[sortedIndex(a, b, c, d, k)]
          : gram[entry(a, c) * entries + entry(b, d)] + gram[entry(a, d) * entries + entry(b, c)];
        const inverse = S[a * k + c] * S[b * k + d] + S[a * k + d] * S[b * k + c];
        const v = ((pw[p] * pw[q]) / 2) * (inverse - g * samples);
        out[p * n + q] = v;
        out[q * n + p] = v;
      }
    }
  }

  /**
   * The sample sums Σ_m B_x B_y over pairs of upper-triangle entries x = (a, b), y = (c, d), from B stored
   * entry-major (each entry's M values contiguous): a Gram matrix of contiguous rows. For rank-one
   * weights the sum is symmetric in all four indices, and only a ≤ b ≤ c ≤ d is computed (about 2.5×
   * fewer rows at k = 20), indexed by sortedIndex.
   */
  private sampleGram(): Float64Array {
    const { k, n, pa, pb, B, gram } = this;
    const { count } = this.samples;
    const entries = k * k;
    const rankOne = this.r === 1;
    const store = (x: number, q: number, value: number) => {
      const y = pa[q] * k + pb[q];
      if (rankOne) gram[x * entries + y] = value;
      else {
        gram[x * entries + y] = value;
        gram[y * entries + x] = value;
      }
    };
    for (let p = 0; p < n; p++) {
      const x = pa[p] * k + pb[p];
      const ox = x * count;
      // rank one: the pairs (c, d) with c ≥ b, from (b, b) (its index in the a ≤ b order) on
      const b = pb[p];
      let q = rankOne ? b * k - (b * (b - 1)) / 2 : p;
      // four rows at a time: one load of row x serves four products
      for (; q + 3 < n; q += 4) {
        const o0 = (pa[q] * k + pb[q]) * count;
        const o1 = (pa[q + 1] * k + pb[q + 1]) * count;
        const o2 = (pa[q + 2] * k + pb[q + 2]) * count;
        const o3 = (pa[q + 3] * k + pb[q + 3]) * count;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let m = 0; m < count; m++) {
          const v = B[ox + m];
          s0 += v * B[o0 + m];
          s1 += v * B[o1 + m];
          s2 += v * B[o2 + m];
          s3 += v * B[o3 + m];
        }
        store(x, q, s0);
        store(x, q + 1, s1);
        store(x, q + 2, s2);
        store(x, q + 3, s3);
      }
      for (; q < n; q++) {
        const oy = (pa[q] * k + pb[q]) * count;
        let sum = 0;
        for (let m = 0; m < count; m++) sum += B[ox + m] * B[oy + m];
        store(x, q, sum);
      }
    }
    return gram;
  }

  /** The bordered system [[J, −ι], [normalᵀ]] ((n+1)×(n+1), ι: the identity's coordinates) for LU. */
  private bordered(out: Float64Array, J: Float64Array, normal: Float64Array): void {
    const { n, pa, pb } = this;
    const size = n + 1;
    for (let p = 0; p < n; p++) {
      for (let q = 0; q < n; q++) out[p * size + q] = J[p * n + q];
      out[p * size + n] = pa[p] === pb[p] ? -1 : 0;
    }
    for (let q = 0; q <= n; q++) out[n * size + q] = normal[q];
  }

  /**
   * Solves [[J, −ι], [νᵀ]] (y, ξ) = (r, s) in place with J = L D Lᵀ (this.factor, this.pivotsD):
   * y = J⁻¹r + ξ J⁻¹ι and ξ from the last row.
   */
  private borderedSymmetricSolve(normal: Float64Array, rhs: Float64Array): void {
    const { n, pa, pb, factor, pivotsD, identityImage } = this;
    identityImage.fill(0);
    for (let p = 0; p < n; p++) if (pa[p] === pb[p]) identityImage[p] = 1;
    ldlSolve(factor, pivotsD, n, identityImage);
    const s = rhs[n];
    ldlSolve(factor, pivotsD, n, rhs);
    let top = s;
    let bottom = normal[n];
    for (let p = 0; p < n; p++) {
      top -= normal[p] * rhs[p];
      bottom += normal[p] * identityImage[p];
    }
    const xi = top / bottom;
    for (let p = 0; p < n; p++) rhs[p] += xi * identityImage[p];
    rhs[n] = xi;
  }
}

/** The index of T_abcd (fully symmetric) in a k⁴ array where only sorted indices are filled. */
function sortedIndex(a: number, b: number, c: number, d: number, k: number): number {
  // a ≤ b and c ≤ d already (upper-triangle pairs): merge the two sorted pairs
  let i0: number, i1: number, i2: number, i3: number;
  if (b <= c) [i0, i1, i2, i3] = [a, b, c, d];
  else if (d <= a) [i0, i1, i2, i3] = [c, d, a, b];
  else {
    i0 = Math.min(a, c);
    i3 = Math.max(b, d);
    const x = Math.max(a, c);
    const y = Math.min(b, d);
    i1 = Math.min(x, y);
    i2 = Math.max(x, y);
  }
  return ((i0 * k + i1) * k + i2) * k + i3;
}

/**
 * J = L D Lᵀ in place, without pivoting (L unit lower in the strict lower triangle, D in `pivots`). Returns
 * whether D > 0 (J ≻ 0), or undefined when a pivot nearly vanishes or L grows: no stable factor this way.
 */
function ldlFactor(a: Float64Array, n: number, pivots: Float64Array): { positive: boolean } | undefined {
  let positive = true;
  const scaled = new Float64Array(n); // row j of L times D
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    let dj = a[rj + j];
    for (let p = 0; p < j; p++) {
      scaled[p] = a[rj + p] * pivots[p];
      dj -= a[rj + p] * scaled[p];
    }
    if (!(Math.abs(dj) > 1e-13 * Math.abs(a[rj + j])) || !Number.isFinite(dj)) return undefined;
    if (!(dj > 0)) positive = false;
    pivots[j] = dj;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let v = a[ri + j];
      for (let p = 0; p < j; p++) v -= a[ri + p] * scaled[p];
      const l = v / dj;
      if (!(Math.abs(l) < 1e8)) return undefined;
      a[ri + j] = l;
    }
  }
  return { positive };
}

/** Solves L D Lᵀ y = b in place (the factor of ldlFactor). */
function ldlSolve(L: Float64Array, pivots: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let c = 0; c < i; c++) s -= L[i * n + c] * b[c];
    b[i] = s;
  }
  for (let i = 0; i < n; i++) b[i] /= pivots[i];
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let c = i + 1; c < n; c++) s -= L[c * n + i] * b[c];
    b[i] = s;
  }
}

/** Cholesky succeeds (in place: a is overwritten). */
function isPositiveDefinite(a: Float64Array, n: number): boolean {
  return cholesky(a, n, a);
}

/**
 * Where the cubic with values and slopes (x, s) at t_lo < t_hi (s_lo < 0 < s_hi) has its minimum; NaN
 * when hi's values are unknown.
 */
function cubicMinimum(lo: { t: number; x: number; slope: number }, hi: { t: number; x: number; slope: number }) {
  const h = hi.t - lo.t;
  if (!Number.isFinite(hi.x) || !Number.isFinite(hi.slope)) return NaN;
  // on u ∈ [0, 1]: p(u) = x0 + s0 h u + c2 u² + c3 u³; p'(u)/h = s0 + (2 c2 u + 3 c3 u²)/h
  const s0 = lo.slope * h;
  const s1 = hi.slope * h;
  const c2 = 3 * (hi.x - lo.x) - 2 * s0 - s1;
  const c3 = s0 + s1 - 2 * (hi.x - lo.x);
  // 3 c3 u² + 2 c2 u + s0 = 0, the root in (0, 1) where p' goes from − to +
  let u: number;
  if (Math.abs(c3) < 1e-14 * (Math.abs(c2) + Math.abs(s0))) u = -s0 / (2 * c2);
  else {
    const disc = c2 * c2 - 3 * c3 * s0;
    if (disc < 0) return NaN;
    u = (-c2 + Math.sqrt(disc)) / (3 * c3);
    if (!(u > 0 && u < 1)) u = (-c2 - Math.sqrt(disc)) / (3 * c3);
  }
  return lo.t + u * h;
}

function norm2(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/** scales v to unit length in place; false for a zero or non-finite v */
function normalize(v: Float64Array): boolean {
  const length = norm2(v);
  if (!(length > 0) || !Number.isFinite(length)) return false;
  for (let i = 0; i < v.length; i++) v[i] /= length;
  return true;
}

/** ⟨a, b − c⟩ (c optional) */
function dot(a: ArrayLike<number>, b: ArrayLike<number>, c?: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * (b[i] - (c ? c[i] : 0));
  return s;
}

function maxAbs(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return Number.isFinite(m) ? m : Infinity;
}

/** out = R^{-1} for negative definite R (Cholesky of −R); false otherwise. */
function negativeInverse(R: Float64Array, k: number, out: Float64Array, work: Float64Array): boolean {
  for (let i = 0; i < k * k; i++) out[i] = -R[i];
  if (!invertPositiveDefinite(out, k, work)) return false;
  for (let i = 0; i < k * k; i++) out[i] = -out[i];
  return true;
}

/** In-place inverse of a symmetric positive definite n×n matrix (Cholesky); false if not positive definite. */
export function invertPositiveDefinite(
  a: Float64Array,
  n: number,
  work: Float64Array = new Float64Array(2 * n * n),
): boolean {
  const nn = n * n;
  if (n === 1) {
    if (!(a[0] > 0)) return false;
    a[0] = 1 / a[0];
    return true;
  }
  const L = work;
  work.fill(0, 0, 2 * nn);
  if (!cholesky(a, n, L)) return false;
  // inverse of L (lower), then a = L^{-T} L^{-1}
  for (let j = 0; j < n; j++) {
    L[nn + j * n + j] = 1 / L[j * n + j];
    for (let i = j + 1; i < n; i++) {
      let s = 0;
      for (let p = j; p < i; p++) s -= L[i * n + p] * L[nn + p * n + j];
      L[nn + i * n + j] = s / L[i * n + i];
    }
  }
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let p = i; p < n; p++) s += L[nn + p * n + i] * L[nn + p * n + j];
      a[i * n + j] = s;
      a[j * n + i] = s;
    }
  return true;
}

/** The lower Cholesky factor of a into L (L may be a: in place); false if a is not positive definite. */
function cholesky(a: Float64Array, n: number, L: Float64Array): boolean {
  for (let j = 0; j < n; j++) {
    let s = a[j * n + j];
    for (let p = 0; p < j; p++) s -= L[j * n + p] * L[j * n + p];
    if (!(s > 0)) return false;
    const diag = Math.sqrt(s);
    L[j * n + j] = diag;
    for (let i = j + 1; i < n; i++) {
      let v = a[i * n + j];
      for (let p = 0; p < j; p++) v -= L[i * n + p] * L[j * n + p];
      L[i * n + j] = v / diag;
    }
  }
  return true;
}

/**
 * The same law on the range of Σ_m A_m: the block acts as 0 on (its orthogonal complement) ⊗ R^d, so
 * the factors rotated to an orthonormal basis of the range (dimension ≤ k) give the same edge with fewer
 * unknowns (a dead neuron, or softmax's all-ones direction, drops out).
 */
export function reduceToRange(samples: SampleFactors): {
  reduced: SampleFactors | undefined;
  basis: Float64Array;
  mean: Float64Array;
} {
  const { count, size: k, rank: r, factors } = samples;
  const mean = new Float64Array(k * k);
  for (let m = 0; m < count; m++) {
    const o = m * k * r;
    for (let a = 0; a < k; a++)
      for (let b = a; b < k; b++) {
        let s = 0;
        for (let j = 0; j < r; j++) s += factors[o + a * r + j] * factors[o + b * r + j];
        mean[a * k + b] += s / count;
      }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) mean[a * k + b] = mean[b * k + a];
  const { values, vectors } = symmetricEigen(mean, k);
  const kept = values.filter((v) => v > 1e-12 * values[0]).length;
  const basis = vectors.slice(0, kept * k);
  if (kept === 0) return { reduced: undefined, basis, mean };
  const out = new Float64Array(count * kept * r);
  for (let m = 0; m < count; m++)
    for (let i = 0; i < kept; i++)
      for (let j = 0; j < r; j++) {
        let s = 0;
        for (let a = 0; a < k; a++) s += vectors[i * k + a] * factors[m * k * r + a * r + j];
        out[(m * kept + i) * r + j] = s;
      }
  return { reduced: { count, size: kept, rank: r, factors: out }, basis, mean };
}

/** In-place LU with partial pivoting; false when singular. */
function luFactor(a: Float64Array, pivots: Int32Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    let p = j;
    let best = Math.abs(a[j * n + j]);
    for (let i = j + 1; i < n; i++) {
      const v = Math.abs(a[i * n + j]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (!(best > 0)) return false;
    pivots[j] = p;
    if (p !== j)
      for (let c = 0; c < n; c++) {
        const tmp = a[j * n + c];
        a[j * n + c] = a[p * n + c];
        a[p * n + c] = tmp;
      }
    const diag = a[j * n + j];
    for (let i = j + 1; i < n; i++) {
      const f = (a[i * n + j] /= diag);
      if (f !== 0) for (let c = j + 1; c < n; c++) a[i * n + c] -= f * a[j * n + c];
    }
  }
  return true;
}

function luSolve(lu: Float64Array, pivots: Int32Array, n: number, b: Float64Array): void {
  for (let j = 0; j < n; j++) {
    const p = pivots[j];
    if (p !== j) {
      const tmp = b[j];
      b[j] = b[p];
      b[p] = tmp;
    }
  }
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let c = 0; c < i; c++) s -= lu[i * n + c] * b[c];
    b[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let c = i + 1; c < n; c++) s -= lu[i * n + c] * b[c];
    b[i] = s / lu[i * n + i];
  }
}
