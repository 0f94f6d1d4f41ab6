// A multi-series line chart over training time t (spectrum, alignment, summary statistics):
// log or linear y, dashed reference lines, a legend, point markers (filled = outlier), and a
// tooltip listing every series at the hovered checkpoint.
import * as d3 from 'd3';
import { beginFrame, fmt, gridLines, type Margin, type Size } from './frame';
import { em, type Theme } from './theme';

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
  /** 'diamonds': hollow diamonds at the points and no line (predictions beside measured points) */
  style?: 'line' | 'diamonds';
  /** diamonds: horizontal shift in pixels, so they sit beside the measured markers, not on them */
  offsetPx?: number;
  opacity?: number;
  /**
   * the drawn elements sit in a group with data-layer=<layer> (e.g. "theory") and carry
   * data-layer-series=<key> instead of data-series (which names the measured series only)
   */
  layer?: string;
}

export interface LegendEntry {
  label: string;
  color: string;
  dash?: string;
  marker?: 'filled' | 'hollow' | 'diamond';
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
}

const BASE_MARGIN: Margin = { top: 12, right: 14, bottom: 38, left: 58 };

export function yDomainOf(series: LineSeries[], scale: 'log' | 'linear', extra: number[] = []): [number, number] {
  const values = [...series.flatMap((s) => s.points.map((p) => p[1])), ...extra].filter((v) => Number.isFinite(v) && (scale === 'linear' || v > 0));
  if (values.length === 0) return scale === 'log' ? [1e-3, 1] : [0, 1];
  let [lo, hi] = d3.extent(values) as [number, number];
  if (scale === 'log') {
    if (lo === hi) return [lo / 2, hi * 2];
    return [lo / 1.25, hi * 1.25];
  }
  if (lo === hi) return [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.06;
  return [lo - pad, hi + pad];
}

export function drawLineChart(container: HTMLElement, data: LineChartData, size: Size, t: Theme): void {
  const { tooltip, margin: MARGIN, w, h, root } = beginFrame(container, size, t, BASE_MARGIN);

  const xs = data.series.flatMap((s) => s.points.map((p) => p[0]));
  const xExtent = xs.length ? (d3.extent(xs) as [number, number]) : [0, 1];
  if (xExtent[0] === xExtent[1]) xExtent[1] = xExtent[0] + 1;
  const x = d3.scaleLinear().domain(xExtent).range([0, w]);
  const domain = data.yDomain ?? yDomainOf(data.series, data.scale, (data.references ?? []).map((r) => r.y));
  const y = data.scale === 'log' ? d3.scaleLog().domain(domain).range([h, 0]).clamp(true) : d3.scaleLinear().domain(domain).range([h, 0]);

  const yTicks = Math.max(2, Math.floor(h / em(t, 38)));
  const xAxis = root.append('g').attr('transform', `translate(0,${h})`).call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(w / em(t, 70)))).tickSize(-h).tickFormat((v) => fmt(+v)));
  gridLines(xAxis, t);
  const axis = d3.axisLeft(y).ticks(yTicks).tickSize(-w).tickFormat((v) => fmt(+v));
  if (data.scale === 'log') {
    const values = logTickValues(domain);
    if (values) axis.tickValues(values);
  }
  const yAxis = root.append('g').call(axis as never);
  gridLines(yAxis, t);

  root.append('text').attr('x', w / 2).attr('y', h + em(t, 32)).attr('text-anchor', 'middle').attr('fill', t.fg).text(data.xLabel);
  root.append('text').attr('transform', `translate(${-em(t, 44)},${h / 2}) rotate(-90)`).attr('text-anchor', 'middle').attr('fill', t.fg).text(data.yLabel);

  for (const ref of data.references ?? []) {
    const yy = y(ref.y);
    if (!Number.isFinite(yy)) continue;
    root.append('line').attr('x1', 0).attr('x2', w).attr('y1', yy).attr('y2', yy).attr('stroke', t.fg).attr('stroke-dasharray', '4 3').attr('stroke-width', t.lineScale);
    root.append('text').attr('x', w - 4).attr('y', yy - 4).attr('text-anchor', 'end').attr('fill', t.muted).text(ref.label);
  }

  const valid = (v: number) => Number.isFinite(v) && (data.scale === 'linear' || v > 0);
  const line = d3.line<[number, number]>().defined((p) => valid(p[1])).x((p) => x(p[0])).y((p) => y(p[1]));
  const plot = root.append('g').attr('class', 'series');
  const diamond = (r: number) => `M0,${-r}L${r},0L0,${r}L${-r},0Z`;
  for (const s of data.series) {
    const group = s.layer ? plot.append('g').attr('data-layer', s.layer) : plot;
    if (s.style === 'diamonds') {
      group.append('g').attr(s.layer ? 'data-layer-series' : 'data-series', s.key).selectAll('path').data(s.points.filter((p) => valid(p[1]))).join('path')
        .attr('d', diamond(3.4 * t.pointScale)).attr('transform', (p) => `translate(${x(p[0]) + (s.offsetPx ?? 0)},${y(p[1])})`)
        .attr('fill', t.bg).attr('fill-opacity', 0.6).attr('stroke', s.color).attr('stroke-width', 1.2 * t.lineScale).attr('stroke-opacity', s.opacity ?? null);
      continue;
    }
    group.append('path').attr('d', line(s.points)).attr('fill', 'none').attr('stroke', s.color).attr('stroke-width', (s.width ?? 1.6) * t.lineScale)
      .attr('stroke-dasharray', s.dash ?? null).attr('stroke-opacity', s.opacity ?? null).attr(s.layer ? 'data-layer-series' : 'data-series', s.key);
    if (s.markers) {
      const marks = s.points.map((p, i) => ({ p, m: s.markers![i] })).filter((d) => d.m !== undefined && valid(d.p[1]));
      group.append('g').selectAll('circle').data(marks).join('circle').attr('cx', (d) => x(d.p[0])).attr('cy', (d) => y(d.p[1])).attr('r', 2.6 * t.pointScale)
        .attr('fill', (d) => (d.m ? s.color : t.bg)).attr('stroke', s.color).attr('stroke-width', 1.1 * t.lineScale);
    }
  }

  if (data.series.length === 0 || xs.length === 0) {
    root.append('text').attr('x', w / 2).attr('y', h / 2).attr('text-anchor', 'middle').attr('fill', t.muted).text(data.empty ?? 'waiting for the first checkpoint…');
  }

  if (data.legend?.length) {
    const legend = root.append('g').attr('class', 'legend').attr('transform', `translate(8, ${em(t, 6)})`);
    let lx = 0;
    let ly = 0;
    for (const entry of data.legend) {
      const width = em(t, 26 + entry.label.length * 6.2);
      if (lx > 0 && lx + width > w - 12) {
        lx = 0;
        ly += em(t, 15);
      }
      const g = legend.append('g').attr('transform', `translate(${lx},${ly})`).attr('data-layer', entry.layer ?? null);
      g.append('rect').attr('x', -3).attr('y', -em(t, 6)).attr('width', width).attr('height', em(t, 13)).attr('fill', t.bg).attr('opacity', 0.85);
      if (entry.marker === 'diamond') g.append('path').attr('d', diamond(3.4 * t.pointScale)).attr('transform', `translate(${em(t, 7)},0)`).attr('fill', t.bg).attr('stroke', entry.color).attr('stroke-width', 1.2 * t.lineScale);
      else if (entry.marker) g.append('circle').attr('cx', em(t, 7)).attr('cy', 0).attr('r', 3 * t.pointScale).attr('fill', entry.marker === 'filled' ? entry.color : t.bg).attr('stroke', entry.color);
      else g.append('line').attr('x1', 0).attr('x2', em(t, 16)).attr('y1', 0).attr('y2', 0).attr('stroke', entry.color).attr('stroke-width', 2 * t.lineScale).attr('stroke-dasharray', entry.dash ?? null);
      g.append('text').attr('x', em(t, 20)).attr('y', em(t, 4)).attr('fill', t.fg).text(entry.label);
      lx += width + 6;
    }
  }

  // Tooltip: the checkpoint nearest to the pointer.
  const times = [...new Set(xs)].sort((a, b) => a - b);
  const rule = root.append('line').attr('y1', 0).attr('y2', h).attr('stroke', t.muted).attr('stroke-width', 1).style('display', 'none');
  root.append('rect').attr('width', w).attr('height', h).attr('fill', 'transparent')
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
        const p = s.points.find((q) => q[0] === at);
        if (p) lines.push(`${s.label}: ${fmt(p[1])}`);
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
