// A bar chart of counts over small integer categories (the ensemble's layer-2 outlier counts), with
// an optional expected count per category drawn as a dashed tick (the λ → ∞ theory).
import * as d3 from 'd3';
import { beginFrame, gridLines, type Margin, type Size } from './frame';
import type { Theme } from './theme';

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

const BASE_MARGIN: Margin = { top: 16, right: 12, bottom: 38, left: 46 };

export function drawHistogramChart(container: HTMLElement, data: HistogramChartData, size: Size, t: Theme): void {
  const { w, h, root } = beginFrame(container, size, t, BASE_MARGIN);
  const total = d3.sum(data.bars, (b) => b.count);
  if (data.bars.length === 0 || total === 0) {
    root.append('text').attr('x', w / 2).attr('y', h / 2).attr('text-anchor', 'middle').attr('fill', t.muted).text(data.empty ?? 'no seeds yet');
    return;
  }
  const x = d3.scaleBand().domain(data.bars.map((b) => b.label)).range([0, w]).padding(0.25);
  const top = Math.max(d3.max(data.bars, (b) => b.count) ?? 1, d3.max(data.expected ?? [0]) ?? 0, 1);
  const y = d3.scaleLinear().domain([0, top * 1.15]).nice().range([h, 0]);
  const yAxis = root.append('g').call(d3.axisLeft(y).ticks(Math.max(2, Math.floor(h / 30))).tickSize(-w).tickFormat(d3.format('~d')));
  gridLines(yAxis, t);
  const xAxis = root.append('g').attr('transform', `translate(0,${h})`).call(d3.axisBottom(x).tickSize(0));
  gridLines(xAxis, t);
  xAxis.selectAll('.tick text').attr('fill', t.fg).attr('dy', '1em');
  root.append('text').attr('x', w / 2).attr('y', h + 32).attr('text-anchor', 'middle').attr('fill', t.fg).text(data.xLabel);
  root.append('text').attr('transform', `translate(${-34},${h / 2}) rotate(-90)`).attr('text-anchor', 'middle').attr('fill', t.fg).text(data.yLabel);

  const bars = root.append('g').attr('class', 'bars');
  bars.selectAll('rect').data(data.bars).join('rect')
    .attr('class', 'bar')
    .attr('data-count', (b) => b.count)
    .attr('x', (b) => x(b.label)!)
    .attr('width', x.bandwidth())
    .attr('y', (b) => y(b.count))
    .attr('height', (b) => h - y(b.count))
    .attr('fill', (b) => b.color ?? t.palette[0]);
  bars.selectAll('text').data(data.bars.filter((b) => b.count > 0)).join('text')
    .attr('x', (b) => x(b.label)! + x.bandwidth() / 2)
    .attr('y', (b) => y(b.count) - 4)
    .attr('text-anchor', 'middle')
    .attr('fill', t.fg)
    .text((b) => `${b.count} (${Math.round((100 * b.count) / total)} %)`);
  if (data.expected) {
    const ticks = root.append('g').attr('class', 'expected');
    data.bars.forEach((b, i) => {
      const e = data.expected![i];
      if (!(e > 0)) return;
      ticks.append('line').attr('x1', x(b.label)! - 3).attr('x2', x(b.label)! + x.bandwidth() + 3).attr('y1', y(e)).attr('y2', y(e))
        .attr('stroke', t.fg).attr('stroke-width', 1.6).attr('stroke-dasharray', '4 3');
    });
    if (data.expectedLabel) {
      const g = root.append('g').attr('transform', `translate(${w - 8}, 2)`);
      g.append('line').attr('x1', -150).attr('x2', -134).attr('y1', 0).attr('y2', 0).attr('stroke', t.fg).attr('stroke-dasharray', '4 3').attr('stroke-width', 1.6);
      g.append('text').attr('x', -130).attr('y', 4).attr('fill', t.fg).text(data.expectedLabel);
    }
  }
}
