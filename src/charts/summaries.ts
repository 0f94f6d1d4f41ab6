// One-paragraph text summaries of what each panel shows, for screen readers and slide notes. Pure
// functions of the same checkpoint records the charts draw (unit-tested).
import type { CheckpointRecord } from '../engine/runFile';
import type { MatrixKind } from '../state/schema';
import { fmt } from './frame';
import { sub } from './theme';

const range = (values: number[]) => {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? fmt(lo) : `${fmt(lo)}–${fmt(hi)}`;
};
const at = (c: CheckpointRecord) => `t = ${c.time.toFixed(2)} (step ${c.step.toLocaleString('en-US')})`;

export function spectrumSummary(checkpoints: readonly CheckpointRecord[], matrix: MatrixKind, block: string): string {
  const series = checkpoints
    .map((c) => ({ c, s: c.spectra.find((s) => s.matrix === matrix && s.block === block) }))
    .filter((r) => r.s);
  if (series.length === 0) return `Spectrum of ${matrix}, block ${block}: no checkpoint yet.`;
  const { c, s } = series[series.length - 1];
  const first = series[0];
  const out = Math.min(s!.outliers, s!.eigenvalues.length);
  const parts = [
    `Spectrum of ${matrix}, block ${block}, at ${at(c)}: ${s!.outliersAtLeast ? `all ${out}` : out} of the top ${s!.eigenvalues.length} eigenvalues are outliers above the bulk edge ${fmt(s!.bulkEdge)}${s!.outliersAtLeast ? ` (so ≥ ${out} in the block: raise top-j to count them all)` : ''}`,
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

export function alignmentSummary(checkpoints: readonly CheckpointRecord[]): string {
  if (checkpoints.length === 0) return 'Alignment: no checkpoint yet.';
  const last = checkpoints[checkpoints.length - 1];
  const first = checkpoints[0];
  // undefined alignments (null: no outlier space, or one not resolved) are left out of the ranges
  const defined = (values: (number | null)[]) => values.filter((a): a is number => a !== null);
  const of = (c: CheckpointRecord, m: MatrixKind) =>
    defined(c.spectra.filter((s) => s.matrix === m).map((s) => s.alignment));
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
    const values = defined(c.spectra.map((s) => s.alignment));
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
    if (Array.isArray(m) && Array.isArray(m[0]) && m.length === (m[0] as number[]).length) {
      const diag = (m as number[][]).map((row, a) => row[a]);
      const off = (m as number[][]).flatMap((row, a) => row.filter((_, b) => b !== a));
      parts.push(`At ${at(last)}: m_aa = x^a·μ_a ${range(diag)}${off.length ? `, m_ab (a ≠ b) ${range(off)}` : ''}.`);
    } else {
      const ranges = Object.entries(last.summary).map(
        ([key, value]) => `${names[key] ?? key} ${range((value as number[] | number[][]).flat())}`,
      );
      parts.push(`At ${at(last)}: ${ranges.join('; ')}.`);
    }
  }
  return parts.join(' ');
}
