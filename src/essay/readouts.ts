// Numbers → the sentences that read a figure's current state. Pure (unit-tested): the essay's text
// is built from these, so what it says is what the figure shows.
import type { CheckpointRecord, SpectrumRecord } from '../engine/runFile';
import { countAbove } from '../charts/outlierMarks';

/** 3 significant digits, no trailing zeros; "−" for negatives (reads as a minus sign). */
export function num(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return '–';
  const text = Number(value.toPrecision(digits)).toString();
  return text.replace('-', '−');
}

/** "no outliers", "1 outlier", "4 outliers"; "at least 4 outliers" for a lower bound (every tracked eigenvalue is one) */
export function outlierWords(count: number, atLeast = false): string {
  if (count === 0) return 'no outliers';
  return `${atLeast ? 'at least ' : ''}${count} outlier${count === 1 && !atLeast ? '' : 's'}`;
}

/** An alignment for a sentence: its value, or "undefined" where it is null (no outlier space, or not resolved). */
export function alignmentWords(s: Pick<SpectrumRecord, 'alignment'>): string {
  return s.alignment === null ? 'undefined' : num(s.alignment);
}

/** Whether a block's outlier count at a checkpoint is a lower bound (every tracked eigenvalue is an outlier). */
export function outliersAtLeastAt(cp: CheckpointRecord | undefined, matrix: string, block: string): boolean {
  return spectrumAt(cp, matrix, block)?.outliersAtLeast === true;
}

export function spectrumAt(
  cp: CheckpointRecord | undefined,
  matrix: string,
  block: string,
): SpectrumRecord | undefined {
  return cp?.spectra.find((s) => s.matrix === matrix && s.block === block);
}

/** the outlier count the figures mark (filled markers): the engine's count, capped at the eigenvalues tracked */
export function outliersAt(cp: CheckpointRecord | undefined, matrix: string, block: string): number | undefined {
  const s = spectrumAt(cp, matrix, block);
  return s ? countAbove(s) : undefined;
}

/** XOR clusters in the engine's order. */
export const XOR_CLUSTERS = ['+μ', '−μ', '+ν', '−ν'] as const;

/** Clusters the classifier gets mostly wrong (accuracy below ½): the ones no neuron serves. */
export function unservedClusters(clusterAccuracy: number[] | undefined): string[] {
  return (clusterAccuracy ?? []).flatMap((acc, i) => (acc < 0.5 ? [XOR_CLUSTERS[i] ?? `cluster ${i}`] : []));
}

/** "+μ", "+μ and −ν", "+μ, −μ and +ν" */
export function listWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Largest |SGD − ODE| of the diagonal overlaps m_aa over the run (softmax summary). */
export function odeGap(checkpoints: CheckpointRecord[]): number {
  let gap = 0;
  for (const cp of checkpoints) {
    const sgd = cp.summary?.m as number[][] | undefined;
    const ode = cp.theory?.ode?.m as number[][] | undefined;
    if (!Array.isArray(sgd) || !Array.isArray(ode)) continue;
    sgd.forEach((row, a) => (gap = Math.max(gap, Math.abs(row[a] - ode[a][a]))));
  }
  return gap;
}
