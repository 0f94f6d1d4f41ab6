// The theory layers as chart data: pure functions of the checkpoint records' `theory`
// (engine/theory.ts). Every element they produce carries layer = "theory", every label says what is
// theory, so the toggle can hide them and a reader can never mistake them for measurements.
import type { CheckpointRecord } from '../engine/runFile';
import type { BlockTheory } from '../engine/theory';
import type { MatrixKind } from '../state/schema';
import type { LegendEntry, LineSeries } from './lineChart';
import { summarySeries, type SummaryNames } from './series';
import { sub, type Theme } from './theme';

export const THEORY_LAYER = 'theory';
/** one colour for every prediction (reddish purple: apart from the rank and class colours) */
export const THEORY_COLOR = '#b0288f';
export const ODE_DASH = '2 3';

function blockTheory(cp: CheckpointRecord, matrix: MatrixKind, block: string): BlockTheory | undefined {
  return cp.theory?.blocks.find((b) => b.matrix === matrix && b.block === block);
}

/**
 * Spectrum chart: the predicted bulk edge (generalised Marchenko–Pastur at the current weights) as a
 * line, and the λ → ∞ outlier positions as hollow diamonds beside the measured top-j.
 */
export function theorySpectrumSeries(
  checkpoints: CheckpointRecord[],
  matrix: MatrixKind,
  block: string,
): { series: LineSeries[]; legend: LegendEntry[] } {
  const records = checkpoints.map((cp) => ({ time: cp.time, b: blockTheory(cp, matrix, block) })).filter((r) => r.b);
  const series: LineSeries[] = [];
  const legend: LegendEntry[] = [];
  if (records.some((r) => r.b!.bulkEdge !== undefined)) {
    series.push({
      key: 'theory:edge',
      label: 'bulk edge (theory)',
      color: THEORY_COLOR,
      dash: '7 3 2 3',
      width: 1.3,
      layer: THEORY_LAYER,
      points: records.map((r) => [r.time, r.b!.bulkEdge ?? NaN]),
    });
    legend.push({
      label: 'bulk edge (theory: generalised MP)',
      color: THEORY_COLOR,
      dash: '7 3 2 3',
      layer: THEORY_LAYER,
    });
  }
  const j = Math.max(0, ...records.map((r) => r.b!.limitOutliers?.length ?? 0));
  for (let i = 0; i < j; i++) {
    series.push({
      key: `theory:limit${i}`,
      label: `θ${sub(i + 1)} λ→∞ (theory)`,
      color: THEORY_COLOR,
      style: 'diamonds',
      offsetPx: 5,
      layer: THEORY_LAYER,
      points: records.map((r) => [r.time, r.b!.limitOutliers?.[i] ?? NaN]),
    });
  }
  if (j > 0)
    legend.push({ label: 'outlier λ→∞ (theory)', color: THEORY_COLOR, marker: 'diamond', layer: THEORY_LAYER });
  return { series, legend };
}

/** The λ → ∞ outliers and bulk edge of one block at one checkpoint (for the density chart). */
export function theoryAt(cp: CheckpointRecord | undefined, matrix: MatrixKind, block: string): BlockTheory | undefined {
  return cp ? blockTheory(cp, matrix, block) : undefined;
}

/**
 * Summary chart: the effective-dynamics ODE (d → ∞) of the same statistics the SGD curves show, in the
 * same colours, dotted, with one legend entry "ODE (d→∞)".
 */
export function odeSummarySeries(
  checkpoints: CheckpointRecord[],
  t: Theme,
  names: SummaryNames = {},
): { series: LineSeries[]; legend: LegendEntry[] } {
  const withOde = checkpoints.filter((cp) => cp.theory?.ode);
  if (withOde.length === 0) return { series: [], legend: [] };
  const { series } = summarySeries(withOde, t, names, (cp) => cp.theory!.ode!);
  return {
    series: series.map((s) => ({
      ...s,
      key: `ode:${s.key}`,
      label: `${s.label} ODE`,
      dash: ODE_DASH,
      width: (s.width ?? 1.4) + 0.6,
      opacity: 0.85,
      quiet: true,
      layer: THEORY_LAYER,
    })),
    legend: [{ label: 'ODE (d→∞)', color: t.fg, dash: ODE_DASH, layer: THEORY_LAYER }],
  };
}
