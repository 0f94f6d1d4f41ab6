// A bar chart of counts over small integer categories (the ensemble's layer-2 outlier counts), with
// an optional expected count per category drawn as a dashed tick (the λ → ∞ theory).
import * as d3 from 'd3';
import { axisTitles, beginFrame, gridLines, type Size, placeholder } from './frame';
import { em, type Theme } from './theme';
import { cartesianLayout } from './layout/cartesian';
import { isCompact } from './layout/compact';
import { LINE, measureFor, type TextMeasure } from './layout/measure';
import { candidateTicks, thinTicks } from './layout/ticks';
import { drawLegend } from './legendMarks';

export interface HistogramChartData {
  /** one bar per category, in order */
  bars: { label: string; count: number; color?: string }[];
  /** expected count per category (same order), drawn as a dashed tick; omitted: none */
  expected?: number[];
  expectedLabel?: string;
  xLabel: string;
  yLabel: string;
  empty?: string;
}

export function drawHistogramChart(
  container: HTMLElement,
  data: HistogramChartData,
  size: Size,
  t: Theme,
  measure: TextMeasure = measureFor(t.font),
): void {
  const top = Math.max(d3.max(data.bars, (b) => b.count) ?? 1, d3.max(data.expected ?? [0]) ?? 0, 1);
  const layout = cartesianLayout({
    size,
    t,
    measure,
    compact: isCompact(size, t),
    yTickLabels: d3
      .scaleLinear()
      .domain([0, top * 1.15])
      .nice()
      .ticks(10)
      .map(d3.format('~d')),
    xEndLabels: [],
    xTitle: data.xLabel,
    yTitle: data.yLabel,
    legend: data.expected && data.expectedLabel ? [data.expectedLabel] : undefined,
  });
  // room above the tallest bar for its count label
  layout.margin.top += LINE.height * layout.fonts.tick;
  layout.h = Math.max(10, layout.h - LINE.height * layout.fonts.tick);
  const frame = beginFrame(container, size, t, layout.margin);
  const { svg, w, h, root } = frame;
  const total = d3.sum(data.bars, (b) => b.count);
  if (data.bars.length === 0 || total === 0) {
    placeholder(root, w, h, t, data.empty ?? 'no seeds yet');
    return;
  }
  const x = d3
    .scaleBand()
    .domain(data.bars.map((b) => b.label))
    .range([0, w])
    .padding(0.25);
  const y = d3
    .scaleLinear()
    .domain([0, top * 1.15])
    .nice()
    .range([h, 0]);
  const yTicks = thinTicks(
    candidateTicks(y, h, em(t, 30)).filter(Number.isInteger),
    y,
    d3.format('~d'),
    layout.fonts.tick,
    measure,
    'y',
    false,
    em(t, 2),
  );
  const yAxis = root
    .append('g')
    .call(d3.axisLeft(y).tickValues(yTicks).tickSize(-w).tickPadding(layout.tickPadding).tickFormat(d3.format('~d')));
  gridLines(yAxis, t);
  const xAxis = root
    .append('g')
    .attr('transform', `translate(0,${h})`)
    .call(d3.axisBottom(x).tickSize(0).tickPadding(layout.tickPadding));
  gridLines(xAxis, t);
  xAxis.selectAll('.tick text').attr('fill', t.fg);
  axisTitles(frame, layout, t);

  const bars = root.append('g').attr('class', 'bars');
  bars
    .selectAll('rect')
    .data(data.bars)
    .join('rect')
    .attr('class', 'bar')
    .attr('data-count', (b) => b.count)
    .attr('x', (b) => x(b.label)!)
    .attr('width', x.bandwidth())
    .attr('y', (b) => y(b.count))
    .attr('height', (b) => h - y(b.count))
    .attr('fill', (b) => b.color ?? t.palette[0]);
  bars
    .selectAll('text')
    .data(data.bars.filter((b) => b.count > 0))
    .join('text')
    .attr('x', (b) => x(b.label)! + x.bandwidth() / 2)
    .attr('y', (b) => y(b.count) - 4)
    .attr('text-anchor', 'middle')
    .attr('font-size', layout.fonts.tick)
    .attr('fill', t.fg)
    .text((b) =>
      measure(`${b.count} (${Math.round((100 * b.count) / total)} %)`, layout.fonts.tick) <= x.step() - 2
        ? `${b.count} (${Math.round((100 * b.count) / total)} %)`
        : String(b.count),
    );
  if (data.expected) {
    const ticks = root.append('g').attr('class', 'expected');
    data.bars.forEach((b, i) => {
      const e = data.expected![i];
      if (!(e > 0)) return;
      ticks
        .append('line')
        .attr('x1', x(b.label)! - 3)
        .attr('x2', x(b.label)! + x.bandwidth() + 3)
        .attr('y1', y(e))
        .attr('y2', y(e))
        .attr('stroke', t.fg)
        .attr('stroke-width', 1.6 * t.lineScale)
        .attr('stroke-dasharray', '4 3');
    });
    if (layout.legend && data.expectedLabel)
      drawLegend(
        svg,
        layout.legend,
        [{ label: data.expectedLabel, color: t.fg, dash: '4 3' }],
        layout.legendAt,
        layout.fonts.legend,
        t,
      );
  }
}
