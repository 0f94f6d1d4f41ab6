// Panel 2: alignment ‖P_out x_b‖/‖x_b‖ of every block with its outlier space over time, for H (solid) and
// G (dashed); undefined values (no outlier space, or one not resolved) are gaps in the lines.
import { useCallback, useMemo } from 'react';
import type { Size } from '../charts/frame';
import { drawLineChart, type LineChartData } from '../charts/lineChart';
import { TIME_LABEL, alignmentSeries } from '../charts/series';
import { alignmentNow, alignmentSummary } from '../charts/summaries';
import { matricesSentence, matrixLabel } from '../state/measurement';
import { useTheme } from './themeContext';
import { ChartBox } from './ChartBox';
import type { EngineSnapshot } from './engineClient';

export function AlignmentPanel({ snapshot }: { snapshot: EngineSnapshot }) {
  const { checkpoints, config } = snapshot;
  const theme = useTheme();
  const gName = config ? matrixLabel('G', config) : 'G';
  const measurement = config ? matricesSentence(config, snapshot.resolved?.M ?? config.M) : undefined;
  const draw = useCallback((c: HTMLElement, d: LineChartData, s: Size) => drawLineChart(c, d, s, theme), [theme]);
  const data = useMemo<LineChartData>(() => {
    const { series, legend } = alignmentSeries(checkpoints, theme, gName);
    const lows = series.flatMap((s) => s.points.map((p) => p[1])).filter(Number.isFinite);
    return {
      series,
      legend,
      scale: 'linear',
      yDomain: [Math.min(0, ...lows), 1.08],
      references: [{ y: 1, label: 'A = 1: x_b inside the outlier eigenspace' }],
      xLabel: TIME_LABEL,
      yLabel: 'alignment A = ‖P_out x_b‖ / ‖x_b‖',
    };
  }, [checkpoints, theme, gName]);
  return (
    <section className="panel panel-alignment" aria-labelledby="alignment-title" data-testid="panel-alignment">
      <header>
        <h2 id="alignment-title">Alignment</h2>
      </header>
      <p className="panel-sub">
        Fraction of each block’s parameters x_b that lies in the block’s outlier eigenspace (the span of its top n
        eigenvectors, n = its outlier count; the tooltip gives n), for H (solid) and {gName} (dashed).
        {measurement ? ` ${measurement}` : ''} A gap in a line: undefined there (no outliers, or an outlier space not
        separated from the rest of the spectrum).
        {alignmentNow(checkpoints[checkpoints.length - 1])}
      </p>
      <ChartBox
        className="chart-full"
        draw={draw}
        data={data}
        label="alignment of every block over time"
        testId="chart-alignment"
      />
      <p className="panel-summary" data-testid="summary-alignment">
        {alignmentSummary(checkpoints)}
        {measurement ? ` ${measurement}` : ''}
      </p>
    </section>
  );
}
