// Thin adapters from the essay to the project's chart functions: if a chart's signature changes, this
// is the one file to edit. Each renders a sized .chart-box (what exportFigure collects).
import { useCallback } from 'react';
import type { Size } from '../charts/frame';
import { drawLineChart, type LineChartData } from '../charts/lineChart';
import { drawProjectionChart, type ProjectionChartData } from '../charts/projectionChart';
import { drawHistogramChart, type HistogramChartData } from '../charts/histogramChart';
import { drawNeuronChart } from '../charts/neuronChart';
import type { NeuronData } from '../charts/neuronData';
import type { Theme } from '../charts/theme';
import { useChart } from '../ui/useChart';

interface ChartProps<D> {
  data: D;
  theme: Theme;
  /** accessible name of the figure's drawing */
  label: string;
  height?: number;
}

function Chart<D>({
  data,
  theme,
  label,
  height = 300,
  draw,
}: ChartProps<D> & { draw: (c: HTMLElement, d: D, s: Size, t: Theme) => void }) {
  const drawThemed = useCallback((c: HTMLElement, d: D, s: Size) => draw(c, d, s, theme), [draw, theme]);
  const ref = useChart(drawThemed, data);
  return <div ref={ref} className="chart-box essay-chart" role="img" aria-label={label} style={{ height }} />;
}

export const LineFigure = (p: ChartProps<LineChartData>) => <Chart {...p} draw={drawLineChart} />;
export const ProjectionFigure = (p: ChartProps<ProjectionChartData>) => <Chart {...p} draw={drawProjectionChart} />;
export const HistogramFigure = (p: ChartProps<HistogramChartData>) => <Chart {...p} draw={drawHistogramChart} />;
export const NeuronFigure = (p: ChartProps<NeuronData | undefined>) => <Chart {...p} draw={drawNeuronChart} />;
