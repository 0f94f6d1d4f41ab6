// Margins of an x–y chart computed from what sits in them: the widest y tick label, the x tick labels'
// overhang, the axis titles (fitted to the axis length) and the legend rows above the plot.
import type { Margin, Size } from '../frame';
import { em, type Theme } from '../theme';
import { wrapText } from './fitText';
import { layoutLegend, type LegendLayout } from './legend';
import { LINE, type TextMeasure } from './measure';

export interface CartesianSpec {
  size: Size;
  t: Theme;
  measure: TextMeasure;
  compact: boolean;
  /** every label the y axis may show (the widest decides the left margin) */
  yTickLabels: string[];
  /** the x axis' first and last label (they overhang the plot's ends by half their width) */
  xEndLabels: string[];
  /** false: the x axis has no tick labels */
  xTickLabels?: boolean;
  xTitle?: string;
  yTitle?: string;
  legend?: string[];
  /** extra room on the right (edge marks, a key beside the plot) */
  extraRight?: number;
}

export interface CartesianLayout {
  measure: TextMeasure;
  margin: Margin;
  w: number;
  h: number;
  fonts: { tick: number; title: number; legend: number };
  pad: number;
  tickPadding: number;
  legend?: LegendLayout;
  /** legend's top-left corner in svg coordinates */
  legendAt: [number, number];
  /** false: no room for the x tick labels (the chart draws none) */
  xTickLabels: boolean;
  /** the titles as lines that fit their axis ([] when there is no room) */
  xTitle: string[];
  yTitle: string[];
}

export function chartFonts(t: Theme): { tick: number; title: number; legend: number } {
  return { tick: em(t, 10), title: t.fontSize, legend: em(t, 10.5) };
}

/**
 * The layout at the richest level that leaves the plot at least a few lines of height: everything,
 * then without the x title, then without the legend, then without x tick labels.
 */
export function cartesianLayout(spec: CartesianSpec): CartesianLayout {
  const minPlot = 2 * LINE.height * chartFonts(spec.t).tick;
  const levels: Partial<CartesianSpec>[] = [
    {},
    { xTitle: undefined },
    { xTitle: undefined, legend: undefined },
    { xTitle: undefined, legend: undefined, xTickLabels: false },
  ];
  let layout: CartesianLayout | undefined;
  for (const level of levels) {
    layout = layoutAtLevel({ ...spec, ...level });
    if (layout.h >= minPlot) break;
  }
  return layout!;
}

function layoutAtLevel(spec: CartesianSpec): CartesianLayout {
  const { size, t, measure, compact } = spec;
  const fonts = chartFonts(t);
  const pad = em(t, 4);
  const tickPadding = em(t, 3);
  const titleLine = LINE.height * fonts.title;
  // the legend takes at most a quarter of the height: up to four rows, two when compact
  const maxLegendRows = Math.max(
    1,
    Math.min(compact ? 2 : 4, Math.floor((size.height * 0.25) / (LINE.height * fonts.legend))),
  );
  const legend = spec.legend?.length
    ? layoutLegend(spec.legend, size.width - 2 * pad, fonts.legend, measure, maxLegendRows)
    : undefined;
  // the top y tick label reaches half a line above the plot
  const top = pad + (legend && legend.rows ? legend.height + pad : 0) + (LINE.height * fonts.tick) / 2;
  const yLabelWidth = Math.max(0, ...spec.yTickLabels.map((l) => measure(l, fonts.tick)));
  // titles: one line when compact, else up to two (the x title may use the figure's width, centred
  // under the plot as far as it can be; the y title the plot's height)
  const titleLines = compact ? 1 : 2;
  const xTitle = spec.xTitle ? wrapText(spec.xTitle, size.width - 2 * pad, fonts.title, measure, titleLines) : [];
  const tickBand = spec.xTickLabels === false ? tickPadding : tickPadding + LINE.height * fonts.tick;
  const bottom = tickBand + (xTitle.length ? pad * 0.5 + xTitle.length * titleLine : 0) + pad;
  const h = Math.max(10, size.height - top - bottom);
  const yTitle = spec.yTitle ? wrapText(spec.yTitle, h, fonts.title, measure, titleLines) : [];
  const left0 = pad + (yTitle.length ? yTitle.length * titleLine + pad * 0.5 : 0) + yLabelWidth + tickPadding;
  const overhang = Math.max(0, ...spec.xEndLabels.map((l) => measure(l, fonts.tick) / 2));
  const right = Math.max(pad, overhang + 2) + (spec.extraRight ?? 0);
  const left = Math.max(left0, overhang + 2);
  const w = Math.max(10, size.width - left - right);
  return {
    measure,
    xTickLabels: spec.xTickLabels !== false,
    margin: { top, right, bottom, left },
    w,
    h,
    fonts,
    pad,
    tickPadding,
    legend,
    legendAt: [pad, pad],
    xTitle,
    yTitle,
  };
}
