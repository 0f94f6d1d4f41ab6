// Power iteration with projection deflation: the reference method (PyHessian-style), one vector at a
// time per problem, all problems batched per call.
//
// For pair i the iterate lives in the orthogonal complement of the pairs already found:
//   v ← normalise((I − PPᵀ)(A − σI)v),  σ = a lower spectral bound (problem.lower, or the Lanczos
// estimate for indefinite matrices), so the dominant part is the largest ALGEBRAIC eigenvalue.
// Stop on relative eigenvalue change |θ_k − θ_{k−1}| ≤ tol|θ_k| AND deflated residual
// ‖(I − PPᵀ)Av − θv‖ ≤ tol|θ| (the part of Av along found vectors is their own residual leaking in, which
// Rayleigh–Ritz removes) AND, once pairs have been found, the TRUE residual ‖Au − θu‖ ≤ tol|θ| of v's
// Ritz pair in span(P, v). The last test is needed because the found pairs are only accurate to
// tol|θ_i|: Rayleigh–Ritz mixes their residuals into v's pair, and when |θ_i| ≫ |θ| that can push a pair
// that passed the deflated test over tol|θ|. Iterating on v shrinks its own part of that residual, so
// the pair is accepted when it will also pass the final check. A warm row needs ≥ 2 calls (the change
// test needs two values).
// Final step: Rayleigh–Ritz on the j found vectors with their stored products (no extra call), which
// removes the coupling between pairs; reported residuals are TRUE residuals ‖Au − θu‖ after it.
import { axpy, dot, norm, scale } from './blas';
import { NOISE_FLOOR, problemSeed, seedOf } from './blockCommon';
import { drive, type BatchedWorker } from './driver';
import { LowerBoundEstimate } from './lowerBound';
import { fillNormal, makeRng, type Rng } from './random';
import { rayleighRitz } from './rayleighRitz';
import { emptyResult } from './subspace';
import type { BatchApply, EigenProblem, EigenResult, SolveOptions } from './types';

export interface PowerOptions extends SolveOptions {
  /** maxIterations caps the calls spent on EACH eigenpair (default 3000) */
  maxIterations?: number;
  lowerBoundSteps?: number;
  /**
   * give up on a pair when its residual has not improved by 10% in this many calls (default 300) AND is
   * at the float32 noise floor (≤ 1e-5·|θ₁|, θ₁ the first pair's value)
   */
  patience?: number;
}

const DEFAULT_MAX_ITERATIONS = 3000;
const DEFAULT_PATIENCE = 300;

class PowerWorker implements BatchedWorker {
  readonly dim: number;
  private readonly j: number;
  private readonly rng: Rng;
  /** found vectors and their products A·u (the last iterate and its product) */
  private readonly found: Float64Array;
  private readonly foundProducts: Float64Array;
  private foundCount = 0;
  /** a found pair was accepted by giveUp: its residual then bounds the others' from below */
  private gaveUp = false;
  private v: Float64Array;
  private thetaPrev = NaN;
  private pairIterations = 0;
  private best = Infinity;
  private sinceImprovement = 0;
  private lowerBound: LowerBoundEstimate | null = null;
  private lowerBoundSent = false;
  private applications = 0;
  private iterations = 0;
  result: EigenResult | null = null;

  constructor(
    private readonly problem: EigenProblem,
    private readonly index: number,
    private readonly opts: PowerOptions,
  ) {
    this.dim = problem.dim;
    this.j = Math.min(problem.j, problem.dim);
    this.rng = makeRng(seedOf(opts), index);
    this.found = new Float64Array(this.j * this.dim);
    this.foundProducts = new Float64Array(this.j * this.dim);
    this.v = this.startVector(0);
    const cold = !problem.warm || (problem.warmCount ?? 0) === 0;
    if (problem.lower === undefined && cold) this.startLowerBound();
  }

  private startLowerBound(): void {
    this.lowerBound = new LowerBoundEstimate(
      this.dim,
      problemSeed(seedOf(this.opts), this.index),
      this.opts.lowerBoundSteps,
    );
  }

  /** warm row i if there is one, else seeded Gaussian; orthonormal to the found vectors */
  private startVector(i: number): Float64Array {
    const { dim } = this;
    const v = new Float64Array(dim);
    const warmRows = this.problem.warm
      ? Math.min(this.problem.warmCount ?? 0, Math.floor(this.problem.warm.length / dim))
      : 0;
    if (i < warmRows) v.set(this.problem.warm!.subarray(i * dim, (i + 1) * dim));
    else fillNormal(this.rng, v);
    this.projectAndNormalize(v);
    return v;
  }

  /** v ← normalise((I − PPᵀ)v) twice; a vector that vanishes is replaced by a random one */
  private projectAndNormalize(v: Float64Array): void {
    const { dim } = this;
    for (let attempt = 0; attempt < 10; attempt++) {
      const before = norm(v, 0, dim);
      for (let pass = 0; pass < 2; pass++)
        for (let k = 0; k < this.foundCount; k++)
          axpy(-dot(this.found, k * dim, v, 0, dim), this.found, k * dim, v, 0, dim);
      const after = norm(v, 0, dim);
      if (after > 1e-10 * before && Number.isFinite(after)) {
        scale(1 / after, v, 0, dim);
        return;
      }
      fillNormal(this.rng, v);
    }
    throw new Error('power: cannot find a direction orthogonal to the found vectors');
  }

  request(): Float64Array | null {
    if (this.result || this.j === 0) {
      if (!this.result) this.result = emptyResult();
      return null;
    }
    const extra = this.lowerBound?.pending() ?? null;
    this.lowerBoundSent = extra !== null;
    this.applications += extra ? 2 : 1;
    if (!extra) return this.v;
    const out = new Float64Array(2 * this.dim);
    out.set(this.v);
    out.set(extra, this.dim);
    return out;
  }

  receive(products: Float64Array): void {
    const { dim } = this;
    if (this.lowerBoundSent) this.lowerBound!.consume(products.subarray(dim, 2 * dim));
    this.iterations++;
    this.pairIterations++;
    const v = this.v;
    const w = Float64Array.from(products.subarray(0, dim));
    const theta = dot(v, 0, w, 0, dim);
    // deflated residual (I − PPᵀ)Av − θv
    const r = Float64Array.from(w);
    for (let k = 0; k < this.foundCount; k++)
      axpy(-dot(this.found, k * dim, r, 0, dim), this.found, k * dim, r, 0, dim);
    axpy(-theta, v, 0, r, 0, dim);
    const residual = norm(r, 0, dim);
    const bound = this.opts.tol * Math.abs(theta);
    const changeOk = Math.abs(theta - this.thetaPrev) <= bound;
    const residualOk = residual <= bound;
    this.thetaPrev = theta;
    const ratio = bound > 0 ? residual / bound : Infinity;
    if (ratio < 0.9 * this.best) {
      this.best = ratio;
      this.sinceImprovement = 0;
    } else this.sinceImprovement++;
    const scaleRef = this.foundCount > 0 ? Math.abs(dot(this.found, 0, this.foundProducts, 0, dim)) : Math.abs(theta);
    const atFloor = residual <= NOISE_FLOOR * scaleRef;
    const giveUp =
      this.pairIterations >= (this.opts.maxIterations ?? DEFAULT_MAX_ITERATIONS) ||
      (this.sinceImprovement >= (this.opts.patience ?? DEFAULT_PATIENCE) && atFloor);
    if ((changeOk && residualOk && this.ritzResidualOk(v, w)) || giveUp) {
      this.found.set(v, this.foundCount * dim);
      this.foundProducts.set(w, this.foundCount * dim);
      this.foundCount++;
      if (!(changeOk && residualOk)) this.gaveUp = true;
      if (this.foundCount === this.j) {
        this.finish();
        return;
      }
      this.v = this.startVector(this.foundCount);
      this.thetaPrev = NaN;
      this.pairIterations = 0;
      this.best = Infinity;
      this.sinceImprovement = 0;
      return;
    }
    // The shift only matters when v still has to move: a warm row that passes the residual test but
    // awaits its second eigenvalue does not justify starting the lower-bound chain.
    if (this.problem.lower === undefined && !this.lowerBound && !residualOk) this.startLowerBound();
    const sigma = this.problem.lower ?? this.lowerBound?.provisional ?? 0;
    if (sigma !== 0) axpy(-sigma, v, 0, w, 0, dim);
    this.projectAndNormalize(w);
    this.v = w;
  }

  /**
   * Whether v's Ritz pair in span(found, v) (the Ritz vector with the largest component along v) meets
   * tol: the test finish() applies to it once v is stored. With no found pairs it is the deflated test;
   * after a given-up pair it is skipped, since that pair's residual, mixed in, no iteration on v can
   * remove (the final check reports it).
   */
  private ritzResidualOk(v: Float64Array, w: Float64Array): boolean {
    const { dim, foundCount } = this;
    if (foundCount === 0 || this.gaveUp) return true;
    const p = foundCount + 1;
    const q = new Float64Array(p * dim);
    const aq = new Float64Array(p * dim);
    q.set(this.found.subarray(0, foundCount * dim));
    q.set(v, foundCount * dim);
    aq.set(this.foundProducts.subarray(0, foundCount * dim));
    aq.set(w, foundCount * dim);
    const ritz = rayleighRitz(q, aq, p, dim);
    let own = 0;
    let ownWeight = -1;
    for (let i = 0; i < p; i++) {
      const weight = Math.abs(dot(ritz.vectors, i * dim, v, 0, dim));
      if (weight > ownWeight) {
        ownWeight = weight;
        own = i;
      }
    }
    return ritz.residuals[own] <= this.opts.tol * Math.abs(ritz.values[own]);
  }

  private finish(): void {
    const { j, dim } = this;
    // Found vectors are orthonormal by construction (each was projected against the earlier ones).
    const ritz = rayleighRitz(this.found, this.foundProducts, j, dim);
    const converged = Array.from(ritz.residuals, (r, i) => r <= this.opts.tol * Math.abs(ritz.values[i]));
    this.result = {
      values: Array.from(ritz.values),
      vectors: ritz.vectors,
      residuals: Array.from(ritz.residuals),
      converged,
      applications: this.applications,
      iterations: this.iterations,
    };
  }
}

/** Top-j eigenpairs by power iteration with projection deflation, one vector per problem per call. */
export async function solvePower(
  problems: EigenProblem[],
  apply: BatchApply,
  opts: PowerOptions,
): Promise<EigenResult[]> {
  const workers = problems.map((pr, i) => new PowerWorker(pr, pr.index ?? i, opts));
  await drive(workers, apply);
  return workers.map((w) => w.result ?? emptyResult());
}
