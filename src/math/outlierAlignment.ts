// Alignment of a block's parameters with its OUTLIER eigenspace (docs/MATH.md §5): the span of the
// top-n eigenvectors, n = the block's outlier count, measured only where that space is unique.
//
//   A_b = ‖U_nᵀ x_b‖ / ‖x_b‖,   U_n = the top n of the j tracked eigenvectors (n ≤ j: counts come from them)
//
// The top-j space is the wrong reference where j exceeds the outliers (it adds bulk directions: at
// j = the block's dimension it is the whole block and A_b = 1 for every x_b). Undefined (null) where:
//   - n = 0: the only space is {0}; A_b = 0 for every x_b would say nothing about x_b (`no-outliers`);
//   - the space is not resolved from the rest of the spectrum. By Davis–Kahan, the computed space is
//     within sin Θ ≤ ‖R_n‖_F / δ of the exact one (R_n the residuals of its n eigenpairs, δ the gap to
//     the eigenvalues outside it), and A_b moves by at most sin Θ. Defined when that bound is at most
//     ALIGNMENT_ACCURACY. δ = θ_n − θ_{n+1} − ρ_{n+1} when θ_{n+1} is tracked (n < j); when n = j it is
//     unknown, and where the block's spectrum has a known floor s (β for a PSD-data H block, 0 for G)
//     δ ≤ θ_n − s: a bound already above the accuracy with that best case is undefined (`gap`), else the
//     number stands (the count is then a lower bound, see `outliersAtLeast`).
//   - the space's eigenvalues are the floor itself within accuracy: θ_1 − s ≤ max(‖R_n‖, the matrix's
//     rounding level ε₃₂·S), a dead neuron's G ≈ 0 or H ≈ βI, whose eigenvectors are arbitrary (`rounding`).
//     The operators run in float32, so the matrix is known to ε₃₂ = 2⁻²³ times its scale S (the numerical
//     rank's threshold ε‖A‖); S is the caller's: the run's largest data eigenvalue of that matrix or β.
// Where n equals the block's dimension the space is the whole block: A_b = 1, true and trivial.
import { alignment } from './metrics';

/** Largest Davis–Kahan bound on sin Θ (and so on the error of A_b) at which the alignment is reported. */
export const ALIGNMENT_ACCURACY = 0.1;

/** float32 unit roundoff × 2 (machine epsilon): the relative precision of the operators' products */
export const FLOAT32_EPSILON = 2 ** -23;

/** Why an alignment is undefined (null), or `whole-block`: the outlier space is the whole block (A_b = 1). */
export const ALIGNMENT_NOTES = ['no-outliers', 'gap', 'rounding', 'whole-block'] as const;
export type AlignmentNote = (typeof ALIGNMENT_NOTES)[number];

export interface OutlierAlignmentInput {
  /** the j tracked eigenvectors, rows of length dim, in the order of `values` */
  vectors: Float64Array;
  /** the j tracked eigenvalues, descending */
  values: readonly number[];
  /** ‖A u − θ u‖ of each pair */
  residuals: readonly number[];
  /** the block's outlier count (≤ j) */
  outliers: number;
  /** the block's dimension */
  dim: number;
  /** a known lower bound of the block's spectrum (β for H with PSD data part, 0 for G); undefined if none */
  floor: number | undefined;
  /** the matrix's scale S (largest data eigenvalue, or β if larger): ε₃₂·S is its rounding level; 0: none */
  scale?: number;
  /** the block's parameters x_b (length dim) */
  x: Float64Array;
}

export interface OutlierAlignment {
  /** ‖U_nᵀ x_b‖/‖x_b‖, or null where undefined (see `note`) */
  alignment: number | null;
  /** n: the dimension of the space it is measured against (the outlier count) */
  dim: number;
  note?: AlignmentNote;
}

/**
 * How well an eigenvalue is known: its residual (a symmetric matrix has an eigenvalue within ‖Au − θu‖
 * of θ) plus the rounding of a float64 Rayleigh quotient of length dim (dim·ε·|θ|, the worst case).
 */
function accuracy(value: number, residual: number, dim: number): number {
  return residual + dim * Number.EPSILON * Math.abs(value);
}

export function outlierAlignment(input: OutlierAlignmentInput): OutlierAlignment {
  const { vectors, values, residuals, dim, floor, x } = input;
  const j = values.length;
  const n = Math.max(0, Math.min(input.outliers, j));
  if (n === 0) return { alignment: null, dim: 0, note: 'no-outliers' };
  let spaceError = 0;
  for (let i = 0; i < n; i++) spaceError += accuracy(values[i], residuals[i], dim) ** 2;
  spaceError = Math.sqrt(spaceError);
  if (n === dim) return { alignment: alignment(vectors, n, x), dim: n, note: 'whole-block' };
  const rounding = FLOAT32_EPSILON * (input.scale ?? 0);
  if (floor !== undefined && values[0] - floor <= Math.max(spaceError, rounding))
    return { alignment: null, dim: n, note: 'rounding' };
  // the gap to the rest of the spectrum: measured when θ_{n+1} is tracked, else its best case above the floor
  const gap =
    n < j
      ? values[n - 1] - values[n] - accuracy(values[n], residuals[n], dim)
      : floor !== undefined
        ? values[n - 1] - floor
        : Infinity;
  if (!(gap > 0) || spaceError / gap > ALIGNMENT_ACCURACY) return { alignment: null, dim: n, note: 'gap' };
  return { alignment: alignment(vectors, n, x), dim: n };
}
