// Checkpoint records → chart series. Pure functions (unit-tested): the panels call these and hand
// the result to the chart functions.
import * as d3 from 'd3';
import type { CheckpointRecord, SpectrumRecord } from '../engine/runFile';
import type { MatrixKind } from '../state/schema';
import type { LegendEntry, LineSeries } from './lineChart';
import { blockColor, classColor, sub, type Theme } from './theme';
import { countAbove, RAISE_TOP_J } from './outlierMarks';

export const TIME_LABEL = 'training time t = step·δ';

function spectrumOf(cp: CheckpointRecord, matrix: MatrixKind, block: string): SpectrumRecord | undefined {
  return cp.spectra.find((s) => s.matrix === matrix && s.block === block);
}

/** Top-j eigenvalues of one (matrix, block) over time, rank-coloured, outliers as filled markers, plus the bulk edge. */
export function spectrumSeries(
  checkpoints: CheckpointRecord[],
  matrix: MatrixKind,
  block: string,
  t: Theme,
): { series: LineSeries[]; legend: LegendEntry[] } {
  const records = checkpoints.map((cp) => ({ time: cp.time, s: spectrumOf(cp, matrix, block) })).filter((r) => r.s);
  const j = Math.max(0, ...records.map((r) => r.s!.eigenvalues.length));
  const shades = (i: number) => (j <= 1 ? classColor(t, 0) : interpolate(i / (j - 1), t));
  const series: LineSeries[] = [];
  for (let i = 0; i < j; i++) {
    series.push({
      key: `ev${i}`,
      label: `θ${sub(i + 1)}`,
      color: shades(i),
      width: i === 0 ? 2 : 1.4,
      points: records.map((r) => [r.time, r.s!.eigenvalues[i] ?? NaN]),
      markers: records.map((r) => i < countAbove(r.s!)),
      notes: i === j - 1 ? records.map((r) => (r.s!.outliersAtLeast ? RAISE_TOP_J : undefined)) : undefined,
    });
  }
  if (records.length) {
    series.push({
      key: 'edge',
      label: 'edge (an outlier is over 5 % above it)',
      color: t.muted,
      dash: '5 3',
      width: 1.4,
      points: records.map((r) => [r.time, r.s!.bulkEdge]),
    });
  }
  const legend: LegendEntry[] = [
    { label: `θ${sub(1)} … θ${sub(Math.max(j, 1))} (top-${j} of ${matrix}, ${block})`, color: shades(0) },
    { label: 'edge (an outlier is over 5 % above it)', color: t.muted, dash: '5 3' },
    { label: 'outlier', color: t.fg, marker: 'filled' },
    { label: 'in bulk', color: t.fg, marker: 'hollow' },
  ];
  return { series, legend };
}

/**
 * Dark blue → orange (cividis-like, colour-blind safe) for eigenvalue ranks; on a dark ground the
 * ramp starts at sky blue, since dark blue would vanish into the background.
 */
function interpolate(u: number, t: Theme): string {
  const a = d3.hsl(t.bg).l < 0.5 ? [86, 180, 233] : [0, 63, 125];
  const b = [230, 150, 30];
  const c = a.map((v, i) => Math.round(v + (b[i] - v) * u));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

/** Above this many neurons the layer1:i blocks share one legend entry and leave the tooltip. */
export const NEURON_LEGEND_LIMIT = 6;

/** Why an alignment is undefined (null), in words. */
const UNDEFINED_BECAUSE: Record<string, string> = {
  'no-outliers': 'undefined: no outliers, so no outlier space',
  gap: 'undefined: the outlier space is not separated from the next eigenvalue',
  rounding: 'undefined: its eigenvalues are at the spectrum’s floor (a dead block)',
};

/** What an alignment value is measured against, or why it is undefined (the tooltip's note). */
export function alignmentNote(s: SpectrumRecord): string {
  if (s.alignment === null) return UNDEFINED_BECAUSE[s.alignmentNote ?? ''] ?? 'undefined';
  // files written before the outlier-space alignment: measured against all j tracked eigenvectors
  if (s.alignmentDim === undefined) return `with the top-${s.eigenvalues.length} space`;
  const space = `with its ${s.alignmentDim}-dim outlier space`;
  if (s.alignmentNote === 'whole-block') return `${space}, the whole block`;
  return s.outliersAtLeast ? `${space} (≥ ${s.outliers} outliers: top-j is the limit)` : space;
}

/**
 * Alignment ‖P_out x_b‖/‖x_b‖ of every block with its outlier space, H solid, G dashed; undefined
 * values (null) break the line, and the tooltip says the space's dimension or why.
 */
export function alignmentSeries(
  checkpoints: CheckpointRecord[],
  t: Theme,
  /** G's name in labels and legend ("G (with ridge)" under gRidge) */
  gName = 'G',
): { series: LineSeries[]; legend: LegendEntry[] } {
  const keys: { matrix: MatrixKind; block: string }[] = [];
  for (const s of checkpoints[0]?.spectra ?? []) keys.push({ matrix: s.matrix, block: s.block });
  const neurons = new Set(keys.filter((k) => /^layer1:/.test(k.block)).map((k) => k.block)).size;
  const series: LineSeries[] = keys.map(({ matrix, block }) => ({
    key: `${matrix}:${block}`,
    label: `${matrix === 'G' ? gName : matrix} ${block}`,
    color: blockColor(t, block),
    dash: matrix === 'G' ? '5 3' : undefined,
    width: block === 'full' ? 2.2 : /^layer1:/.test(block) ? 1.1 : 1.5,
    // many neurons: their lines stay, the tooltip lists the aggregate blocks only
    quiet: neurons > NEURON_LEGEND_LIMIT && /^layer1:/.test(block) ? true : undefined,
    points: checkpoints.map((cp) => [cp.time, spectrumOf(cp, matrix, block)?.alignment ?? NaN]),
    notes: checkpoints.map((cp) => {
      const s = spectrumOf(cp, matrix, block);
      return s && alignmentNote(s);
    }),
  }));
  const blocks = [...new Set(keys.map((k) => k.block))];
  // 2-layer nets: one legend entry for all neuron blocks layer1:i once there are more than a few
  const grouped = neurons > NEURON_LEGEND_LIMIT ? blocks.filter((b) => !/^layer1:/.test(b)) : blocks;
  const legend: LegendEntry[] = [
    ...(grouped.length < blocks.length
      ? [{ label: `layer1:0…${neurons - 1} (one colour per neuron)`, color: blockColor(t, 'layer1:0') }]
      : []),
    ...grouped.map((block) => ({ label: block, color: blockColor(t, block) })),
    { label: 'H (solid)', color: t.muted },
    { label: `${gName} (dashed)`, color: t.muted, dash: '5 3' },
  ];
  return { series, legend };
}

/** a statistic's readers' names (the model's summaryNames), by its run-file key */
export type SummaryNames = Readonly<Record<string, string>>;

/**
 * The symbol of a statistic for a series label: its human name up to " = " or " (", less a trailing
 * "_i" (the entry's index is appended); the run-file key where the model names none.
 */
export function summarySymbol(key: string, names: SummaryNames): string {
  const name = names[key];
  if (!name) return key;
  return name.split(/ = | \(/)[0].replace(/_i$/, '');
}

/**
 * Summary statistics over time. softmax: m_ab = x^a·μ_b — the diagonal m_aa coloured by class, the
 * off-diagonal m_ab (a ≠ b) thin and grey. Other models: every entry of every 1-D/2-D statistic,
 * labelled with the model's names for them (`names`; the run-file keys where none is given).
 */
export function summarySeries(
  checkpoints: CheckpointRecord[],
  t: Theme,
  names: SummaryNames = {},
  /** where the statistics are read (the ODE's values use the same layout: theory/series.ts) */
  pick: (cp: CheckpointRecord) => CheckpointRecord['summary'] = (cp) => cp.summary,
): { series: LineSeries[]; legend: LegendEntry[]; yLabel: string } {
  const first = checkpoints[0] ? pick(checkpoints[0]) : undefined;
  if (!first) return { series: [], legend: [], yLabel: 'summary statistics' };
  if (Array.isArray(first.m) && Array.isArray((first.m as number[][])[0])) {
    const k = (first.m as number[][]).length;
    const series: LineSeries[] = [];
    for (let a = 0; a < k; a++)
      for (let b = 0; b < k; b++) {
        if (a === b) continue;
        series.push({
          key: `m${a}${b}`,
          label: `m${sub(a)}${sub(b)}`,
          color: '#b9c0ca',
          width: 0.9,
          quiet: k > 4,
          points: checkpoints.map((cp) => [cp.time, (pick(cp).m as number[][])[a][b]]),
        });
      }
    for (let a = 0; a < k; a++)
      series.push({
        key: `m${a}${a}`,
        label: `m${sub(a)}${sub(a)}`,
        color: classColor(t, a),
        width: 2,
        points: checkpoints.map((cp) => [cp.time, (pick(cp).m as number[][])[a][a]]),
      });
    return {
      series,
      legend: [
        { label: 'm_aa = x^a·μ_a', color: classColor(t, 0) },
        { label: 'm_ab (a ≠ b)', color: '#b9c0ca' },
      ],
      yLabel: 'm_ab = x^a·μ_b',
    };
  }
  const series: LineSeries[] = [];
  const keys = Object.keys(first).filter((key) => Array.isArray(first[key]));
  keys.forEach((name, n) => {
    const value = first[name] as number[] | number[][];
    const flat = (v: number[] | number[][]) => (Array.isArray(v[0]) ? (v as number[][]).flat() : (v as number[]));
    flat(value).forEach((_, i) =>
      series.push({
        key: `${name}${i}`,
        label: `${summarySymbol(name, names)}${sub(i)}`,
        color: classColor(t, i),
        dash: n % 2 === 1 ? '5 3' : undefined,
        width: 1.4,
        quiet: keys.length * flat(value).length > 16 && n > 1,
        points: checkpoints.map((cp) => [cp.time, flat(pick(cp)[name] as number[] | number[][])[i]]),
      }),
    );
  });
  return {
    series,
    legend: keys
      .slice(0, 4)
      .map((key, n) => ({ label: names[key] ?? key, color: t.fg, dash: n % 2 === 1 ? '5 3' : undefined })),
    yLabel: 'summary statistics',
  };
}
