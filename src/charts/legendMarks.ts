// Draws a legend laid out by layout/legend.ts: per entry a swatch (line, dashed line, filled or
// hollow dot, diamond) and its label, in a <g class="legend"> at the given corner.
import type * as d3 from 'd3';
import type { LegendLayout } from './layout/legend';
import type { Theme } from './theme';

export interface LegendSwatch {
  label: string;
  color: string;
  dash?: string;
  marker?: 'filled' | 'hollow' | 'diamond' | 'triangle' | 'dot' | 'none';
  /** the swatch's stroke opacity (a faint mark) */
  opacity?: number;
  layer?: string;
}

/** A diamond of half-diagonal r centred on 0 (a prediction beside the measured points). */
export const diamondMark = (r: number): string => `M0,${-r}L${r},0L0,${r}L${-r},0Z`;
/** An upward triangle of about the diamond's size centred on 0. */
export const triangleMark = (r: number): string => `M0,${-r * 1.1}L${r},${r * 0.75}L${-r},${r * 0.75}Z`;

export function drawLegend<E extends SVGElement>(
  parent: d3.Selection<E, unknown, null, undefined>,
  layout: LegendLayout,
  entries: LegendSwatch[],
  at: [number, number],
  fontSize: number,
  t: Theme,
): void {
  const legend = parent
    .append('g')
    .attr('class', 'legend')
    .attr('transform', `translate(${at[0]},${at[1]})`)
    .attr('font-size', fontSize);
  const swatch = fontSize * 1.6;
  const r = Math.min(fontSize * 0.3, 3 * t.pointScale);
  for (const item of layout.items) {
    const entry = entries[item.index];
    const g = legend
      .append('g')
      .attr('class', 'legend-item')
      .attr('transform', `translate(${item.x},${item.y})`)
      .attr('data-layer', entry.layer ?? null);
    const mid = swatch * 0.4;
    if (entry.marker === 'none') {
      // a line of text only
    } else if (entry.marker === 'diamond' || entry.marker === 'triangle')
      g.append('path')
        .attr('d', (entry.marker === 'triangle' ? triangleMark : diamondMark)(r))
        .attr('transform', `translate(${mid},0)`)
        .attr('fill', entry.marker === 'triangle' ? entry.color : t.bg)
        .attr('stroke', entry.color)
        .attr('stroke-width', 1.2 * t.lineScale)
        .attr('stroke-dasharray', entry.dash ?? null)
        .attr('stroke-opacity', entry.opacity ?? null);
    else if (entry.marker)
      g.append('circle')
        .attr('cx', mid)
        .attr('cy', 0)
        .attr('r', r)
        .attr('fill', entry.marker === 'hollow' ? t.bg : entry.color)
        .attr('stroke', entry.color)
        .attr('stroke-width', t.lineScale);
    else
      g.append('line')
        .attr('x1', 0)
        .attr('x2', swatch * 0.8)
        .attr('y1', 0)
        .attr('y2', 0)
        .attr('stroke', entry.color)
        .attr('stroke-width', 2 * t.lineScale)
        .attr('stroke-dasharray', entry.dash ?? null)
        .attr('stroke-opacity', entry.opacity ?? null);
    g.append('text')
      .attr('x', swatch)
      .attr('y', fontSize * 0.35)
      .attr('fill', t.fg)
      .text(item.label);
  }
}
