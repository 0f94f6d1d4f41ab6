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

/** The opacity of a prediction drawn only for reference (inside the bulk; an ODE that cannot predict). */
export const FAINT_OPACITY = 0.35;

/**
 * Spectrum chart: the predicted bulk edge (generalised Marchenko–Pastur at the current weights) as a
 * line; the outliers predicted at the run's λ (spiked weighted Wishart) as filled triangles; the λ → ∞
 * outlier positions as hollow diamonds — faint and dashed where they sit at or below the bulk edge,
 * where they predict no outlier. Legend entries name only what is drawn.
 */
export function theorySpectrumSeries(
  checkpoints: CheckpointRecord[],
  matrix: MatrixKind,
  block: string,
  lambda?: number,
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
  const atLambda = lambda === undefined ? 'at the run’s λ' : `at λ = ${fmtLambda(lambda)}`;
  const finiteJ = Math.max(0, ...records.map((r) => r.b!.finiteOutliers?.length ?? 0));
  for (let i = 0; i < finiteJ; i++)
    series.push({
      key: `theory:finite${i}`,
      label: `θ${sub(i + 1)} predicted ${atLambda} (theory)`,
      color: THEORY_COLOR,
      style: 'triangles',
      offsetPx: -5,
      layer: THEORY_LAYER,
      points: records.map((r) => [r.time, r.b!.finiteOutliers?.[i] ?? NaN]),
    });
  if (finiteJ > 0)
    legend.push({
      label: `outlier predicted ${atLambda} (theory)`,
      color: THEORY_COLOR,
      marker: 'triangle',
      layer: THEORY_LAYER,
    });
  const j = Math.max(0, ...records.map((r) => r.b!.limitOutliers?.length ?? 0));
  const inside = (r: (typeof records)[number], i: number) => r.b!.limitInsideBulk?.[i] === true;
  let drawnAbove = false;
  let drawnInside = false;
  for (let i = 0; i < j; i++) {
    const above: [number, number][] = records.map((r) => [
      r.time,
      inside(r, i) ? NaN : (r.b!.limitOutliers?.[i] ?? NaN),
    ]);
    const within: [number, number][] = records.map((r) => [r.time, inside(r, i) ? r.b!.limitOutliers![i] : NaN]);
    if (above.some((p) => Number.isFinite(p[1]))) {
      drawnAbove = true;
      series.push({
        key: `theory:limit${i}`,
        label: `θ${sub(i + 1)} λ→∞ (theory)`,
        color: THEORY_COLOR,
        style: 'diamonds',
        offsetPx: 5,
        layer: THEORY_LAYER,
        points: above,
      });
    }
    if (within.some((p) => Number.isFinite(p[1]))) {
      drawnInside = true;
      series.push({
        key: `theory:limitInside${i}`,
        label: `θ${sub(i + 1)} λ→∞ inside the bulk: no outlier (theory)`,
        color: THEORY_COLOR,
        style: 'diamonds',
        dash: INSIDE_DASH,
        opacity: FAINT_OPACITY,
        offsetPx: 5,
        layer: THEORY_LAYER,
        points: within,
      });
    }
  }
  if (drawnAbove)
    legend.push({ label: 'outlier λ → ∞ limit (theory)', color: THEORY_COLOR, marker: 'diamond', layer: THEORY_LAYER });
  if (drawnInside)
    legend.push({
      label: 'λ → ∞ value inside the bulk: no outlier predicted (theory)',
      color: THEORY_COLOR,
      marker: 'diamond',
      dash: INSIDE_DASH,
      opacity: FAINT_OPACITY,
      layer: THEORY_LAYER,
    });
  return { series, legend };
}

const INSIDE_DASH = '1.5 1.5';

function fmtLambda(lambda: number): string {
  return String(lambda);
}

/** The λ → ∞ outliers and bulk edge of one block at one checkpoint (for the density chart). */
export function theoryAt(cp: CheckpointRecord | undefined, matrix: MatrixKind, block: string): BlockTheory | undefined {
  return cp ? blockTheory(cp, matrix, block) : undefined;
}

/**
 * Summary chart: the effective-dynamics ODE (d → ∞) of the same statistics the SGD curves show, in the
 * same colours, dotted, with one legend entry "ODE (d→∞)". Where the record flags the ODE as no
 * prediction (theory.odeFlags: SGD's noise decides), the flagged curves are drawn faint — a neuron's
 * curves for the whole run, the whole ODE from the first flagged checkpoint on — with their own legend
 * entry saying why.
 */
export function odeSummarySeries(
  checkpoints: CheckpointRecord[],
  t: Theme,
  names: SummaryNames = {},
): { series: LineSeries[]; legend: LegendEntry[] } {
  const withOde = checkpoints.filter((cp) => cp.theory?.ode);
  if (withOde.length === 0) return { series: [], legend: [] };
  const { series } = summarySeries(withOde, t, names, (cp) => cp.theory!.ode!);
  const flags = withOde.flatMap((cp) => cp.theory!.odeFlags ?? []);
  const neurons = new Set(flags.flatMap((f) => (f.neuron === undefined ? [] : [f.neuron])));
  const wholeFrom = withOde.findIndex((cp) => cp.theory!.odeFlags?.some((f) => f.neuron === undefined));
  const first = withOde[0].theory!.ode!;
  const base = (s: LineSeries): LineSeries => ({
    ...s,
    key: `ode:${s.key}`,
    label: `${s.label} ODE`,
    dash: ODE_DASH,
    width: (s.width ?? 1.4) + 0.6,
    opacity: 0.85,
    quiet: true,
    layer: THEORY_LAYER,
  });
  const faint = (s: LineSeries, points: [number, number][]): LineSeries => ({
    ...base(s),
    key: `ode-faint:${s.key}`,
    label: `${s.label} ODE (not predictive)`,
    opacity: FAINT_OPACITY,
    points,
  });
  const out: LineSeries[] = [];
  for (const s of series) {
    if (neurons.size && neuronOfSeries(s.key, first, neurons)) out.push(faint(s, s.points));
    else if (wholeFrom >= 0) {
      // predictive up to the first flagged checkpoint, faint from there (sharing that point)
      const keep = s.points.map((p, i): [number, number] => [p[0], i <= wholeFrom ? p[1] : NaN]);
      const rest = s.points.map((p, i): [number, number] => [p[0], i >= wholeFrom ? p[1] : NaN]);
      if (wholeFrom > 0) out.push({ ...base(s), points: keep });
      out.push(faint(s, rest));
    } else out.push(base(s));
  }
  const legend: LegendEntry[] = [{ label: 'ODE (d→∞)', color: t.fg, dash: ODE_DASH, layer: THEORY_LAYER }];
  if (out.some((s) => s.key.startsWith('ode-faint:')))
    legend.push({
      label: neurons.size
        ? `faint: ODE not predictive for neuron${neurons.size > 1 ? 's' : ''} ${[...neurons].join(', ')} (cluster picked by SGD noise)`
        : `faint: ODE not predictive from t = ${withOde[wholeFrom].time.toFixed(1)} (SGD noise ≳ ¼ of ‖x‖²)`,
      color: t.fg,
      dash: ODE_DASH,
      opacity: FAINT_OPACITY,
      layer: THEORY_LAYER,
    });
  return { series: out, legend };
}

/**
 * Whether a summary series (key = field name + flat index) belongs to one of `neurons`: entry i of a
 * per-neuron vector, or row or column i of a per-neuron matrix (R⊥).
 */
function neuronOfSeries(key: string, summary: CheckpointRecord['summary'], neurons: Set<number>): boolean {
  const match = /^(.*?)(\d+)$/.exec(key);
  if (!match) return false;
  const value = summary[match[1]];
  const index = Number(match[2]);
  if (!Array.isArray(value)) return false;
  if (Array.isArray(value[0])) {
    const width = (value[0] as number[]).length;
    return neurons.has(Math.floor(index / width)) || neurons.has(index % width);
  }
  return neurons.has(index);
}
