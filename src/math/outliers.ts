// Outliers: eigenvalues clearly above the bulk of the noise part (docs/MATH.md §5). The bulk of a
// diagonal-form block (1/M) Ŷᵀ diag(w) Ŷ (+βI) is a weighted Wishart with aspect ratio γ = d/M whose
// upper edge comes from the generalised Marchenko–Pastur law of the current weights (theory/).
import { matrixBulkEdge, type EdgeMemo, type SampleFactors } from './theory/matrixWishart';
import { bulkEdge } from './theory/weightedWishart';

/**
 * Relative margin above the edge: finite-size fluctuations of the largest bulk eigenvalue are
 * O(d^{-2/3}) relative (Tracy–Widom), a few percent at d = 100..1000.
 */
export const OUTLIER_MARGIN = 0.05;

/** What a block's bulk law reads: per-sample weights (diagonal form) or per-sample k×k weights (aggregate). */
export interface BulkLaw {
  weights?: Float64Array;
  factors?: SampleFactors;
}

/**
 * The bulk edge of one block: the weighted Wishart edge of a diagonal-form block, the matrix-weighted
 * one of an aggregate block (`memo` carries its search's start from one checkpoint to the next).
 */
export function blockBulkEdge(law: BulkLaw, gamma: number, lambda: number, shift: number, memo?: EdgeMemo): number {
  if (law.weights) return bulkEdge(law.weights, gamma, lambda, shift);
  if (law.factors) return matrixBulkEdge(law.factors, gamma, lambda, shift, memo);
  throw new Error('a block needs per-sample weights or k×k weights for its bulk law');
}

/** Number of eigenvalues above the edge by the margin (measured from the shift: β for H, 0 for G). */
export function countOutliers(values: number[], edge: number, shift: number): number {
  const threshold = shift + (edge - shift) * (1 + OUTLIER_MARGIN);
  return values.filter((v) => v > threshold).length;
}
