// Block subspace iteration with Rayleigh–Ritz (simultaneous power iteration: deflation of all j pairs at
// once through orthonormalisation), warm-started from the previous checkpoint's eigenvectors.
//
// Per outer iteration and problem: ONE block product AQ (shared batched call), RR on span(Q), residuals
// of the top j from AU = (AQ)S (free), then Q ← orth((A − σI)U) with σ a lower spectral bound. The RR
// check comes before any further multiplication, so an accurate warm start converges after one call.
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
import type { BatchApply, EigenProblem, EigenResult } from './types';

export type SubspaceOptions = BlockSolveOptions;

const DEFAULT_MAX_ITERATIONS = 1000;
const DEFAULT_PATIENCE = 30;

class SubspaceWorker implements BatchedWorker {
  readonly dim: number;
  private readonly j: number;
  private readonly p: number;
  private readonly rng: Rng;
  private q: Float64Array;
  private lowerBound: LowerBoundEstimate | null = null;
  private lowerBoundSent = false;
  private applications = 0;
  private iterations = 0;
  private readonly stagnation: StagnationDetector;
  result: EigenResult | null = null;

  constructor(
    private readonly problem: EigenProblem,
    private readonly index: number,
    private readonly opts: SubspaceOptions,
  ) {
    this.dim = problem.dim;
    this.j = Math.min(problem.j, problem.dim);
    this.p = blockSize(problem, opts.guard);
    this.rng = makeRng(seedOf(opts), index);
    this.q = startBlock(problem, this.p, this.rng);
    this.stagnation = new StagnationDetector(opts.patience ?? DEFAULT_PATIENCE);
    // Cold start on an indefinite matrix: estimate the lower bound from the first call on. A warm start
    // waits one call (it may already be converged, and then the extra row would be wasted).
    const cold = !problem.warm || (problem.warmCount ?? 0) === 0;
    if (problem.lower === undefined && cold) this.startLowerBound(index);
  }

  private startLowerBound(index: number): void {
    this.lowerBound = new LowerBoundEstimate(
      this.dim,
      problemSeed(seedOf(this.opts), index),
      this.opts.lowerBoundSteps,
    );
  }

  request(): Float64Array | null {
    if (this.result || this.j === 0) {
      if (!this.result) this.result = emptyResult();
      return null;
    }
    const extra = this.lowerBound?.pending() ?? null;
    this.lowerBoundSent = extra !== null;
    const rows = this.p + (extra ? 1 : 0);
    this.applications += rows;
    if (!extra) return this.q;
    const out = new Float64Array(rows * this.dim);
    out.set(this.q);
    out.set(extra, this.p * this.dim);
    return out;
  }

  receive(products: Float64Array): void {
    const { p, dim, j } = this;
    if (this.lowerBoundSent) this.lowerBound!.consume(products.subarray(p * dim, (p + 1) * dim));
    this.iterations++;
    const ritz = rayleighRitz(this.q, products.subarray(0, p * dim), p, dim);
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
    if (this.problem.lower === undefined && !this.lowerBound) this.startLowerBound(this.index);
    // Shift by a lower bound so the dominant part of A − σI is the largest ALGEBRAIC end
    // (and, for H with σ = β, the ratio (λ_{p+1} − β)/(λ_j − β) is smaller than λ_{p+1}/λ_j).
    const sigma = this.problem.lower ?? this.lowerBound?.provisional ?? 0;
    const next = ritz.products;
    if (sigma !== 0) for (let i = 0; i < next.length; i++) next[i] -= sigma * ritz.vectors[i];
    orthonormalizeRows(next, p, dim, { rng: this.rng });
    this.q = next;
  }
}

export function emptyResult(): EigenResult {
  return { values: [], vectors: new Float64Array(0), residuals: [], converged: [], applications: 0, iterations: 0 };
}

/** Top-j eigenpairs of every problem by block subspace iteration + Rayleigh–Ritz, one batched call per iteration. */
export async function solveSubspace(
  problems: EigenProblem[],
  apply: BatchApply,
  opts: SubspaceOptions,
): Promise<EigenResult[]> {
  const workers = problems.map((pr, i) => new SubspaceWorker(pr, pr.index ?? i, opts));
  await drive(workers, apply);
  return workers.map((w) => w.result ?? emptyResult());
}
