// Pieces shared by the two block solvers (subspace, chebyshev): block size, the start block (warm rows
// first, seeded random rows after), the convergence test on the top j Ritz pairs, stagnation
// detection, and packing the top j into an EigenResult.
import { orthonormalizeRows } from './orthonormalize';
import { fillNormal, type Rng } from './random';
import type { RitzPairs } from './rayleighRitz';
import type { EigenProblem, EigenResult, SolveOptions } from './types';

export interface BlockSolveOptions extends SolveOptions {
  /** extra block vectors beyond j (default max(2, ⌈j/2⌉)): they speed convergence of the j-th pair */
  guard?: number;
  /** Lanczos steps of the lower-bound estimate for problems with `lower` undefined (default 10) */
  lowerBoundSteps?: number;
  /**
   * stop a problem (flags stay honest: false) when its worst unconverged residual ratio has not
   * improved by 10% for this many outer iterations AND that residual is already at the float32 noise
   * floor (≤ 1e-5·|θ₁|): a float32 operator has a residual floor (~1e-7‖A‖) that a tiny |θ| can put
   * above tol·|θ|. Slow but genuine convergence (residuals far above the floor) is never cut short.
   */
  patience?: number;
}

export function defaultGuard(j: number): number {
  return Math.max(2, Math.ceil(j / 2));
}

export function blockSize(problem: EigenProblem, guard?: number): number {
  const j = Math.min(problem.j, problem.dim);
  return Math.min(problem.dim, j + (problem.guard ?? guard ?? defaultGuard(j)));
}

/** warm rows the problem brings (its warmCount, at most what `warm` holds) */
export function warmRowCount(problem: EigenProblem): number {
  if (!problem.warm) return 0;
  const held = Math.floor(problem.warm.length / problem.dim);
  return Math.min(problem.warmCount ?? held, held);
}

/** The first p·dim entries of `q`: the warm rows (as many as fit), then seeded Gaussian rows. */
export function fillStartRows(problem: EigenProblem, p: number, rng: Rng, q: Float64Array): void {
  const { dim } = problem;
  const warmRows = Math.min(p, warmRowCount(problem));
  if (warmRows > 0) q.set(problem.warm!.subarray(0, warmRows * dim));
  fillNormal(rng, q, warmRows * dim, (p - warmRows) * dim);
}

/** p orthonormal rows: the warm rows (as many as fit), then seeded Gaussian rows. */
export function startBlock(problem: EigenProblem, p: number, rng: Rng): Float64Array {
  const q = new Float64Array(p * problem.dim);
  fillStartRows(problem, p, rng, q);
  orthonormalizeRows(q, p, problem.dim, { rng });
  return q;
}

export interface ConvergenceState {
  converged: boolean[];
  all: boolean;
  /** max over unconverged top-j pairs of residual / (tol·|θ|) (0 when all converged) */
  worstRatio: number;
  /** max residual over unconverged top-j pairs */
  worstResidual: number;
  /** |θ₁|: the scale of the noise floor */
  scale: number;
}

export function checkConvergence(ritz: RitzPairs, j: number, tol: number): ConvergenceState {
  const converged: boolean[] = [];
  let worstRatio = 0;
  let worstResidual = 0;
  for (let i = 0; i < j; i++) {
    const bound = tol * Math.abs(ritz.values[i]);
    const ok = ritz.residuals[i] <= bound;
    converged.push(ok);
    if (!ok) {
      worstRatio = Math.max(worstRatio, bound > 0 ? ritz.residuals[i] / bound : Infinity);
      worstResidual = Math.max(worstResidual, ritz.residuals[i]);
    }
  }
  const scale = Math.max(...Array.from(ritz.values, Math.abs));
  return { converged, all: converged.every(Boolean), worstRatio, worstResidual, scale };
}

export function topResult(
  ritz: RitzPairs,
  j: number,
  dim: number,
  conv: ConvergenceState,
  applications: number,
  iterations: number,
): EigenResult {
  return {
    values: Array.from(ritz.values.subarray(0, j)),
    vectors: ritz.vectors.slice(0, j * dim),
    residuals: Array.from(ritz.residuals.subarray(0, j)),
    converged: conv.converged,
    applications,
    iterations,
  };
}

/** relative residual level (to |θ₁|) below which a float32 operator's noise can stall convergence */
export const NOISE_FLOOR = 1e-5;

/** "no 10% improvement of the worst residual ratio in `patience` iterations, and at the noise floor" */
export class StagnationDetector {
  private best = Infinity;
  private sinceImprovement = 0;

  constructor(private readonly patience: number) {}

  /** returns true when the solve should give up */
  update(worstRatio: number, worstResidual: number, scale: number): boolean {
    if (worstRatio < 0.9 * this.best) {
      this.best = worstRatio;
      this.sinceImprovement = 0;
      return false;
    }
    return ++this.sinceImprovement >= this.patience && worstResidual <= NOISE_FLOOR * scale;
  }
}

export function seedOf(opts: SolveOptions): number {
  return opts.seed ?? 0;
}

/** distinct, deterministic seed for a problem's auxiliary streams */
export function problemSeed(seed: number, index: number): number {
  return (Math.imul(seed >>> 0, 0x2545f491) + Math.imul(index + 1, 0x9e3779b1)) >>> 0;
}
