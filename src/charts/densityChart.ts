// The spectral density of one block at the current checkpoint, drawn sideways so that its
// eigenvalue axis lines up with the spectrum chart beside it: SLQ quadrature (nodes, weights)
// smoothed with a Gaussian kernel in the displayed coordinate (log or linear), the bulk edge, and
// the top-j eigenvalues as ticks (outliers solid); optionally the theory layer (predicted bulk density
// smoothed the same way, its edge, the λ → ∞ outliers as diamonds).
import * as d3 from 'd3';
import { beginFrame, fmt, gridLines, type Margin, type Size } from './frame';
import { em, sub, type Theme } from './theme';
import { THEORY_COLOR, THEORY_LAYER } from './theorySeries';

export interface DensityChartData {
  nodes: ArrayLike<number>;
  weights: ArrayLike<number>;
  eigenvalues: number[];
  outliers: number;
  bulkEdge: number;
  scale: 'log' | 'linear';
  /** the eigenvalue domain shared with the spectrum chart */
  yDomain: [number, number];
  label: string;
  /** theory layer (optional): the limiting bulk of the block and its λ → ∞ outliers */
  theory?: DensityTheory;
}

export interface DensityTheory {
  /** eigenvalue grid and the limiting density per unit eigenvalue there (engine/theory.ts bulkCurve) */
  x: ArrayLike<number>;
  density: ArrayLike<number>;
  /** fraction of the eigenvalues at exactly the shift (β for H, 0 for G) */
  atom: number;
  shift: number;
  edge: number;
  limitOutliers?: number[];
}

/**
 * The limiting density smoothed exactly like the SLQ density (same kernel on the same displayed axis),
 * so that the two curves are comparable point by point: grid cells become point masses f(x_i)·Δx_i
 * (trapezoid) and the atom a mass at the shift.
 */
export function smoothTheoryOnAxis(theory: DensityTheory, domain: [number, number], scale: 'log' | 'linear', n = 160): { at: number[]; density: number[] } {
  const count = theory.x.length;
  const nodes: number[] = [];
  const masses: number[] = [];
  for (let i = 0; i < count; i++) {
    const left = i > 0 ? theory.x[i - 1] : theory.shift;
    const right = i + 1 < count ? theory.x[i + 1] : theory.x[i];
    nodes.push(theory.x[i]);
    masses.push((theory.density[i] * (right - left)) / 2);
  }
  if (theory.atom > 0) {
    nodes.push(theory.shift);
    masses.push(theory.atom);
  }
  return smoothOnAxis(nodes, masses, domain, scale, n);
}

const BASE_MARGIN: Margin = { top: 12, right: 12, bottom: 38, left: 12 };

/** Smoothed density on `n` points of the displayed axis; width = 2% of the axis. */
export function smoothOnAxis(nodes: ArrayLike<number>, weights: ArrayLike<number>, domain: [number, number], scale: 'log' | 'linear', n = 160): { at: number[]; density: number[] } {
  const f = scale === 'log' ? (v: number) => Math.log10(Math.max(v, domain[0])) : (v: number) => v;
  const lo = f(domain[0]);
  const hi = f(domain[1]);
  const width = Math.max(1e-12, (hi - lo) * 0.02);
  const at: number[] = [];
  const density: number[] = [];
  for (let g = 0; g < n; g++) {
    const u = lo + ((hi - lo) * g) / (n - 1);
    let s = 0;
    for (let i = 0; i < nodes.length; i++) {
      const z = (u - f(nodes[i])) / width;
      if (z > -6 && z < 6) s += weights[i] * Math.exp(-0.5 * z * z);
    }
    at.push(scale === 'log' ? 10 ** u : u);
    density.push(s / (width * Math.sqrt(2 * Math.PI)));
  }
  return { at, density };
}

export function drawDensityChart(container: HTMLElement, data: DensityChartData | undefined, size: Size, t: Theme): void {
  const { tooltip, margin: MARGIN, w, h, root } = beginFrame(container, size, t, BASE_MARGIN);
  if (!data) {
    root.append('text').attr('x', w / 2).attr('y', h / 2).attr('text-anchor', 'middle').attr('fill', t.muted).text('density…');
    return;
  }
  const y = data.scale === 'log' ? d3.scaleLog().domain(data.yDomain).range([h, 0]).clamp(true) : d3.scaleLinear().domain(data.yDomain).range([h, 0]).clamp(true);
  const { at, density } = smoothOnAxis(data.nodes, data.weights, data.yDomain, data.scale);
  const predicted = data.theory ? smoothTheoryOnAxis(data.theory, data.yDomain, data.scale) : undefined;
  const x = d3.scaleLinear().domain([0, Math.max(d3.max(density) || 0, d3.max(predicted?.density ?? []) || 0) || 1]).range([0, w - em(t, 42)]);
  const xAxis = root.append('g').attr('transform', `translate(0,${h})`).call(d3.axisBottom(x).ticks(2).tickSize(-h).tickFormat(() => ''));
  gridLines(xAxis, t);
  root.append('text').attr('x', (w - em(t, 42)) / 2).attr('y', h + em(t, 32)).attr('text-anchor', 'middle').attr('fill', t.fg).text(data.label);

  const area = d3.area<number>().y((_, i) => y(at[i])).x0(0).x1((d) => x(d)).curve(d3.curveBasis);
  root.append('path').attr('d', area(density)).attr('fill', '#9fb7d6').attr('fill-opacity', 0.55).attr('stroke', '#3d5f8f').attr('stroke-width', t.lineScale);

  const theoryLayer = data.theory ? root.append('g').attr('data-layer', THEORY_LAYER) : undefined;
  if (theoryLayer && predicted && data.theory) {
    // only where the predicted density is visible: no line along the axis outside the bulk
    const floor = (d3.max(predicted.density) || 0) * 1e-3;
    const curve = d3.line<number>().defined((d) => d > floor).y((_, i) => y(predicted.at[i])).x((d) => x(d)).curve(d3.curveBasis);
    if (data.theory.x.length > 0) theoryLayer.append('path').attr('d', curve(predicted.density)).attr('fill', 'none').attr('stroke', THEORY_COLOR).attr('stroke-width', 1.6 * t.lineScale)
      .attr('class', 'theory-density');
    const theoryEdgeY = y(data.theory.edge);
    if (Number.isFinite(data.theory.edge)) theoryLayer.append('line').attr('x1', 0).attr('x2', w - em(t, 42)).attr('y1', theoryEdgeY).attr('y2', theoryEdgeY).attr('stroke', THEORY_COLOR)
      .attr('stroke-dasharray', '7 3 2 3').attr('stroke-width', t.lineScale).attr('class', 'theory-edge');
    const r = 3.4 * t.pointScale;
    for (const v of data.theory.limitOutliers ?? []) {
      if (!(data.scale === 'linear' || v > 0)) continue;
      theoryLayer.append('path').attr('d', `M0,${-r}L${r},0L0,${r}L${-r},0Z`).attr('transform', `translate(${w - em(t, 42) - r - 2},${y(v)})`)
        .attr('fill', t.bg).attr('stroke', THEORY_COLOR).attr('stroke-width', 1.2 * t.lineScale).attr('class', 'theory-outlier');
    }
    theoryLayer.append('text').attr('x', 2).attr('y', em(t, 10)).attr('fill', THEORY_COLOR).attr('paint-order', 'stroke').attr('stroke', t.bg).attr('stroke-width', 3)
      .text('theory: bulk ─, edge ┄, λ→∞ ◇');
  }

  const edgeY = y(data.bulkEdge);
  root.append('line').attr('x1', 0).attr('x2', w - em(t, 42)).attr('y1', edgeY).attr('y2', edgeY).attr('stroke', t.muted).attr('stroke-dasharray', '5 3').attr('stroke-width', t.lineScale);
  const outliers = Math.min(data.outliers, data.eigenvalues.length);
  const ticks = root.append('g').attr('class', 'eigen-ticks');
  data.eigenvalues.forEach((v, i) => {
    if (!(data.scale === 'linear' || v > 0)) return;
    const yy = y(v);
    const isOut = i < outliers;
    ticks.append('line').attr('x1', 0).attr('x2', w - em(t, 42)).attr('y1', yy).attr('y2', yy)
      .attr('stroke', isOut ? '#D55E00' : t.muted).attr('stroke-width', (isOut ? 1.8 : 1) * t.lineScale).attr('stroke-opacity', isOut ? 1 : 0.6)
      .attr('class', isOut ? 'outlier' : 'inbulk');
  });
  root.append('text').attr('x', w - em(t, 38)).attr('y', edgeY + 4).attr('fill', t.muted).text('edge');
  if (outliers > 0) {
    const top = y(data.eigenvalues[0]);
    root.append('text').attr('x', w - em(t, 38)).attr('y', Math.max(10, top + 4)).attr('fill', '#D55E00').text(`${outliers} out`);
  }

  root.append('rect').attr('width', w).attr('height', h).attr('fill', 'transparent')
    .on('pointermove', (event: PointerEvent) => {
      const [mx, my] = d3.pointer(event);
      const v = y.invert(my);
      const near = data.eigenvalues.map((e, i) => ({ e, i, dy: Math.abs(y(e) - my) })).sort((a, b) => a.dy - b.dy)[0];
      const lines = [`eigenvalue ≈ ${fmt(v)}`, `edge used for the outlier count: ${fmt(data.bulkEdge)}`];
      if (data.theory) {
        if (Number.isFinite(data.theory.edge)) lines.push(`bulk edge (theory, generalised MP): ${fmt(data.theory.edge)}`);
        if (data.theory.limitOutliers?.length) lines.push(`outliers λ→∞ (theory): ${data.theory.limitOutliers.map(fmt).join(', ')}`);
      }
      if (near && near.dy < 6) lines.unshift(`θ${sub(near.i + 1)} = ${fmt(near.e)} (${near.i < outliers ? 'outlier' : 'in bulk'})`);
      tooltip.show(mx + MARGIN.left, my + MARGIN.top, lines);
    })
    .on('pointerleave', () => tooltip.hide());
}
