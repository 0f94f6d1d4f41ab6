import type { SpectrumRecord } from '../engine/runFile';

/** How many of the leading eigenvalues are outliers (the engine's judgement, capped at j). */
export function countAbove(s: Pick<SpectrumRecord, 'outliers' | 'eigenvalues'>): number {
  return Math.min(s.outliers, s.eigenvalues.length);
}
