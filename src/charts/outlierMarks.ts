import type { SpectrumRecord } from '../engine/runFile';

/** How many of the leading eigenvalues are outliers (the engine's judgement, capped at j). */
export function countAbove(s: Pick<SpectrumRecord, 'outliers' | 'eigenvalues'>): number {
  return Math.min(s.outliers, s.eigenvalues.length);
}

/** An outlier count as people read it: "≥ 4" where every tracked eigenvalue is one (a lower bound). */
export function outlierCountText(s: Pick<SpectrumRecord, 'outliers' | 'outliersAtLeast'>): string {
  return s.outliersAtLeast ? `≥ ${s.outliers}` : String(s.outliers);
}

/** Said beside a count that is a lower bound. */
export const RAISE_TOP_J =
  'every tracked eigenvalue is an outlier, so there may be more: raise top-j to count them all';
