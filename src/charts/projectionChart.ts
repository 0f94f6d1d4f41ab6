// Test samples projected on a 2-D plane, coloured by class (a <canvas>: M can be 16 000 points),
// with the means (crosses) and the weight vectors (arrows from the origin) on an SVG overlay.
import * as d3 from 'd3';
import { axisTitles, ensureCanvas, beginFrame, fmt, gridLines, type Size, placeholder, bottomGridAxis } from './frame';
import { classColor, em, sub, type Theme } from './theme';
import { cartesianLayout, type CartesianLayout } from './layout/cartesian';
import { placeLabels, polylineObstacles, ringsAroundPoint, type LabelCandidate } from './layout/collide';
import { isCompact } from './layout/compact';
import { equalUnitDomains } from './layout/equalUnits';
import { pointBox, type Box } from './layout/box';
import { LINE, measureFor, type TextMeasure } from './layout/measure';
import { candidateTicks, clearCorner, thinTicks } from './layout/ticks';
import { drawLegend } from './legendMarks';

export interface ProjectionChartData {
  axes: [string, string];
  points: Float32Array;
  clusters: Int32Array;
  clusterCount: number;
  weights: Float32Array;
  weightLabel: string;
  means: Float32Array;
  /** xor: clusters +μ, −μ, +ν, −ν */
  clusterNames?: string[];
}

/** Symmetric-ish view box: the 0.5–99.5 % range of the points, the means and the arrows. */
function extentOf(values: number[], extra: number[]): [number, number] {
  const sorted = values.slice().sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(p * (sorted.length - 1))))] ?? 0;
  let lo = Math.min(q(0.005), ...extra, 0);
  let hi = Math.max(q(0.995), ...extra, 0);
  if (hi - lo < 1e-9) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * 0.06;
  return [lo - pad, hi + pad];
}

export interface ProjectionLayout {
  layout: CartesianLayout;
  x: d3.ScaleLinear<number, number>;
  y: d3.ScaleLinear<number, number>;
  xTicks: number[];
  yTicks: number[];
  legend: string[];
}

function vectors(flat: Float32Array): [number, number][] {
  return Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i], flat[2 * i + 1]]);
}

/** Margins from the labels, then domains with equal units on x and y that fill the plotting area. */
export function layoutProjectionChart(
  data: ProjectionChartData,
  size: Size,
  t: Theme,
  measure: TextMeasure,
): ProjectionLayout {
  const compact = isCompact(size, t);
  const px: number[] = [];
  const py: number[] = [];
  for (let i = 0; i < data.points.length / 2; i++) {
    px.push(data.points[2 * i]);
    py.push(data.points[2 * i + 1]);
  }
  const extra = [...vectors(data.weights), ...vectors(data.means)];
  const rawX = extentOf(
    px,
    extra.map((v) => v[0]),
  );
  const rawY = extentOf(
    py,
    extra.map((v) => v[1]),
  );
  const names = legendNames(data);
  let domains = { x: rawX, y: rawY };
  let layout: CartesianLayout | undefined;
  // twice: the equal-unit domains change the tick labels, which change the margins
  for (let pass = 0; pass < 3; pass++) {
    const probeX = d3.scaleLinear().domain(domains.x).ticks(10);
    const next = cartesianLayout({
      size,
      t,
      measure,
      compact,
      yTickLabels: d3
        .scaleLinear()
        .domain(domains.y)
        .ticks(Math.max(10, Math.ceil(size.height / em(t, 40))))
        .map((v) => fmt(v)),
      xEndLabels: [fmt(probeX[0] ?? 0), fmt(probeX[probeX.length - 1] ?? 0)],
      xTitle: `Y·e₁,  e₁ = ${data.axes[0]}`,
      yTitle: `Y·e₂,  e₂ = ${data.axes[1]}`,
      legend: names,
    });
    const same = layout && Math.abs(layout.w - next.w) < 0.5 && Math.abs(layout.h - next.h) < 0.5;
    layout = next;
    domains = equalUnitDomains(rawX, rawY, layout.w, layout.h);
    if (same) break;
  }
  const { w, h, fonts } = layout!;
  const x = d3.scaleLinear().domain(domains.x).range([0, w]);
  const y = d3.scaleLinear().domain(domains.y).range([h, 0]);
  const gap = em(t, compact ? 8 : 6);
  const xTicks = layout!.xTickLabels
    ? thinTicks(candidateTicks(x, w, em(t, compact ? 90 : 70)), x, fmt, fonts.tick, measure, 'x', false, gap)
    : [];
  const yTicks = clearCorner(
    thinTicks(candidateTicks(y, h, em(t, compact ? 50 : 40)), y, fmt, fonts.tick, measure, 'y', false, em(t, 2)),
    y,
    xTicks,
    x,
    h,
    fmt,
    fonts.tick,
    measure,
    layout!.tickPadding,
  );
  return { layout: layout!, x, y, xTicks, yTicks, legend: names };
}

function legendNames(data: ProjectionChartData): string[] {
  return Array.from({ length: data.clusterCount }, (_, c) =>
    data.clusterNames ? (data.clusterNames[c] ?? `class ${c}`) : `class ${c}`,
  );
}

export function drawProjectionChart(
  container: HTMLElement,
  data: ProjectionChartData | undefined,
  size: Size,
  t: Theme,
  measure: TextMeasure = measureFor(t.font),
): void {
  const ctx = ensureCanvas(container, size);
  if (!data) {
    const { root, w, h } = beginFrame(container, size, t, { top: 10, right: 10, bottom: 10, left: 10 });
    placeholder(root, w, h, t, 'waiting for the first checkpoint…');
    return;
  }
  const plan = layoutProjectionChart(data, size, t, measure);
  const { layout, x, y } = plan;
  const frame = beginFrame(container, size, t, layout.margin);
  const { svg, tooltip, margin: MARGIN, w, h, root } = frame;
  const n = data.points.length / 2;
  const px: number[] = [];
  const py: number[] = [];
  for (let i = 0; i < n; i++) {
    px.push(data.points[2 * i]);
    py.push(data.points[2 * i + 1]);
  }
  const [wx, wy] = [vectors(data.weights).map((v) => v[0]), vectors(data.weights).map((v) => v[1])];
  const [mx, my] = [vectors(data.means).map((v) => v[0]), vectors(data.means).map((v) => v[1])];

  bottomGridAxis(root, x, h, plan.xTicks, layout.tickPadding, t);
  const yAxis = root.append('g').call(
    d3
      .axisLeft(y)
      .tickValues(plan.yTicks)
      .tickSize(-w)
      .tickPadding(layout.tickPadding)
      .tickFormat((v) => fmt(+v)),
  );
  gridLines(yAxis, t);
  axisTitles(frame, layout, t);

  // Points on the canvas, in the plot's coordinates (no canvas in Node: the SVG layers only).
  if (ctx) {
    ctx.save();
    ctx.beginPath();
    ctx.rect(MARGIN.left, MARGIN.top, w, h);
    ctx.clip();
    ctx.globalAlpha = n > 4000 ? 0.35 : 0.55;
    const r = (n > 4000 ? 1.3 : 1.8) * t.pointScale;
    for (let c = 0; c < data.clusterCount; c++) {
      ctx.fillStyle = classColor(t, c);
      ctx.beginPath();
      for (let i = 0; i < n; i++) {
        if (data.clusters[i] !== c) continue;
        const cx = MARGIN.left + x(px[i]);
        const cy = MARGIN.top + y(py[i]);
        ctx.moveTo(cx + r, cy);
        ctx.arc(cx, cy, r, 0, 2 * Math.PI);
      }
      ctx.fill();
    }
    ctx.restore();
  }

  const names = data.clusterNames ?? Array.from({ length: data.clusterCount }, (_, c) => `μ${sub(c)}`);
  const overlay = root.append('g');
  const cross = 5 * Math.max(1, t.lineScale * 0.7);
  // Means: crosses with a white halo.
  mx.forEach((vx, i) => {
    const g = overlay
      .append('g')
      .attr('class', 'mean')
      .attr('transform', `translate(${x(vx)},${y(my[i])})`);
    for (const [stroke, width] of [
      [t.bg, 4 * t.lineScale],
      [classColor(t, i), 2 * t.lineScale],
    ] as const) {
      g.append('path')
        .attr('d', `M${-cross},${-cross}L${cross},${cross}M${-cross},${cross}L${cross},${-cross}`)
        .attr('stroke', stroke)
        .attr('stroke-width', width);
    }
  });
  // Weight vectors: arrows from the origin.
  const defs = svg.append('defs');
  // the marker scales with the stroke: a head of ~7 light-theme stroke widths whatever the theme's lines
  const head = 7 / Math.sqrt(t.lineScale);
  defs
    .append('marker')
    .attr('id', 'arrowhead')
    .attr('viewBox', '0 0 10 10')
    .attr('refX', 9)
    .attr('refY', 5)
    .attr('markerWidth', head)
    .attr('markerHeight', head)
    .attr('orient', 'auto-start-reverse')
    .append('path')
    .attr('d', 'M0,0L10,5L0,10z')
    .attr('fill', 'context-stroke');
  const weightColor = (i: number) => (data.weightLabel === 'x' ? classColor(t, i) : t.fg);
  const weightName = (i: number) => (data.weightLabel === 'x' ? `x${superscript(i)}` : `W${sub(i)}`);
  wx.forEach((vx, i) => {
    overlay
      .append('line')
      .attr('x1', x(0))
      .attr('y1', y(0))
      .attr('x2', x(vx))
      .attr('y2', y(wy[i]))
      .attr('stroke', t.bg)
      .attr('stroke-width', 5 * t.lineScale);
    overlay
      .append('line')
      .attr('x1', x(0))
      .attr('y1', y(0))
      .attr('x2', x(vx))
      .attr('y2', y(wy[i]))
      .attr('stroke', weightColor(i))
      .attr('stroke-width', 2.2 * t.lineScale)
      .attr('marker-end', 'url(#arrowhead)')
      .attr('class', 'weight');
  });

  // Labels of the means and the arrows, placed around their points clear of every arrow and cross.
  const fs = layout.fonts.legend;
  const labelH = (LINE.ascent + LINE.descent) * fs;
  const arrowWidth = 2.2 * t.lineScale;
  const obstacles: Box[] = [
    ...wx.flatMap((vx, i) =>
      polylineObstacles(
        [
          [x(0), y(0)],
          [x(vx), y(wy[i])],
        ],
        arrowWidth / 2 + 1,
        4,
      ),
    ),
    // the arrowhead: head × stroke width long, its tip at the vector's end
    ...wx.map((vx, i) => pointBox(x(vx), y(wy[i]), 0.6 * head * arrowWidth)),
    ...mx.map((vx, i) => pointBox(x(vx), y(my[i]), cross + 1)),
  ];
  type Label = { text: string; color: string; weight: boolean };
  const candidates: LabelCandidate<Label>[] = [
    ...mx.map((vx, i) => ({
      priority: 1000 - i,
      item: { text: names[i] ?? '', color: t.fg, weight: false },
      options: ringsAroundPoint(x(vx), y(my[i]), measure(names[i] ?? '', fs), labelH, cross + 3),
    })),
    ...wx.map((vx, i) => ({
      priority: Math.hypot(x(vx) - x(0), y(wy[i]) - y(0)),
      item: { text: weightName(i), color: weightColor(i), weight: true },
      options: ringsAroundPoint(x(vx), y(wy[i]), measure(weightName(i), fs), labelH, 4 * arrowWidth + 2, [1, 1.8]),
    })),
  ].filter((c) => c.item.text);
  const { placed } = placeLabels(candidates, obstacles, { x: 0, y: 0, width: w, height: h });
  for (const p of placed) {
    overlay
      .append('text')
      .attr('class', p.item.weight ? 'weight-label' : 'mean-label')
      .attr('x', p.box.x)
      .attr('y', p.box.y + LINE.ascent * fs)
      .attr('font-size', fs)
      .attr('fill', p.item.color)
      .attr('font-weight', p.item.weight ? 600 : null)
      .attr('paint-order', 'stroke')
      .attr('stroke', t.bg)
      .attr('stroke-width', 3)
      .text(p.item.text);
  }

  // Legend of classes, above the plot.
  if (layout.legend)
    drawLegend(
      svg,
      layout.legend,
      plan.legend.map((label, c) => ({ label, color: classColor(t, c), marker: 'dot' as const })),
      layout.legendAt,
      layout.fonts.legend,
      t,
    );

  // Tooltip: nearest sample (its index is loaded and built on the first hover), or a weight/mean tip.
  let nearest: ((ex: number, ey: number) => number) | undefined;
  let lastPointer: [number, number] | undefined;
  const showTip = (ex: number, ey: number) => {
    const lines: string[] = [];
    const wi = wx.findIndex((vx, i) => Math.hypot(x(vx) - ex, y(wy[i]) - ey) < 8);
    if (wi >= 0) lines.push(`${weightName(wi)}: (${fmt(wx[wi])}, ${fmt(wy[wi])})`);
    const i = nearest ? nearest(ex, ey) : -1;
    if (i >= 0 && Math.hypot(x(px[i]) - ex, y(py[i]) - ey) < 10)
      lines.push(`sample ${i}, class ${data.clusters[i]}`, `(${fmt(px[i])}, ${fmt(py[i])})`);
    if (lines.length) tooltip.show(ex + MARGIN.left, ey + MARGIN.top, lines);
    else tooltip.hide();
  };
  let loading = false;
  root
    .append('rect')
    .attr('width', w)
    .attr('height', h)
    .attr('fill', 'transparent')
    .on('pointermove', (event: PointerEvent) => {
      const [ex, ey] = d3.pointer(event);
      lastPointer = [ex, ey];
      if (!nearest && !loading) {
        loading = true;
        void import('./nearestIndex').then(
          ({ nearestIndex }) => {
            nearest = nearestIndex(
              n,
              (i) => x(px[i]),
              (i) => y(py[i]),
            );
            if (lastPointer) showTip(...lastPointer);
          },
          () => {
            loading = false; // not loaded (offline?): weight tips only, and the next hover tries again
          },
        );
      }
      showTip(ex, ey);
    })
    .on('pointerleave', () => {
      lastPointer = undefined;
      tooltip.hide();
    });
}

const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
function superscript(n: number): string {
  return String(n).replace(/\d/g, (c) => SUP[Number(c)]);
}
