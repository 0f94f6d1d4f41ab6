// The neuron view: each hidden neuron's first-layer weights projected on two mean directions, as a
// trajectory over training time ending in a dot whose colour is the sign of its second-layer weight
// (blue > 0, orange < 0) and whose area is its size; the clusters' directions as labelled markers on
// the axes. One sees neurons recruit to ±μ, ±ν (moving out along an axis) or die (shrinking to 0).
import * as d3 from 'd3';
import { beginFrame, fmt, gridLines, type Margin, type Size } from './frame';
import type { NeuronData } from './neuronData';
import { OKABE_ITO, type Theme } from './theme';
import { ODE_DASH, THEORY_COLOR, THEORY_LAYER } from './theorySeries';

const BASE_MARGIN: Margin = { top: 14, right: 16, bottom: 38, left: 50 };
export const POSITIVE = OKABE_ITO[0];
export const NEGATIVE = OKABE_ITO[1];

export function drawNeuronChart(container: HTMLElement, data: NeuronData | undefined, size: Size, t: Theme): void {
  const { svg, tooltip, w, h, root } = beginFrame(container, size, t, BASE_MARGIN);
  if (!data || data.neurons.length === 0) {
    root.append('text').attr('x', w / 2).attr('y', h / 2).attr('text-anchor', 'middle').attr('fill', t.muted).text('waiting for the first checkpoint…');
    return;
  }
  // A square, symmetric window around 0 holding every trajectory (the plane's geometry matters).
  let extent = 0;
  for (const n of data.neurons) for (const [x, y] of [...n.points, ...(n.ode ?? [])]) if (Number.isFinite(x) && Number.isFinite(y)) extent = Math.max(extent, Math.abs(x), Math.abs(y));
  extent = (extent || 1) * 1.18;
  const side = Math.min(w, h);
  const ox = (w - side) / 2;
  const oy = (h - side) / 2;
  const x = d3.scaleLinear().domain([-extent, extent]).range([ox, ox + side]);
  const y = d3.scaleLinear().domain([-extent, extent]).range([oy + side, oy]);
  const xAxis = root.append('g').attr('transform', `translate(0,${oy + side})`).call(d3.axisBottom(x).ticks(5).tickSize(-side).tickFormat((v) => fmt(+v)));
  gridLines(xAxis, t);
  const yAxis = root.append('g').attr('transform', `translate(${ox},0)`).call(d3.axisLeft(y).ticks(5).tickSize(-side).tickFormat((v) => fmt(+v)));
  gridLines(yAxis, t);
  root.append('line').attr('x1', x(-extent)).attr('x2', x(extent)).attr('y1', y(0)).attr('y2', y(0)).attr('stroke', t.muted).attr('stroke-width', 0.8);
  root.append('line').attr('x1', x(0)).attr('x2', x(0)).attr('y1', y(-extent)).attr('y2', y(extent)).attr('stroke', t.muted).attr('stroke-width', 0.8);
  root.append('text').attr('x', ox + side / 2).attr('y', h + 32).attr('text-anchor', 'middle').attr('fill', t.fg).text(data.axes[0]);
  root.append('text').attr('transform', `translate(${ox - 38},${oy + side / 2}) rotate(-90)`).attr('text-anchor', 'middle').attr('fill', t.fg).text(data.axes[1]);

  // Cluster directions: a diamond at 0.92·extent along each, coloured by the sign a serving neuron needs.
  const marks = root.append('g').attr('class', 'clusters');
  for (const c of data.clusters) {
    const cx = x(c.x * extent * 0.92);
    const cy = y(c.y * extent * 0.92);
    marks.append('path').attr('class', 'cluster').attr('d', d3.symbol(d3.symbolDiamond, 70)()).attr('transform', `translate(${cx},${cy})`)
      .attr('fill', t.bg).attr('stroke', c.sign > 0 ? POSITIVE : NEGATIVE).attr('stroke-width', 1.6);
    const right = c.x > 0;
    const below = c.y < 0;
    marks.append('text').attr('x', cx + (c.x === 0 ? 8 : right ? -8 : 8)).attr('y', cy + (c.y === 0 ? -8 : below ? -6 : 14))
      .attr('text-anchor', c.x === 0 ? 'start' : right ? 'end' : 'start').attr('fill', t.fg).text(c.label);
  }

  const maxWeight = Math.max(1e-9, ...data.neurons.map((n) => Math.abs(n.weight)).filter(Number.isFinite));
  const radius = d3.scaleSqrt().domain([0, maxWeight]).range([2.5, 9]);
  const line = d3.line<[number, number]>().defined((p) => Number.isFinite(p[0]) && Number.isFinite(p[1])).x((p) => x(p[0])).y((p) => y(p[1]));
  const plot = root.append('g').attr('class', 'neurons');
  for (const n of data.neurons) {
    const color = n.weight >= 0 ? POSITIVE : NEGATIVE;
    plot.append('path').attr('class', 'trajectory').attr('d', line(n.points)).attr('fill', 'none').attr('stroke', color).attr('stroke-opacity', 0.45).attr('stroke-width', 1.2);
    const start = n.points[0];
    if (start && Number.isFinite(start[0])) plot.append('circle').attr('cx', x(start[0])).attr('cy', y(start[1])).attr('r', 1.8).attr('fill', color).attr('opacity', 0.5);
  }
  // theory layer: each neuron's effective-dynamics (d→∞) path from the same start, dotted
  const withOde = data.neurons.filter((n) => n.ode && n.ode.length > 0);
  if (withOde.length) {
    const layer = plot.append('g').attr('data-layer', THEORY_LAYER);
    for (const n of withOde)
      layer.append('path').attr('class', 'ode-trajectory').attr('d', line(n.ode!)).attr('fill', 'none').attr('stroke', n.weight >= 0 ? POSITIVE : NEGATIVE)
        .attr('stroke-dasharray', ODE_DASH).attr('stroke-width', 1.8).attr('stroke-opacity', 0.9);
  }
  const now = data.neurons.map((n) => ({ n, p: n.points[n.points.length - 1] })).filter((d) => d.p && Number.isFinite(d.p[0]) && Number.isFinite(d.p[1]));
  plot.selectAll('circle.neuron').data(now).join('circle').attr('class', 'neuron')
    .attr('data-neuron', (d) => d.n.neuron)
    .attr('cx', (d) => x(d.p[0])).attr('cy', (d) => y(d.p[1]))
    .attr('r', (d) => radius(Math.abs(d.n.weight)))
    .attr('fill', (d) => (d.n.weight >= 0 ? POSITIVE : NEGATIVE)).attr('fill-opacity', 0.85).attr('stroke', t.bg).attr('stroke-width', 1)
    .on('pointerenter', (event: PointerEvent, d) => {
      const [mx, my] = d3.pointer(event, svg.node());
      tooltip.show(mx, my, [
        `neuron ${d.n.neuron}`,
        `${data.axes[0]}: ${fmt(d.p[0])}`,
        `${data.axes[1]}: ${fmt(d.p[1])}`,
        `${data.weightName} = ${fmt(d.n.weight)}`,
        ...(d.n.serves !== undefined ? [d.n.serves ? `serves ${d.n.serves}` : 'serves no cluster'] : []),
      ]);
    })
    .on('pointerleave', () => tooltip.hide());
  if (data.neurons.length <= 24) {
    plot.selectAll('text.label').data(now).join('text').attr('class', 'label').attr('x', (d) => x(d.p[0]) + 6).attr('y', (d) => y(d.p[1]) - 6)
      .attr('fill', t.muted).attr('font-size', 10).text((d) => d.n.neuron);
  }
  // legend
  // beside the square when there is room (the cluster labels sit on its edges), else in its corner
  const outside = w - (ox + side) > 150;
  const legend = root.append('g').attr('transform', outside ? `translate(${ox + side + 14}, ${oy + 8})` : `translate(${ox + 6}, ${oy + 8})`);
  [
    { color: POSITIVE, text: `${data.weightName} > 0` },
    { color: NEGATIVE, text: `${data.weightName} < 0` },
  ].forEach((e, i) => {
    const g = legend.append('g').attr('transform', `translate(0, ${i * 14})`);
    g.append('circle').attr('cx', 4).attr('cy', 0).attr('r', 4).attr('fill', e.color);
    g.append('text').attr('x', 12).attr('y', 4).attr('fill', t.fg).text(e.text);
  });
  legend.append('text').attr('x', 0).attr('y', 32).attr('fill', t.muted).text(`dot area ∝ |${data.weightName}|`);
  legend.append('text').attr('x', 0).attr('y', 46).attr('fill', t.muted).text('line: its path since t = 0');
  if (withOde.length) legend.append('text').attr('x', 0).attr('y', 60).attr('fill', THEORY_COLOR).attr('data-layer', THEORY_LAYER).text('dotted: ODE (d→∞, theory)');
}
