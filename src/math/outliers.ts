// Outliers: eigenvalues clearly above the bulk of the noise part (docs/MATH.md §5). The bulk of a
// diagonal-form block (1/M) Ŷᵀ diag(w) Ŷ (+βI) is a weighted Wishart with aspect ratio γ = d/M whose
// upper edge comes from the generalised Marchenko–Pastur law of the current weights (theory/).
import { bulkEdge } from './theory/weightedWishart';

/**
 * Relative margin above the edge: finite-size fluctuations of the largest bulk eigenvalue are
 * O(d^{-2/3}) relative (Tracy–Widom), a few percent at d = 100..1000.
 */
export const OUTLIER_MARGIN = 0.05;

/** The bulk edge of one block; `fallback` is used for blocks not of diagonal form. */
export function blockBulkEdge(
  weights: Float64Array | undefined,
  gamma: number,
  lambda: number,
  shift: number,
  fallback: () => number,
): number {
  if (!weights) return fallback();
  return bulkEdge(weights, gamma, lambda, shift);
}

/** Number of eigenvalues above the edge by the margin (measured from the shift: β for H, 0 for G). */
export function countOutliers(values: number[], edge: number, shift: number): number {
  const threshold = shift + (edge - shift) * (1 + OUTLIER_MARGIN);
  return values.filter((v) => v > threshold).length;
}
