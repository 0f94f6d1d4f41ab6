// The neuron view: each hidden neuron's first-layer weights projected on two mean directions, as a
// trajectory over training time ending in a dot whose colour is the sign of its second-layer weight
// (blue > 0, orange < 0) and whose area is its size; the clusters' directions as labelled markers on
// the axes. One sees neurons recruit to ±μ, ±ν (moving out along an axis) or die (shrinking to 0).
import * as d3 from 'd3';
import { axisTitles, beginFrame, fmt, gridLines, type Size, placeholder } from './frame';
import type { NeuronData } from './neuronData';
import { em, OKABE_ITO, type Theme } from './theme';
import { cartesianLayout, type CartesianLayout } from './layout/cartesian';
import { aroundPoint, placeLabels, polylineObstacles, ringsAroundPoint, type LabelCandidate } from './layout/collide';
import { isCompact } from './layout/compact';
import { pointBox, type Box } from './layout/box';
import { stackLegend, type LegendLayout } from './layout/legend';
import { LINE, measureFor, type TextMeasure } from './layout/measure';
import { candidateTicks, clearCorner, thinTicks } from './layout/ticks';
import { drawLegend, type LegendSwatch } from './legendMarks';
import { FAINT_OPACITY, ODE_DASH, THEORY_COLOR, THEORY_LAYER } from './theorySeries';

export const POSITIVE = OKABE_ITO[0];
export const NEGATIVE = OKABE_ITO[1];

function legendEntries(data: NeuronData, withOde: boolean, t: Theme): LegendSwatch[] {
  const faint = data.neurons.filter((n) => n.odeNotPredictive && n.ode?.length).map((n) => n.neuron);
  return [
    { label: `${data.weightName} > 0`, color: POSITIVE, marker: 'dot' },
    { label: `${data.weightName} < 0`, color: NEGATIVE, marker: 'dot' },
    { label: `dot area ∝ |${data.weightName}|`, color: t.muted, marker: 'none' },
    { label: 'line: its path since t = 0', color: t.muted },
    ...(withOde
      ? [{ label: 'dotted: ODE (d→∞, theory)', color: THEORY_COLOR, dash: ODE_DASH, layer: THEORY_LAYER }]
      : []),
    ...(withOde && faint.length
      ? [
          {
            label: `faint: ODE not predictive for neuron${faint.length > 1 ? 's' : ''} ${faint.join(', ')} (SGD noise picks the cluster)`,
            color: THEORY_COLOR,
            dash: ODE_DASH,
            opacity: FAINT_OPACITY,
            layer: THEORY_LAYER,
          },
        ]
      : []),
  ];
}

export interface NeuronLayout {
  layout: CartesianLayout;
  /** the square plot's margin (the cartesian margin plus the centring offsets) */
  square: { left: number; top: number; side: number };
  legend: LegendLayout;
  legendAt: [number, number];
  extent: number;
  ticks: number[];
  yTicks: number[];
}

/** A square plot (equal units) with its key beside it when there is room, else above it. */
export function layoutNeuronChart(
  data: NeuronData,
  size: Size,
  t: Theme,
  measure: TextMeasure,
  withOde: boolean,
): NeuronLayout {
  const compact = isCompact(size, t);
  let extent = 0;
  for (const n of data.neurons)
    for (const [x, y] of [...n.points, ...(n.ode ?? [])])
      if (Number.isFinite(x) && Number.isFinite(y)) extent = Math.max(extent, Math.abs(x), Math.abs(y));
  extent = (extent || 1) * 1.18;
  const labels = d3.scaleLinear().domain([-extent, extent]).ticks(10).map(fmt);
  const entries = legendEntries(data, withOde, t);
  const spec = {
    size,
    t,
    measure,
    compact,
    yTickLabels: labels,
    xEndLabels: [labels[0] ?? '', labels[labels.length - 1] ?? ''],
    xTitle: data.axes[0],
    yTitle: data.axes[1],
  };
  const plain = cartesianLayout(spec);
  const fontsLegend = plain.fonts.legend;
  const stacked = stackLegend(
    entries.map((e) => e.label),
    fontsLegend,
    measure,
  );
  const sideBeside = Math.min(plain.h, plain.w - stacked.width - 2 * plain.pad);
  let layout = plain;
  let legend = stacked;
  let legendAt: [number, number];
  let side: number;
  let left: number;
  let top: number;
  if (sideBeside >= Math.min(plain.h, plain.w) * 0.75 && stacked.height <= size.height - 2 * plain.pad) {
    side = sideBeside;
    left = plain.margin.left + (plain.w - side - stacked.width - 2 * plain.pad) / 2;
    top = plain.margin.top + (plain.h - side) / 2;
    legendAt = [left + side + 2 * plain.pad, Math.max(plain.pad, top)];
  } else {
    layout = cartesianLayout({ ...spec, legend: entries.map((e) => e.label) });
    legend = layout.legend ?? stackLegend([], fontsLegend, measure);
    side = Math.min(layout.w, layout.h);
    left = layout.margin.left + (layout.w - side) / 2;
    top = layout.margin.top + (layout.h - side) / 2;
    legendAt = layout.legendAt;
  }
  const x = d3.scaleLinear().domain([-extent, extent]).range([0, side]);
  const ticks = thinTicks(
    candidateTicks(x, side, em(t, compact ? 80 : 60)),
    x,
    fmt,
    layout.fonts.tick,
    measure,
    'x',
    false,
    em(t, 8),
  );
  const yTicks = clearCorner(
    ticks,
    (v) => side - x(v),
    ticks,
    x,
    side,
    fmt,
    layout.fonts.tick,
    measure,
    layout.tickPadding,
  );
  return { layout, square: { left, top, side }, legend, legendAt, extent, ticks, yTicks };
}

export function drawNeuronChart(
  container: HTMLElement,
  data: NeuronData | undefined,
  size: Size,
  t: Theme,
  measure: TextMeasure = measureFor(t.font),
): void {
  if (!data || data.neurons.length === 0) {
    const { root, w, h } = beginFrame(container, size, t, { top: 10, right: 10, bottom: 10, left: 10 });
    placeholder(root, w, h, t, 'waiting for the first checkpoint…');
    return;
  }
  const withOde = data.neurons.filter((n) => n.ode && n.ode.length > 0);
  const plan = layoutNeuronChart(data, size, t, measure, withOde.length > 0);
  const { square, extent, layout } = plan;
  const side = square.side;
  const frame = beginFrame(container, size, t, {
    left: square.left,
    top: square.top,
    right: size.width - square.left - side,
    bottom: size.height - square.top - side,
  });
  const { svg, tooltip, root } = frame;
  const x = d3.scaleLinear().domain([-extent, extent]).range([0, side]);
  const y = d3.scaleLinear().domain([-extent, extent]).range([side, 0]);
  const xAxis = root
    .append('g')
    .attr('transform', `translate(0,${side})`)
    .call(
      d3
        .axisBottom(x)
        .tickValues(plan.ticks)
        .tickSize(-side)
        .tickPadding(layout.tickPadding)
        .tickFormat((v) => fmt(+v)),
    );
  gridLines(xAxis, t);
  const yAxis = root.append('g').call(
    d3
      .axisLeft(y)
      .tickValues(plan.yTicks)
      .tickSize(-side)
      .tickPadding(layout.tickPadding)
      .tickFormat((v) => fmt(+v)),
  );
  gridLines(yAxis, t);
  root
    .append('line')
    .attr('x1', x(-extent))
    .attr('x2', x(extent))
    .attr('y1', y(0))
    .attr('y2', y(0))
    .attr('stroke', t.muted)
    .attr('stroke-width', 0.8);
  root
    .append('line')
    .attr('x1', x(0))
    .attr('x2', x(0))
    .attr('y1', y(-extent))
    .attr('y2', y(extent))
    .attr('stroke', t.muted)
    .attr('stroke-width', 0.8);
  // the titles against the square: the frame's margin is the cartesian one plus the centring offsets
  axisTitles(frame, layout, t);

  const maxWeight = Math.max(1e-9, ...data.neurons.map((n) => Math.abs(n.weight)).filter(Number.isFinite));
  const radius = d3
    .scaleSqrt()
    .domain([0, maxWeight])
    .range([2.5, 9].map((r) => r * Math.sqrt(t.pointScale)));
  const line = d3
    .line<[number, number]>()
    .defined((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]))
    .x((p) => x(p[0]))
    .y((p) => y(p[1]));
  const plot = root.append('g').attr('class', 'neurons');
  for (const n of data.neurons) {
    const color = n.weight >= 0 ? POSITIVE : NEGATIVE;
    plot
      .append('path')
      .attr('class', 'trajectory')
      .attr('d', line(n.points))
      .attr('fill', 'none')
      .attr('stroke', color)
      .attr('stroke-opacity', 0.45)
      .attr('stroke-width', 1.2 * t.lineScale);
    const start = n.points[0];
    if (start && Number.isFinite(start[0]))
      plot
        .append('circle')
        .attr('cx', x(start[0]))
        .attr('cy', y(start[1]))
        .attr('r', 1.8 * t.pointScale)
        .attr('fill', color)
        .attr('opacity', 0.5);
  }
  // theory layer: each neuron's effective-dynamics (d→∞) path from the same start, dotted
  if (withOde.length) {
    const layer = plot.append('g').attr('data-layer', THEORY_LAYER);
    for (const n of withOde)
      layer
        .append('path')
        .attr('class', 'ode-trajectory')
        .attr('d', line(n.ode!))
        .attr('fill', 'none')
        .attr('stroke', n.weight >= 0 ? POSITIVE : NEGATIVE)
        .attr('stroke-dasharray', ODE_DASH)
        .attr('stroke-width', 1.8 * t.lineScale)
        .attr('stroke-opacity', n.odeNotPredictive ? FAINT_OPACITY : 0.9)
        .call((path) => {
          if (n.odeNotPredictive)
            path.append('title').text(`ODE not predictive for neuron ${n.neuron}: its cluster is picked by SGD noise`);
        });
  }
  const now = data.neurons
    .map((n) => ({ n, p: n.points[n.points.length - 1] }))
    .filter((d) => d.p && Number.isFinite(d.p[0]) && Number.isFinite(d.p[1]));
  plot
    .selectAll('circle.neuron')
    .data(now)
    .join('circle')
    .attr('class', 'neuron')
    .attr('data-neuron', (d) => d.n.neuron)
    .attr('cx', (d) => x(d.p[0]))
    .attr('cy', (d) => y(d.p[1]))
    .attr('r', (d) => radius(Math.abs(d.n.weight)))
    .attr('fill', (d) => (d.n.weight >= 0 ? POSITIVE : NEGATIVE))
    .attr('fill-opacity', 0.85)
    .attr('stroke', t.bg)
    .attr('stroke-width', 1)
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

  // Cluster directions: a diamond at 0.92·extent along each, coloured by the sign a serving neuron needs.
  const marks = root.append('g').attr('class', 'clusters');
  const diamondArea = 70 * t.pointScale;
  const diamondR = Math.sqrt(diamondArea / (2 * Math.tan(Math.PI / 6)));
  for (const c of data.clusters) {
    marks
      .append('path')
      .attr('class', 'cluster')
      .attr('d', d3.symbol(d3.symbolDiamond, diamondArea)())
      .attr('transform', `translate(${x(c.x * extent * 0.92)},${y(c.y * extent * 0.92)})`)
      .attr('fill', t.bg)
      .attr('stroke', c.sign > 0 ? POSITIVE : NEGATIVE)
      .attr('stroke-width', 1.6 * t.lineScale);
  }
  // Labels: clusters first, then neuron indices (heaviest first), each clear of dots, diamonds and paths.
  const fs = layout.fonts.tick;
  const labelH = (LINE.ascent + LINE.descent) * fs;
  const obstacles: Box[] = [
    ...data.neurons.flatMap((n) =>
      polylineObstacles(
        n.points.map((p) => [x(p[0]), y(p[1])]),
        1 + 0.6 * t.lineScale,
        5,
      ),
    ),
    ...withOde.flatMap((n) =>
      polylineObstacles(
        n.ode!.map((p) => [x(p[0]), y(p[1])]),
        1 + 0.9 * t.lineScale,
        5,
      ),
    ),
    ...now.map((d) => pointBox(x(d.p[0]), y(d.p[1]), radius(Math.abs(d.n.weight)))),
    ...data.clusters.map((c) => pointBox(x(c.x * extent * 0.92), y(c.y * extent * 0.92), diamondR + 1)),
  ];
  type Label = { text: string; cluster: boolean };
  const candidates: LabelCandidate<Label>[] = [
    ...data.clusters.map((c, i) => {
      const cx = x(c.x * extent * 0.92);
      const cy = y(c.y * extent * 0.92);
      const [width, height] = [
        measure(c.label, layout.fonts.legend),
        (LINE.ascent + LINE.descent) * layout.fonts.legend,
      ];
      // near the marker first, then further out (paths converge on the cluster's axis)
      const options = ringsAroundPoint(cx, cy, width, height, diamondR + 3, [1, 2, 3.5, 5]);
      return { priority: 1e6 - i, item: { text: c.label, cluster: true }, options };
    }),
    ...(data.neurons.length <= 24
      ? now.map((d) => ({
          priority: Math.abs(d.n.weight),
          item: { text: String(d.n.neuron), cluster: false },
          options: aroundPoint(
            x(d.p[0]),
            y(d.p[1]),
            measure(String(d.n.neuron), fs),
            labelH,
            radius(Math.abs(d.n.weight)) + 2,
          ),
        }))
      : []),
  ];
  const { placed } = placeLabels(candidates, obstacles, { x: 0, y: 0, width: side, height: side });
  for (const p of placed) {
    const size = p.item.cluster ? layout.fonts.legend : fs;
    if (p.item.cluster && p.option >= 8) {
      // placed away from its marker (paths crowd it): a thin leader from the label to the marker
      const c = data.clusters.find((k) => k.label === p.item.text)!;
      const [cx, cy] = [x(c.x * extent * 0.92), y(c.y * extent * 0.92)];
      const lx = Math.max(p.box.x, Math.min(cx, p.box.x + p.box.width));
      const ly = Math.max(p.box.y, Math.min(cy, p.box.y + p.box.height));
      root
        .append('line')
        .attr('class', 'leader')
        .attr('x1', lx)
        .attr('y1', ly)
        .attr('x2', cx)
        .attr('y2', cy)
        .attr('stroke', t.muted)
        .attr('stroke-width', 0.8 * t.lineScale)
        .attr('stroke-dasharray', '2 2');
    }
    root
      .append('text')
      .attr('class', p.item.cluster ? 'cluster-label' : 'label')
      .attr('x', p.box.x)
      .attr('y', p.box.y + LINE.ascent * size)
      .attr('font-size', size)
      .attr('fill', p.item.cluster ? t.fg : t.muted)
      .text(p.item.text);
  }
  drawLegend(svg, plan.legend, legendEntries(data, withOde.length > 0, t), plan.legendAt, layout.fonts.legend, t);
}
