// One-paragraph text summaries of what each panel shows, for screen readers and slide notes. Pure
// functions of the same checkpoint records the charts draw (unit-tested).
import type { CheckpointRecord, SpectrumRecord } from '../engine/runFile';
import type { MatrixKind } from '../state/schema';
import { fmt } from './frame';
import { outlierCountText } from './outlierMarks';
import { sub } from './theme';

const range = (all: number[]) => {
  // typed-array rows flatten to objects, not numbers: only numbers count, and none reads "none"
  const values = all.filter((v) => typeof v === 'number' && Number.isFinite(v));
  if (values.length === 0) return 'none';
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? fmt(lo) : `${fmt(lo)}–${fmt(hi)}`;
};
const at = (c: CheckpointRecord) => `t = ${c.time.toFixed(2)} (step ${c.step.toLocaleString('en-US')})`;

/** Every number in a (nested) array, typed arrays included. */
function flatNumbers(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value) || ArrayBuffer.isView(value))
    return Array.from(value as ArrayLike<unknown>).flatMap(flatNumbers);
  return [];
}

export function spectrumSummary(checkpoints: readonly CheckpointRecord[], matrix: MatrixKind, block: string): string {
  const series = checkpoints
    .map((c) => ({ c, s: c.spectra.find((s) => s.matrix === matrix && s.block === block) }))
    .filter((r) => r.s);
  if (series.length === 0) return `Spectrum of ${matrix}, block ${block}: no checkpoint yet.`;
  const { c, s } = series[series.length - 1];
  const first = series[0];
  const parts = [
    `Spectrum of ${matrix}, block ${block}, at ${at(c)}: ${countedOutliers(s!)}`,
    `(θ₁ = ${fmt(s!.eigenvalues[0])}${s!.eigenvalues.length > 1 ? `, θ${sub(s!.eigenvalues.length)} = ${fmt(s!.eigenvalues[s!.eigenvalues.length - 1])}` : ''}).`,
  ];
  if (series.length > 1) {
    parts.push(
      `At t = ${first.c.time.toFixed(2)} there ${first.s!.outliers === 1 ? 'was 1 outlier' : `were ${first.s!.outliers} outliers`}.`,
    );
    const reached = series.find((r) => r.s!.outliers >= s!.outliers && s!.outliers > first.s!.outliers);
    if (reached) parts.push(`The count first reached ${s!.outliers} at t = ${reached.c.time.toFixed(2)}.`);
  }
  return parts.join(' ');
}

/**
 * "3 of the top 4 eigenvalues are counted as outliers"; where every computed eigenvalue is an outlier the
 * count is capped by top-j, and the sentence says so.
 */
function countedOutliers(s: SpectrumRecord): string {
  const j = s.eigenvalues.length;
  const out = Math.min(s.outliers, j);
  const edge = `above the bulk edge ${fmt(s.bulkEdge)}`;
  // a file without the flag: every computed eigenvalue counted reads as capped
  const capped = s.outliersAtLeast ?? out === j;
  if (out === j && j > 1 && capped)
    return `all ${j} of the top ${j} eigenvalues are counted as outliers ${edge} (the count cannot exceed top-j = ${j}: ≥ ${j} in the block; raise top-j to count them all)`;
  if (out === j && j > 1) return `all ${j} of the top ${j} eigenvalues are counted as outliers ${edge}`;
  return `${out} of the top ${j} eigenvalue${j === 1 ? '' : 's'} ${out === 1 ? 'is' : 'are'} counted as outlier${out === 1 ? '' : 's'} ${edge}`;
}

/** The spectrum panel's one-line "now": the outlier count of the block at the last checkpoint. */
export function outliersNow(s: SpectrumRecord | undefined): string {
  if (!s) return '';
  const capped = s.outliersAtLeast ?? s.outliers >= s.eigenvalues.length;
  return `Now: ${outlierCountText({ outliers: s.outliers, outliersAtLeast: capped })} outlier${s.outliers === 1 ? '' : 's'} above the edge${capped ? ' (raise top-j to count more)' : ''}.`;
}

/** A block's alignment where it is defined (a finite number). */
const definedAlignments = (spectra: readonly SpectrumRecord[]) =>
  spectra.map((s) => s.alignment as number | null).filter((a): a is number => Number.isFinite(a));

/** The alignment panel's one-line "now": the lowest alignment over the blocks where it is defined. */
export function alignmentNow(last: CheckpointRecord | undefined): string {
  if (!last) return '';
  const values = definedAlignments(last.spectra);
  const undefinedNow = last.spectra.length - values.length;
  if (!values.length) return undefinedNow ? ' Now: undefined for every block.' : '';
  return ` Now: every block ≥ ${Math.min(...values).toFixed(3)}${undefinedNow ? `, ${undefinedNow} undefined` : ''}.`;
}

export function alignmentSummary(checkpoints: readonly CheckpointRecord[]): string {
  if (checkpoints.length === 0) return 'Alignment: no checkpoint yet.';
  const last = checkpoints[checkpoints.length - 1];
  const first = checkpoints[0];
  const of = (c: CheckpointRecord, m: MatrixKind) => definedAlignments(c.spectra.filter((s) => s.matrix === m));
  const parts = [
    `Alignment ‖P_top x_b‖/‖x_b‖ of ${new Set(last.spectra.map((s) => s.block)).size} blocks at ${at(last)}:`,
  ];
  for (const m of ['H', 'G'] as const) {
    if (!last.spectra.some((s) => s.matrix === m)) continue;
    const now = of(last, m);
    const before = of(first, m);
    const from =
      checkpoints.length > 1 && before.length ? ` (from ${range(before)} at t = ${first.time.toFixed(2)})` : '';
    parts.push(`${m} ${now.length ? range(now) : 'undefined'}${from};`);
  }
  const all = (c: CheckpointRecord) => {
    const values = definedAlignments(c.spectra);
    return values.length ? Math.min(...values) : NaN;
  };
  const since = checkpoints.findIndex((_, i) => checkpoints.slice(i).every((d) => all(d) >= 0.9));
  parts.push(
    since >= 0
      ? `every block ≥ 0.9 from t = ${checkpoints[since].time.toFixed(2)} on.`
      : Number.isFinite(all(last))
        ? `lowest block now ${fmt(all(last))}.`
        : 'no block has a defined alignment now.',
  );
  const undefinedNow = last.spectra.filter((s) => s.alignment === null).length;
  if (undefinedNow)
    parts.push(
      `Undefined now for ${undefinedNow} of ${last.spectra.length} (matrix, block) pairs (no outlier space, or one not resolved from the rest of the spectrum).`,
    );
  return parts.join(' ');
}

export function projectionSummary(
  checkpoints: readonly CheckpointRecord[],
  plane: { axes: [string, string]; samples: number; classes: number } | undefined,
  /** the model's names of its statistics, by run-file key */
  names: Readonly<Record<string, string>> = {},
): string {
  const last = checkpoints[checkpoints.length - 1];
  const parts: string[] = [];
  parts.push(
    plane
      ? `${plane.samples.toLocaleString('en-US')} test samples of ${plane.classes} clusters and the weight vectors, projected on the plane (${plane.axes[0]}, ${plane.axes[1]}).`
      : 'No projection (no data yet, or none in this file).',
  );
  if (last) {
    const m = last.summary.m;
    // softmax: m is k×k (x^a·μ_b); a 2-layer net's m is K×k (W_i·μ_a), which has no diagonal to speak of
    // even where K = k: it is told apart by its second-layer weights (V or v)
    const twoLayer = 'V' in last.summary || 'v' in last.summary;
    if (!twoLayer && Array.isArray(m) && Array.isArray(m[0]) && m.length === (m[0] as number[]).length) {
      const diag = (m as number[][]).map((row, a) => row[a]);
      const off = (m as number[][]).flatMap((row, a) => row.filter((_, b) => b !== a));
      parts.push(`At ${at(last)}: m_aa = x^a·μ_a ${range(diag)}${off.length ? `, m_ab (a ≠ b) ${range(off)}` : ''}.`);
    } else {
      const ranges = Object.entries(last.summary).map(
        ([key, value]) => `${names[key] ?? key} ${range(flatNumbers(value))}`,
      );
      parts.push(`At ${at(last)}: ${ranges.join('; ')}.`);
    }
  }
  return parts.join(' ');
}
