// A multi-series line chart over training time t (spectrum, alignment, summary statistics):
// log or linear y, dashed reference lines, a legend, point markers (filled = outlier), and a
// tooltip listing every series at the hovered checkpoint.
import * as d3 from 'd3';
import { axisTitles, beginFrame, fmt, gridLines, type Size, placeholder, bottomGridAxis } from './frame';
import { em, type Theme } from './theme';
import { cartesianLayout, type CartesianLayout } from './layout/cartesian';
import { isCompact } from './layout/compact';
import { placeLabels, polylineObstacles } from './layout/collide';
import { textBox, type Box } from './layout/box';
import { measureFor, type TextMeasure } from './layout/measure';
import { candidateTicks, clearCorner, thinTicks } from './layout/ticks';
import { diamondMark, drawLegend, triangleMark, type LegendSwatch } from './legendMarks';

export interface LineSeries {
  key: string;
  label: string;
  color: string;
  dash?: string;
  width?: number;
  /** [x, y] pairs; non-finite y breaks the line */
  points: [number, number][];
  /** per point: true = filled marker, false = hollow, undefined = none */
  markers?: boolean[];
  /** skip in the tooltip (e.g. dozens of off-diagonal m_ab) */
  quiet?: boolean;
  /** per point: said after its value in the tooltip (e.g. why it is undefined) */
  notes?: (string | undefined)[];
  /**
   * 'diamonds': hollow diamonds at the points and no line (predictions beside measured points; `dash`
   * and `opacity` apply to their outline); 'triangles': filled upward triangles, likewise
   */
  style?: 'line' | 'diamonds' | 'triangles';
  /** diamonds, triangles: horizontal shift in pixels, so they sit beside the measured markers, not on them */
  offsetPx?: number;
  opacity?: number;
  /**
   * the drawn elements sit in a group with data-layer=<layer> (e.g. "theory") and carry
   * data-layer-series=<key> instead of data-series (which names the measured series only)
   */
  layer?: string;
}

export interface LegendEntry extends LegendSwatch {
  label: string;
  color: string;
  dash?: string;
  marker?: 'filled' | 'hollow' | 'diamond' | 'triangle';
  layer?: string;
}

export interface LineChartData {
  series: LineSeries[];
  xLabel: string;
  /** short name of x for the tooltip ("t") */
  xName?: string;
  yLabel: string;
  scale: 'log' | 'linear';
  yDomain?: [number, number];
  references?: { y: number; label: string }[];
  legend?: LegendEntry[];
  empty?: string;
  /** the current top-j eigenvalues drawn as marks in a strip right of the plot (the density folded away) */
  edgeMarks?: EdgeMarks;
  /** told the plot's vertical insets after each layout (a chart beside it lines its axis up with them) */
  onPlotInsets?: (insets: PlotInsets) => void;
}

export interface EdgeMarks {
  eigenvalues: number[];
  outliers: number;
  /** the count is a lower bound (every tracked eigenvalue is an outlier) */
  outliersAtLeast?: boolean;
  bulkEdge: number;
}

export interface PlotInsets {
  top: number;
  bottom: number;
}

export function yDomainOf(series: LineSeries[], scale: 'log' | 'linear', extra: number[] = []): [number, number] {
  const values = [...series.flatMap((s) => s.points.map((p) => p[1])), ...extra].filter(
    (v) => Number.isFinite(v) && (scale === 'linear' || v > 0),
  );
  if (values.length === 0) return scale === 'log' ? [1e-3, 1] : [0, 1];
  const [lo, hi] = d3.extent(values) as [number, number];
  if (scale === 'log') {
    if (lo === hi) return [lo / 2, hi * 2];
    return [lo / 1.25, hi * 1.25];
  }
  if (lo === hi) return [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.06;
  return [lo - pad, hi + pad];
}

type YScale = d3.ScaleLogarithmic<number, number> | d3.ScaleLinear<number, number>;

export interface LineChartLayout {
  layout: CartesianLayout;
  compact: boolean;
  x: d3.ScaleLinear<number, number>;
  y: YScale;
  xTicks: number[];
  yTicks: number[];
  /** reference labels placed inside the plot (the others joined the legend) */
  referenceLabels: { text: string; box: Box }[];
  legend: LegendSwatch[];
  /** width of the edge-mark strip right of the plot */
  strip: number;
}

function yScaleOf(data: LineChartData, domain: [number, number], h: number): YScale {
  return data.scale === 'log'
    ? d3.scaleLog().domain(domain).range([h, 0]).clamp(true)
    : d3.scaleLinear().domain(domain).range([h, 0]);
}

/** Where everything goes at this size: margins from the labels, thinned ticks, reference labels clear of the lines. */
export function layoutLineChart(
  data: LineChartData,
  size: Size,
  t: Theme,
  measure: TextMeasure,
  referencesInLegend = false,
): LineChartLayout {
  const compact = isCompact(size, t);
  const xs = data.series.flatMap((s) => s.points.map((p) => p[0]));
  const xExtent = xs.length ? (d3.extent(xs) as [number, number]) : [0, 1];
  if (xExtent[0] === xExtent[1]) xExtent[1] = xExtent[0] + 1;
  const domain =
    data.yDomain ??
    yDomainOf(
      data.series,
      data.scale,
      (data.references ?? []).map((r) => r.y),
    );
  const logValues = data.scale === 'log' ? logTickValues(domain) : undefined;
  const probeY = yScaleOf(data, domain, 100);
  // the finest ticks the axis could get at this height: their labels are the longest
  const yLabelCandidates = (logValues ?? probeY.ticks(Math.max(10, Math.ceil(size.height / em(t, 38))))).map((v) =>
    fmt(+v),
  );
  const xProbe = d3.scaleLinear().domain(xExtent).ticks(10);
  const labelled = (data.references ?? []).filter((r) => r.label);
  // a reference label that found no room in the plot leads the legend (a capped legend drops from the end)
  const legend: LegendSwatch[] = [
    ...(referencesInLegend ? labelled.map((r) => ({ label: r.label, color: t.fg, dash: '4 3' })) : []),
    ...(data.legend ?? []),
  ];
  const strip = data.edgeMarks ? em(t, 14) : 0;
  const layout = cartesianLayout({
    size,
    t,
    measure,
    compact,
    yTickLabels: yLabelCandidates,
    xEndLabels: [fmt(xProbe[0] ?? xExtent[0]), fmt(xProbe[xProbe.length - 1] ?? xExtent[1])],
    xTitle: data.xLabel,
    yTitle: data.yLabel,
    legend: legend.map((e) => e.label),
    extraRight: strip,
  });
  const { w, h, fonts } = layout;
  const x = d3.scaleLinear().domain(xExtent).range([0, w]);
  const y = yScaleOf(data, domain, h);
  const gap = em(t, compact ? 8 : 6);
  const xTicks = layout.xTickLabels
    ? thinTicks(candidateTicks(x, w, em(t, compact ? 90 : 70)), x, (v) => fmt(v), fonts.tick, measure, 'x', false, gap)
    : [];
  const yCandidates =
    logValues ??
    (data.scale === 'log'
      ? (y as d3.ScaleLogarithmic<number, number>).ticks()
      : candidateTicks(y, h, em(t, compact ? 48 : 38)));
  const yTicks = clearCorner(
    thinTicks(yCandidates, y, (v) => fmt(v), fonts.tick, measure, 'y', data.scale === 'log', em(t, 2)),
    y,
    xTicks,
    x,
    h,
    fmt,
    fonts.tick,
    measure,
    layout.tickPadding,
  );

  const referenceLabels: { text: string; box: Box }[] = [];
  if (!referencesInLegend && labelled.length) {
    const valid = (v: number) => Number.isFinite(v) && (data.scale === 'linear' || v > 0);
    const obstacles = data.series.flatMap((s) =>
      polylineObstacles(
        s.points.filter((p) => valid(p[1])).map((p) => [x(p[0]), y(p[1])]),
        2 + 2 * t.lineScale,
      ),
    );
    const candidates = labelled.map((ref, i) => {
      const yy = y(ref.y);
      const height = textBox(ref.label, 0, 0, fonts.tick, 'start', measure).height;
      const width = measure(ref.label, fonts.tick);
      return {
        priority: -i,
        item: ref.label,
        options: [
          { x: w - 4 - width, y: yy - 3 - height, width, height },
          { x: 4, y: yy - 3 - height, width, height },
          { x: w - 4 - width, y: yy + 3, width, height },
          { x: 4, y: yy + 3, width, height },
          { x: (w - width) / 2, y: yy - 3 - height, width, height },
          { x: (w - width) / 2, y: yy + 3, width, height },
        ],
      };
    });
    const { placed, dropped } = placeLabels(candidates, obstacles, { x: 0, y: 0, width: w, height: h });
    if (dropped.length) return layoutLineChart(data, size, t, measure, true);
    for (const p of placed) referenceLabels.push({ text: p.item, box: p.box });
  }
  return { layout, compact, x, y, xTicks, yTicks, referenceLabels, legend, strip };
}

export function drawLineChart(
  container: HTMLElement,
  data: LineChartData,
  size: Size,
  t: Theme,
  measure: TextMeasure = measureFor(t.font),
): void {
  const plan = layoutLineChart(data, size, t, measure);
  const { layout, x, y } = plan;
  const frame = beginFrame(container, size, t, layout.margin);
  const { svg, tooltip, margin: MARGIN, w, h, root } = frame;
  data.onPlotInsets?.({ top: MARGIN.top, bottom: MARGIN.bottom });
  const xs = data.series.flatMap((s) => s.points.map((p) => p[0]));

  bottomGridAxis(root, x, h, plan.xTicks, layout.tickPadding, t);
  const axis = d3
    .axisLeft(y)
    .tickValues(plan.yTicks)
    .tickSize(-w)
    .tickPadding(layout.tickPadding)
    .tickFormat((v) => fmt(+v));
  const yAxis = root.append('g').call(axis as never);
  gridLines(yAxis, t);
  axisTitles(frame, layout, t);

  for (const ref of data.references ?? []) {
    const yy = y(ref.y);
    if (!Number.isFinite(yy)) continue;
    root
      .append('line')
      .attr('class', 'reference')
      .attr('x1', 0)
      .attr('x2', w)
      .attr('y1', yy)
      .attr('y2', yy)
      .attr('stroke', t.fg)
      .attr('stroke-dasharray', '4 3')
      .attr('stroke-width', t.lineScale);
  }
  for (const label of plan.referenceLabels)
    root
      .append('text')
      .attr('class', 'reference-label')
      .attr('x', label.box.x)
      .attr('y', label.box.y + 0.95 * layout.fonts.tick)
      .attr('font-size', layout.fonts.tick)
      .attr('fill', t.muted)
      .text(label.text);

  const valid = (v: number) => Number.isFinite(v) && (data.scale === 'linear' || v > 0);
  const line = d3
    .line<[number, number]>()
    .defined((p) => valid(p[1]))
    .x((p) => x(p[0]))
    .y((p) => y(p[1]));
  const plot = root.append('g').attr('class', 'series');
  for (const s of data.series) {
    const group = s.layer ? plot.append('g').attr('data-layer', s.layer) : plot;
    if (s.style === 'diamonds' || s.style === 'triangles') {
      const triangles = s.style === 'triangles';
      group
        .append('g')
        .attr(s.layer ? 'data-layer-series' : 'data-series', s.key)
        .selectAll('path')
        .data(s.points.filter((p) => valid(p[1])))
        .join('path')
        .attr('d', (triangles ? triangleMark : diamondMark)(3.4 * t.pointScale))
        .attr('transform', (p) => `translate(${x(p[0]) + (s.offsetPx ?? 0)},${y(p[1])})`)
        .attr('fill', triangles ? s.color : t.bg)
        .attr('fill-opacity', triangles ? 0.85 : 0.6)
        .attr('stroke', s.color)
        .attr('stroke-width', 1.2 * t.lineScale)
        .attr('stroke-dasharray', s.dash ?? null)
        .attr('stroke-opacity', s.opacity ?? null);
      continue;
    }
    group
      .append('path')
      .attr('d', line(s.points))
      .attr('fill', 'none')
      .attr('stroke', s.color)
      .attr('stroke-width', (s.width ?? 1.6) * t.lineScale)
      .attr('stroke-dasharray', s.dash ?? null)
      .attr('stroke-opacity', s.opacity ?? null)
      .attr(s.layer ? 'data-layer-series' : 'data-series', s.key);
    if (s.markers) {
      const marks = s.points.map((p, i) => ({ p, m: s.markers![i] })).filter((d) => d.m !== undefined && valid(d.p[1]));
      group
        .append('g')
        .selectAll('circle')
        .data(marks)
        .join('circle')
        .attr('cx', (d) => x(d.p[0]))
        .attr('cy', (d) => y(d.p[1]))
        .attr('r', 2.6 * t.pointScale)
        .attr('fill', (d) => (d.m ? s.color : t.bg))
        .attr('stroke', s.color)
        .attr('stroke-width', 1.1 * t.lineScale);
    }
  }

  if (data.edgeMarks) {
    // the density folded away: the current eigenvalues as ticks in a strip right of the plot
    const marks = root
      .append('g')
      .attr('class', 'edge-marks')
      .attr('transform', `translate(${w + plan.strip * 0.25},0)`);
    const len = plan.strip * 0.6;
    const edgeY = y(data.edgeMarks.bulkEdge);
    if (Number.isFinite(edgeY))
      marks
        .append('line')
        .attr('class', 'edge-mark-edge')
        .attr('x1', 0)
        .attr('x2', len)
        .attr('y1', edgeY)
        .attr('y2', edgeY)
        .attr('stroke', t.muted)
        .attr('stroke-dasharray', '3 2')
        .attr('stroke-width', t.lineScale);
    data.edgeMarks.eigenvalues.forEach((v, i) => {
      if (!valid(v)) return;
      const out = i < data.edgeMarks!.outliers;
      marks
        .append('line')
        .attr('class', out ? 'outlier' : 'inbulk')
        .attr('x1', 0)
        .attr('x2', len)
        .attr('y1', y(v))
        .attr('y2', y(v))
        .attr('stroke', out ? '#D55E00' : t.muted)
        .attr('stroke-width', (out ? 1.8 : 1) * t.lineScale);
    });
    marks
      .append('title')
      .text(
        `now: the top-j eigenvalues (outliers orange) and the bulk edge (dashed)${data.edgeMarks!.outliersAtLeast ? '; every one is an outlier: raise top-j to see them all' : ''}`,
      );
  }

  if (data.series.length === 0 || xs.length === 0) {
    placeholder(root, w, h, t, data.empty ?? 'waiting for the first checkpoint…');
  }

  if (layout.legend) drawLegend(svg, layout.legend, plan.legend, layout.legendAt, layout.fonts.legend, t);

  // Tooltip: the checkpoint nearest to the pointer.
  const times = [...new Set(xs)].sort((a, b) => a - b);
  const rule = root
    .append('line')
    .attr('y1', 0)
    .attr('y2', h)
    .attr('stroke', t.muted)
    .attr('stroke-width', 1)
    .style('display', 'none');
  root
    .append('rect')
    .attr('width', w)
    .attr('height', h)
    .attr('fill', 'transparent')
    .on('pointermove', (event: PointerEvent) => {
      if (times.length === 0) return;
      const [mx, my] = d3.pointer(event);
      const tx = x.invert(mx);
      const i = d3.bisectCenter(times, tx);
      const at = times[i];
      rule.attr('x1', x(at)).attr('x2', x(at)).style('display', null);
      const lines = [`${data.xName ?? 't'} = ${fmt(at)}`];
      for (const s of data.series) {
        if (s.quiet) continue;
        const i = s.points.findIndex((q) => q[0] === at);
        if (i < 0) continue;
        const note = s.notes?.[i];
        const value = s.points[i][1];
        lines.push(`${s.label}: ${Number.isFinite(value) ? fmt(value) : '—'}${note ? ` (${note})` : ''}`);
      }
      tooltip.show(mx + MARGIN.left, my + MARGIN.top, lines.slice(0, 16));
    })
    .on('pointerleave', () => {
      rule.style('display', 'none');
      tooltip.hide();
    });
}

/** Over more than ~1 decade: 1-2-5 ticks (or only powers of ten over many decades); else d3's own. */
export function logTickValues([lo, hi]: [number, number]): number[] | undefined {
  const decades = Math.log10(hi / lo);
  if (!(decades > 1.2)) return undefined;
  const mults = decades > 3.5 ? [1] : [1, 2, 5];
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++)
    for (const m of mults) {
      const v = Number((m * 10 ** e).toPrecision(12));
      if (v >= lo && v <= hi) out.push(v);
    }
  return out;
}
