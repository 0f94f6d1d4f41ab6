// Test samples projected on a 2-D plane, coloured by class (a <canvas>: M can be 16 000 points),
// with the means (crosses) and the weight vectors (arrows from the origin) on an SVG overlay.
import * as d3 from 'd3';
import { ensureCanvas, beginFrame, fmt, gridLines, type Margin, type Size } from './frame';
import { classColor, em, sub, type Theme } from './theme';

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

const BASE_MARGIN: Margin = { top: 12, right: 14, bottom: 38, left: 48 };

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

export function drawProjectionChart(container: HTMLElement, data: ProjectionChartData | undefined, size: Size, t: Theme): void {
  const ctx = ensureCanvas(container, size);
  const { svg, tooltip, margin: MARGIN, w, h, root } = beginFrame(container, size, t, BASE_MARGIN);
  if (!data) {
    root.append('text').attr('x', w / 2).attr('y', h / 2).attr('text-anchor', 'middle').attr('fill', t.muted).text('waiting for the first checkpoint…');
    return;
  }
  const n = data.points.length / 2;
  const px: number[] = [];
  const py: number[] = [];
  for (let i = 0; i < n; i++) {
    px.push(data.points[2 * i]);
    py.push(data.points[2 * i + 1]);
  }
  const wx: number[] = [];
  const wy: number[] = [];
  for (let i = 0; i < data.weights.length / 2; i++) {
    wx.push(data.weights[2 * i]);
    wy.push(data.weights[2 * i + 1]);
  }
  const mx: number[] = [];
  const my: number[] = [];
  for (let i = 0; i < data.means.length / 2; i++) {
    mx.push(data.means[2 * i]);
    my.push(data.means[2 * i + 1]);
  }
  const x = d3.scaleLinear().domain(extentOf(px, [...wx, ...mx])).range([0, w]);
  const y = d3.scaleLinear().domain(extentOf(py, [...wy, ...my])).range([h, 0]);

  const xAxis = root.append('g').attr('transform', `translate(0,${h})`).call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(w / em(t, 70)))).tickSize(-h).tickFormat((v) => fmt(+v)));
  gridLines(xAxis, t);
  const yAxis = root.append('g').call(d3.axisLeft(y).ticks(Math.max(2, Math.floor(h / em(t, 40)))).tickSize(-w).tickFormat((v) => fmt(+v)));
  gridLines(yAxis, t);
  root.append('text').attr('x', w / 2).attr('y', h + em(t, 32)).attr('text-anchor', 'middle').attr('fill', t.fg).text(`Y·e₁,  e₁ = ${data.axes[0]}`);
  root.append('text').attr('transform', `translate(${-em(t, 36)},${h / 2}) rotate(-90)`).attr('text-anchor', 'middle').attr('fill', t.fg).text(`Y·e₂,  e₂ = ${data.axes[1]}`);

  // Points on the canvas, in the plot's coordinates.
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

  const names = data.clusterNames ?? Array.from({ length: data.clusterCount }, (_, c) => `μ${sub(c)}`);
  const overlay = root.append('g');
  // Means: crosses with a white halo.
  mx.forEach((vx, i) => {
    const g = overlay.append('g').attr('transform', `translate(${x(vx)},${y(my[i])})`);
    for (const [stroke, width] of [[t.bg, 4 * t.lineScale], [classColor(t, i), 2 * t.lineScale]] as const) {
      g.append('path').attr('d', 'M-5,-5L5,5M-5,5L5,-5').attr('stroke', stroke).attr('stroke-width', width);
    }
    g.append('text').attr('x', 7).attr('y', -6).attr('fill', t.fg).attr('paint-order', 'stroke').attr('stroke', t.bg).attr('stroke-width', 3).text(names[i] ?? '');
  });
  // Weight vectors: arrows from the origin.
  const defs = svg.append('defs');
  defs.append('marker').attr('id', 'arrowhead').attr('viewBox', '0 0 10 10').attr('refX', 9).attr('refY', 5).attr('markerWidth', 7).attr('markerHeight', 7)
    .attr('orient', 'auto-start-reverse').append('path').attr('d', 'M0,0L10,5L0,10z').attr('fill', 'context-stroke');
  const weightColor = (i: number) => (data.weightLabel === 'x' ? classColor(t, i) : t.fg);
  wx.forEach((vx, i) => {
    overlay.append('line').attr('x1', x(0)).attr('y1', y(0)).attr('x2', x(vx)).attr('y2', y(wy[i])).attr('stroke', t.bg).attr('stroke-width', 5 * t.lineScale);
    overlay.append('line').attr('x1', x(0)).attr('y1', y(0)).attr('x2', x(vx)).attr('y2', y(wy[i])).attr('stroke', weightColor(i)).attr('stroke-width', 2.2 * t.lineScale)
      .attr('marker-end', 'url(#arrowhead)').attr('class', 'weight');
    const label = data.weightLabel === 'x' ? `x${superscript(i)}` : `W${sub(i)}`;
    overlay.append('text').attr('x', x(vx) + 5).attr('y', y(wy[i]) + 12).attr('fill', weightColor(i)).attr('font-weight', 600)
      .attr('paint-order', 'stroke').attr('stroke', t.bg).attr('stroke-width', 3).text(label);
  });

  // Legend of classes.
  const legend = root.append('g').attr('transform', `translate(8, ${em(t, 6)})`);
  let lx = 0;
  let ly = 0;
  names.slice(0, data.clusterCount).forEach((name, c) => {
    const text = data.clusterNames ? name : `class ${c}`;
    const width = em(t, 18 + text.length * 6.2);
    if (lx > 0 && lx + width > w - 8) {
      lx = 0;
      ly += em(t, 15);
    }
    const g = legend.append('g').attr('transform', `translate(${lx},${ly})`);
    lx += width + 4;
    g.append('rect').attr('x', -3).attr('y', -em(t, 6)).attr('width', width).attr('height', em(t, 13)).attr('fill', t.bg).attr('opacity', 0.85);
    g.append('circle').attr('cx', 3).attr('cy', 0).attr('r', 4 * t.pointScale).attr('fill', classColor(t, c));
    g.append('text').attr('x', em(t, 11)).attr('y', em(t, 4)).attr('fill', t.fg).text(text);
  });

  // Tooltip: nearest sample (Delaunay built lazily on the first hover), or a weight/mean tip.
  let delaunay: d3.Delaunay<number> | undefined;
  root.append('rect').attr('width', w).attr('height', h).attr('fill', 'transparent')
    .on('pointermove', (event: PointerEvent) => {
      const [ex, ey] = d3.pointer(event);
      delaunay ??= d3.Delaunay.from(d3.range(n), (i) => x(px[i]), (i) => y(py[i]));
      const lines: string[] = [];
      const wi = wx.findIndex((vx, i) => Math.hypot(x(vx) - ex, y(wy[i]) - ey) < 8);
      if (wi >= 0) lines.push(`${data.weightLabel === 'x' ? `x${superscript(wi)}` : `W${sub(wi)}`}: (${fmt(wx[wi])}, ${fmt(wy[wi])})`);
      const i = n > 0 ? delaunay.find(ex, ey) : -1;
      if (i >= 0 && Math.hypot(x(px[i]) - ex, y(py[i]) - ey) < 10) lines.push(`sample ${i}, class ${data.clusters[i]}`, `(${fmt(px[i])}, ${fmt(py[i])})`);
      if (lines.length) tooltip.show(ex + MARGIN.left, ey + MARGIN.top, lines);
      else tooltip.hide();
    })
    .on('pointerleave', () => tooltip.hide());
}

const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
function superscript(n: number): string {
  return String(n).replace(/\d/g, (c) => SUP[Number(c)]);
}
