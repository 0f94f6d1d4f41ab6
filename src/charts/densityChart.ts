// The spectral density of one block at the current checkpoint, drawn sideways so that its
// eigenvalue axis lines up with the spectrum chart beside it: SLQ quadrature (nodes, weights)
// smoothed with a Gaussian kernel in the displayed coordinate (log or linear), the bulk edge, and
// the top-j eigenvalues as ticks (outliers solid); optionally the theory layer (predicted bulk density
// smoothed the same way, its edge, the λ → ∞ outliers as diamonds).
import * as d3 from 'd3';
import { beginFrame, fmt, gridLines, type Size, placeholder } from './frame';
import { em, sub, type Theme } from './theme';
import { chartFonts } from './layout/cartesian';
import { placeLabels } from './layout/collide';
import { wrapText } from './layout/fitText';
import { LINE, measureFor, type TextMeasure } from './layout/measure';
import { diamondMark, triangleMark } from './legendMarks';
import { FAINT_OPACITY, THEORY_COLOR, THEORY_LAYER } from './theorySeries';

export interface DensityChartData {
  nodes: ArrayLike<number>;
  weights: ArrayLike<number>;
  eigenvalues: number[];
  outliers: number;
  /** the count is a lower bound (every tracked eigenvalue is an outlier): labelled "≥ N out" */
  outliersAtLeast?: boolean;
  bulkEdge: number;
  scale: 'log' | 'linear';
  /** the eigenvalue domain shared with the spectrum chart */
  yDomain: [number, number];
  label: string;
  /** theory layer (optional): the limiting bulk of the block and its λ → ∞ outliers */
  theory?: DensityTheory;
  /** the spectrum chart's vertical plot insets, so that both eigenvalue axes line up */
  insets?: { top: number; bottom: number };
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
  /** per λ → ∞ value: true where it is at or below the bulk edge (drawn faint: no outlier predicted) */
  limitInsideBulk?: boolean[];
  /** the outliers predicted at the run's λ (spiked weighted Wishart), drawn as filled triangles */
  finiteOutliers?: number[];
}

/**
 * The limiting density smoothed exactly like the SLQ density (same kernel on the same displayed axis),
 * so that the two curves are comparable point by point: grid cells become point masses f(x_i)·Δx_i
 * (trapezoid) and the atom a mass at the shift.
 */
export function smoothTheoryOnAxis(
  theory: DensityTheory,
  domain: [number, number],
  scale: 'log' | 'linear',
  n = 160,
): { at: number[]; density: number[] } {
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

/** Smoothed density on `n` points of the displayed axis; width = 2% of the axis. */
export function smoothOnAxis(
  nodes: ArrayLike<number>,
  weights: ArrayLike<number>,
  domain: [number, number],
  scale: 'log' | 'linear',
  n = 160,
): { at: number[]; density: number[] } {
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

export function drawDensityChart(
  container: HTMLElement,
  data: DensityChartData | undefined,
  size: Size,
  t: Theme,
  measure: TextMeasure = measureFor(t.font),
): void {
  const fonts = chartFonts(t);
  const pad = em(t, 4);
  const lineH = LINE.height * fonts.title;
  const top = data?.insets?.top ?? pad + fonts.tick;
  const bottom = data?.insets?.bottom ?? pad + 2 * lineH;
  const frame = beginFrame(container, size, t, { top, right: pad, bottom, left: pad });
  const { tooltip, margin: MARGIN, w, h, root } = frame;
  if (!data) {
    placeholder(root, w, h, t, 'density…');
    return;
  }
  // the label column right of the curve holds "edge" and "N out"
  const labelFs = fonts.tick;
  const column = Math.min(
    w * 0.45,
    Math.max(measure('edge', labelFs), measure(`${data.outliersAtLeast ? '≥ ' : ''}${data.outliers} out`, labelFs)) + 4,
  );
  const plotW = Math.max(10, w - column);
  const y =
    data.scale === 'log'
      ? d3.scaleLog().domain(data.yDomain).range([h, 0]).clamp(true)
      : d3.scaleLinear().domain(data.yDomain).range([h, 0]).clamp(true);
  const { at, density } = smoothOnAxis(data.nodes, data.weights, data.yDomain, data.scale);
  const predicted = data.theory ? smoothTheoryOnAxis(data.theory, data.yDomain, data.scale) : undefined;
  const x = d3
    .scaleLinear()
    .domain([0, Math.max(d3.max(density) || 0, d3.max(predicted?.density ?? []) || 0) || 1])
    .range([0, plotW]);
  const xAxis = root
    .append('g')
    .attr('transform', `translate(0,${h})`)
    .call(
      d3
        .axisBottom(x)
        .ticks(2)
        .tickSize(-h)
        .tickFormat(() => ''),
    );
  gridLines(xAxis, t);
  // the title below the axis, in the lines the bottom inset has room for
  const titleLines = Math.max(1, Math.floor((bottom - pad * 0.5) / lineH));
  wrapText(data.label, size.width - 2 * pad, fonts.title, measure, titleLines).forEach((line, i) => {
    root
      .append('text')
      .attr('class', 'axis-title')
      .attr('x', Math.max(plotW / 2, measure(line, fonts.title) / 2 - pad))
      .attr('y', h + pad * 0.5 + LINE.ascent * fonts.title + i * lineH)
      .attr('text-anchor', 'middle')
      .attr('font-size', fonts.title)
      .attr('fill', t.fg)
      .text(line);
  });

  const area = d3
    .area<number>()
    .y((_, i) => y(at[i]))
    .x0(0)
    .x1((d) => x(d))
    .curve(d3.curveBasis);
  root
    .append('path')
    .attr('class', 'density')
    .attr('d', area(density))
    .attr('fill', '#9fb7d6')
    .attr('fill-opacity', 0.55)
    .attr('stroke', '#3d5f8f')
    .attr('stroke-width', t.lineScale);

  const theoryLayer = data.theory ? root.append('g').attr('data-layer', THEORY_LAYER) : undefined;
  if (theoryLayer && predicted && data.theory) {
    // only where the predicted density is visible: no line along the axis outside the bulk
    const floor = (d3.max(predicted.density) || 0) * 1e-3;
    const curve = d3
      .line<number>()
      .defined((d) => d > floor)
      .y((_, i) => y(predicted.at[i]))
      .x((d) => x(d))
      .curve(d3.curveBasis);
    if (data.theory.x.length > 0)
      theoryLayer
        .append('path')
        .attr('d', curve(predicted.density))
        .attr('fill', 'none')
        .attr('stroke', THEORY_COLOR)
        .attr('stroke-width', 1.6 * t.lineScale)
        .attr('class', 'theory-density');
    const theoryEdgeY = y(data.theory.edge);
    if (Number.isFinite(data.theory.edge))
      theoryLayer
        .append('line')
        .attr('x1', 0)
        .attr('x2', plotW)
        .attr('y1', theoryEdgeY)
        .attr('y2', theoryEdgeY)
        .attr('stroke', THEORY_COLOR)
        .attr('stroke-dasharray', '7 3 2 3')
        .attr('stroke-width', t.lineScale)
        .attr('class', 'theory-edge');
    const r = 3.4 * t.pointScale;
    const { limitOutliers = [], limitInsideBulk = [], finiteOutliers = [] } = data.theory;
    limitOutliers.forEach((v, i) => {
      if (!(data.scale === 'linear' || v > 0)) return;
      const inside = limitInsideBulk[i] === true;
      theoryLayer
        .append('path')
        .attr('d', diamondMark(r))
        .attr('transform', `translate(${plotW - r - 2},${y(v)})`)
        .attr('fill', t.bg)
        .attr('stroke', THEORY_COLOR)
        .attr('stroke-width', 1.2 * t.lineScale)
        .attr('stroke-dasharray', inside ? '1.5 1.5' : null)
        .attr('stroke-opacity', inside ? FAINT_OPACITY : null)
        .attr('class', inside ? 'theory-outlier-inside' : 'theory-outlier');
    });
    for (const v of finiteOutliers) {
      if (!(data.scale === 'linear' || v > 0)) continue;
      theoryLayer
        .append('path')
        .attr('d', triangleMark(r))
        .attr('transform', `translate(${plotW - 3 * r - 4},${y(v)})`)
        .attr('fill', THEORY_COLOR)
        .attr('fill-opacity', 0.85)
        .attr('stroke', THEORY_COLOR)
        .attr('stroke-width', 1.2 * t.lineScale)
        .attr('class', 'theory-outlier-finite');
    }
    // the key sits in the top inset, above the plot, in as many lines as fit there
    const keyFs = fonts.tick;
    const keyLines = Math.floor((top - pad * 0.5) / (LINE.height * keyFs));
    const lines = keyLines > 0 ? wrapText(densityKey(data.theory), size.width - 2 * pad, keyFs, measure, keyLines) : [];
    lines.forEach((line, i) => {
      theoryLayer
        .append('text')
        .attr('class', 'theory-key')
        .attr('x', 0)
        .attr('y', -top + pad * 0.5 + LINE.ascent * keyFs + i * LINE.height * keyFs)
        .attr('font-size', keyFs)
        .attr('fill', THEORY_COLOR)
        .text(line);
    });
  }

  const edgeY = y(data.bulkEdge);
  root
    .append('line')
    .attr('class', 'edge')
    .attr('x1', 0)
    .attr('x2', plotW)
    .attr('y1', edgeY)
    .attr('y2', edgeY)
    .attr('stroke', t.muted)
    .attr('stroke-dasharray', '5 3')
    .attr('stroke-width', t.lineScale);
  const outliers = Math.min(data.outliers, data.eigenvalues.length);
  const ticks = root.append('g').attr('class', 'eigen-ticks');
  data.eigenvalues.forEach((v, i) => {
    if (!(data.scale === 'linear' || v > 0)) return;
    const yy = y(v);
    const isOut = i < outliers;
    ticks
      .append('line')
      .attr('x1', 0)
      .attr('x2', plotW)
      .attr('y1', yy)
      .attr('y2', yy)
      .attr('stroke', isOut ? '#D55E00' : t.muted)
      .attr('stroke-width', (isOut ? 1.8 : 1) * t.lineScale)
      .attr('stroke-opacity', isOut ? 1 : 0.6)
      .attr('class', isOut ? 'outlier' : 'inbulk');
  });
  // "edge" and "N out" in the column right of the curve, moved apart (or left out) when they meet
  const labelH = (LINE.ascent + LINE.descent) * labelFs;
  const labels = [{ text: 'edge', at: edgeY, fill: t.muted, priority: 1 }];
  if (outliers > 0)
    labels.push({
      text: `${data.outliersAtLeast ? '≥ ' : ''}${outliers} out`,
      at: y(data.eigenvalues[0]),
      fill: '#D55E00',
      priority: 2,
    });
  const { placed } = placeLabels(
    labels.map((l) => {
      const width = measure(l.text, labelFs);
      const base = { x: plotW + 2, width, height: labelH };
      return {
        priority: l.priority,
        item: l,
        options: [-0.5, -1, 0, -1.5, 0.5].map((k) => ({ ...base, y: l.at + k * labelH })),
      };
    }),
    [],
    { x: plotW, y: 0, width: w - plotW + pad, height: h },
  );
  for (const p of placed)
    root
      .append('text')
      .attr('class', 'density-label')
      .attr('x', p.box.x)
      .attr('y', p.box.y + LINE.ascent * labelFs)
      .attr('font-size', labelFs)
      .attr('fill', p.item.fill)
      .text(p.item.text);

  root
    .append('rect')
    .attr('width', w)
    .attr('height', h)
    .attr('fill', 'transparent')
    .on('pointermove', (event: PointerEvent) => {
      const [mx, my] = d3.pointer(event);
      const v = y.invert(my);
      const near = data.eigenvalues.map((e, i) => ({ e, i, dy: Math.abs(y(e) - my) })).sort((a, b) => a.dy - b.dy)[0];
      const lines = [`eigenvalue ≈ ${fmt(v)}`, `edge (an outlier is over 5 % above it): ${fmt(data.bulkEdge)}`];
      if (data.theory) {
        if (Number.isFinite(data.theory.edge))
          lines.push(`bulk edge (theory, generalised MP): ${fmt(data.theory.edge)}`);
        if (data.theory.finiteOutliers?.length)
          lines.push(`outliers at the run’s λ (theory): ${data.theory.finiteOutliers.map(fmt).join(', ')}`);
        const limits = data.theory.limitOutliers ?? [];
        const above = limits.filter((_, i) => data.theory!.limitInsideBulk?.[i] !== true);
        const inside = limits.filter((_, i) => data.theory!.limitInsideBulk?.[i] === true);
        if (above.length) lines.push(`outliers λ→∞ (theory): ${above.map(fmt).join(', ')}`);
        if (inside.length) lines.push(`λ→∞ inside the bulk, no outlier (theory): ${inside.map(fmt).join(', ')}`);
      }
      if (near && near.dy < 6)
        lines.unshift(`θ${sub(near.i + 1)} = ${fmt(near.e)} (${near.i < outliers ? 'outlier' : 'in bulk'})`);
      tooltip.show(mx + MARGIN.left, my + MARGIN.top, lines);
    })
    .on('pointerleave', () => tooltip.hide());
}

/** The density chart's theory key: the marks drawn, and only those. */
export function densityKey(theory: DensityTheory): string {
  const limits = theory.limitOutliers ?? [];
  const inside = limits.some((_, i) => theory.limitInsideBulk?.[i] === true);
  const above = limits.some((_, i) => theory.limitInsideBulk?.[i] !== true);
  const parts = [
    theory.x.length ? 'bulk ─' : '',
    Number.isFinite(theory.edge) ? 'edge ┄' : '',
    theory.finiteOutliers?.length ? 'at λ ▲' : '',
    above ? 'λ→∞ ◇' : '',
    inside ? 'in bulk: faint ◇' : '',
  ].filter(Boolean);
  return `theory: ${parts.join(', ')}`;
}
