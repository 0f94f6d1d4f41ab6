// Shared scaffolding of a chart: an <svg> (and optionally a <canvas> under it) inside the
// container, created once and resized on every draw, plus a tooltip <div>.
import * as d3 from 'd3';
import { em, type Theme } from './theme';
import type { CartesianLayout } from './layout/cartesian';
import { LINE } from './layout/measure';

export interface Size {
  width: number;
  height: number;
}

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export function ensureSvg(
  container: HTMLElement,
  size: Size,
  t: Theme,
): d3.Selection<SVGSVGElement, unknown, null, undefined> {
  const root = d3.select(container).style('position', 'relative');
  let svg = root.select<SVGSVGElement>('svg.chart');
  if (svg.empty())
    svg = root.append('svg').attr('class', 'chart').style('position', 'absolute').style('left', 0).style('top', 0);
  svg
    .attr('width', size.width)
    .attr('height', size.height)
    .attr('viewBox', `0 0 ${size.width} ${size.height}`)
    .style('font-family', t.font)
    .style('font-size', `${t.fontSize}px`)
    .style('color', t.fg);
  return svg;
}

/** A canvas for dense point clouds, sized for the device pixel ratio (undefined where there is no 2-D canvas: Node). */
export function ensureCanvas(container: HTMLElement, size: Size): CanvasRenderingContext2D | undefined {
  const root = d3.select(container);
  let canvas = root.select<HTMLCanvasElement>('canvas.chart');
  if (canvas.empty())
    canvas = root
      .insert('canvas', ':first-child')
      .attr('class', 'chart')
      .style('position', 'absolute')
      .style('left', 0)
      .style('top', 0);
  const ratio = Math.min(2, globalThis.devicePixelRatio || 1);
  const node = canvas.node()!;
  node.width = Math.round(size.width * ratio);
  node.height = Math.round(size.height * ratio);
  node.style.width = `${size.width}px`;
  node.style.height = `${size.height}px`;
  const ctx = node.getContext('2d');
  if (!ctx) return undefined;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, size.width, size.height);
  return ctx;
}

export interface Tooltip {
  show(x: number, y: number, lines: string[]): void;
  hide(): void;
}

/** Tooltip text is set with textContent: values never become HTML. */
export function ensureTooltip(container: HTMLElement, size: Size): Tooltip {
  const root = d3.select(container);
  let tip = root.select<HTMLDivElement>('div.chart-tooltip');
  if (tip.empty())
    tip = root.append('div').attr('class', 'chart-tooltip').attr('role', 'tooltip').style('display', 'none');
  return {
    show(x, y, lines) {
      tip
        .style('display', 'block')
        .selectAll('div')
        .data(lines)
        .join('div')
        .text((d) => d);
      const node = tip.node()!;
      const w = node.offsetWidth;
      const h = node.offsetHeight;
      const left = x + 14 + w > size.width ? x - 14 - w : x + 14;
      const top = Math.max(0, Math.min(size.height - h, y - h / 2));
      tip.style('left', `${left}px`).style('top', `${top}px`);
    },
    hide() {
      tip.style('display', 'none');
    },
  };
}

export function gridLines(g: d3.Selection<SVGGElement, unknown, null, undefined>, t: Theme): void {
  // d3's axis writes font-size 10 / sans-serif: follow the theme instead (slides: large type).
  g.attr('font-size', em(t, 10)).attr('font-family', t.font).attr('class', 'axis');
  g.selectAll('.tick line').attr('stroke', t.grid);
  g.select('.domain').remove();
  g.selectAll('.tick text').attr('fill', t.muted);
}

/** The x axis at the bottom of a plot h high, its ticks drawn across the plot as grid lines. */
export function bottomGridAxis(
  root: d3.Selection<SVGGElement, unknown, null, undefined>,
  x: d3.AxisScale<d3.NumberValue>,
  h: number,
  ticks: number[],
  padding: number,
  t: Theme,
): d3.Selection<SVGGElement, unknown, null, undefined> {
  const axis = root
    .append('g')
    .attr('transform', `translate(0,${h})`)
    .call(
      d3
        .axisBottom(x)
        .tickValues(ticks)
        .tickSize(-h)
        .tickPadding(padding)
        .tickFormat((v) => fmt(+v)),
    );
  gridLines(axis, t);
  return axis;
}

/** A muted line of text in the middle of an empty chart (waiting for data, nothing to draw). */
export function placeholder(
  root: d3.Selection<SVGGElement, unknown, null, undefined>,
  w: number,
  h: number,
  t: Theme,
  text: string,
): void {
  root
    .append('text')
    .attr('x', w / 2)
    .attr('y', h / 2)
    .attr('text-anchor', 'middle')
    .attr('fill', t.muted)
    .text(text);
}

/** Plain number formatting for axes and tooltips: 3 significant digits, scientific when tiny or huge. */
export function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const a = Math.abs(value);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return value.toExponential(2);
  return d3.format('.3~g')(value);
}

export interface ChartFrame {
  svg: d3.Selection<SVGSVGElement, unknown, null, undefined>;
  tooltip: Tooltip;
  /** the themed margin */
  margin: Margin;
  /** plotting area inside the margin */
  w: number;
  h: number;
  /** a <g> translated to the plotting area */
  root: d3.Selection<SVGGElement, unknown, null, undefined>;
}

/** Clears the chart and lays out its plotting area inside the given margin (see layout/cartesian.ts). */
export function beginFrame(container: HTMLElement, size: Size, t: Theme, margin: Margin): ChartFrame {
  const svg = ensureSvg(container, size, t);
  const tooltip = ensureTooltip(container, size);
  svg.selectAll('*').remove();
  const w = Math.max(10, size.width - margin.left - margin.right);
  const h = Math.max(10, size.height - margin.top - margin.bottom);
  const root = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);
  return { svg, tooltip, margin, w, h, root };
}

/** The axis titles of a cartesian layout: x centred under the plot, y rotated beside the tick labels. */
export function axisTitles(frame: ChartFrame, layout: CartesianLayout, t: Theme, xCentre = frame.w / 2): void {
  const { root, h, margin } = frame;
  const fs = layout.fonts.title;
  const lineH = LINE.height * fs;
  const x0 = h + layout.tickPadding + LINE.height * layout.fonts.tick + layout.pad * 0.5 + LINE.ascent * fs;
  const centre = Math.max(
    Math.min(xCentre, frame.w + margin.right - halfWidest(layout.xTitle, fs, layout)),
    -margin.left + halfWidest(layout.xTitle, fs, layout),
  );
  layout.xTitle.forEach((line, i) => {
    root
      .append('text')
      .attr('class', 'axis-title')
      .attr('x', centre)
      .attr('y', x0 + i * lineH)
      .attr('text-anchor', 'middle')
      .attr('font-size', fs)
      .attr('fill', t.fg)
      .text(line);
  });
  layout.yTitle.forEach((line, i) => {
    const baseline = -margin.left + layout.pad + LINE.ascent * fs + i * lineH;
    root
      .append('text')
      .attr('class', 'axis-title')
      .attr('transform', `translate(${baseline},${h / 2}) rotate(-90)`)
      .attr('text-anchor', 'middle')
      .attr('font-size', fs)
      .attr('fill', t.fg)
      .text(line);
  });
}

function halfWidest(lines: string[], fs: number, layout: CartesianLayout): number {
  return Math.max(0, ...lines.map((l) => layout.measure(l, fs) / 2)) + layout.pad;
}
