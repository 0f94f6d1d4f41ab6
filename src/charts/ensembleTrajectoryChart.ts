// The multi-seed figure of an ensemble: one block's alignment (top) and outlier count (bottom) over
// time, one faint line per seed, coloured by the seed's outcome (optimal classifier or not; one colour
// when the model has no diagnosis). Both panels share the time axis. An undefined alignment (null) is
// a gap in its line; outlier counts are integers, drawn as steps.
import * as d3 from 'd3';
import {
  axisTitles,
  beginFrame,
  bottomGridAxis,
  fmt,
  gridLines,
  placeholder,
  type ChartFrame,
  type Size,
} from './frame';
import { em, type Theme } from './theme';
import { cartesianLayout, type CartesianLayout } from './layout/cartesian';
import { isCompact } from './layout/compact';
import { measureFor, type TextMeasure } from './layout/measure';
import { candidateTicks, thinTicks } from './layout/ticks';
import { drawLegend, type LegendSwatch } from './legendMarks';

export type SeedOutcome = 'optimal' | 'suboptimal' | 'unknown';

export interface SeedLine {
  seed: number;
  outcome: SeedOutcome;
  time: number[];
  /** null: undefined at that checkpoint (a gap) */
  alignment: (number | null)[];
  outliers: number[];
}

export interface EnsembleTrajectoryData {
  seeds: SeedLine[];
  /** the block shown, for the axis titles ("H, layer2") */
  block: string;
  empty?: string;
}

/** Okabe–Ito green and vermillion: the histogram's "optimal" bar and its opposite */
export const OUTCOME_COLORS: Record<Exclude<SeedOutcome, 'unknown'>, string> = {
  optimal: '#009E73',
  suboptimal: '#D55E00',
};
const OUTCOME_LABELS: Record<SeedOutcome, string> = {
  optimal: 'optimal',
  suboptimal: 'not optimal',
  unknown: 'seeds',
};
/** faint enough that 100 overlapping seeds still show where most of them are */
const SEED_OPACITY = 0.4;

function outcomeColor(outcome: SeedOutcome, t: Theme): string {
  return outcome === 'unknown' ? t.palette[0] : OUTCOME_COLORS[outcome];
}

export function drawEnsembleTrajectoryChart(
  container: HTMLElement,
  data: EnsembleTrajectoryData,
  size: Size,
  t: Theme,
  measure: TextMeasure = measureFor(t.font),
): void {
  const compact = isCompact(size, t);
  const outcomes = (['optimal', 'suboptimal', 'unknown'] as const).filter((o) =>
    data.seeds.some((s) => s.outcome === o),
  );
  const legend: LegendSwatch[] = outcomes.map((o) => ({
    label: `${OUTCOME_LABELS[o]} (${data.seeds.filter((s) => s.outcome === o).length})`,
    color: outcomeColor(o, t),
  }));
  const times = data.seeds.flatMap((s) => s.time);
  const tMax = Math.max(d3.max(times) ?? 1, 1e-9);
  const x0 = d3.scaleLinear().domain([0, tMax]).nice();
  const xLabels = x0.ticks(6).map(fmt);
  const maxOutliers = Math.max(1, d3.max(data.seeds.flatMap((s) => s.outliers)) ?? 1);

  // the alignment panel on top (with the legend), the outlier panel under it with the time axis
  const topHeight = Math.round(size.height * 0.55);
  const topLayout = cartesianLayout({
    size: { width: size.width, height: topHeight },
    t,
    measure,
    compact,
    yTickLabels: ['0', '0.5', '1'],
    xEndLabels: xLabels,
    xTickLabels: false,
    yTitle: `alignment, ${data.block}`,
    legend: legend.length ? legend.map((l) => l.label) : undefined,
  });
  const bottomLayout = cartesianLayout({
    size: { width: size.width, height: size.height - topHeight },
    t,
    measure,
    compact,
    yTickLabels: d3.range(0, maxOutliers + 1).map(String),
    xEndLabels: [xLabels[0], xLabels[xLabels.length - 1]],
    xTitle: 'time t',
    yTitle: 'outliers',
  });
  // one left and right margin for both panels, so the time axes line up
  const left = Math.max(topLayout.margin.left, bottomLayout.margin.left);
  const right = Math.max(topLayout.margin.right, bottomLayout.margin.right);
  for (const layout of [topLayout, bottomLayout]) {
    layout.margin.left = left;
    layout.margin.right = right;
    layout.w = Math.max(10, size.width - left - right);
  }
  const frame = beginFrame(container, size, t, topLayout.margin);
  if (data.seeds.length === 0) {
    placeholder(
      frame.root,
      frame.w,
      Math.max(10, size.height - topLayout.margin.top - bottomLayout.margin.bottom),
      t,
      data.empty ?? 'no trajectories',
    );
    return;
  }
  const x = x0.copy().range([0, topLayout.w]);
  const top = { ...frame, w: topLayout.w, h: topLayout.h };
  const bottomRoot = frame.svg
    .append('g')
    .attr('transform', `translate(${left},${topHeight + bottomLayout.margin.top})`);
  const bottom: ChartFrame = {
    ...frame,
    root: bottomRoot,
    margin: bottomLayout.margin,
    w: bottomLayout.w,
    h: bottomLayout.h,
  };
  const ordered = [...data.seeds].sort((a, b) => outcomeRank(a.outcome) - outcomeRank(b.outcome));

  // alignment in [0, 1]
  const yA = d3.scaleLinear().domain([0, 1]).range([top.h, 0]);
  panelAxes(top, topLayout, x, yA, [0, 0.5, 1], false, t, measure);
  const lineA = d3
    .line<[number, number | null]>()
    .defined((p) => p[1] !== null && Number.isFinite(p[1]))
    .x((p) => x(p[0]))
    .y((p) => yA(p[1]!));
  seedLines(top.root, ordered, 'alignment', (s) => lineA(s.time.map((tt, i) => [tt, s.alignment[i] ?? null])), t);
  if (topLayout.legend && legend.length)
    drawLegend(frame.svg, topLayout.legend, legend, topLayout.legendAt, topLayout.fonts.legend, t);

  // outlier counts: integers, as steps
  const yO = d3
    .scaleLinear()
    .domain([0, maxOutliers + 0.25])
    .range([bottom.h, 0]);
  const oTicks = thinTicks(
    candidateTicks(yO, bottom.h, em(t, 24)).filter(Number.isInteger),
    yO,
    d3.format('~d'),
    bottomLayout.fonts.tick,
    measure,
    'y',
    false,
    em(t, 2),
  );
  panelAxes(bottom, bottomLayout, x, yO, oTicks, bottomLayout.xTickLabels, t, measure);
  const lineO = d3
    .line<[number, number]>()
    .curve(d3.curveStepAfter)
    .x((p) => x(p[0]))
    .y((p) => yO(p[1]));
  seedLines(bottom.root, ordered, 'outliers', (s) => lineO(s.time.map((tt, i) => [tt, s.outliers[i]])), t);
  axisTitles(bottom, bottomLayout, t);
  axisTitles(top, topLayout, t);
}

/** not-optimal seeds first, so the (rarer at K = 4) optimal ones are drawn on top */
function outcomeRank(o: SeedOutcome): number {
  return o === 'suboptimal' ? 0 : o === 'unknown' ? 1 : 2;
}

function panelAxes(
  frame: ChartFrame,
  layout: CartesianLayout,
  x: d3.ScaleLinear<number, number>,
  y: d3.ScaleLinear<number, number>,
  yTicks: number[],
  xLabels: boolean,
  t: Theme,
  measure: TextMeasure,
): void {
  const { root, w, h } = frame;
  const yAxis = root.append('g').call(
    d3
      .axisLeft(y)
      .tickValues(yTicks)
      .tickSize(-w)
      .tickPadding(layout.tickPadding)
      .tickFormat((v) => fmt(+v)),
  );
  gridLines(yAxis, t);
  const xTicks = thinTicks(candidateTicks(x, w, em(t, 60)), x, fmt, layout.fonts.tick, measure, 'x', false, em(t, 8));
  const xAxis = bottomGridAxis(root, x, h, xTicks, layout.tickPadding, t);
  if (!xLabels) xAxis.selectAll('.tick text').remove();
}

function seedLines(
  root: d3.Selection<SVGGElement, unknown, null, undefined>,
  seeds: SeedLine[],
  panel: 'alignment' | 'outliers',
  path: (s: SeedLine) => string | null,
  t: Theme,
): void {
  root
    .append('g')
    .attr('class', `seed-lines seed-lines-${panel}`)
    .selectAll('path')
    .data(seeds)
    .join('path')
    .attr('class', 'seed-line')
    .attr('data-seed', (s) => s.seed)
    .attr('data-outcome', (s) => s.outcome)
    .attr('data-panel', panel)
    .attr('d', (s) => path(s) ?? '')
    .attr('fill', 'none')
    .attr('stroke', (s) => outcomeColor(s.outcome, t))
    .attr('stroke-opacity', SEED_OPACITY)
    .attr('stroke-width', 1.4 * t.lineScale);
}
