// Chebyshev-filtered subspace iteration (ChFSI; Zhou & Saad 2007, adapted to the LARGEST eigenvalues).
//
// Outer iteration per problem = one RR check (one call on Q) followed, if not converged, by a degree-m
// Chebyshev filter p_m(A) applied to the Ritz vectors U. The filter damps the unwanted interval [a, b]
// (a = problem.lower or a Lanczos-estimated lower bound, b = smallest Ritz value of the p-block) and
// grows everything above b like T_m((λ−c)/e) — per call far faster than plain subspace iteration when
// λ_{p+1}/λ_j is close to 1. The first filter step reuses AU = (AQ)S from the RR (no call), so an outer
// iteration costs m calls in total. Each filter step is one batched call: problems advance their own
// recurrences (own a, b, m) in lock-step with whatever the others are doing.
//
// Problems with lower undefined: a LowerBoundEstimate rides along the first calls; until it is ready
// the problem takes plain subspace steps shifted by the estimate's conservative provisional value. A warm start always begins with a plain RR check.
import { axpy, scale } from './blas';
import {
  blockSize,
  checkConvergence,
  problemSeed,
  seedOf,
  StagnationDetector,
  startBlock,
  topResult,
  type BlockSolveOptions,
} from './blockCommon';
import { drive, type BatchedWorker } from './driver';
import { LowerBoundEstimate } from './lowerBound';
import { orthonormalizeRows } from './orthonormalize';
import { makeRng, type Rng } from './random';
import { rayleighRitz } from './rayleighRitz';
import { emptyResult } from './subspace';
import type { BatchApply, EigenProblem, EigenResult } from './types';

export interface ChebyshevOptions extends BlockSolveOptions {
  /** fixed filter degree; default: adaptive in [minDegree, maxDegree] from the estimated gap */
  degree?: number;
  minDegree?: number;
  maxDegree?: number;
}

const DEFAULT_MAX_ITERATIONS = 300;
const DEFAULT_PATIENCE = 6;
const DEFAULT_MIN_DEGREE = 2;
// Measured (cold, calls to tol 1e-4) max 8 vs 12: k4 9 vs 15, k10top10 12 vs 14, k10top4 33 vs 33,
// indefinite 58–66 either way depending on the seed; fixed degree 4 was worst (82 on indefinite).
const DEFAULT_MAX_DEGREE = 8;

/**
 * Degree so that T_m(t_j) ≈ the residual reduction still needed (×2 safety), where t_j is the j-th Ritz
 * value mapped to the damping interval's coordinate (t > 1 outside it).
 */
export function adaptiveDegree(tj: number, worstRatio: number, minDegree: number, maxDegree: number): number {
  if (!(tj > 1)) return maxDegree;
  const need = Math.min(Math.max(2 * worstRatio, 2), 1e12);
  const m = Math.ceil(Math.acosh(need) / Math.acosh(tj));
  return Math.min(maxDegree, Math.max(minDegree, m));
}

interface FilterState {
  /** damping interval centre and half-width */
  c: number;
  e: number;
  /** σ₁ = e/(θ₁ − c): scaling so the top of the spectrum stays O(1) (no overflow at high degree) */
  sigma1: number;
  sigma: number;
  degree: number;
  /** steps done (Y = p_step(A)U) */
  step: number;
  x: Float64Array;
  y: Float64Array;
}

class ChebyshevWorker implements BatchedWorker {
  readonly dim: number;
  private readonly j: number;
  private readonly p: number;
  private readonly rng: Rng;
  private q: Float64Array;
  private filter: FilterState | null = null;
  private lowerBound: LowerBoundEstimate | null = null;
  private lowerBoundSent = false;
  private applications = 0;
  private iterations = 0;
  private readonly stagnation: StagnationDetector;
  /** filter degrees used, for diagnostics */
  readonly degrees: number[] = [];
  result: EigenResult | null = null;

  constructor(
    private readonly problem: EigenProblem,
    private readonly index: number,
    private readonly opts: ChebyshevOptions,
  ) {
    this.dim = problem.dim;
    this.j = Math.min(problem.j, problem.dim);
    this.p = blockSize(problem, opts.guard);
    this.rng = makeRng(seedOf(opts), index);
    this.q = startBlock(problem, this.p, this.rng);
    this.stagnation = new StagnationDetector(opts.patience ?? DEFAULT_PATIENCE);
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

  request(): Float64Array | null {
    if (this.result || this.j === 0) {
      if (!this.result) this.result = emptyResult();
      return null;
    }
    const block = this.filter ? this.filter.y : this.q;
    const extra = this.lowerBound?.pending() ?? null;
    this.lowerBoundSent = extra !== null;
    const rows = this.p + (extra ? 1 : 0);
    this.applications += rows;
    if (!extra) return block;
    const out = new Float64Array(rows * this.dim);
    out.set(block);
    out.set(extra, this.p * this.dim);
    return out;
  }

  receive(products: Float64Array): void {
    const { p, dim } = this;
    if (this.lowerBoundSent) this.lowerBound!.consume(products.subarray(p * dim, (p + 1) * dim));
    const ay = products.subarray(0, p * dim);
    if (this.filter) this.filterStep(this.filter, ay);
    else this.rayleighRitzStep(ay);
  }

  private rayleighRitzStep(aq: Float64Array): void {
    const { p, dim, j } = this;
    this.iterations++;
    const ritz = rayleighRitz(this.q, aq, p, dim);
    const conv = checkConvergence(ritz, j, this.opts.tol);
    const maxIt = this.opts.maxIterations ?? DEFAULT_MAX_ITERATIONS;
    if (
      conv.all ||
      this.iterations >= maxIt ||
      this.stagnation.update(conv.worstRatio, conv.worstResidual, conv.scale)
    ) {
      this.result = topResult(ritz, j, dim, conv, this.applications, this.iterations);
      return;
    }
    if (this.problem.lower === undefined && !this.lowerBound) this.startLowerBound();
    const a = this.problem.lower ?? this.lowerBound?.value;
    const b = ritz.values[p - 1];
    const top = ritz.values[0];
    const u = ritz.vectors;
    const au = ritz.products;
    // No usable damping interval (lower bound not known yet, block = whole space, or a flat block):
    // a plain (shifted) subspace step.
    if (a === undefined || p >= dim || !(b - a > 1e-10 * Math.max(Math.abs(top), Math.abs(a))) || !(top > b)) {
      const sigma = a ?? this.lowerBound?.provisional ?? 0;
      if (sigma !== 0) axpy(-sigma, u, 0, au, 0, au.length);
      orthonormalizeRows(au, p, dim, { rng: this.rng });
      this.q = au;
      return;
    }
    const e = (b - a) / 2;
    const c = (b + a) / 2;
    const tj = (ritz.values[j - 1] - c) / e;
    const degree =
      this.opts.degree ??
      adaptiveDegree(
        tj,
        conv.worstRatio,
        this.opts.minDegree ?? DEFAULT_MIN_DEGREE,
        this.opts.maxDegree ?? DEFAULT_MAX_DEGREE,
      );
    this.degrees.push(degree);
    const sigma1 = e / (top - c);
    // Y₁ = (σ₁/e)(A − cI)U, from the RR products: the first filter degree costs no call.
    const y = au;
    axpy(-c, u, 0, y, 0, y.length);
    scale(sigma1 / e, y, 0, y.length);
    const filter: FilterState = { c, e, sigma1, sigma: sigma1, degree, step: 1, x: u, y };
    if (degree <= 1) this.finishFilter(filter);
    else this.filter = filter;
  }

  /** Y_{k+1} = (2σ_{k+1}/e)(A − cI)Y_k − σ_k σ_{k+1} Y_{k−1}  (scaled three-term recurrence) */
  private filterStep(f: FilterState, ay: Float64Array): void {
    const sigmaNew = 1 / (2 / f.sigma1 - f.sigma);
    const g = (2 * sigmaNew) / f.e;
    const h = f.sigma * sigmaNew;
    const { x, y } = f;
    const next = new Float64Array(y.length);
    for (let i = 0; i < next.length; i++) next[i] = g * (ay[i] - f.c * y[i]) - h * x[i];
    f.x = y;
    f.y = next;
    f.sigma = sigmaNew;
    f.step++;
    if (f.step >= f.degree) this.finishFilter(f);
  }

  private finishFilter(f: FilterState): void {
    orthonormalizeRows(f.y, this.p, this.dim, { rng: this.rng });
    this.q = f.y;
    this.filter = null;
  }
}

export interface ChebyshevDiagnostics {
  /** filter degrees chosen per problem, in order */
  degrees: number[][];
}

/** Top-j eigenpairs of every problem by Chebyshev-filtered subspace iteration, one batched call per filter degree. */
export async function solveChebyshev(
  problems: EigenProblem[],
  apply: BatchApply,
  opts: ChebyshevOptions,
  diagnostics?: ChebyshevDiagnostics,
): Promise<EigenResult[]> {
  const workers = problems.map((pr, i) => new ChebyshevWorker(pr, pr.index ?? i, opts));
  await drive(workers, apply);
  if (diagnostics) diagnostics.degrees = workers.map((w) => [...w.degrees]);
  return workers.map((w) => w.result ?? emptyResult());
}
