// Shared types of the batched eigensolvers.
//
// Vectors travel as row-major stacks: a Float64Array of n·dim numbers holds n vectors of length dim.
// All solvers work on several symmetric problems at once (one per tracked block of H or G), so that
// every iteration makes ONE batched operator call: the operator multiplies all blocks' vectors in two
// matmuls (docs/MATH.md §4), which is what makes a checkpoint cheap.

/** Multiplies problem i's symmetric matrix by counts[i] vectors stored in inputs[i] (rows). */
export type BatchApply = (inputs: Float64Array[], counts: number[]) => Promise<Float64Array[]>;

export interface EigenProblem {
  /** dimension of the (square, symmetric) matrix */
  dim: number;
  /** number of top (largest algebraic) eigenpairs wanted */
  j: number;
  /** warm start: previous eigenvectors (rows), any count ≥ 0 */
  warm?: Float64Array;
  warmCount?: number;
  /** extra block rows beyond j for this problem (overrides the solver's guard option) */
  guard?: number;
  /** a known lower bound of the spectrum (β for H, 0 for G); undefined when unknown (indefinite). */
  lower?: number;
  /**
   * this problem's position in the whole set (default: its position in the array): seeds its random
   * start rows, so a problem solved in a subset (another thread's share) starts exactly as in the full set
   */
  index?: number;
  /**
   * krylov: most rows added to the basis per call (default: one per unconverged pair). Small blocks
   * cost fewer mat-vecs but more calls; see CheckpointSolver.problemsFrom (engine/checkpointSolver.ts) for where that pays.
   */
  maxExpansion?: number;
  /**
   * krylov, cold starts only (no warm rows): grow the basis as a block Lanczos recurrence of this many
   * rows — each call sends the last call's products, orthonormalised — with a Rayleigh–Ritz only every
   * few calls, until a thick restart (then residual expansion as usual). Fewer mat-vecs and far fewer
   * Rayleigh–Ritz steps than residual expansion from a random block; see CheckpointSolver.problemsFrom.
   */
  lanczosBlock?: number;
}

export interface EigenResult {
  /** top-j eigenvalues, descending */
  values: number[];
  /** matching orthonormal eigenvectors, j rows of length dim */
  vectors: Float64Array;
  /** ‖A u − θ u‖ for each pair */
  residuals: number[];
  /** residual ≤ tol·|θ| */
  converged: boolean[];
  /** matrix–vector products spent on this problem (vectors × applications, filter degree included) */
  applications: number;
  /** outer iterations */
  iterations: number;
  /**
   * rows to warm-start the next solve of a nearby matrix with: the top-j Ritz vectors followed by the
   * next ones (the solver's guard rows), when it keeps any; else use `vectors`
   */
  warmRows?: Float64Array;
}

export interface SolveOptions {
  /** relative residual tolerance: converged when ‖Au − θu‖ ≤ tol·|θ| */
  tol: number;
  /** cap on outer iterations */
  maxIterations?: number;
  /** seed for random start vectors (deterministic) */
  seed?: number;
}
