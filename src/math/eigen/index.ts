// Batched eigensolvers for the tracked blocks of H and G (docs/MATH.md §7).
import { solveChebyshev, type ChebyshevOptions } from './chebyshev';
import { solveKrylov, type KrylovOptions } from './krylov';
import { solvePower, type PowerOptions } from './power';
import { solveSubspace, type SubspaceOptions } from './subspace';
import type { BatchApply, EigenProblem, EigenResult } from './types';

export type { BatchApply, EigenProblem, EigenResult, SolveOptions } from './types';
export {
  symmetricEigen,
  symmetricTridiagonalEigen,
  symmetricTridiagonalEigenFull,
  type DenseEigen,
  type TridiagonalEigen,
} from './dense';
export { orthonormalizeRows, type OrthonormalizeOptions } from './orthonormalize';
export { solveSubspace, type SubspaceOptions } from './subspace';
export { solveChebyshev, adaptiveDegree, type ChebyshevOptions, type ChebyshevDiagnostics } from './chebyshev';
export { solvePower, type PowerOptions } from './power';
export { solveKrylov, KRYLOV_DEFAULT_GUARD, type KrylovOptions } from './krylov';
export {
  lanczos,
  slqDensity,
  slqDensityBatched,
  smoothDensity,
  densityGrid,
  LanczosChain,
  type LanczosResult,
  type LanczosOptions,
  type SlqOptions,
  type SlqResult,
  type ApplyOne,
} from './lanczos';
export { rayleighRitz, type RitzPairs } from './rayleighRitz';

export type SolverKind = 'krylov' | 'chebyshev' | 'subspace' | 'power';
export type AnySolveOptions = KrylovOptions & ChebyshevOptions & SubspaceOptions & PowerOptions;

/** Dispatches to the chosen solver; all share the batched operator contract of types.ts. */
export function solve(
  kind: SolverKind,
  problems: EigenProblem[],
  apply: BatchApply,
  opts: AnySolveOptions,
): Promise<EigenResult[]> {
  switch (kind) {
    case 'krylov':
      return solveKrylov(problems, apply, opts);
    case 'chebyshev':
      return solveChebyshev(problems, apply, opts);
    case 'subspace':
      return solveSubspace(problems, apply, opts);
    case 'power':
      return solvePower(problems, apply, opts);
    default: {
      const never: never = kind;
      throw new Error(`unknown eigensolver ${String(never)}`);
    }
  }
}
